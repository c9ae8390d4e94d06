import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { network } from './subjects';
import {
  AwsCompute,
  DatabaseEngine,
  HealthCheck,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  NatGatewayMode,
  Platform,
  ReplicatedDatabase,
  Rollout,
  Workload,
} from '../../src';

/*
 * Promise: a configuration that synthesizes but can never work is refused at synth, saying what to do.
 */

const IMAGE = 'ghcr.io/acme/api:1.4.2';
const ECR = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2';

function synthError(make: (stack: TerraformStack) => void): string | undefined {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new KubernetesProvider(stack, 'kubernetes', { configPath: '~/.kube/config' });
  try {
    make(stack);
    // With the validations that run at synth (zones against the provider's region).
    Testing.synth(stack, true);
    return undefined;
  } catch (e) {
    expect((e as Error).name).toMatch(/ValidationError|Error/);
    return (e as Error).message;
  }
}

function userData(stack: TerraformStack): string {
  const json = JSON.parse(Testing.synth(stack));
  const template = Object.values(json.resource.aws_launch_template as Record<string, { user_data: string }>)[0];
  return Buffer.from(template.user_data, 'base64').toString('utf8');
}

describe('a health check on a port of its own (AWS)', () => {
  test('the instance publishes it too, so the load balancer can reach it', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const platform = Platform.aws({ network: network(stack), compute: AwsCompute.EC2 });
    const lb = new HealthCheckedLoadBalancer(stack, 'lb', { platform, allowPlainHttp: true });
    new MultiAzService(stack, 'api', { platform, loadBalancer: lb, workload: Workload.container({ image: IMAGE, port: 3000 }), healthCheck: HealthCheck.http('/health', { port: 9999 }) });
    const script = userData(stack);
    expect(script).toContain('--publish 3000:3000');
    expect(script).toContain('--publish 9999:9999');
    expect(script).toContain('http://127.0.0.1:9999/health');
  });

  test('a check on the workload port publishes it once', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new MultiAzService(stack, 'api', { platform: Platform.aws({ network: network(stack), compute: AwsCompute.EC2 }), workload: Workload.container({ image: IMAGE, port: 3000 }) });
    expect(userData(stack).match(/--publish/g)).toHaveLength(1);
  });
});

describe('a network without NAT gateways', () => {
  const noNat = (stack: TerraformStack) => new MultiAzNetwork(stack, 'net', { natGateways: NatGatewayMode.NONE });

  test('instances that must reach the internet (Docker, the image, AWS APIs) are refused', () => {
    const message = synthError((s) => new MultiAzService(s, 'api', { platform: Platform.aws({ network: noNat(s) }), workload: Workload.container({ image: IMAGE, port: 3000 }) }));
    expect(message).toContain('MultiAzService "stack/api": `platform.network` "stack/net" gives its private subnets no route to the internet (no NAT gateway)');
    expect(message).toContain('Give the network NAT gateways (`natGateways: NatGatewayMode.PER_ZONE`), or create VPC endpoints');
  });

  test('with internetEgress off, an image outside ECR is refused; an ECR image is accepted', () => {
    const outside = synthError((s) => new MultiAzService(s, 'api', { platform: Platform.aws({ network: noNat(s) }), internetEgress: false, workload: Workload.container({ image: IMAGE, port: 3000 }) }));
    expect(outside).toContain('`workload.image` cannot be pulled: its registry (ghcr.io) is outside AWS');
    expect(outside).toContain('Mirror the image to Amazon ECR');
    expect(synthError((s) => new MultiAzService(s, 'api', { platform: Platform.aws({ network: noNat(s) }), internetEgress: false, workload: Workload.container({ image: ECR, port: 3000 }) }))).toBeUndefined();
  });

  test('the network says whether its private subnets reach the internet', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(new MultiAzNetwork(stack, 'a', { natGateways: NatGatewayMode.NONE }).privateInternetAccess).toBe(false);
    expect(new MultiAzNetwork(stack, 'b', {}).privateInternetAccess).toBe(true);
    expect(new MultiAzNetwork(stack, 'c', { natGateways: NatGatewayMode.SINGLE }).privateInternetAccess).toBe(true);
  });

  test('natGateways that is not a member is refused, not read as "no NAT"', () => {
    expect(synthError((s) => new MultiAzNetwork(s, 'net', { natGateways: 'BOGUS' as any }))).toBe(
      'MultiAzNetwork "stack/net": `natGateways` must be one of NatGatewayMode.PER_ZONE, NatGatewayMode.SINGLE, NatGatewayMode.NONE, got "BOGUS".',
    );
  });
});

describe('createNamespace on a namespace every cluster has', () => {
  test.each(['default', 'kube-system', 'kube-public', 'kube-node-lease'])('%s is refused', (namespaceName) => {
    const message = synthError((s) => new MultiAzService(s, 'web', { platform: Platform.kubernetes({ namespaceName }), createNamespace: true, workload: Workload.container({ image: IMAGE, port: 3000 }) }));
    expect(message).toBe(
      `MultiAzService "stack/web": \`createNamespace\` cannot create the namespace "${namespaceName}": every cluster already has it, so creating it fails (and deleting the service would try to delete it), got true. ` +
        'Remove `createNamespace`, or use a namespace of your own in `Platform.kubernetes({ namespaceName })`.',
    );
  });

  test('a namespace of your own is created', () => {
    expect(synthError((s) => new MultiAzService(s, 'web', { platform: Platform.kubernetes({ namespaceName: 'shop' }), createNamespace: true, workload: Workload.container({ image: IMAGE, port: 3000 }) }))).toBeUndefined();
  });
});

describe('Rollout.canary', () => {
  test('needs a weight: none is silently picked', () => {
    const message = synthError((s) => new MultiAzService(s, 'web', { platform: Platform.kubernetes({ namespaceName: 'shop' }), workload: Workload.container({ image: IMAGE, port: 3000 }), rollout: Rollout.canary({} as any) }));
    expect(message).toContain('`rollout.weight` is required: the percent of the traffic the canary receives (1 to 99), got nothing.');
  });

  test('a weight out of range is refused, not replaced by 10', () => {
    const message = synthError((s) => new MultiAzService(s, 'web', { platform: Platform.kubernetes({ namespaceName: 'shop' }), replicas: 4, workload: Workload.container({ image: IMAGE, port: 3000 }), rollout: Rollout.canary({ weight: 150 }) }));
    expect(message).toContain('`rollout.weight`');
    expect(message).toContain('got 150');
  });
});

describe('image references follow the distribution grammar', () => {
  const error = (image: string) => synthError((s) => new MultiAzService(s, 'web', { platform: Platform.kubernetes({ namespaceName: 'shop' }), workload: Workload.container({ image, port: 3000 }) }));

  test.each([
    ['Ghcr.io/Acme/API:1.0', 'the repository name "Acme/API" must be lower case'],
    ['a:b:c:1.0', 'it has more than one ":" tag separator'],
    ['ghcr.io/acme/api:1.0 ', 'it contains white space'],
    ['ghcr.io/acme/api@sha256:abc', 'its digest is malformed'],
    ['ghcr.io/acme//api:1.0', 'it does not follow the reference grammar'],
    ['ghcr.io/acme/api:-1', 'it does not follow the reference grammar'],
    [`ghcr.io/acme/api@sha256:${'a'.repeat(63)}`, 'its sha256 digest must have 64 hex digits, got 63'],
  ])('%s is refused: %s', (image, why) => {
    expect(error(image)).toContain(`\`workload.image\` must be a valid image reference, [registry/]repository[:tag][@digest] with a lower-case repository: ${why}`);
  });

  test.each([
    'nginx:1.27',
    'library/nginx:1.27',
    'localhost:5000/api:1.0',
    'registry.example.com:5000/team/api:2024.01.02',
    '[2001:db8::1]:5000/api:1.0',
    `ghcr.io/acme/api@sha256:${'a'.repeat(64)}`,
    `ghcr.io/acme/api:1.0@sha256:${'b'.repeat(64)}`,
    'ghcr.io/acme/my_api__v2-x:1.0',
  ])('%s is accepted', (image) => {
    expect(error(image)).toBeUndefined();
  });
});

describe('zones of another region', () => {
  test('a zone that is not in the provider\'s literal region is refused', () => {
    // Checked when the stack is synthesized (after aspects have given the resources their provider).
    expect(synthError((s) => new MultiAzNetwork(s, 'net', { availabilityZones: ['eu-west-1a', 'us-east-1b'] }))).toContain(
      '[stack/net] MultiAzNetwork "stack/net": `availabilityZones[1]` must be an availability zone of the AWS provider\'s region eu-west-1 (e.g. "eu-west-1a"), got "us-east-1b". ' +
        'Use the zones of eu-west-1, or give the network\'s resources a provider of the zone\'s region.',
    );
  });

  test('zones of the region, and Local Zones of it, are accepted', () => {
    expect(synthError((s) => new MultiAzNetwork(s, 'net', { availabilityZones: ['eu-west-1a', 'eu-west-1c'] }))).toBeUndefined();
  });

  test('without a literal region nothing can be judged, and nothing is refused', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', {});
    new MultiAzNetwork(stack, 'net', { availabilityZones: ['us-east-1a', 'us-east-1b'] });
    expect(() => Testing.synth(stack)).not.toThrow();
  });
});

describe('engine versions that can never exist', () => {
  const error = (engine: DatabaseEngine) => synthError((s) => new ReplicatedDatabase(s, 'db', { platform: Platform.aws({ network: network(s) }), engine }));

  test.each([
    ['postgres', '16.999', 'PostgreSQL 16 gets at most 16.25 (the project\'s release policy)', '"16"'],
    ['postgres', '16.0', 'PostgreSQL 16 starts at 16.1 on RDS', '"16"'],
    ['mysql', '8.0.99', 'MySQL 8.0 gets at most 8.0.50 (the project\'s release policy)', '"8.0"'],
    ['mysql', '5.7.45', 'MySQL 5.7 gets at most 5.7.44 (the project\'s release policy)', '"5.7"'],
  ] as const)('%s %s is refused', (engine, version, why, major) => {
    expect(error((DatabaseEngine as any)[engine](version))).toBe(
      `ReplicatedDatabase "stack/db": \`engine.version\` must be a version RDS can offer: ${why}, got "${version}". ` +
        `Give only the major version (${major}) to get the default minor version, or a minor version of the engine's release notes.`,
    );
  });

  test.each([
    ['postgres', '16'],
    ['postgres', '16.4'],
    ['postgres', '17.2'],
    ['mysql', '8.0.40'],
    ['mysql', '8.4'],
  ] as const)('%s %s is accepted', (engine, version) => {
    expect(error((DatabaseEngine as any)[engine](version))).toBeUndefined();
  });
});
