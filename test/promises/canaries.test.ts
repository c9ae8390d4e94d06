import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { CANARIES, CANARY_MARKERS, decodedUserData, findCanary } from './canaries';
import { CERT, ZONES, newStack } from './fixtures';
import {
  AwsCompute,
  AlarmTopic,
  DatabaseEngine,
  FaultExperimentKind,
  FaultExperiments,
  HaAlertmanager,
  HealthCheck,
  HealthCheckedLoadBalancer,
  HealthDashboard,
  InhibitRule,
  Matcher,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  Receiver,
  ReplicatedDatabase,
  Route,
  SecretRef,
  Workload,
} from '../../src';
import { ValidationError } from '../../src/core/private/errors';

/*
 * Every prop that accepts a string, planted with every canary: each case must be refused at synth with a
 * ValidationError that never shows the value, or synthesize a configuration (JSON and decoded user data) without it.
 * The global hook in test/setup-jest.ts turns a leak into an error of its own, counted here as "leaked".
 */

function awsPlatform(stack: TerraformStack) {
  if (!stack.node.tryFindChild('aws')) {
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  }
  const network =
    (stack.node.tryFindChild('net') as MultiAzNetwork | undefined) ?? new MultiAzNetwork(stack, 'net', { availabilityZones: ZONES, flowLogs: { enabled: false } });
  return Platform.aws({ network });
}
const k8s = (namespaceName = 'shop') => Platform.kubernetes({ namespaceName });
const image = 'ghcr.io/acme/api:1.4.2';
const routingKey = SecretRef.kubernetes('pagerduty', 'routing-key');

type Plant = (stack: TerraformStack, secret: string) => void;

// On AWS, on instances: their user data is where a plain value would land base64-encoded (Fargate has its own rows).
const container = (stack: TerraformStack, platform: 'aws' | 'k8s', extra: object) =>
  new MultiAzService(stack, 'api', {
    platform: platform === 'aws' ? Platform.aws({ network: awsPlatform(stack).network, compute: AwsCompute.EC2 }) : k8s(),
    workload: Workload.container({ image, port: 3000, ...extra }),
  });
const lb = (stack: TerraformStack, props: object) =>
  new HealthCheckedLoadBalancer(stack, 'edge', { platform: awsPlatform(stack), certificateArn: CERT, ...props }).addTarget('web', { port: 3000 });
const k8sLb = (stack: TerraformStack, props: object) =>
  new HealthCheckedLoadBalancer(stack, 'edge', { platform: k8s(), ...props }).addTarget('web', { port: 3000, selector: { app: 'web' } });
const db = (stack: TerraformStack, props: object) =>
  new ReplicatedDatabase(stack, 'db', { platform: awsPlatform(stack), engine: DatabaseEngine.postgres('16'), ...props });
const faults = (stack: TerraformStack, props: object) => {
  db(stack, {});
  FaultExperiments.of(stack, { kinds: [FaultExperimentKind.DATABASE_FAILOVER], ...props });
};
const fargate = (stack: TerraformStack, props: object, extra: object = {}) =>
  new MultiAzService(stack, 'api', {
    platform: Platform.aws({ network: awsPlatform(stack).network, compute: AwsCompute.FARGATE }),
    workload: Workload.container({ image, port: 3000, ...extra }),
    ...props,
  });
const route = (stack: TerraformStack, options: object) =>
  new HealthCheckedLoadBalancer(stack, 'edge', { platform: awsPlatform(stack), certificateArn: CERT }).addRoute('api', options as any).addTarget('web', { port: 3000 });
const alerting = (stack: TerraformStack, props: object, receivers = [Receiver.pagerDuty('pagerduty', routingKey)]) =>
  new HaAlertmanager(stack, 'alerting', { platform: k8s('monitoring'), receivers, ...props });

/** `[construct, prop, plant]`: every string-accepting prop of every construct (and of the value types they take). */
const PLANTS: Array<[string, string, Plant]> = [
  ['MultiAzNetwork', 'cidr', (s, x) => void new MultiAzNetwork(s, 'n', { cidr: x })],
  ['MultiAzNetwork', 'availabilityZones[0]', (s, x) => void new MultiAzNetwork(s, 'n', { availabilityZones: [x, 'eu-west-1b'] })],
  ['MultiAzNetwork', 'flowLogs.encryptionKeyArn', (s, x) => void new MultiAzNetwork(s, 'n', { flowLogs: { encryptionKeyArn: x } })],
  ['MultiAzNetwork', 'tags value', (s, x) => void new MultiAzNetwork(s, 'n', { tags: { owner: x } })],
  ['MultiAzNetwork', 'tags key', (s, x) => void new MultiAzNetwork(s, 'n', { tags: { [x]: 'team' } })],
  ['AlarmTopic', 'emails[0]', (s, x) => void new AlarmTopic(s, 't', { emails: [x] })],
  ['AlarmTopic', 'httpsEndpoints[0]', (s, x) => void new AlarmTopic(s, 't', { httpsEndpoints: [x] })],
  ['AlarmTopic', 'encryptionKeyArn', (s, x) => void new AlarmTopic(s, 't', { encryptionKeyArn: x })],
  ['AlarmTopic', 'name', (s, x) => void new AlarmTopic(s, 't', { name: x })],
  ['HealthCheckedLoadBalancer (AWS)', 'name', (s, x) => lb(s, { name: x })],
  ['HealthCheckedLoadBalancer (AWS)', 'allowedCidrs[0]', (s, x) => lb(s, { allowedCidrs: [x] })],
  ['HealthCheckedLoadBalancer (AWS)', 'certificateArn', (s, x) => lb(s, { certificateArn: x })],
  ['HealthCheckedLoadBalancer (AWS)', 'sslPolicy', (s, x) => lb(s, { sslPolicy: x })],
  ['HealthCheckedLoadBalancer (AWS)', 'accessLogs.bucketName', (s, x) => lb(s, { accessLogs: { bucketName: x } })],
  ['HealthCheckedLoadBalancer (AWS)', 'accessLogs.prefix', (s, x) => lb(s, { accessLogs: { prefix: x } })],
  ['HealthCheckedLoadBalancer (AWS)', 'tags value', (s, x) => lb(s, { tags: { owner: x } })],
  ['HealthCheckedLoadBalancer (AWS)', 'healthCheck path', (s, x) => lb(s, { healthCheck: HealthCheck.http(x) })],
  ['HealthCheckedLoadBalancer (AWS)', 'healthCheck path query', (s, x) => lb(s, { healthCheck: HealthCheck.http(`/health?key=${encodeURIComponent(x)}`) })],
  ['HealthCheckedLoadBalancer (AWS)', 'healthCheck.healthyHttpCodes', (s, x) => lb(s, { healthCheck: HealthCheck.http('/health', { healthyHttpCodes: x }) })],
  ['HealthCheckedLoadBalancer (AWS)', 'addTarget id', (s, x) => void new HealthCheckedLoadBalancer(s, 'edge', { platform: awsPlatform(s), certificateArn: CERT }).addTarget(x, { port: 3000 })],
  ['HealthCheckedLoadBalancer (Kubernetes)', 'name', (s, x) => k8sLb(s, { name: x })],
  ['HealthCheckedLoadBalancer (Kubernetes)', 'annotations value', (s, x) => k8sLb(s, { annotations: { 'example.com/owner': x } })],
  ['HealthCheckedLoadBalancer (Kubernetes)', 'allowedCidrs[0]', (s, x) => k8sLb(s, { allowedCidrs: [x] })],
  ['HealthCheckedLoadBalancer (Kubernetes)', 'addTarget selector value', (s, x) =>
    void new HealthCheckedLoadBalancer(s, 'edge', { platform: k8s() }).addTarget('web', { port: 3000, selector: { app: x } })],
  ['MultiAzService (AWS)', 'name', (s, x) => void new MultiAzService(s, 'api', { platform: awsPlatform(s), workload: Workload.container({ image, port: 3000 }), name: x })],
  ['MultiAzService (AWS)', 'instanceType', (s, x) => void new MultiAzService(s, 'api', { platform: awsPlatform(s), workload: Workload.container({ image, port: 3000 }), instanceType: x })],
  ['MultiAzService (AWS)', 'logEncryptionKeyArn', (s, x) =>
    void new MultiAzService(s, 'api', { platform: awsPlatform(s), workload: Workload.container({ image, port: 3000 }), logEncryptionKeyArn: x })],
  ['MultiAzService (AWS)', 'tags value', (s, x) => void new MultiAzService(s, 'api', { platform: awsPlatform(s), workload: Workload.container({ image, port: 3000 }), tags: { owner: x } })],
  ['MultiAzService (AWS)', 'workload.image', (s, x) => void new MultiAzService(s, 'api', { platform: awsPlatform(s), workload: Workload.container({ image: x, port: 3000 }) })],
  ['MultiAzService (AWS)', 'workload.cpu', (s, x) => void container(s, 'aws', { cpu: x })],
  ['MultiAzService (AWS)', 'workload.memory', (s, x) => void container(s, 'aws', { memory: x })],
  ['MultiAzService (AWS)', 'workload.environment value (LOG_LEVEL)', (s, x) => void container(s, 'aws', { environment: { LOG_LEVEL: x } })],
  ['MultiAzService (AWS)', 'workload.environment value (DB_PASSWORD)', (s, x) => void container(s, 'aws', { environment: { DB_PASSWORD: x } })],
  ['MultiAzService (AWS)', 'workload.environment key', (s, x) => void container(s, 'aws', { environment: { [x]: 'value' } })],
  ['MultiAzService (AWS)', 'workload.command[0]', (s, x) => void container(s, 'aws', { command: [x] })],
  ['MultiAzService (AWS)', 'workload.args[1] after --password', (s, x) => void container(s, 'aws', { args: ['--password', x] })],
  ['MultiAzService (AWS)', 'workload.args[0] as --token=...', (s, x) => void container(s, 'aws', { args: [`--token=${x}`] })],
  ['MultiAzService (AWS)', 'workload.args[0]', (s, x) => void container(s, 'aws', { args: [x] })],
  ['MultiAzService (AWS)', 'workload.secrets value (a plain string)', (s, x) => void container(s, 'aws', { secrets: { DB_PASSWORD: x } })],
  ['MultiAzService (AWS)', 'machineImage.imageId', (s, x) => void new MultiAzService(s, 'api', { platform: awsPlatform(s), workload: Workload.machineImage({ imageId: x, port: 8080 }) })],
  ['MultiAzService (AWS)', 'machineImage.userData (export)', (s, x) =>
    void new MultiAzService(s, 'api', { platform: awsPlatform(s), workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080, userData: `#!/bin/bash\nexport API_TOKEN='${x}'\n/opt/app/start` }) })],
  ['MultiAzService (AWS)', 'machineImage.userData (any line)', (s, x) =>
    void new MultiAzService(s, 'api', { platform: awsPlatform(s), workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080, userData: `#!/bin/bash\n/opt/app/start ${x}` }) })],
  ['MultiAzService (AWS)', 'healthCheck path', (s, x) => void new MultiAzService(s, 'api', { platform: awsPlatform(s), workload: Workload.container({ image, port: 3000 }), healthCheck: HealthCheck.http(x) })],
  ['MultiAzService (Kubernetes)', 'name', (s, x) => void new MultiAzService(s, 'api', { platform: k8s(), workload: Workload.container({ image, port: 3000 }), name: x })],
  ['MultiAzService (Kubernetes)', 'platform.namespaceName', (s, x) => void new MultiAzService(s, 'api', { platform: k8s(x), workload: Workload.container({ image, port: 3000 }) })],
  ['MultiAzService (Kubernetes)', 'workload.environment value (LOG_LEVEL)', (s, x) => void container(s, 'k8s', { environment: { LOG_LEVEL: x } })],
  ['MultiAzService (Kubernetes)', 'workload.environment value (API_KEY)', (s, x) => void container(s, 'k8s', { environment: { API_KEY: x } })],
  ['MultiAzService (Kubernetes)', 'workload.command[1]', (s, x) => void container(s, 'k8s', { command: ['/app', x] })],
  ['MultiAzService (Kubernetes)', 'workload.args[0]', (s, x) => void container(s, 'k8s', { args: [`--db-url=${x}`] })],
  ['MultiAzService (Kubernetes)', 'livenessCheck path', (s, x) =>
    void new MultiAzService(s, 'api', { platform: k8s(), workload: Workload.container({ image, port: 3000 }), livenessCheck: HealthCheck.http(x) })],
  ['HealthCheckedLoadBalancer (AWS)', 'addRoute id', (s, x) =>
    void new HealthCheckedLoadBalancer(s, 'edge', { platform: awsPlatform(s), certificateArn: CERT }).addRoute(x, { pathPatterns: ['/api/*'] }).addTarget('web', { port: 3000 })],
  ['HealthCheckedLoadBalancer (AWS)', 'addRoute hostHeaders[0]', (s, x) => void route(s, { hostHeaders: [x] })],
  ['HealthCheckedLoadBalancer (AWS)', 'addRoute pathPatterns[0]', (s, x) => void route(s, { pathPatterns: [`/${x}/*`] })],
  ['MultiAzService (Fargate)', 'name', (s, x) => void fargate(s, { name: x })],
  ['MultiAzService (Fargate)', 'tags value', (s, x) => void fargate(s, { tags: { owner: x } })],
  ['MultiAzService (Fargate)', 'logEncryptionKeyArn', (s, x) => void fargate(s, { logEncryptionKeyArn: x })],
  ['MultiAzService (Fargate)', 'workload.environment value (LOG_LEVEL)', (s, x) => void fargate(s, {}, { environment: { LOG_LEVEL: x } })],
  ['MultiAzService (Fargate)', 'workload.environment value (DB_PASSWORD)', (s, x) => void fargate(s, {}, { environment: { DB_PASSWORD: x } })],
  ['MultiAzService (Fargate)', 'workload.command[1]', (s, x) => void fargate(s, {}, { command: ['/app', x] })],
  ['MultiAzService (Fargate)', 'workload.args[0]', (s, x) => void fargate(s, {}, { args: [`--db-url=${x}`] })],
  ['MultiAzService (Fargate)', 'workload.secrets value (a plain string)', (s, x) => void fargate(s, {}, { secrets: { DB_PASSWORD: x } })],
  ['FaultExperiments', 'tags value', (s, x) => faults(s, { tags: { owner: x } })],
  ['FaultExperiments', 'tags key', (s, x) => faults(s, { tags: { [x]: 'team' } })],
  ['FaultExperiments', 'schedule', (s, x) => faults(s, { schedule: x })],
  ['FaultExperiments', 'logEncryptionKeyArn', (s, x) => faults(s, { logEncryptionKeyArn: x })],
  ['FaultExperiments', 'stopConditionAlarmArns[0]', (s, x) => faults(s, { stopConditionAlarmArns: [x] })],
  ['FaultExperiments', 'exclude[0].reason', (s, x) => {
    const d = db(s, {});
    FaultExperiments.of(s, { exclude: [{ construct: d, reason: `the sandbox has no standby ${x}` }] });
  }],
  ['HealthDashboard', 'name', (s, x) => {
    awsPlatform(s);
    new HealthDashboard(s, 'health', { name: x });
  }],
  ['ReplicatedDatabase', 'name', (s, x) => db(s, { name: x })],
  ['ReplicatedDatabase', 'engine version', (s, x) => void new ReplicatedDatabase(s, 'db', { platform: awsPlatform(s), engine: DatabaseEngine.postgres(x) })],
  ['ReplicatedDatabase', 'instanceClass', (s, x) => db(s, { instanceClass: x })],
  ['ReplicatedDatabase', 'masterUsername', (s, x) => db(s, { masterUsername: x })],
  ['ReplicatedDatabase', 'databaseName', (s, x) => db(s, { databaseName: x })],
  ['ReplicatedDatabase', 'encryptionKeyArn', (s, x) => db(s, { encryptionKeyArn: x })],
  ['ReplicatedDatabase', 'backupWindow', (s, x) => db(s, { backupWindow: x })],
  ['ReplicatedDatabase', 'maintenanceWindow', (s, x) => db(s, { maintenanceWindow: x })],
  ['ReplicatedDatabase', 'finalSnapshotIdentifier', (s, x) => db(s, { finalSnapshotIdentifier: x })],
  ['ReplicatedDatabase', 'parameters value', (s, x) => db(s, { parameters: { application_name: x } })],
  ['ReplicatedDatabase', 'tags value', (s, x) => db(s, { tags: { owner: x } })],
  ['HaAlertmanager', 'name', (s, x) => void alerting(s, { name: x })],
  ['HaAlertmanager', 'image', (s, x) => void alerting(s, { image: x })],
  ['HaAlertmanager', 'cpu', (s, x) => void alerting(s, { cpu: x })],
  ['HaAlertmanager', 'memory', (s, x) => void alerting(s, { memory: x })],
  ['HaAlertmanager', 'ephemeralStorage', (s, x) => void alerting(s, { ephemeralStorage: x })],
  ['HaAlertmanager', 'externalUrl', (s, x) => void alerting(s, { externalUrl: x })],
  ['HaAlertmanager', 'storage.size', (s, x) => void alerting(s, { storage: { size: x } })],
  ['HaAlertmanager', 'storage.storageClassName', (s, x) => void alerting(s, { storage: { storageClassName: x } })],
  ['HaAlertmanager', 'apiClients[0].namespaceLabels value', (s, x) => void alerting(s, { apiClients: [{ namespaceLabels: { team: x } }] })],
  ['HaAlertmanager', 'apiClients[0].podLabels value', (s, x) => void alerting(s, { apiClients: [{ podLabels: { app: x } }] })],
  ['HaAlertmanager', 'clusterTls.secretName', (s, x) => void alerting(s, { clusterTls: { secretName: x } })],
  ['HaAlertmanager', 'clusterTls.configKey', (s, x) => void alerting(s, { clusterTls: { secretName: 'tls', configKey: x } })],
  ['HaAlertmanager', 'receiver (PagerDuty) routing key as a plain string', (s, x) => void alerting(s, {}, [Receiver.pagerDuty('pd', x as unknown as SecretRef)])],
  ['HaAlertmanager', 'receiver name', (s, x) => void alerting(s, {}, [Receiver.pagerDuty(x, routingKey)])],
  ['HaAlertmanager', 'receiver (Slack) channel', (s, x) => void alerting(s, {}, [Receiver.slack('team', SecretRef.kubernetes('slack', 'url'), { channel: x })])],
  ['HaAlertmanager', 'receiver (Slack) title', (s, x) => void alerting(s, {}, [Receiver.slack('team', SecretRef.kubernetes('slack', 'url'), { channel: '#alerts', title: x })])],
  ['HaAlertmanager', 'receiver (Slack) text', (s, x) => void alerting(s, {}, [Receiver.slack('team', SecretRef.kubernetes('slack', 'url'), { channel: '#alerts', text: x })])],
  ['HaAlertmanager', 'receiver (email) to', (s, x) => void alerting(s, {}, [Receiver.email('mail', { to: x, fromAddress: 'am@example.com', smarthost: 'smtp.example.com:587' })])],
  ['HaAlertmanager', 'receiver (email) fromAddress', (s, x) => void alerting(s, {}, [Receiver.email('mail', { to: 'ops@example.com', fromAddress: x, smarthost: 'smtp.example.com:587' })])],
  ['HaAlertmanager', 'receiver (email) smarthost', (s, x) => void alerting(s, {}, [Receiver.email('mail', { to: 'ops@example.com', fromAddress: 'am@example.com', smarthost: x })])],
  ['HaAlertmanager', 'receiver (email) authUsername', (s, x) =>
    void alerting(s, {}, [Receiver.email('mail', { to: 'ops@example.com', fromAddress: 'am@example.com', smarthost: 'smtp.example.com:587', authUsername: x, authPassword: SecretRef.kubernetes('smtp', 'password') })])],
  ['HaAlertmanager', 'route groupBy', (s, x) => void alerting(s, { route: Route.to('pagerduty', { groupBy: [x] }) })],
  ['HaAlertmanager', 'route matcher value', (s, x) =>
    void alerting(s, { route: Route.to('pagerduty', { routes: [Route.to('pagerduty', { matchers: [Matcher.equal('team', x)] })] }) })],
  ['HaAlertmanager', 'inhibit rule matcher value', (s, x) =>
    void alerting(s, { inhibitRules: [InhibitRule.of({ sourceMatchers: [Matcher.equal('severity', x)], targetMatchers: [Matcher.equal('severity', 'warning')], equal: ['alertname'] })] })],
];

interface Outcome {
  readonly kind: 'refused' | 'absent' | 'leaked' | 'crashed' | 'echoed';
  readonly detail: string;
}

function plant(fn: Plant, secret: string): Outcome {
  const stack = newStack('stack');
  try {
    fn(stack, secret);
    const text = Testing.synth(stack);
    // The global hook already throws on a canary; checked here too so this test stands on its own.
    const found = findCanary(text);
    return found ? { kind: 'leaked', detail: found } : { kind: 'absent', detail: '' };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (message.startsWith('A planted secret')) {
      return { kind: 'leaked', detail: message };
    }
    if (!(e instanceof ValidationError)) {
      return { kind: 'crashed', detail: `${(e as Error)?.constructor?.name}: ${message}` };
    }
    if (message.includes(secret) || CANARY_MARKERS.some((m) => secret.includes(m) && message.includes(m))) {
      return { kind: 'echoed', detail: message };
    }
    return { kind: 'refused', detail: message };
  }
}

const counts = { cases: 0, refused: 0, absent: 0, leaked: 0, crashed: 0, echoed: 0 };

describe('planted secrets never reach the configuration', () => {
  const cases = PLANTS.flatMap(([construct, prop, fn]) =>
    Object.entries(CANARIES).map(([kind, value]) => [construct, prop, kind, value, fn] as const));
  test.each(cases)('%s %s <- %s: refused without being shown, or absent from the output', (_construct, _prop, _kind, value, fn) => {
    const outcome = plant(fn, value);
    counts.cases++;
    counts[outcome.kind]++;
    expect({ kind: outcome.kind, detail: outcome.kind === 'refused' || outcome.kind === 'absent' ? '' : outcome.detail }).toEqual({
      kind: expect.stringMatching(/^(refused|absent)$/),
      detail: '',
    });
  });

  afterAll(() => {
    // Counts for the record (the lead's report): every case is refused or absent, none leaked, crashed or echoed.
    // eslint-disable-next-line no-console
    console.log(`canary cases: ${JSON.stringify(counts)}`);
  });
});

describe('the scanner finds what it looks for', () => {
  test('a canary in plain JSON and in base64-encoded user data is found; a clean configuration passes', () => {
    const marker = CANARY_MARKERS[1];
    expect(findCanary(JSON.stringify({ resource: { x: { y: { tags: { a: marker } } } } }))).toBe(marker);
    const encoded = Buffer.from(`#!/bin/bash\necho ${marker}\n`).toString('base64');
    expect(findCanary(JSON.stringify({ resource: { aws_launch_template: { lt: { user_data: encoded } } } }))).toBe(marker);
    const wrapped = `\${base64encode(join("", [base64decode("${encoded}"), aws_db_instance.db.address]))}`;
    expect(findCanary(JSON.stringify({ resource: { aws_launch_template: { lt: { user_data: wrapped } } } }))).toBe(marker);
    expect(findCanary(JSON.stringify({ resource: { x: { y: { tags: { a: 'debug' } } } } }))).toBeUndefined();
  });

  test('a plain environment value lands base64-encoded in AWS user data: the decoder finds it there and only there', () => {
    const stack = newStack('stack');
    new MultiAzService(stack, 'api', {
      platform: Platform.aws({ network: awsPlatform(stack).network, compute: AwsCompute.EC2 }),
      workload: Workload.container({ image, port: 3000, environment: { LOG_LEVEL: 'debug-marker-6271' } }),
    });
    const json = JSON.parse(Testing.synth(stack));
    expect(JSON.stringify(json)).not.toContain('debug-marker-6271');
    expect(decodedUserData(json).some((text) => text.includes('LOG_LEVEL=debug-marker-6271'))).toBe(true);
  });

  test('every canary is one of the formats the library recognises (the matrix plants recognisable secrets)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { secretValueProblem } = require('../../src/core/private/secret-detection') as typeof import('../../src/core/private/secret-detection');
    for (const value of Object.values(CANARIES)) {
      expect([value, secretValueProblem(value)]).toEqual([value, expect.any(String)]);
    }
  });
});
