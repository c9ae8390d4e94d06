import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  BlockSchema,
  buildProviderSchema,
  findInBlock,
  findProviderPackages,
  loadProviderSchema,
  NestedBlockSchema,
  ProviderSchema,
  schemaCacheFile,
  AttributeSchema,
} from '../../src/proof/schema';

// Schema reconstruction needs no terraform binary: these tests always run.
const AWS = 'registry.terraform.io/hashicorp/aws';
const KUBERNETES = 'registry.terraform.io/hashicorp/kubernetes';

// What the bindings alone give (no dump, no patches): the reconstruction under test.
let aws: ProviderSchema;
let kubernetes: ProviderSchema;

beforeAll(() => {
  const packages = findProviderPackages(`${__dirname}/../..`);
  aws = buildProviderSchema(packages.find((p) => p.address === AWS)!);
  kubernetes = buildProviderSchema(packages.find((p) => p.address === KUBERNETES)!);
}, 60_000);

function attribute(block: BlockSchema, name: string): AttributeSchema {
  const found = findInBlock(block, name);
  if (found?.kind !== 'attribute') throw new Error(`${name} is not an attribute (${found?.kind ?? 'missing'})`);
  return found.attribute;
}

function nested(block: BlockSchema, name: string): NestedBlockSchema {
  const found = findInBlock(block, name);
  if (found?.kind !== 'block') throw new Error(`${name} is not a block (${found?.kind ?? 'missing'})`);
  return found.block;
}

describe('provider packages', () => {
  test('finds the AWS and Kubernetes bindings with their provider versions', () => {
    const packages = findProviderPackages(`${__dirname}/../..`);
    expect(packages.find((p) => p.address === AWS)).toMatchObject({ packageName: '@cdktf/provider-aws', providerVersion: '6.25.0' });
    expect(packages.find((p) => p.address === KUBERNETES)).toMatchObject({
      packageName: '@cdktf/provider-kubernetes',
      providerVersion: '2.38.0',
    });
  });

  test('finds prebuilt bindings of cdktf\'s community fork by name too (@cdktn/provider-*)', () => {
    const root = fs.mkdtempSync(`${os.tmpdir()}/tfo-cdktn-`);
    try {
      const dir = path.join(root, 'node_modules', '@cdktn', 'provider-random');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'package.json'),
        JSON.stringify({ name: '@cdktn/provider-random', version: '1.0.0', cdktn: { provider: { name: 'registry.terraform.io/hashicorp/random', version: '3.7.2' } } }),
      );
      expect(findProviderPackages(root)).toEqual([
        { address: 'registry.terraform.io/hashicorp/random', packageName: '@cdktn/provider-random', packageVersion: '1.0.0', providerVersion: '3.7.2', dir },
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('caches each schema on disk under node_modules/.cache/terraform-offline, keyed by package version', () => {
    const pkg = findProviderPackages(`${__dirname}/../..`).find((p) => p.address === AWS)!;
    loadProviderSchema(pkg);
    const file = schemaCacheFile(pkg, 'real');
    expect(file).toMatch(/node_modules\/\.cache\/terraform-offline\/cdktf-provider-aws@21\.22\.\d+\.schema-v\d+\.real\.json$/);
    expect(fs.existsSync(file)).toBe(true);
    const again = loadProviderSchema(pkg);
    expect(again).toMatchObject({ fromCache: true, cacheFile: file });
  });
});

describe('AWS schema reconstruction', () => {
  test('covers every resource and data source of the bindings', () => {
    expect(Object.keys(aws.resources).length).toBeGreaterThanOrEqual(1500);
    expect(Object.keys(aws.dataSources).length).toBeGreaterThanOrEqual(600);
  });

  test('aws_lb_target_group: health_check is a LIST block of at most 1 item; arn is computed-only', () => {
    const tg = aws.resources.aws_lb_target_group;
    const healthCheck = nested(tg, 'health_check');
    expect(healthCheck).toMatchObject({ nesting: 'list', minItems: 0, maxItems: 1 });
    expect(attribute(healthCheck.block, 'interval')).toEqual({ name: 'interval', type: 'number', optional: true });
    expect(attribute(healthCheck.block, 'matcher')).toEqual({ name: 'matcher', type: 'string', optional: true, computed: true });
    expect(attribute(tg, 'arn')).toEqual({ name: 'arn', type: 'string', computed: true });
    expect(attribute(tg, 'port')).toEqual({ name: 'port', type: 'number', optional: true });
    expect(attribute(tg, 'tags')).toEqual({ name: 'tags', type: ['map', 'string'], optional: true });
    expect(attribute(tg, 'load_balancer_arns')).toEqual({ name: 'load_balancer_arns', type: ['set', 'string'], computed: true });
    // target_failover is a repeatable block; stickiness.type is required inside its block.
    expect(nested(tg, 'target_failover')).toMatchObject({ nesting: 'list', maxItems: 0 });
    expect(attribute(nested(tg, 'stickiness').block, 'type')).toMatchObject({ required: true });
  });

  test('aws_security_group: ingress is a SET of objects (attribute-as-blocks, a plain cty type), vpc_id optional', () => {
    const sg = aws.resources.aws_security_group;
    const ingress = attribute(sg, 'ingress');
    expect(ingress.nestedType).toBeUndefined();
    expect(ingress.type).toEqual(['set', ['object', expect.objectContaining({ from_port: 'number', self: 'bool', cidr_blocks: ['list', 'string'] })]]);
    expect(attribute(sg, 'vpc_id')).toMatchObject({ type: 'string', optional: true, computed: true });
    expect(attribute(sg, 'owner_id')).toEqual({ name: 'owner_id', type: 'string', computed: true });
  });

  test('aws_db_instance: instance_class is required, computed nested objects keep their object type', () => {
    const db = aws.resources.aws_db_instance;
    expect(attribute(db, 'instance_class')).toEqual({ name: 'instance_class', type: 'string', required: true });
    expect(attribute(db, 'multi_az')).toMatchObject({ type: 'bool', optional: true });
    expect(attribute(db, 'listener_endpoint')).toEqual({
      name: 'listener_endpoint',
      type: ['list', ['object', { address: 'string', hosted_zone_id: 'string', port: 'number' }]],
      computed: true,
    });
  });

  test('aws_subnet: vpc_id is required; aws_s3_bucket: arn is computed-only', () => {
    expect(attribute(aws.resources.aws_subnet, 'vpc_id')).toEqual({ name: 'vpc_id', type: 'string', required: true });
    expect(attribute(aws.resources.aws_s3_bucket, 'arn')).toEqual({ name: 'arn', type: 'string', computed: true });
  });

  test('data sources and the provider configuration', () => {
    const azs = aws.dataSources.aws_availability_zones;
    expect(attribute(azs, 'names')).toEqual({ name: 'names', type: ['list', 'string'], computed: true });
    expect(nested(azs, 'filter')).toMatchObject({ nesting: 'set' });
    expect(attribute(aws.provider, 'region')).toEqual({ name: 'region', type: 'string', optional: true });
    expect(nested(aws.provider, 'default_tags')).toMatchObject({ nesting: 'list' });
    // alias is a Terraform meta-argument, not part of the provider schema.
    expect(findInBlock(aws.provider, 'alias')).toBeUndefined();
  });

  test('every block schema satisfies Terraform’s own schema rules', () => {
    const problems: string[] = [];
    const check = (block: BlockSchema, where: string) => {
      const seen = new Set<string>();
      for (const a of block.attributes) {
        if (!/^[a-z0-9_]+$/.test(a.name)) problems.push(`${where}.${a.name}: bad name`);
        if (seen.has(a.name)) problems.push(`${where}.${a.name}: duplicate`);
        seen.add(a.name);
        if (!a.required && !a.optional && !a.computed) problems.push(`${where}.${a.name}: no mode`);
        if (a.required && (a.optional || a.computed)) problems.push(`${where}.${a.name}: required and optional/computed`);
        if ((a.type === undefined) === (a.nestedType === undefined)) problems.push(`${where}.${a.name}: type xor nestedType`);
      }
      for (const b of block.blockTypes) {
        if (seen.has(b.name)) problems.push(`${where}.${b.name}: duplicate`);
        seen.add(b.name);
        if (b.nesting === 'single' && b.minItems !== b.maxItems) problems.push(`${where}.${b.name}: single min != max`);
        check(b.block, `${where}.${b.name}`);
      }
    };
    for (const schema of [aws, kubernetes]) {
      check(schema.provider, 'provider');
      for (const [type, block] of Object.entries(schema.resources)) check(block, type);
      for (const [type, block] of Object.entries(schema.dataSources)) check(block, `data.${type}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('Kubernetes schema reconstruction', () => {
  test('kubernetes_deployment_v1: metadata and spec are required single-item blocks', () => {
    const deployment = kubernetes.resources.kubernetes_deployment_v1;
    const spec = nested(deployment, 'spec');
    expect(spec).toMatchObject({ nesting: 'list', minItems: 1, maxItems: 1 });
    expect(nested(deployment, 'metadata')).toMatchObject({ nesting: 'list', minItems: 1, maxItems: 1 });
    expect(nested(spec.block, 'template')).toMatchObject({ minItems: 1, maxItems: 1 });
    const podSpec = nested(nested(spec.block, 'template').block, 'spec').block;
    const container = nested(podSpec, 'container');
    expect(container).toMatchObject({ nesting: 'list', maxItems: 0 });
    expect(attribute(container.block, 'name')).toEqual({ name: 'name', type: 'string', required: true });
    expect(attribute(nested(deployment, 'metadata').block, 'uid')).toEqual({ name: 'uid', type: 'string', computed: true });
  });

  test('kubernetes_manifest: manifest is a required dynamic value', () => {
    expect(attribute(kubernetes.resources.kubernetes_manifest, 'manifest')).toEqual({
      name: 'manifest',
      type: 'dynamic',
      required: true,
    });
  });
});
