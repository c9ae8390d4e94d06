import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { garbageIn } from './garbage';
import { CERT, IMAGE, network } from './subjects';
import {
  AwsCompute,
  AlarmTopic,
  BackupStore,
  DatabaseEngine,
  DatabaseRemovalPolicy,
  Duration,
  FaultExperimentKind,
  FaultExperiments,
  HaAlertmanager,
  HealthCheck,
  HealthCheckedLoadBalancer,
  HealthDashboard,
  MultiAzNetwork,
  MultiAzService,
  NatGatewayMode,
  Platform,
  Receiver,
  RemovalPolicy,
  ReplicatedDatabase,
  Replication,
  Rollout,
  Route,
  SecretRef,
  Workload,
} from '../../src';

/*
 * A property-based fuzz over runtime-typed props, as plain JavaScript and loosely typed jsii languages pass them. The
 * generator knows which values are valid: each prop is left out, given a valid value, or given an invalid one (a wrong
 * type, a value out of range, a plain object in place of a library class, an enum value in the wrong case), and now
 * and then a misspelled or renamed prop is added. Every case must end in exactly one of:
 *   - all values valid: the construct synthesizes, with no garbage in the configuration;
 *   - some value invalid: one ValidationError naming every invalid prop.
 * A TypeError (or any other error) is a crash; a case with an invalid value that synthesizes is "invalid accepted".
 */

/** A prop left out. */
const OMIT = Symbol('omit');

interface PropSpec {
  readonly name: string;
  readonly valid: fc.Arbitrary<unknown>;
  readonly invalid: fc.Arbitrary<unknown>;
  /** Leaving it out is invalid. */
  readonly required?: boolean;
}

export interface Target {
  readonly name: string;
  readonly props: PropSpec[];
  /** Misspelled or renamed props this target must refuse. */
  readonly unknown: string[];
  /**
   * The factory the props go to, when they go to one before the construct: its error names the problems it can judge
   * alone (types, unknown props); the construct then names those that need the platform (ranges).
   */
  readonly factory?: string;
  /** Builds the construct (or calls the factory) with `props`; returns the stack to synthesize, if any. */
  readonly build: (props: Record<string, unknown>) => TerraformStack | undefined;
}

/** Values of the wrong type for anything. */
const WRONG_TYPES: unknown[] = [null, 'x', '3', -1, 1.5, NaN, Infinity, true, {}, [], { amount: 30, unit: 'SECONDS' }];

const wrong = (...more: unknown[]) => fc.constantFrom(...WRONG_TYPES, ...more);
/** Whole numbers from `min` to `max` are valid (a subset of the valid values); `invalid` adds values beyond the bounds. */
const int = (min: number, max: number, ...invalid: unknown[]) => ({
  valid: fc.integer({ min, max }),
  invalid: wrong(min - 1, min + 0.5, String(min), ...invalid),
});
/** Durations of `min` to `max` seconds are valid; `invalid` adds durations out of range. */
const seconds = (min: number, max: number, ...invalid: unknown[]) => ({
  valid: fc.integer({ min, max }).map((n) => Duration.seconds(n)),
  invalid: wrong(30, '30s', ...invalid),
});
const oneOf = (valid: unknown[], invalid: unknown[]) => ({ valid: fc.constantFrom(...valid), invalid: fc.constantFrom(...invalid) });
const bool = () => ({ valid: fc.boolean(), invalid: fc.constantFrom('true', 1, 0, null, {}) });

function stack(providers: Array<'aws' | 'kubernetes'>): TerraformStack {
  const s = new TerraformStack(Testing.app(), 'stack');
  if (providers.includes('aws')) {
    new AwsProvider(s, 'aws', { region: 'eu-west-1' });
  }
  if (providers.includes('kubernetes')) {
    new KubernetesProvider(s, 'kubernetes', { configPath: '~/.kube/config' });
  }
  return s;
}

const HEALTH_CHECK = {
  valid: fc.constantFrom(HealthCheck.http('/health'), HealthCheck.tcp(), HealthCheck.http('/ready', { interval: Duration.seconds(10) })),
  invalid: fc.constantFrom({ protocol: 'HTTP', path: '/health' }, 'http', '/health', 8080, null, []),
};
const CONTAINER = Workload.container({ image: IMAGE, port: 3000 });

export const TARGETS: Target[] = [
  {
    name: 'MultiAzNetwork',
    props: [
      { name: 'cidr', ...oneOf(['10.0.0.0/16', '10.8.0.0/16', '172.16.0.0/16'], ['10.0.0.1/16', '10.0.0.0', '10.0.0.0/33', '::/0', 16, '', null]) },
      { name: 'zones', ...int(2, 3, 7, 0) },
      { name: 'natGateways', ...oneOf(Object.values(NatGatewayMode), ['per_zone', 'BOGUS', 1, null, true]) },
      { name: 'subnetPrefixLength', valid: fc.integer({ min: 20, max: 24 }), invalid: wrong(15, 29, 33, 22.5, '24') },
      { name: 'flowLogs', valid: fc.constantFrom({}, { retention: Duration.days(365) }, { enabled: true }), invalid: fc.constantFrom(365, 'on', { retention: 365 }, { retention: Duration.days(2) }, { retentionDays: 365 }, { enabled: 'yes' }, null) },
      { name: 'tags', valid: fc.constantFrom({ team: 'shop' }), invalid: fc.constantFrom('team=shop', ['team'], null) },
    ],
    unknown: ['maxAzs', 'zone', 'natGatewayMode', 'Cidr'],
    build: (props) => {
      const s = stack(['aws']);
      new MultiAzNetwork(s, 'subject', props as any);
      return s;
    },
  },
  {
    name: 'HealthCheckedLoadBalancer (AWS)',
    props: [
      { name: 'port', ...int(1, 65535, 65536, '443') },
      { name: 'internetFacing', ...bool() },
      { name: 'idleTimeout', ...seconds(1, 4000, Duration.seconds(4001)) },
      { name: 'healthCheck', valid: fc.constantFrom(HealthCheck.http('/health'), HealthCheck.https('/ready')), invalid: HEALTH_CHECK.invalid },
      {
        name: 'allowedCidrs',
        valid: fc.constantFrom(['0.0.0.0/0'], ['203.0.113.0/24', '2001:db8::/32'], ['0.0.0.0/0', '::/0']),
        invalid: fc.constantFrom('0.0.0.0/0', ['10.0.0.1/8'], ['2001:db8::1:/32'], ['::/0'], [5], [null], null, {}),
      },
    ],
    unknown: ['internal', 'listenerPort', 'healthcheck', 'idleTimeoutSeconds'],
    build: (props) => {
      const s = stack(['aws']);
      new HealthCheckedLoadBalancer(s, 'subject', { platform: Platform.aws({ network: network(s) }), certificateArn: CERT, ...props } as any);
      return s;
    },
  },
  {
    name: 'MultiAzService (Kubernetes)',
    props: [
      { name: 'workload', required: true, valid: fc.constantFrom(CONTAINER, Workload.container({ image: 'ghcr.io/acme/api@sha256:' + 'a'.repeat(64), port: 8080 })), invalid: fc.constantFrom({ image: IMAGE, port: 3000 }, IMAGE, null, 3000) },
      { name: 'replicas', ...int(2, 12, 1, 0) },
      { name: 'shutdownGracePeriod', ...seconds(1, 600, Duration.seconds(601)) },
      { name: 'healthCheck', ...HEALTH_CHECK },
      { name: 'rollout', valid: fc.constantFrom(Rollout.rolling(), Rollout.canary({ weight: 20 })), invalid: fc.constantFrom('rolling', { strategy: 'CANARY', weight: 10 }, null, 1) },
      { name: 'name', ...oneOf(['web', 'api-1'], ['Web', 'a_b', '-web', 5, '', null]) },
      { name: 'createNamespace', ...bool() },
    ],
    unknown: ['image', 'port', 'desiredCount', 'namespace', 'replica', 'minReplicas'],
    build: (props) => {
      const s = stack(['kubernetes']);
      new MultiAzService(s, 'subject', { platform: Platform.kubernetes({ namespaceName: 'shop' }), ...props } as any);
      return s;
    },
  },
  {
    name: 'MultiAzService (AWS)',
    props: [
      { name: 'workload', required: true, valid: fc.constantFrom(CONTAINER), invalid: fc.constantFrom({ image: IMAGE, port: 3000 }, IMAGE, null) },
      { name: 'replicas', ...int(2, 12, 1) },
      { name: 'zones', ...int(2, 3, 1, 4) },
      { name: 'rootVolumeSize', ...int(8, 200, 5) },
      { name: 'logRetention', valid: fc.constantFrom(Duration.days(30), Duration.days(365)), invalid: fc.constantFrom(30, Duration.days(2), Duration.hours(5), '30d', null) },
      { name: 'instanceBootTime', ...seconds(0, 3600, Duration.seconds(3601)) },
      { name: 'healthCheck', ...HEALTH_CHECK },
    ],
    unknown: ['instanceCount', 'desiredCount', 'network', 'cpu', 'rootVolume'],
    build: (props) => {
      const s = stack(['aws']);
      // On instances: a container runs on Fargate by default, which refuses `rootVolumeSize` and `instanceBootTime`.
      new MultiAzService(s, 'subject', { platform: Platform.aws({ network: network(s), compute: AwsCompute.EC2 }), ...props } as any);
      return s;
    },
  },
  {
    name: 'ReplicatedDatabase (AWS)',
    props: [
      { name: 'engine', required: true, valid: fc.constantFrom(DatabaseEngine.postgres('16.4'), DatabaseEngine.mysql('8.0')), invalid: fc.constantFrom('postgres', { type: 'POSTGRES', version: '16' }, null, 16) },
      { name: 'backupRetention', valid: fc.integer({ min: 1, max: 35 }).map((n) => Duration.days(n)), invalid: wrong(7, Duration.days(40), '7d') },
      { name: 'port', ...int(1150, 65535, 80, 65536, '5432') },
      { name: 'storage', valid: fc.integer({ min: 20, max: 1000 }).map((n) => ({ allocatedStorage: n })), invalid: fc.constantFrom(100, { allocatedStorage: '100' }, { allocatedStorage: -5 }, { size: 100 }, null) },
      { name: 'removalPolicy', ...oneOf(Object.values(DatabaseRemovalPolicy), ['retain', 'KEEP', 1, null]) },
      { name: 'replication', valid: fc.constantFrom(Replication.multiAz(), Replication.multiAz({ readReplicas: 1 })), invalid: fc.constantFrom('multiAz', {}, { readReplicas: 1 }, null) },
    ],
    unknown: ['engineVersion', 'multiAz', 'allocatedStorage', 'deletionProtection', 'Port'],
    build: (props) => {
      const s = stack(['aws']);
      new ReplicatedDatabase(s, 'subject', { platform: Platform.aws({ network: network(s) }), ...props } as any);
      return s;
    },
  },
  {
    name: 'ReplicatedDatabase (Kubernetes)',
    props: [
      { name: 'engine', required: true, valid: fc.constantFrom(DatabaseEngine.postgres('16'), DatabaseEngine.postgres('17.2')), invalid: fc.constantFrom('postgres', { type: 'POSTGRES', version: '16' }, null) },
      { name: 'cpu', ...oneOf(['500m', '1', '2'], [2, '2 cores', '', null]) },
      { name: 'memory', ...oneOf(['2Gi', '512Mi'], [2048, '2GB', '', null]) },
      { name: 'backupRetention', valid: fc.integer({ min: 1, max: 90 }).map((n) => Duration.days(n)), invalid: wrong(7, '7d') },
      { name: 'storage', valid: fc.integer({ min: 1, max: 500 }).map((n) => ({ allocatedStorage: n })), invalid: fc.constantFrom(100, { allocatedStorage: 0 }, { allocatedStorage: '100' }, { storageClass: 'gp3' }, null) },
      { name: 'replication', valid: fc.constantFrom(Replication.multiAz(), Replication.multiAz({ readReplicas: 2 })), invalid: fc.constantFrom('multiAz', {}, null) },
    ],
    unknown: ['instances', 'storageClassName', 'resources', 'backup'],
    build: (props) => {
      const s = stack(['kubernetes']);
      const platform = Platform.kubernetes({ namespaceName: 'shop', backupStore: BackupStore.s3({ destinationPath: 's3://acme-db-backups/shop/' }) });
      new ReplicatedDatabase(s, 'subject', { platform, ...props } as any);
      return s;
    },
  },
  {
    name: 'HaAlertmanager',
    props: [
      { name: 'replicas', ...int(2, 5, 1) },
      {
        name: 'receivers',
        required: true,
        valid: fc.constantFrom([Receiver.pagerDuty('oncall', SecretRef.kubernetes('pagerduty', 'routing-key'))]),
        invalid: fc.constantFrom('oncall', [{ name: 'oncall' }], null, {}),
      },
      { name: 'cpu', ...oneOf(['100m', '1'], [1, '1 core', '', null]) },
      { name: 'memory', ...oneOf(['256Mi', '1Gi'], [256, '256MB', null]) },
    ],
    unknown: ['resources', 'replica', 'receiver', 'routes'],
    build: (props) => {
      const s = stack(['kubernetes']);
      new HaAlertmanager(s, 'subject', { platform: Platform.kubernetes({ namespaceName: 'monitoring' }), route: Route.to('oncall'), ...props } as any);
      return s;
    },
  },
  {
    name: 'AlarmTopic',
    props: [
      { name: 'emails', valid: fc.constantFrom(['oncall@example.com'], ['a@example.com', 'b@example.org']), invalid: fc.constantFrom('oncall@example.com', ['not-an-email'], [5], [null], null, {}) },
      { name: 'name', ...oneOf(['oncall', 'shop-alarms'], [5, 'a b', '', null]) },
    ],
    unknown: ['topicName', 'email', 'subscriptions'],
    build: (props) => {
      const s = stack(['aws']);
      new AlarmTopic(s, 'subject', props as any);
      return s;
    },
  },
  {
    name: 'MultiAzService (Fargate)',
    props: [
      { name: 'workload', required: true, valid: fc.constantFrom(CONTAINER), invalid: fc.constantFrom({ image: IMAGE, port: 3000 }, IMAGE, null) },
      { name: 'replicas', ...int(2, 12, 1) },
      { name: 'zones', ...int(2, 3, 1, 4) },
      { name: 'logRetention', valid: fc.constantFrom(Duration.days(30), Duration.days(365)), invalid: fc.constantFrom(30, Duration.days(2), '30d', null) },
      { name: 'removalPolicy', ...oneOf([RemovalPolicy.RETAIN, RemovalPolicy.DESTROY], ['retain', 'SNAPSHOT', 1, null]) },
    ],
    // `instanceType` and `rootVolumeSize` are EC2 props: refused on Fargate.
    unknown: ['desiredCount', 'taskCount', 'instanceType', 'rootVolumeSize', 'cpu'],
    build: (props) => {
      const s = stack(['aws']);
      new MultiAzService(s, 'subject', { platform: Platform.aws({ network: network(s), compute: AwsCompute.FARGATE }), ...props } as any);
      return s;
    },
  },
  {
    name: 'FaultExperiments (AWS)',
    props: [
      { name: 'faultDuration', ...seconds(60, 43200, Duration.seconds(59), Duration.hours(13)) },
      {
        name: 'kinds',
        valid: fc.constantFrom([FaultExperimentKind.DATABASE_FAILOVER], [FaultExperimentKind.ZONE_LOSS, FaultExperimentKind.DATABASE_FAILOVER]),
        invalid: fc.constantFrom('DATABASE_FAILOVER', ['database_failover'], [1], [null], null, {}),
      },
      { name: 'logRetention', valid: fc.constantFrom(Duration.days(30), Duration.days(365)), invalid: fc.constantFrom(365, Duration.days(2), '1y', null) },
      { name: 'schedule', ...oneOf(['@weekly', '0 10 * * 2', '@every 168h'], ['weekly', '0 10 * *', 5, '', null]) },
      { name: 'outputs', ...bool() },
      { name: 'tags', valid: fc.constantFrom({ team: 'shop' }), invalid: fc.constantFrom('team=shop', ['team'], { team: 5 }, null) },
      { name: 'removalPolicy', ...oneOf([RemovalPolicy.RETAIN, RemovalPolicy.DESTROY], ['retain', 'SNAPSHOT', 1, null]) },
    ],
    unknown: ['duration', 'experiments', 'faultDurration', 'Kinds', 'stopConditions'],
    build: (props) => {
      const s = stack(['aws']);
      new ReplicatedDatabase(s, 'db', { platform: Platform.aws({ network: network(s) }), engine: DatabaseEngine.postgres('16') });
      FaultExperiments.of(s, props as any);
      return s;
    },
  },
  {
    name: 'HealthDashboard',
    props: [{ name: 'name', ...oneOf(['shop-health', 'Shop_Health'], [5, 'a b', '', 'a/b', null, {}]) }],
    unknown: ['dashboardName', 'widgets', 'Name', 'construct'],
    build: (props) => {
      const s = stack(['aws']);
      new HealthDashboard(s, 'subject', props as any);
      return s;
    },
  },
  {
    name: 'Duration.seconds',
    props: [{ name: 'amount', required: true, valid: fc.oneof(fc.integer({ min: 0, max: 100000 }), fc.double({ min: 0, max: 1e6, noNaN: true })), invalid: fc.constantFrom(null, '30', -1, -0.5, NaN, Infinity, -Infinity, true, {}, [], Duration.seconds(30)) }],
    unknown: [],
    build: (props) => {
      Duration.seconds(props.amount as any);
      return undefined;
    },
  },
  {
    // A factory's options, checked by the factory (types, unknown props) or by the construct it is given to (ranges).
    name: 'HealthCheck.http (in a load balancer)',
    factory: 'HealthCheck.http',
    props: [
      { name: 'interval', ...seconds(6, 300, Duration.seconds(301), Duration.seconds(2)) },
      { name: 'healthyThreshold', ...int(2, 10, 11) },
      { name: 'port', ...int(1, 65535, 65536) },
      { name: 'healthyHttpCodes', ...oneOf(['200', '200-399', '200,204'], [200, '2xx', '99', null]) },
    ],
    unknown: ['timeoutSeconds', 'path', 'matcher'],
    build: (props) => {
      const s = stack(['aws']);
      new HealthCheckedLoadBalancer(s, 'subject', { platform: Platform.aws({ network: network(s) }), certificateArn: CERT, healthCheck: HealthCheck.http('/health', props as any) });
      return s;
    },
  },
  {
    name: 'Workload.container (in a service)',
    factory: 'Workload.container',
    props: [
      { name: 'image', required: true, ...oneOf([IMAGE, 'nginx:1.27', 'registry.example.com:5000/a/b:1.0'], [5, null, {}, ['x'], 'Ghcr.io/Acme/API:1.0', 'a:b:c:1.0', 'nginx']) },
      { name: 'port', required: true, ...int(1, 65535, 65536) },
      { name: 'cpu', ...oneOf(['500m', '1'], [1, null, '1 core']) },
      { name: 'command', valid: fc.constantFrom(['/app/server'], ['/bin/sh', '-c', 'exec /app/server']), invalid: fc.constantFrom('/app/server', [5], null) },
      { name: 'environment', valid: fc.constantFrom({ LOG_LEVEL: 'info' }), invalid: fc.constantFrom('LOG_LEVEL=info', ['x'], null, { 'LOG-LEVEL': 'info' }) },
    ],
    unknown: ['containerPort', 'env', 'resources', 'runAsUser', 'Image'],
    build: (props) => {
      const s = stack(['kubernetes']);
      new MultiAzService(s, 'subject', { platform: Platform.kubernetes({ namespaceName: 'shop' }), workload: Workload.container(props as any) });
      return s;
    },
  },
  {
    name: 'Rollout.canary (in a service)',
    factory: 'Rollout.canary',
    props: [
      { name: 'weight', required: true, ...int(1, 50, 100, 0) },
      { name: 'bakeTime', ...seconds(60, 3600) },
    ],
    unknown: ['percentage', 'bake', 'canaryWeight'],
    build: (props) => {
      const s = stack(['kubernetes']);
      new MultiAzService(s, 'subject', { platform: Platform.kubernetes({ namespaceName: 'shop' }), workload: CONTAINER, replicas: 4, rollout: Rollout.canary(props as any) });
      return s;
    },
  },
];

export interface Counts {
  cases: number;
  validAccepted: number;
  clearErrors: number;
  crashes: number;
  invalidAccepted: number;
  validRefused: number;
  /** The first few failures, described. */
  failures: string[];
}

interface Case {
  readonly props: Record<string, unknown>;
  /** The props given an invalid value (or left out though required, or unknown). */
  readonly invalid: string[];
}

function caseOf(target: Target): fc.Arbitrary<Case> {
  const entries = target.props.map((p) =>
    fc
      .oneof(
        { weight: p.required ? 0 : 5, arbitrary: fc.constant<[unknown, boolean]>([OMIT, false]) },
        { weight: p.required ? 7 : 4, arbitrary: p.valid.map((v): [unknown, boolean] => [v, false]) },
        { weight: 1, arbitrary: p.invalid.map((v): [unknown, boolean] => [v, true]) },
        // A required prop left out.
        { weight: p.required ? 1 : 0, arbitrary: fc.constant<[unknown, boolean]>([OMIT, true]) },
      )
      .map(([value, bad]) => ({ name: p.name, value, bad })),
  );
  const unknown = target.unknown.length > 0 ? fc.option(fc.constantFrom(...target.unknown), { freq: 8 }) : fc.constant(null);
  return fc.tuple(fc.tuple(...entries), unknown, fc.constantFrom<unknown>(1, 'x', true, {})).map(([values, extra, extraValue]) => {
    const props: Record<string, unknown> = {};
    const invalid: string[] = [];
    for (const { name, value, bad } of values) {
      if (value !== OMIT) {
        props[name] = value;
      }
      if (bad) {
        invalid.push(name);
      }
    }
    if (extra !== null) {
      props[extra] = extraValue;
      invalid.push(extra);
    }
    return { props, invalid };
  });
}

function describeCase(c: Case): string {
  return JSON.stringify(c.props, (_k, v) => (Duration.isDuration(v) ? (v as Duration).toHumanString() : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

/** Runs `numRuns` random cases against `target` (fixed `seed`), and counts how each ended. */
export function fuzz(target: Target, numRuns: number, seed: number): Counts {
  const counts: Counts = { cases: 0, validAccepted: 0, clearErrors: 0, crashes: 0, invalidAccepted: 0, validRefused: 0, failures: [] };
  const fail = (what: string, c: Case, detail: string) => {
    if (counts.failures.length < 5) {
      counts.failures.push(`${what}: ${describeCase(c)} (invalid: ${c.invalid.join(', ') || 'none'}): ${detail}`);
    }
  };
  for (const c of fc.sample(caseOf(target), { seed, numRuns })) {
    counts.cases++;
    let text: string | undefined;
    try {
      const s = target.build(c.props);
      text = s === undefined ? undefined : Testing.synth(s);
    } catch (e) {
      const error = e as Error;
      if (error?.name !== 'ValidationError') {
        counts.crashes++;
        fail('crash', c, `${error?.name}: ${error?.message}`);
        continue;
      }
      if (c.invalid.length === 0) {
        counts.validRefused++;
        fail('valid refused', c, error.message);
        continue;
      }
      // Every invalid prop is named (as `prop`, or `prop.sub...`, or `prop[i]`).
      const named = c.invalid.filter((p) => new RegExp(`\`(\\S+\\.)?${p}[\`.[]`).test(error.message));
      // A factory's error names at least one problem; a construct's names every one.
      const byFactory = target.factory !== undefined && (error.message.startsWith(`${target.factory}:`) || error.message.startsWith(`${target.factory} has`));
      const unnamed = byFactory && named.length > 0 ? [] : c.invalid.filter((p) => !named.includes(p));
      if (unnamed.length > 0 || /\bTypeError\b|\[object Object\]/.test(error.message)) {
        counts.crashes++;
        fail('unclear error', c, `does not name ${unnamed.join(', ')}: ${error.message}`);
        continue;
      }
      counts.clearErrors++;
      continue;
    }
    if (c.invalid.length > 0) {
      counts.invalidAccepted++;
      fail('invalid accepted', c, 'synthesized');
      continue;
    }
    const garbage = text === undefined ? [] : garbageIn(text);
    if (garbage.length > 0) {
      counts.crashes++;
      fail('garbage', c, garbage.join('; '));
      continue;
    }
    counts.validAccepted++;
  }
  return counts;
}
