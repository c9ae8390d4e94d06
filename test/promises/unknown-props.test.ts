import { TerraformStack, Testing } from 'cdktf';
import { network } from './subjects';
import {
  AlarmTopic,
  BackupStore,
  DatabaseEngine,
  Duration,
  HaAlertmanager,
  HealthCheck,
  HealthCheckedLoadBalancer,
  InhibitRule,
  Matcher,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  Receiver,
  ReplicatedDatabase,
  ResilienceTarget,
  Rollout,
  Route,
  SecretRef,
  Workload,
} from '../../src';

/*
 * Promise: a prop a construct (or a factory's options struct) does not know is refused, never silently ignored: plain
 * JavaScript passes misspelled and renamed props unchecked. Near misses get "did you mean", renamed props what to
 * write instead.
 */

const IMAGE = 'ghcr.io/acme/api:1.4.2';
const CONTAINER = Workload.container({ image: IMAGE, port: 3000 });
const pagerDuty = () => Receiver.pagerDuty('oncall', SecretRef.kubernetes('pagerduty', 'routing-key'));

function error(make: (stack: TerraformStack) => unknown): string {
  const stack = new TerraformStack(Testing.app(), 'stack');
  try {
    make(stack);
    Testing.synth(stack);
  } catch (e) {
    expect((e as Error).name).toBe('ValidationError');
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
}

type Row = [string, (stack: TerraformStack, extra: object) => unknown, object, string];

const ROWS: Row[] = [
  ['AlarmTopic, the old topicName', (s, x) => new AlarmTopic(s, 't', { ...x } as any), { topicName: 'oncall' },
    'AlarmTopic "stack/t": `topicName` is not a known prop, got "oncall". It was renamed to `name`.'],
  ['HealthCheckedLoadBalancer, the old internal', (s, x) => new HealthCheckedLoadBalancer(s, 'lb', { platform: Platform.aws({ network: network(s) }), allowPlainHttp: true, ...x } as any), { internal: true },
    'HealthCheckedLoadBalancer "stack/lb": `internal` is not a known prop, got true. It was replaced by `internetFacing` (`internal: true` is `internetFacing: false`).'],
  ['HaAlertmanager, the old resources', (s, x) => new HaAlertmanager(s, 'am', { platform: Platform.kubernetes(), receivers: [pagerDuty()], route: Route.to('oncall'), ...x } as any), { resources: { cpu: '1' } },
    'HaAlertmanager "stack/am": `resources` is not a known prop'],
  ['MultiAzNetwork, a misspelling', (s, x) => new MultiAzNetwork(s, 'n', { ...x } as any), { zone: 3 },
    'MultiAzNetwork "stack/n": `zone` is not a known prop, got 3. Did you mean `zones`?'],
  ['MultiAzNetwork, a nested struct', (s, x) => new MultiAzNetwork(s, 'n', { flowLogs: { ...x } } as any), { retentionDays: 365 },
    'MultiAzNetwork "stack/n": `flowLogs.retentionDays` is not a known prop, got 365. Did you mean `flowLogs.retention`?'],
  ['MultiAzNetwork.fromExisting', (s, x) => MultiAzNetwork.fromExisting(s, 'n', { vpcId: 'vpc-1', vpcCidrBlock: '10.0.0.0/16', privateSubnets: [{ subnetId: 'subnet-1', zone: 'eu-west-1a' }, { subnetId: 'subnet-2', zone: 'eu-west-1b' }], ...x } as any), { vpcCidr: '10.0.0.0/16' },
    'MultiAzNetwork.fromExisting "stack/n": `vpcCidr` is not a known prop, got "10.0.0.0/16". Did you mean `vpcCidrBlock`?'],
  ['MultiAzService, a prop of the workload', (s, x) => new MultiAzService(s, 'svc', { platform: Platform.kubernetes(), workload: CONTAINER, ...x } as any), { image: IMAGE },
    'MultiAzService "stack/svc": `image` is not a known prop, got "ghcr.io/acme/api:1.4.2". Pass the image in `workload: Workload.container({ image, port })`.'],
  ['MultiAzService, scaling', (s, x) => new MultiAzService(s, 'svc', { platform: Platform.kubernetes(), workload: CONTAINER, scaling: { minReplicas: 2, maxReplicas: 4, ...x } } as any), { targetCpu: 60 },
    '`scaling.targetCpu` is not a known prop, got 60.'],
  ['ReplicatedDatabase, a misspelling', (s, x) => new ReplicatedDatabase(s, 'db', { platform: Platform.aws({ network: network(s) }), engine: DatabaseEngine.postgres('16.4'), ...x } as any), { backupRetentionPeriod: 7 },
    'ReplicatedDatabase "stack/db": `backupRetentionPeriod` is not a known prop'],
  ['ReplicatedDatabase, storage', (s, x) => new ReplicatedDatabase(s, 'db', { platform: Platform.aws({ network: network(s) }), engine: DatabaseEngine.postgres('16.4'), storage: { allocatedStorage: 100, ...x } } as any), { maxAllocatedStorag: 200 },
    '`storage.maxAllocatedStorag` is not a known prop, got 200. Did you mean `storage.maxAllocatedStorage`?'],
  ['ReplicatedDatabase on Kubernetes', (s, x) => new ReplicatedDatabase(s, 'db', { platform: Platform.kubernetes({ namespaceName: 'shop', backupStore: BackupStore.none() }), engine: DatabaseEngine.postgres('16'), ...x } as any), { memmory: '2Gi' },
    'ReplicatedDatabase "stack/db": `memmory` is not a known prop, got "2Gi". Did you mean `memory`?'],
];

const FACTORIES: Array<[string, (extra: object) => unknown, object, string]> = [
  ['Platform.aws', (x) => Platform.aws({ network: undefined, ...x } as any), { vpc: 'vpc-1' }, 'Platform.aws'],
  ['Platform.kubernetes', (x) => Platform.kubernetes({ ...x } as any), { namespace: 'shop' }, 'Platform.kubernetes: `namespace` is not a known prop, got "shop". It was renamed to `namespaceName`.'],
  ['HealthCheck.http', (x) => HealthCheck.http('/health', { ...x } as any), { intervall: Duration.seconds(10) }, 'HealthCheck.http: `options.intervall` is not a known prop, got 10s. Did you mean `options.interval`?'],
  ['Workload.container', (x) => Workload.container({ image: IMAGE, port: 3000, ...x } as any), { containerPort: 3000 }, 'Workload.container: `containerPort` is not a known prop, got 3000. Use `port`.'],
  ['Workload.machineImage', (x) => Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080, ...x } as any), { ami: 'ami-1' }, 'Workload.machineImage: `ami` is not a known prop'],
  ['Rollout.canary', (x) => Rollout.canary({ weight: 10, ...x } as any), { bake: Duration.minutes(5) }, 'Rollout.canary: `bake` is not a known prop, got 5min. Did you mean `bakeTime`?'],
  ['Rollout.blueGreen', (x) => Rollout.blueGreen({ ...x } as any), { activeColor: 'BLUE' }, 'Rollout.blueGreen: `activeColor` is not a known prop, got "BLUE". Did you mean `active`?'],
  ['BackupStore.s3', (x) => BackupStore.s3({ destinationPath: 's3://bkt/', ...x } as any), { bucket: 'bkt' }, 'BackupStore.s3: `bucket` is not a known prop, got "bkt". Give the bucket in `destinationPath` (e.g. "s3://acme-db-backups/shop/").'],
  ['Route.to', (x) => Route.to('oncall', { ...x } as any), { groupby: ['alertname'] }, 'Route.to: `options.groupby` is not a known prop, got ["alertname"]. Did you mean `options.groupBy`?'],
  ['InhibitRule.of', (x) => InhibitRule.of({ sourceMatchers: [Matcher.equal('severity', 'critical')], targetMatchers: [Matcher.equal('severity', 'warning')], ...x } as any), { equals: ['alertname'] }, 'InhibitRule.of: `options.equals` is not a known prop, got ["alertname"]. Did you mean `options.equal`?'],
  ['Receiver.webhook', (x) => Receiver.webhook('hook', SecretRef.kubernetes('hooks', 'url'), { ...x } as any), { maxAlert: 5 }, 'Receiver.webhook: `options.maxAlert` is not a known prop, got 5. Did you mean `options.maxAlerts`?'],
  ['ResilienceTarget.survive', (x) => ResilienceTarget.survive({ ...x } as any), { zoneLosses: 1 }, 'ResilienceTarget.survive: `zoneLosses` is not a known prop, got 1. Did you mean `zoneLoss`?'],
];

describe('constructs refuse props they do not know', () => {
  test.each(ROWS)('%s', (_name, make, extra, message) => {
    expect(error((s) => make(s, extra))).toContain(message);
  });

  test.each(ROWS)('%s: and accept the same props without it', (_name, make) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => make(stack, {})).not.toThrow();
  });

  test('a prop set to undefined is no prop at all (nothing is lost)', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new AlarmTopic(stack, 't', { topicName: undefined } as any)).not.toThrow();
  });

  test('a known prop set to null is refused once, with what to do', () => {
    expect(error((s) => new MultiAzNetwork(s, 'n', { zones: null } as any))).toBe('MultiAzNetwork "stack/n": `zones` is null: leave it out to get its default, or give a value.');
  });

  test('every unknown prop is reported, with the other problems', () => {
    const message = error((s) => new MultiAzNetwork(s, 'n', { zone: 3, natGatewayMode: 'NONE', cidr: '10.0.0.1/16' } as any));
    expect(message).toContain('has 3 invalid props');
    expect(message).toContain('`zone` is not a known prop');
    expect(message).toContain('`natGatewayMode` is not a known prop, got "NONE". Use `natGateways`.');
    expect(message).toContain('`cidr` must be a network address');
  });
});

describe('factories refuse options they do not know', () => {
  test.each(FACTORIES)('%s', (_name, make, extra, message) => {
    let thrown: Error | undefined;
    try {
      make(extra);
    } catch (e) {
      thrown = e as Error;
    }
    expect(thrown?.name).toBe('ValidationError');
    expect(thrown?.message).toContain(message);
  });
});
