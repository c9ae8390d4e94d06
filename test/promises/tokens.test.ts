import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import { garbageIn } from './garbage';
import { SUBJECTS, addProviders } from './subjects';
import { Duration, HealthCheck } from '../../src';

/*
 * Promise: a Terraform token in any numeric or list prop either renders correctly (passed through into the
 * configuration, proven by real Terraform offline) or the synth fails saying that this prop must be known at synth
 * time. Never dropped, never garbage (a token number is a huge negative double: -1.8e+289 in a name, a description
 * or a script, or a nested `${...${...}}` expression, is garbage).
 *
 * One row per numeric, Duration and list prop of every construct (the builders in subjects.ts read each prop
 * through `get`, and a row whose prop the builder never reads fails).
 */

type Make = (scope: Construct, name: string) => { value: unknown; variable: TerraformVariable };

const number = (literal: number): Make => (scope, name) => {
  const variable = new TerraformVariable(scope, name, { type: 'number', default: literal });
  return { variable, value: variable.numberValue };
};
const duration = (unit: 'seconds' | 'minutes' | 'days', literal: number): Make => (scope, name) => {
  const variable = new TerraformVariable(scope, name, { type: 'number', default: literal });
  return { variable, value: Duration[unit](variable.numberValue) };
};
const list = (literal: string[]): Make => (scope, name) => {
  const variable = new TerraformVariable(scope, name, { type: 'list(string)', default: literal });
  return { variable, value: variable.listValue };
};
const anyList = (): Make => (scope, name) => {
  const variable = new TerraformVariable(scope, name, { type: 'list(any)', default: [] });
  return { variable, value: Token.asList(variable.value) };
};
const check = (literal: number): Make => (scope, name) => {
  const variable = new TerraformVariable(scope, name, { type: 'number', default: literal });
  return { variable, value: HealthCheck.http('/ready', { interval: Duration.seconds(variable.numberValue) }) };
};

interface Row {
  readonly subject: string;
  readonly prop: string;
  readonly make: Make;
  /** `render`: passed into the configuration; `refuse`: a clear error; `unused`: no effect here, as a literal. */
  readonly outcome: 'render' | 'refuse' | 'unused';
  /** The prop as the error names it, when it differs from `prop`. */
  readonly named?: string;
}

const row = (subject: string, prop: string, make: Make, outcome: Row['outcome'], named?: string): Row => ({ subject, prop, make, outcome, named });

const HEALTH_CHECK = (subject: string, prefix: string, grace: Row['outcome'] = 'render'): Row[] => [
  row(subject, `${prefix}.port`, number(8081), 'render'),
  row(subject, `${prefix}.interval`, duration('seconds', 10), 'render'),
  row(subject, `${prefix}.timeout`, duration('seconds', 5), 'render'),
  row(subject, `${prefix}.healthyThreshold`, number(2), 'render'),
  row(subject, `${prefix}.unhealthyThreshold`, number(2), 'render'),
  row(subject, `${prefix}.gracePeriod`, duration('seconds', 60), grace),
];
const ALARM = (subject: string, key: string): Row[] => [
  row(subject, `alarms.${key}.threshold`, number(90), 'render'),
  row(subject, `alarms.${key}.evaluationPeriods`, number(5), 'render'),
  row(subject, `alarms.${key}.datapointsToAlarm`, number(3), 'render'),
  row(subject, `alarms.${key}.period`, duration('seconds', 60), 'render'),
];

export const ROWS: Row[] = [
  row('MultiAzNetwork', 'zones', number(3), 'refuse'),
  row('MultiAzNetwork', 'availabilityZones', list(['eu-west-1a', 'eu-west-1b']), 'refuse'),
  row('MultiAzNetwork', 'subnetPrefixLength', number(20), 'refuse'),
  row('MultiAzNetwork', 'flowLogs.retention', duration('days', 365), 'render'),

  row('MultiAzNetwork.fromExisting', 'publicSubnets', anyList(), 'refuse'),
  row('MultiAzNetwork.fromExisting', 'privateSubnets', anyList(), 'refuse'),
  row('MultiAzNetwork.fromExisting', 'isolatedSubnets', anyList(), 'refuse'),

  row('HealthCheckedLoadBalancer (AWS)', 'port', number(8443), 'render'),
  // The grace period is the services' (Auto Scaling, startup probes): the load balancer itself has no use for it.
  ...HEALTH_CHECK('HealthCheckedLoadBalancer (AWS)', 'healthCheck', 'unused'),
  row('HealthCheckedLoadBalancer (AWS)', 'allowedCidrs', list(['0.0.0.0/0']), 'refuse'),
  row('HealthCheckedLoadBalancer (AWS)', 'idleTimeout', duration('seconds', 60), 'render'),
  row('HealthCheckedLoadBalancer (AWS)', 'stickiness', duration('seconds', 300), 'render'),
  row('HealthCheckedLoadBalancer (AWS)', 'accessLogs.retention', duration('days', 30), 'render'),
  ...ALARM('HealthCheckedLoadBalancer (AWS)', 'elb5xx'),
  row('HealthCheckedLoadBalancer (AWS)', 'addTarget.port', number(3000), 'render'),
  row('HealthCheckedLoadBalancer (AWS)', 'addTarget.weight', number(1), 'render'),
  row('HealthCheckedLoadBalancer (AWS)', 'addTarget.healthCheck', check(10), 'render'),
  row('HealthCheckedLoadBalancer (AWS)', 'addTarget.deregistrationDelay', duration('seconds', 30), 'render'),
  row('HealthCheckedLoadBalancer (AWS)', 'addTarget.slowStart', duration('seconds', 60), 'render'),

  row('HealthCheckedLoadBalancer (Kubernetes)', 'port', number(8080), 'render'),
  ...HEALTH_CHECK('HealthCheckedLoadBalancer (Kubernetes)', 'healthCheck', 'unused').filter((r) => !r.prop.endsWith('.port')),
  row('HealthCheckedLoadBalancer (Kubernetes)', 'allowedCidrs', list(['10.0.0.0/8']), 'render'),
  row('HealthCheckedLoadBalancer (Kubernetes)', 'addTarget.port', number(3000), 'render'),

  row('MultiAzService (AWS)', 'workload.port', number(3000), 'render'),
  row('MultiAzService (AWS)', 'workload.user', number(1000), 'render'),
  row('MultiAzService (AWS)', 'workload.command', list(['/app/server']), 'refuse'),
  row('MultiAzService (AWS)', 'workload.args', list(['--verbose']), 'refuse'),
  ...HEALTH_CHECK('MultiAzService (AWS)', 'healthCheck').map((r) => (r.prop === 'healthCheck.port' ? { ...r, outcome: 'refuse' as const } : r)),
  row('MultiAzService (AWS)', 'replicas', number(3), 'render'),
  row('MultiAzService (AWS)', 'zones', number(3), 'refuse'),
  row('MultiAzService (AWS)', 'shutdownGracePeriod', duration('seconds', 30), 'render'),
  row('MultiAzService (AWS)', 'rootVolumeSize', number(30), 'render'),
  row('MultiAzService (AWS)', 'instanceBootTime', duration('seconds', 180), 'render'),
  row('MultiAzService (AWS)', 'logRetention', duration('days', 365), 'render'),
  ...ALARM('MultiAzService (AWS)', 'cpuUtilization'),
  row('MultiAzService (AWS, scaling)', 'scaling.minReplicas', number(2), 'render'),
  row('MultiAzService (AWS, scaling)', 'scaling.maxReplicas', number(6), 'render'),
  row('MultiAzService (AWS, scaling)', 'scaling.targetCpuUtilization', number(60), 'render'),
  row('MultiAzService (AWS, scaling)', 'scaling.targetRequestsPerTarget', number(1000), 'render'),
  row('MultiAzService (AWS, canary)', 'rollout.weight', number(10), 'refuse'),
  row('MultiAzService (AWS, canary)', 'rollout.bakeTime', duration('minutes', 10), 'render'),
  row('MultiAzService (AWS, canary)', 'replicas', number(3), 'render'),

  row('MultiAzService (Kubernetes)', 'workload.port', number(3000), 'render'),
  row('MultiAzService (Kubernetes)', 'workload.user', number(1000), 'render'),
  row('MultiAzService (Kubernetes)', 'workload.command', list(['/app/server']), 'render'),
  row('MultiAzService (Kubernetes)', 'workload.args', list(['--verbose']), 'render'),
  // The startup probe takes its budget from the liveness check when there is one (the subject has one).
  ...HEALTH_CHECK('MultiAzService (Kubernetes)', 'healthCheck', 'unused'),
  // A liveness probe succeeds after one success (Kubernetes requires it): the healthy threshold is the readiness check's.
  ...HEALTH_CHECK('MultiAzService (Kubernetes)', 'livenessCheck').map((r) => (r.prop === 'livenessCheck.healthyThreshold' ? { ...r, outcome: 'unused' as const } : r)),
  row('MultiAzService (Kubernetes)', 'replicas', number(3), 'render'),
  row('MultiAzService (Kubernetes)', 'zones', number(3), 'refuse'),
  row('MultiAzService (Kubernetes)', 'shutdownGracePeriod', duration('seconds', 30), 'render'),
  row('MultiAzService (Kubernetes, scaling)', 'scaling.minReplicas', number(2), 'render'),
  row('MultiAzService (Kubernetes, scaling)', 'scaling.maxReplicas', number(6), 'render'),
  row('MultiAzService (Kubernetes, scaling)', 'scaling.targetCpuUtilization', number(60), 'render'),
  row('MultiAzService (Kubernetes, canary)', 'rollout.weight', number(10), 'refuse'),
  row('MultiAzService (Kubernetes, canary)', 'rollout.bakeTime', duration('minutes', 10), 'refuse'),
  row('MultiAzService (Kubernetes, canary)', 'replicas', number(3), 'refuse'),
  row('MultiAzService (Kubernetes, blue/green)', 'rollout.standby.port', number(3000), 'refuse'),

  row('ReplicatedDatabase (Multi-AZ)', 'replication.readReplicas', number(1), 'refuse'),
  row('ReplicatedDatabase (Multi-AZ)', 'port', number(5432), 'render'),
  row('ReplicatedDatabase (Multi-AZ)', 'storage.allocatedStorage', number(50), 'render'),
  row('ReplicatedDatabase (Multi-AZ)', 'storage.maxAllocatedStorage', number(500), 'render'),
  row('ReplicatedDatabase (Multi-AZ)', 'backupRetention', duration('days', 7), 'render'),
  // The replica-lag alarms' threshold: a Multi-AZ database without read replicas has no such alarm.
  row('ReplicatedDatabase (Multi-AZ)', 'recoveryPointObjective', duration('seconds', 60), 'unused'),
  row('ReplicatedDatabase (Multi-AZ)', 'monitoringInterval', duration('seconds', 60), 'render'),
  row('ReplicatedDatabase (Multi-AZ)', 'logRetention', duration('days', 365), 'render'),
  ...ALARM('ReplicatedDatabase (Multi-AZ)', 'cpuUtilization'),
  row('ReplicatedDatabase (provisioned gp3)', 'storage.iops', number(12000), 'render'),
  row('ReplicatedDatabase (provisioned gp3)', 'storage.throughput', number(500), 'render'),
  row('ReplicatedDatabase (Aurora)', 'replication.readers', number(1), 'refuse'),
  row('ReplicatedDatabase (Aurora)', 'replication.readerZones', list(['eu-west-1b']), 'refuse'),

  row('ReplicatedDatabase (Kubernetes)', 'replication.readReplicas', number(1), 'refuse'),
  row('ReplicatedDatabase (Kubernetes)', 'port', number(5432), 'refuse'),
  row('ReplicatedDatabase (Kubernetes)', 'storage.allocatedStorage', number(50), 'render'),
  row('ReplicatedDatabase (Kubernetes)', 'backupRetention', duration('days', 7), 'render'),
  row('ReplicatedDatabase (Kubernetes)', 'recoveryPointObjective', duration('seconds', 60), 'refuse'),

  row('HaAlertmanager', 'replicas', number(3), 'refuse'),
  row('HaAlertmanager', 'receivers', anyList(), 'refuse'),
  row('HaAlertmanager', 'receivers[1].maxAlerts', number(5), 'refuse'),
  row('HaAlertmanager', 'route.groupBy', list(['alertname']), 'refuse'),
  row('HaAlertmanager', 'route.groupWait', duration('seconds', 30), 'refuse'),
  row('HaAlertmanager', 'route.groupInterval', duration('minutes', 5), 'refuse'),
  row('HaAlertmanager', 'route.repeatInterval', duration('minutes', 240), 'refuse'),
  row('HaAlertmanager', 'route.routes', anyList(), 'refuse'),
  row('HaAlertmanager', 'route.routes[0].matchers', anyList(), 'refuse'),
  row('HaAlertmanager', 'inhibitRules', anyList(), 'refuse'),
  row('HaAlertmanager', 'inhibitRules[0].sourceMatchers', anyList(), 'refuse'),
  row('HaAlertmanager', 'inhibitRules[0].targetMatchers', anyList(), 'refuse'),
  row('HaAlertmanager', 'inhibitRules[0].equal', list(['alertname']), 'refuse'),
  row('HaAlertmanager', 'apiClients', anyList(), 'refuse'),
  row('HaAlertmanager', 'monitorWorkload.minReplicas', number(3), 'render', 'minReplicas'),

  row('AlarmTopic', 'emails', list(['oncall@example.com']), 'refuse'),
  row('AlarmTopic', 'httpsEndpoints', list(['https://events.example.com/x']), 'refuse'),

  row('ResilienceTarget.survive', 'zoneLoss', number(1), 'refuse'),
  row('ResilienceTarget.survive', 'maxDetection', duration('seconds', 60), 'refuse'),
  row('ResilienceTarget.survive', 'recoveryTime', duration('minutes', 5), 'refuse'),
  row('ResilienceTarget.survive', 'recoveryPoint', duration('seconds', 0), 'refuse'),
];

interface Attempt {
  readonly error?: Error;
  readonly text?: string;
  readonly facts?: unknown[];
}

/** Builds one row's subject with its prop set to a token, in a fresh stack; synthesizes it. */
function attempt(r: Row): Attempt {
  const subject = SUBJECTS[r.subject];
  const stack = new TerraformStack(Testing.app(), 'stack');
  addProviders(stack, subject);
  const read = new Set<string>();
  try {
    let token: unknown;
    const built = subject.build(stack, <T>(path: string, fallback: T): T => {
      read.add(path);
      if (path !== r.prop) {
        return fallback;
      }
      token ??= r.make(stack, 'tok').value;
      return token as T;
    });
    if (!read.has(r.prop)) {
      throw new Error(`the ${r.subject} builder never reads \`${r.prop}\`: fix the row or the builder`);
    }
    const text = Testing.synth(stack);
    return { text, facts: built.map((c) => c.resilienceFacts()) };
  } catch (e) {
    return { error: e as Error };
  }
}

describe.each(Object.keys(SUBJECTS))('%s: a Terraform variable in each numeric and list prop', (name) => {
  const rows = ROWS.filter((r) => r.subject === name);

  const refused = rows.filter((r) => r.outcome === 'refuse').map((r) => [r.prop, r] as const);
  const passed = rows.filter((r) => r.outcome !== 'refuse').map((r) => [r.prop, r] as const);
  (refused.length > 0 ? test.each(refused) : test.skip.each([['-', rows[0]] as const]))('`%s` is refused: it must be known at synth time', (_prop, r) => {
    const { error } = attempt(r);
    expect(error?.name).toBe('ValidationError');
    expect(error?.message).toContain(`\`${r.named ?? r.prop}\` must be known at synth time`);
    expect(error?.message).toMatch(/var\.tok|a Terraform token/);
    expect(error?.message).not.toMatch(/-?\d\.\d+e\+\d{2,3}|TfToken/);
  });

  (passed.length > 0 ? test.each(passed) : test.skip.each([['-', rows[0]] as const]))('`%s` is passed through: referenced, never garbage', (_prop, r) => {
    const { error, text, facts } = attempt(r);
    expect(error).toBeUndefined();
    expect(garbageIn(text!)).toEqual([]);
    if (r.outcome === 'render') {
      expect(text).toContain('var.tok');
    }
    // Facts hold no encoded token numbers: a count known only at deploy time is reported as unknown.
    expect(JSON.stringify(facts, (_k, v) => (Duration.isDuration(v) ? (v as Duration).toHumanString() : v))).not.toMatch(/-?\d\.\d+e\+\d{2,3}/);
  });

  const rendered = rows.filter((r) => r.outcome === 'render');
  (rendered.length > 0 ? test : test.skip)('Terraform validates and plans every passed-through variable of this construct (offline proof)', () => {
    const subject = SUBJECTS[name];
    const stack = new TerraformStack(Testing.app(), 'stack');
    addProviders(stack, subject);
    rendered.forEach((r, i) => {
      const scope = new Construct(stack, `case${i}`);
      let token: unknown;
      subject.build(scope, <T>(path: string, fallback: T): T => {
        if (path !== r.prop) {
          return fallback;
        }
        token ??= r.make(stack, `tok${i}`).value;
        return token as T;
      });
    });
    expect(stack).toBeValidTerraformOffline(subject.crds ? { crds: subject.crds } : undefined);
  });
});

test('every row names a subject and a prop once', () => {
  const keys = ROWS.map((r) => `${r.subject} ${r.prop}`);
  expect(ROWS.filter((r) => SUBJECTS[r.subject] === undefined)).toEqual([]);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
});
