import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { CERT, ZONES, newStack } from './fixtures';
import {
  AwsCompute,
  DatabaseEngine,
  FaultExperiments,
  FaultExperimentKind,
  HealthCheckedLoadBalancer,
  HealthDashboard,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  Refactor,
  RegionalFailover,
  RegionalScope,
  RemovalPolicy,
  ReplicatedDatabase,
  Workload,
} from '../../src';

/*
 * The promises of issue 12 for the constructs that landed with it: FaultExperiments, RegionalFailover and
 * RegionalScope, HealthDashboard and MultiAzService on Fargate. Unknown and wrong-typed props give one clear error,
 * tokens are rendered or refused, plain secrets are refused without echo, physical names are claimed per stack,
 * stateful resources are retained by default and descriptions survive `Refactor.move`.
 */

const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';

function awsStack(): TerraformStack {
  const stack = newStack('stack');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  return stack;
}
function network(stack: TerraformStack): MultiAzNetwork {
  return (stack.node.tryFindChild('net') as MultiAzNetwork | undefined) ?? new MultiAzNetwork(stack, 'net', { availabilityZones: ZONES, flowLogs: { enabled: false } });
}
/** A stack whose database gives an AWS failover experiment. */
function databaseStack(): TerraformStack {
  const stack = awsStack();
  new ReplicatedDatabase(stack, 'db', { platform: Platform.aws({ network: network(stack) }), engine: DatabaseEngine.postgres('16') });
  return stack;
}
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}
const byType = (json: any, type: string): any[] => Object.values(json.resource[type] ?? {});

describe('FaultExperiments', () => {
  const PREFIX = 'FaultExperiments "stack/FaultExperiments"';
  const faults = (props: unknown) => errorOf(() => FaultExperiments.of(databaseStack(), props as any));

  test.each<[string, unknown, string]>([
    ['a misspelled prop', { faultDurration: 1 }, '`faultDurration` is not a known prop, got 1. Did you mean `faultDuration`?'],
    ['a renamed prop', { duration: 1 }, '`duration` is not a known prop, got 1. Use `faultDuration` (a Duration).'],
    ['a prop of another tool', { stopConditions: [] }, '`stopConditions` is not a known prop, got []. Use `stopConditionAlarmArns` (CloudWatch alarm ARNs).'],
    ['props that are not an object', 'weekly', '`props` must be an object like { target: ResilienceTarget.survive({ zoneLoss: 1 }) }, got "weekly".'],
    ['removalPolicy in the wrong case', { removalPolicy: 'retain' }, '`removalPolicy` must be one of RemovalPolicy.RETAIN, RemovalPolicy.SNAPSHOT, RemovalPolicy.DESTROY, got "retain".'],
    ['removalPolicy SNAPSHOT', { removalPolicy: RemovalPolicy.SNAPSHOT }, '`removalPolicy` must be RemovalPolicy.RETAIN or RemovalPolicy.DESTROY: the experiments\' log group cannot be snapshotted (SNAPSHOT is for databases), got "SNAPSHOT".'],
    ['a kind in the wrong case', { kinds: ['zone_loss'] }, '`kinds[0]` must be one of FaultExperimentKind.ZONE_LOSS, FaultExperimentKind.INSTANCE_LOSS, FaultExperimentKind.DATABASE_FAILOVER, FaultExperimentKind.CPU_STRESS, got "zone_loss".'],
  ])('%s: one clear error', (_name, props, message) => {
    expect(faults(props)).toBe(`${PREFIX}: ${message}`);
  });

  test('tokens that decide what is rendered are refused, naming the variable', () => {
    const stack = databaseStack();
    const kinds = new TerraformVariable(stack, 'kinds', { type: 'list(string)' });
    const outputs = new TerraformVariable(stack, 'outputs', { type: 'bool' });
    expect(errorOf(() => FaultExperiments.of(stack, { kinds: kinds.listValue as FaultExperimentKind[], outputs: outputs.booleanValue }))).toBe(
      `${PREFIX} has 2 invalid props:\n` +
        '  - `kinds` must be known at synth time, not a Terraform token (it decides which experiments are rendered), got ${var.kinds}. Pass a literal value.\n' +
        '  - `outputs` must be known at synth time, not a Terraform token (it decides whether the output is rendered), got ${var.outputs}. Pass a literal value.',
    );
  });

  test('a stop-condition alarm ARN from a variable is rendered', () => {
    const stack = databaseStack();
    const arn = new TerraformVariable(stack, 'alarm', { type: 'string' });
    FaultExperiments.of(stack, { stopConditionAlarmArns: [arn.stringValue], kinds: [FaultExperimentKind.DATABASE_FAILOVER] });
    const [template] = byType(JSON.parse(Testing.synth(stack)), 'aws_fis_experiment_template');
    expect(template.stop_condition).toEqual(expect.arrayContaining([{ source: 'aws:cloudwatch:alarm', value: '${var.alarm}' }]));
  });

  test('a plain secret in a tag is refused without being shown', () => {
    const message = faults({ tags: { owner: AWS_KEY } });
    expect(message).toMatch(/^FaultExperiments "stack\/FaultExperiments": `tags\["owner"\]` looks like a secret \(.*\); its value is not shown\./);
    expect(message).not.toContain(AWS_KEY);
  });

  test('the log group and its key are retained by default (prevent_destroy), and let go with RemovalPolicy.DESTROY', () => {
    const retained = databaseStack();
    FaultExperiments.of(retained);
    const json = JSON.parse(Testing.synth(retained));
    const [group] = byType(json, 'aws_cloudwatch_log_group').filter((g) => g.name.startsWith('/cdktf-fault-tolerance/fault-experiments/'));
    expect(group.lifecycle).toEqual({ prevent_destroy: true });
    const key = Object.entries<any>(json.resource.aws_kms_key).find(([id]) => id.includes('LogEncryptionKey'))![1];
    expect(key.lifecycle).toEqual({ prevent_destroy: true });

    const destroyed = databaseStack();
    FaultExperiments.of(destroyed, { removalPolicy: RemovalPolicy.DESTROY });
    const after = JSON.parse(Testing.synth(destroyed));
    const [loose] = byType(after, 'aws_cloudwatch_log_group').filter((g) => g.name.startsWith('/cdktf-fault-tolerance/fault-experiments/'));
    expect(loose.lifecycle).toBeUndefined();
    const looseKey = Object.entries<any>(after.resource.aws_kms_key).find(([id]) => id.includes('LogEncryptionKey'))![1];
    expect(looseKey.lifecycle).toBeUndefined();
  });
});

describe('RegionalFailover and RegionalScope', () => {
  test('unknown props, top level and in healthCheck, are refused with what to write instead', () => {
    const stack = awsStack();
    const message = errorOf(
      () =>
        new RegionalFailover(stack, 'global', {
          domainName: 'shop.example.com',
          hostedZoneId: 'Z0123456789ABCDEFGHIJ',
          primary: undefined as any,
          secondary: undefined as any,
          zoneId: 'Z1',
          healthCheck: { requestInterval: 10, failureTreshold: 3 },
        } as any),
    );
    expect(message).toContain('  - `zoneId` is not a known prop, got "Z1". Use `hostedZoneId`.\n');
    expect(message).toContain('  - `healthCheck.requestInterval` is not a known prop, got 10. Use `interval` (a Duration of 10 or 30 seconds).\n');
    expect(message).toContain('  - `healthCheck.failureTreshold` is not a known prop, got 3. Did you mean `healthCheck.failureThreshold`?');
    expect(message).not.toMatch(/TypeError|\[object Object\]|undefined\b(?! props)/);
  });

  test('a plain secret in a tag is refused without being shown', () => {
    const stack = awsStack();
    const message = errorOf(
      () => new RegionalFailover(stack, 'global', { domainName: 'shop.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', tags: { key: AWS_KEY } } as any),
    );
    expect(message).toContain('`tags["key"]` looks like a secret');
    expect(message).not.toContain(AWS_KEY);
  });

  test('RegionalScope: a misspelled prop and props that are not an object', () => {
    const stack = awsStack();
    expect(errorOf(() => new RegionalScope(stack, 'a', { provider: 1, providers: [] } as any))).toBe(
      'RegionalScope "stack/a" has 2 invalid props:\n' +
        '  - `provider` is not a known prop, got 1. Use `providers` (a list).\n' +
        '  - `providers` must list the providers of the region or cluster, e.g. `[new AwsProvider(this, \'eu\', { region: \'eu-west-1\', alias: \'eu\' })]`, got [].',
    );
    expect(errorOf(() => new RegionalScope(stack, 'b', 'eu' as any))).toBe('RegionalScope "stack/b": `props` must be an object like { providers: [euProvider] }, got "eu".');
  });
});

describe('HealthDashboard', () => {
  test.each<[string, unknown, string]>([
    ['a renamed prop', { dashboardName: 'shop' }, '`dashboardName` is not a known prop, got "shop". Use `name`.'],
    ['a misspelled prop', { constructz: [] }, '`constructz` is not a known prop, got []. Did you mean `constructs`?'],
    ['props that are not an object', 7, '`props` must be an object like { name: \'shop-health\' }, got 7.'],
  ])('%s: one clear error', (_name, props, message) => {
    expect(errorOf(() => new HealthDashboard(awsStack(), 'health', props as any))).toBe(`HealthDashboard "stack/health": ${message}`);
  });

  test('a secret-looking name is refused without being shown', () => {
    const message = errorOf(() => new HealthDashboard(awsStack(), 'health', { name: AWS_KEY }));
    expect(message).toContain('`name` looks like a secret');
    expect(message).not.toContain(AWS_KEY);
  });

  test('two dashboards of one name in a stack: the synth fails naming both constructs', () => {
    const stack = awsStack();
    new HealthDashboard(stack, 'a', { name: 'shop' });
    expect(errorOf(() => new HealthDashboard(stack, 'b', { name: 'shop' }))).toMatch(/"stack\/b".*"stack\/a"|"stack\/a".*"stack\/b"/s);
  });

  test('constructs from a variable are refused', () => {
    const stack = awsStack();
    const list = new TerraformVariable(stack, 'list', { type: 'list(string)' });
    expect(errorOf(() => new HealthDashboard(stack, 'health', { constructs: list.listValue as any }))).toBe(
      'HealthDashboard "stack/health": `constructs` must be known at synth time, not a Terraform token (it decides which constructs\' alarms and graphs are on the dashboard), got ${var.list}. Pass a literal value.',
    );
  });
});

describe('MultiAzService on Fargate', () => {
  const fargate = (stack: TerraformStack, id: string) => {
    const platform = Platform.aws({ network: network(stack), compute: AwsCompute.FARGATE });
    const edge = (stack.node.tryFindChild('edge') as HealthCheckedLoadBalancer | undefined) ?? new HealthCheckedLoadBalancer(stack, 'edge', { platform, certificateArn: CERT });
    return new MultiAzService(stack, id, { platform, workload: Workload.container({ image: 'ghcr.io/acme/api:1.4.2', port: 3000 }), loadBalancer: edge });
  };

  test('ids that name alike (api_1 and api-1) fail naming both constructs, instead of sharing an ECS cluster', () => {
    const stack = awsStack();
    fargate(stack, 'api_1');
    const message = errorOf(() => fargate(stack, 'api-1'));
    expect(message).toContain('"stack/api_1"');
    expect(message).toContain('"stack/api-1"');
  });

  test('the ECS cluster, service and task family names fit their limits with long stack and construct names', () => {
    const stack = newStack('shop-production-eu-west-1-with-a-rather-long-stack-name');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    fargate(stack, 'an-api-with-a-very-long-construct-id-that-goes-on-and-on-and-on');
    const json = JSON.parse(Testing.synth(stack));
    const names = [
      ...byType(json, 'aws_ecs_cluster').map((c) => c.name),
      ...byType(json, 'aws_ecs_service').map((s) => s.name),
      ...byType(json, 'aws_ecs_task_definition').map((t) => t.family),
    ];
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) {
      expect([name, name.length <= 255 && /^[A-Za-z0-9_-]+$/.test(name)]).toEqual([name, true]);
    }
  });

  test('role descriptions keep the old path after Refactor.move', () => {
    const before = awsStack();
    fargate(before, 'api');
    const moved = awsStack();
    Refactor.move(moved, { fromPath: 'api', toPath: 'web' });
    fargate(moved, 'web');
    const descriptions = (stack: TerraformStack) =>
      byType(JSON.parse(Testing.synth(stack)), 'aws_iam_role')
        .map((r) => r.description)
        .filter((d: string) => d.includes('ECS') || d.includes('application'))
        .sort();
    const old = descriptions(before);
    expect(old.length).toBe(2);
    expect(descriptions(moved)).toEqual(old);
  });
});
