import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as os from 'os';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Fn, TerraformResource, TerraformStack, Testing } from 'cdktf';
import {
  closeOfflineProviders,
  OfflineDiagnostic,
  OfflineResult,
  terraformAvailable,
  validateOffline,
  versionSatisfies,
} from '../../src/proof/runner';

const hasTerraform = terraformAvailable();

interface Fixture {
  readonly stack: TerraformStack;
  readonly vpc: Vpc;
  readonly subnets: Subnet[];
  readonly sg: SecurityGroup;
  readonly lb: Lb;
  readonly listener: LbListener;
  readonly bucket: S3Bucket;
}

/** A small but realistic stack: multi-AZ network, ALB, replicated buckets, a Kubernetes app. */
function fixture(): Fixture {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'offline');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1', defaultTags: [{ tags: { owner: 'tests' } }] });
  const west = new AwsProvider(stack, 'aws-west', { alias: 'west', region: 'us-west-2' });

  const azs = new DataAwsAvailabilityZones(stack, 'azs', { state: 'available' });
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true });
  const subnets = [0, 1].map(
    (i) =>
      new Subnet(stack, `subnet-${i}`, {
        vpcId: vpc.id,
        cidrBlock: Fn.cidrsubnet(vpc.cidrBlock, 8, i),
        availabilityZone: Fn.element(azs.names, i),
      }),
  );
  // One more subnet per availability zone: count is an expression over a data source.
  const perAz = new Subnet(stack, 'per-az', { vpcId: vpc.id, cidrBlock: '10.0.100.0/24' });
  perAz.addOverride('count', `\${length(${azs.fqn}.names)}`);
  perAz.addOverride('availability_zone', `\${${azs.fqn}.names[count.index]}`);

  const sg = new SecurityGroup(stack, 'sg', {
    vpcId: vpc.id,
    ingress: [{ fromPort: 80, toPort: 80, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }],
    egress: [{ fromPort: 0, toPort: 0, protocol: '-1', cidrBlocks: ['0.0.0.0/0'] }],
  });
  const lb = new Lb(stack, 'lb', {
    loadBalancerType: 'application',
    subnets: subnets.map((s) => s.id),
    securityGroups: [sg.id],
  });
  const tg = new LbTargetGroup(stack, 'tg', {
    port: 80,
    protocol: 'HTTP',
    vpcId: vpc.id,
    healthCheck: { path: '/health', interval: 15, matcher: '200' },
  });
  const listener = new LbListener(stack, 'listener', {
    loadBalancerArn: lb.arn,
    port: 80,
    protocol: 'HTTP',
    defaultAction: [{ type: 'forward', targetGroupArn: tg.arn }],
  });
  // Two replicas in another region: literal count, aliased provider.
  const bucket = new S3Bucket(stack, 'bucket', { provider: west, bucketPrefix: 'replica-' });
  bucket.addOverride('count', 2);

  new KubernetesProvider(stack, 'k8s', { host: `https://${lb.dnsName}`, token: 'offline', insecure: true });
  const ns = new NamespaceV1(stack, 'ns', { metadata: { name: 'app' } });
  const labels = { app: 'web' };
  new DeploymentV1(stack, 'web', {
    metadata: { name: 'web', namespace: ns.metadata.name },
    spec: {
      replicas: '3',
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { container: [{ name: 'web', image: 'nginx:1.27', port: [{ containerPort: 8080 }] }] },
      },
    },
  });
  new ServiceV1(stack, 'web-svc', {
    metadata: { name: 'web', namespace: ns.metadata.name },
    spec: { selector: labels, port: [{ port: 80, targetPort: '8080' }] },
  });
  return { stack, vpc, subnets, sg, lb, listener, bucket };
}

function errors(result: OfflineResult): OfflineDiagnostic[] {
  return result.diagnostics.filter((d) => d.severity === 'error');
}

(hasTerraform ? describe : describe.skip)('terraform validate + plan, offline', () => {
  jest.setTimeout(60_000);
  afterAll(() => closeOfflineProviders());

  test('a correct AWS + Kubernetes stack passes validate and plan, adding every declared resource', () => {
    const { stack } = fixture();
    const result = validateOffline(stack);
    expect(errors(result)).toEqual([]);
    expect(result).toMatchObject({ ok: true, validated: true, planned: true });
    expect(result.providers.sort()).toEqual([
      'registry.terraform.io/hashicorp/aws',
      'registry.terraform.io/hashicorp/kubernetes',
    ]);
    // vpc, 2 subnets, 3 per-AZ subnets (count from the data source), sg, lb, tg, listener,
    // 2 buckets (count = 2), namespace, deployment, service.
    expect(result.resourceCount).toBe(15);
    expect(result.plannedAdds).toBe(result.resourceCount);
    expect(result.dynamicCountResources).toEqual(['aws_subnet.per-az']);
    expect(stack).toBeValidTerraformOffline();
  });

  test('a reference to a non-existent attribute fails with Terraform’s "Unsupported attribute"', () => {
    const { stack, listener } = fixture();
    listener.addOverride('load_balancer_arn', '${aws_lb.lb.arnn}');
    const result = validateOffline(stack);
    expect(result.ok).toBe(false);
    expect(errors(result)).toContainEqual(
      expect.objectContaining({
        stage: 'validate',
        summary: 'Unsupported attribute',
        detail: expect.stringContaining('"arnn". Did you mean "arn"?'),
        location: expect.stringMatching(/^main\.tf\.json:\d+:\d+$/),
      }),
    );
    expect(stack).not.toBeValidTerraformOffline();
  });

  test('a wrong attribute type set through addOverride fails with "Incorrect attribute value type"', () => {
    const { stack, vpc } = fixture();
    vpc.addOverride('enable_dns_hostnames', 'sometimes');
    const result = validateOffline(stack);
    expect(result.ok).toBe(false);
    expect(errors(result)).toContainEqual(
      expect.objectContaining({
        summary: 'Incorrect attribute value type',
        detail: expect.stringContaining('Inappropriate value for attribute "enable_dns_hostnames": a bool is required.'),
        snippet: expect.stringContaining('"enable_dns_hostnames": "sometimes"'),
      }),
    );
  });

  test.each([
    ['deleted by an override (Terraform core)', undefined],
    ['overridden with null (the provider)', null],
  ])('a required argument %s fails with "Missing required argument"', (_how, value) => {
    const { stack, subnets } = fixture();
    subnets[1].addOverride('vpc_id', value);
    const result = validateOffline(stack);
    expect(result.ok).toBe(false);
    expect(errors(result)).toContainEqual(
      expect.objectContaining({
        summary: 'Missing required argument',
        detail: 'The argument "vpc_id" is required, but no definition was found.',
        location: expect.stringMatching(/^main\.tf\.json:\d+:\d+$/),
        ...(value === null ? { address: 'aws_subnet.subnet-1', snippet: '"vpc_id": null' } : {}),
      }),
    );
  });

  test('a value on a computed-only attribute is rejected by the provider, with the attribute path', () => {
    const { stack, bucket } = fixture();
    bucket.addOverride('arn', 'arn:aws:s3:::not-settable');
    const result = validateOffline(stack);
    expect(result.ok).toBe(false);
    const diag = errors(result).find((d) => d.summary === 'Invalid Configuration for Read-Only Attribute');
    expect(diag).toMatchObject({
      stage: 'validate',
      address: 'aws_s3_bucket.bucket',
      detail: expect.stringContaining('"arn" of aws_s3_bucket is computed by the provider'),
      snippet: expect.stringContaining('"arn": "arn:aws:s3:::not-settable"'),
      location: expect.stringMatching(/^main\.tf\.json:\d+:\d+$/),
    });
  });

  test('a computed-only attribute inside a nested block is reported with its full path', () => {
    const { stack } = fixture();
    const deployment = stack.node.findChild('web') as DeploymentV1;
    deployment.addOverride('metadata.uid', 'not-settable');
    const result = validateOffline(stack);
    expect(result.ok).toBe(false);
    expect(errors(result)).toContainEqual(
      expect.objectContaining({
        summary: 'Invalid Configuration for Read-Only Attribute',
        detail: expect.stringContaining('"metadata[0].uid" of kubernetes_deployment_v1'),
        snippet: expect.stringContaining('"uid": "not-settable"'),
      }),
    );
  });

  test('an unknown resource type fails with "Invalid resource type" (and Terraform’s own suggestion)', () => {
    const { stack } = fixture();
    new TerraformResource(stack, 'ghost', { terraformResourceType: 'aws_no_such_thing' });
    new TerraformResource(stack, 'typo', { terraformResourceType: 'aws_s3_bukcet' });
    const result = validateOffline(stack);
    expect(result.ok).toBe(false);
    expect(errors(result)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          summary: 'Invalid resource type',
          detail: 'The provider hashicorp/aws does not support resource type "aws_no_such_thing".',
        }),
        expect.objectContaining({
          summary: 'Invalid resource type',
          detail: expect.stringContaining('Did you mean "aws_s3_bucket"?'),
        }),
      ]),
    );
  });

  test('a dependency cycle fails with Terraform’s "Cycle" error', () => {
    const { stack, sg, lb } = fixture();
    // lb already depends on sg (security_groups); make sg depend on lb.
    sg.addOverride('depends_on', [`${lb.terraformResourceType}.${lb.friendlyUniqueId}`]);
    const result = validateOffline(stack);
    expect(result.ok).toBe(false);
    expect(errors(result)).toContainEqual(
      expect.objectContaining({ summary: expect.stringMatching(/^Cycle: .*aws_lb\.lb.*|^Cycle: .*aws_security_group\.sg.*/) }),
    );
  });

  test('the matcher message carries Terraform’s diagnostics', () => {
    const { stack, subnets } = fixture();
    subnets[0].addOverride('vpc_id', null);
    expect(() => expect(stack).toBeValidTerraformOffline()).toThrow(
      /validate 1 error[\s\S]*Error: Missing required argument\n {2}with aws_subnet\.subnet-0, on main\.tf\.json:\d+:\d+\n {4}"vpc_id": null\n {2}The argument "vpc_id" is required/,
    );
  });

  test('accepts synthesized JSON text and a parsed object as well as a stack', () => {
    const json = Testing.synth(fixture().stack);
    const fromText = validateOffline(json, { skipPlan: true });
    expect(fromText).toMatchObject({ ok: true, validated: true, planned: false });
    const parsed = JSON.parse(json);
    parsed.resource.aws_vpc.vpc.instance_tenancy = ['not', 'a', 'string'];
    expect(validateOffline(parsed).diagnostics).toContainEqual(expect.objectContaining({ summary: 'Incorrect attribute value type' }));
  });

  test('count and for_each literals are honoured when counting declared resources', () => {
    const { stack, vpc } = fixture();
    const perTier = new Subnet(stack, 'per-tier', { vpcId: vpc.id, cidrBlock: '${each.value}' });
    perTier.addOverride('for_each', { web: '10.0.10.0/24', app: '10.0.11.0/24', db: '10.0.12.0/24' });
    const none = new Subnet(stack, 'none', { vpcId: vpc.id, cidrBlock: '10.0.200.0/24' });
    none.addOverride('count', 0);
    const result = validateOffline(stack);
    expect(errors(result)).toEqual([]);
    expect(result).toMatchObject({ ok: true, resourceCount: 18, plannedAdds: 18 });
  });

  test('reads a cdk.tf.json written by a full synth (metadata comments included)', () => {
    const outdir = Testing.fullSynth(fixture().stack);
    const result = validateOffline(outdir);
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(errors(result)).toEqual([]);
    expect(result).toMatchObject({ ok: true, resourceCount: 15, plannedAdds: 15 });
  });

  test('warns when a pinned provider version excludes the offline schema', () => {
    const parsed = JSON.parse(Testing.synth(fixture().stack));
    parsed.terraform.required_providers.aws.version = '~> 5.0';
    const result = validateOffline(parsed, { skipPlan: true });
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        summary: 'Provider version constraint excludes the offline schema',
        detail: expect.stringContaining('required as "~> 5.0"'),
      }),
    );
  });

  test('without installed bindings, the shipped schema dumps still prove the stack (CLI in other languages)', () => {
    const json = Testing.synth(fixture().stack);
    const empty = fs.mkdtempSync(`${os.tmpdir()}/tfo-no-bindings-`);
    try {
      const result = validateOffline(json, { packagesFrom: empty });
      expect(errors(result)).toEqual([]);
      expect(result).toMatchObject({ ok: true, resourceCount: 15, plannedAdds: 15 });
      expect(result.proof.schemas).toEqual([
        expect.stringContaining('hashicorp/aws 6.25.0: real schema (aws-6.25.0.json.gz; no bindings installed'),
        expect.stringContaining('hashicorp/kubernetes 2.38.0: real schema (kubernetes-2.38.0.json.gz; no bindings installed'),
      ]);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('a provider without installed bindings is reported before Terraform runs', () => {
    const parsed = JSON.parse(Testing.synth(fixture().stack));
    parsed.resource.random_pet = { name: {} };
    const result = validateOffline(parsed);
    expect(result).toMatchObject({ ok: false, validated: false });
    expect(errors(result)).toEqual([
      expect.objectContaining({ stage: 'prepare', summary: 'No offline schema for provider registry.terraform.io/hashicorp/random' }),
    ]);
  });
});

describe('versionSatisfies (Terraform version constraints)', () => {
  test.each([
    ['6.25.0', '6.25.0', true],
    ['6.25.0', '>= 6.0, < 7.0', true],
    ['6.25.0', '~> 6.0', true],
    ['6.25.0', '~> 6.25.1', false],
    ['6.25.0', '~> 5.0', false],
    ['6.25.0', '!= 6.25.0', false],
    ['2.38.0', '~> 2.38.0', true],
  ])('%s satisfies "%s": %s', (version, constraint, expected) => {
    expect(versionSatisfies(version, constraint)).toBe(expected);
  });
});
