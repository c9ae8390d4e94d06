import 'cdktf/lib/testing/adapters/jest';
import {
  BlockSchema,
  buildProviderSchema,
  describeSchemaSource,
  dumpOnlyPackage,
  findInBlock,
  findProviderPackages,
  loadProviderSchema,
  NestedBlockSchema,
  ProviderPackage,
  ProviderSchema,
} from '../../src/proof/schema';
import { diffBlocks, diffProviderSchemas, EXPLAINED, SchemaDifference } from '../../src/proof/schema-diff';

// The rebuilt schema (what the cdktf bindings carry) against the real provider schemas vendored in
// schemas/terraform-providers/ (`terraform providers schema -json` of the versions the bindings wrap).
const AWS = 'registry.terraform.io/hashicorp/aws';
const KUBERNETES = 'registry.terraform.io/hashicorp/kubernetes';

let packages: ProviderPackage[];
const rebuilt: { [address: string]: ProviderSchema } = {};
const real: { [address: string]: ProviderSchema } = {};

beforeAll(() => {
  packages = findProviderPackages(`${__dirname}/../..`);
  for (const address of [AWS, KUBERNETES]) {
    const pkg = packages.find((p) => p.address === address)!;
    rebuilt[address] = buildProviderSchema(pkg);
    real[address] = loadProviderSchema(pkg).schema;
  }
}, 120_000);

function nested(block: BlockSchema, ...names: string[]): NestedBlockSchema {
  let current: NestedBlockSchema | undefined;
  for (const name of names) {
    const found = findInBlock(current ? current.block : block, name);
    if (found?.kind !== 'block') throw new Error(`${names.join('.')}: ${name} is not a block`);
    current = found.block;
  }
  return current!;
}

function unexplained(diffs: SchemaDifference[]): string[] {
  return diffs.filter((d) => !d.explained).map((d) => `${d.path}: ${d.what} (rebuilt ${d.rebuilt}, real ${d.real})`);
}

/** The resource types this library emits today and in its next wave (FIS, Route 53, ECS, ...). */
const EMITTED_AWS = [
  'aws_appautoscaling_policy',
  'aws_appautoscaling_target',
  'aws_autoscaling_group',
  'aws_cloudwatch_dashboard',
  'aws_cloudwatch_log_group',
  'aws_cloudwatch_metric_alarm',
  'aws_db_instance',
  'aws_db_parameter_group',
  'aws_ecs_service',
  'aws_ecs_task_definition',
  'aws_fis_experiment_template',
  'aws_flow_log',
  'aws_kms_key',
  'aws_launch_template',
  'aws_lb',
  'aws_lb_listener',
  'aws_lb_listener_rule',
  'aws_lb_target_group',
  'aws_nat_gateway',
  'aws_rds_cluster',
  'aws_route53_health_check',
  'aws_route53_record',
  'aws_security_group',
  'aws_sns_topic',
  'aws_subnet',
  'aws_vpc',
];

describe('rebuilt schema vs the real provider schemas', () => {
  test.each([
    ['hashicorp/aws 6.25.0', AWS],
    ['hashicorp/kubernetes 2.38.0', KUBERNETES],
  ])('%s: every resource and data source type has 0 unexplained differences', (_name, address) => {
    const diffs = diffProviderSchemas(rebuilt[address], real[address]);
    expect(unexplained(diffs)).toEqual([]);
    // Every explained difference is one of the known losses of the bindings.
    expect(new Set(diffs.map((d) => d.explained))).toEqual(
      new Set(diffs.map((d) => d.explained).filter((e) => Object.values(EXPLAINED).includes(e as never))),
    );
  });

  test('every type the library emits is compared (and exists in both)', () => {
    const diffs = diffProviderSchemas(rebuilt[AWS], real[AWS], { resources: EMITTED_AWS, dataSources: ['aws_availability_zones'] });
    expect(unexplained(diffs)).toEqual([]);
    for (const type of EMITTED_AWS) {
      expect(rebuilt[AWS].resources[type]).toBeDefined();
      expect(real[AWS].resources[type]).toBeDefined();
    }
  });

  test('block limits above 1 are the known loss: explained, and present in the real schema', () => {
    const diffs = diffProviderSchemas(rebuilt[AWS], real[AWS], { resources: ['aws_fis_experiment_template', 'aws_ecs_service'] });
    expect(diffs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'resource.aws_fis_experiment_template.target.resource_tag',
          what: 'max_items',
          rebuilt: '0',
          real: '50',
          explained: EXPLAINED.maxItems,
        }),
        expect.objectContaining({ path: 'resource.aws_ecs_service.ordered_placement_strategy', real: '5', explained: EXPLAINED.maxItems }),
      ]),
    );
  });

  test('the diff itself catches a wrong mode, type, nesting or missing attribute', () => {
    const base = real[AWS].resources.aws_route53_record;
    const broken: BlockSchema = {
      attributes: base.attributes
        .filter((a) => a.name !== 'ttl')
        .map((a) => (a.name === 'name' ? { ...a, required: undefined, optional: true } : a.name === 'records' ? { ...a, type: ['list', 'string'] } : a)),
      blockTypes: base.blockTypes.map((b) => (b.name === 'alias' ? { ...b, nesting: 'single' as const } : b)),
    };
    expect(unexplained(diffBlocks(broken, base, 'resource.aws_route53_record'))).toEqual(
      expect.arrayContaining([
        'resource.aws_route53_record.ttl: missing attribute (rebuilt -, real attribute)',
        'resource.aws_route53_record.name: mode (rebuilt optional, real required)',
        'resource.aws_route53_record.records: type (rebuilt ["list","string"], real ["set","string"])',
        'resource.aws_route53_record.alias: nesting (rebuilt single, real list)',
      ]),
    );
  });
});

describe('which schema is served', () => {
  test('the installed bindings wrap the dumped versions: the real schemas are served, and say so', () => {
    expect(real[AWS].source).toMatchObject({ kind: 'real', dump: expect.stringMatching(/aws-6\.25\.0\.json\.gz$/) });
    expect(describeSchemaSource(real[AWS])).toMatch(/^hashicorp\/aws 6\.25\.0: real schema \(aws-6\.25\.0\.json\.gz; 6 types it lacks rebuilt from @cdktf\/provider-aws\)$/);
    expect(real[KUBERNETES].source).toMatchObject({ kind: 'real' });
    expect(nested(real[AWS].resources.aws_fis_experiment_template, 'target', 'resource_tag')).toMatchObject({ maxItems: 50 });
    expect(nested(real[AWS].resources.aws_lb_listener_rule, 'action', 'forward', 'target_group')).toMatchObject({ minItems: 1, maxItems: 5 });
    // Types the dump lacks are still served (rebuilt): a WAF web ACL must not become "Invalid resource type".
    expect(real[AWS].source.rebuiltTypes).toEqual(expect.arrayContaining(['aws_wafv2_web_acl', 'data.aws_quicksight_analysis']));
    expect(real[AWS].resources.aws_wafv2_web_acl).toBeDefined();
    // kubernetes_manifest.wait_for is an object-typed attribute, not a nested attribute.
    const waitFor = real[KUBERNETES].resources.kubernetes_manifest.attributes.find((a) => a.name === 'wait_for');
    expect(waitFor).toMatchObject({ type: ['object', { fields: ['map', 'string'] }], optional: true, deprecated: true });
  });

  test('other provider versions get the rebuilt schema, patched with the limits of the nearest dump', () => {
    const pkg = packages.find((p) => p.address === AWS)!;
    // The same bindings pretending to wrap another provider version (own cache key).
    const other: ProviderPackage = { ...pkg, providerVersion: '6.24.0', packageVersion: `${pkg.packageVersion}-offline-test` };
    const loaded = loadProviderSchema(other).schema;
    expect(loaded.source).toMatchObject({ kind: 'rebuilt', dump: expect.stringMatching(/aws-6\.25\.0\.json\.gz$/) });
    expect(loaded.source.patched).toBeGreaterThan(300);
    expect(describeSchemaSource(loaded)).toMatch(/^hashicorp\/aws 6\.24\.0: rebuilt from @cdktf\/provider-aws [\d.]+-offline-test, \d+ block limits and flags patched from aws-6\.25\.0\.json\.gz$/);
    expect(nested(loaded.resources.aws_fis_experiment_template, 'target', 'resource_tag')).toMatchObject({ maxItems: 50 });
    // Without any dump of the provider, the plain rebuilt schema.
    const alone = loadProviderSchema({ ...other, packageVersion: `${pkg.packageVersion}-offline-test-nodump` }, { schemaDumpDirs: [] });
    expect(alone.schema.source.kind).toBe('rebuilt');
  });

  test('schemaSource "rebuilt" ignores a matching dump for serving', () => {
    const pkg = packages.find((p) => p.address === KUBERNETES)!;
    const loaded = loadProviderSchema(pkg, { schemaSource: 'rebuilt' }).schema;
    expect(loaded.source).toMatchObject({ kind: 'rebuilt', dump: expect.stringMatching(/kubernetes-2\.38\.0\.json\.gz$/) });
  });
});

describe('without npm provider bindings (the CLI in a Python, Java, C# or Go project)', () => {
  test('the shipped dump is served, with the provider block vendored beside it', () => {
    const pkg = dumpOnlyPackage(AWS)!;
    expect(pkg).toMatchObject({ dir: '', providerVersion: '6.25.0', packageName: 'schema dump aws-6.25.0.json.gz' });
    const schema = loadProviderSchema(pkg).schema;
    expect(describeSchemaSource(schema)).toBe(
      'hashicorp/aws 6.25.0: real schema (aws-6.25.0.json.gz; no bindings installed: types the dump lacks are unavailable)',
    );
    expect(schema.resources.aws_wafv2_web_acl).toBeUndefined();
    expect(schema.resources.aws_fis_experiment_template).toEqual(real[AWS].resources.aws_fis_experiment_template);
  });

  test.each([AWS, KUBERNETES])('%s: the vendored provider block is the one the bindings of that version carry', (address) => {
    const name = address.split('/').pop();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vendored = require(`../../schemas/terraform-providers/${name}-${rebuilt[address].providerVersion}.provider.json`);
    expect(vendored).toEqual(JSON.parse(JSON.stringify(rebuilt[address].provider)));
  });

  test('only hashicorp providers with a dump are served that way', () => {
    expect(dumpOnlyPackage('registry.terraform.io/hashicorp/random')).toBeUndefined();
    expect(dumpOnlyPackage('registry.terraform.io/acme/aws')).toBeUndefined();
    expect(dumpOnlyPackage(AWS, { schemaSource: 'rebuilt' })).toBeUndefined();
  });
});
