import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { PAGERDUTY, SLACK, minimalProps } from './support';
import {
  BackupStore,
  DatabaseEngine,
  Duration,
  HaAlertmanagerProps,
  IAlertRouting,
  InhibitRule,
  Matcher,
  MonitoredWorkload,
  Platform,
  Receiver,
  ReplicatedDatabase,
  Replication,
  Route,
  SecretRef,
  WorkloadKind,
} from '../../src';

/*
 * Representative HaAlertmanager configurations, shared by the unit tests that assert their rendering and by the
 * real-engine checks (engines.test.ts), which prove the same output against amtool and promtool. A configuration
 * shape a unit test introduces belongs here, with the routing its test documents.
 */

/** The routing tree of the configuration round-trip test. */
export const ROUTING_TREE = {
  receivers: [PAGERDUTY, SLACK],
  route: Route.to('team', {
    groupBy: ['alertname', 'service'],
    groupWait: Duration.seconds(45),
    groupInterval: Duration.minutes(10),
    repeatInterval: Duration.hours(3),
    routes: [
      Route.to('oncall', { matchers: [Matcher.equal('severity', 'critical')], continueMatching: true, repeatInterval: Duration.minutes(30) }),
      Route.to('team', {
        matchers: [Matcher.regex('namespace', 'shop|payments'), Matcher.notEqual('team', 'platform')],
        groupBy: ['...'],
        routes: [Route.to('oncall', { matchers: [Matcher.notRegex('env', 'dev.*')], continueMatching: false })],
      }),
    ],
  }),
  inhibitRules: [
    InhibitRule.of({ sourceMatchers: [Matcher.equal('alertname', 'NodeDown')], targetMatchers: [Matcher.regex('alertname', 'Pod.*')], equal: ['node'] }),
    InhibitRule.of({ sourceMatchers: [Matcher.equal('severity', 'critical')], targetMatchers: [Matcher.equal('severity', 'info')] }),
  ],
};

/** A heartbeat receiver for the Watchdog alert. */
export const HEARTBEAT = Receiver.webhook('heartbeat', SecretRef.kubernetes('heartbeat', 'url'));

/** A Watchdog route nested below a route without matchers (it is reached: the parent takes every alert). */
export const NESTED_WATCHDOG_ROUTE = Route.to('oncall', {
  routes: [Route.to('oncall', { routes: [Route.to('heartbeat', { matchers: [Matcher.equal('alertname', 'Watchdog')], repeatInterval: Duration.minutes(1) })] })],
});

/** Every receiver option away from its default, one receiver of each kind (the receiver rendering tests). */
export const RECEIVER_OPTIONS = {
  pagerDuty: Receiver.pagerDuty('p', SecretRef.kubernetes('pd', 'key'), { sendResolved: false }),
  slack: Receiver.slack('s', SecretRef.kubernetes('slack', 'url'), { channel: '@oncall', title: '{{ .CommonLabels.alertname }}', text: 'x' }),
  webhook: Receiver.webhook('w', SecretRef.kubernetes('hooks', 'url'), { maxAlerts: 5 }),
  email: Receiver.email('m', {
    to: 'ops@example.com',
    fromAddress: 'am@example.com',
    smarthost: 'smtp.example.com:465',
    authUsername: 'am',
    authPassword: SecretRef.kubernetes('smtp', 'password'),
    requireTls: false,
  }),
};

/** The props of the maximal snapshot. */
export const MAXIMAL: HaAlertmanagerProps = {
  platform: Platform.kubernetes({ namespaceName: 'observability' }),
  name: 'alertmanager',
  replicas: 5,
  image: 'registry.example.com/alertmanager:v0.28.1',
  storage: { size: '2Gi', storageClassName: 'fast' },
  cpu: '1',
  memory: '512Mi',
  allowSingleZone: true,
  externalUrl: 'https://alerts.example.com',
  apiClients: [{ namespaceLabels: { 'kubernetes.io/metadata.name': 'prometheus' }, podLabels: { 'app.kubernetes.io/name': 'prometheus' } }],
  clusterTls: { secretName: 'alertmanager-cluster-tls' },
  receivers: [
    PAGERDUTY,
    SLACK,
    Receiver.webhook('hook', SecretRef.kubernetes('hooks', 'url'), { maxAlerts: 10, sendResolved: false }),
    Receiver.email('mail', {
      to: 'ops@example.com',
      fromAddress: 'alertmanager@example.com',
      smarthost: 'smtp.example.com:587',
      authUsername: 'alertmanager',
      authPassword: SecretRef.kubernetes('smtp', 'password'),
    }),
  ],
  route: Route.to('team', {
    groupBy: ['alertname', 'namespace', 'service'],
    groupWait: Duration.seconds(10),
    groupInterval: Duration.minutes(2),
    repeatInterval: Duration.hours(12),
    routes: [
      Route.to('oncall', { matchers: [Matcher.equal('severity', 'critical')], continueMatching: true }),
      Route.to('mail', { matchers: [Matcher.notEqual('team', 'platform')], routes: [Route.to('hook', { matchers: [Matcher.notRegex('env', 'dev|test')] })] }),
    ],
  }),
  inhibitRules: [
    InhibitRule.of({ sourceMatchers: [Matcher.equal('alertname', 'ClusterDown')], targetMatchers: [Matcher.regex('severity', 'warning|info')], equal: ['cluster'] }),
  ],
};

/** Workloads registered as the rule tests register them (two kinds, the same name in two namespaces, scrape jobs). */
export const REGISTERED_WORKLOADS: MonitoredWorkload[] = [
  { kind: WorkloadKind.DEPLOYMENT, namespaceName: 'shop', name: 'web', minReplicas: 3, scrapeJob: 'shop/web' },
  { kind: WorkloadKind.STATEFUL_SET, namespaceName: 'shop', name: 'web', scrapeJob: 'shop/web-sts' },
  { kind: WorkloadKind.DEPLOYMENT, namespaceName: 'other', name: 'web' },
];

/** A Slack receiver whose URL comes from a sensitive Terraform variable `slack_webhook` declared in `scope`. */
export function terraformVariableProps(scope: Construct): HaAlertmanagerProps {
  const variable = new TerraformVariable(scope, 'slack_webhook', { type: 'string', sensitive: true });
  return minimalProps({ receivers: [PAGERDUTY, Receiver.slack('team', SecretRef.terraformVariable(variable), { channel: '#alerts' })] });
}

/**
 * The live cluster test's configuration (live-cluster.test.ts): notifications go to a webhook whose URL the test
 * supplies, and `groupWait` is 1 s instead of the default 30 s so the test does not wait for it. Nothing else differs
 * from the defaults.
 */
export const LIVE: HaAlertmanagerProps = minimalProps({
  replicas: 3,
  receivers: [Receiver.webhook('team', SecretRef.kubernetes('hooks', 'url'))],
  route: Route.to('team', { groupWait: Duration.seconds(1) }),
});

/** One configuration, and the routing its test documents. */
export interface AlertmanagerCase {
  /** Builds the props in the stack they are synthesized in. */
  readonly props: (scope: Construct) => HaAlertmanagerProps;
  /** Workloads registered after construction. */
  readonly workloads?: MonitoredWorkload[];
  /** Constructs created on a platform with this alerting (e.g. a database registering its rule groups). */
  readonly clients?: (scope: Construct, alerting: IAlertRouting) => void;
  /** An example alert's labels, and the receivers Alertmanager must route it to (in order). */
  readonly routes: Array<[Record<string, string>, string[]]>;
  /** Where the Watchdog alert of the rules must go; undefined when the configuration has no Watchdog. */
  readonly watchdog?: string;
}

/** The configurations of the unit tests, by name. */
export const CASES: Record<string, AlertmanagerCase> = {
  'minimal (defaults)': {
    props: () => minimalProps(),
    routes: [[{ alertname: 'Anything', severity: 'critical', namespace: 'shop' }, ['oncall']]],
    watchdog: 'watchdog-unrouted',
  },
  'no Watchdog, no inhibition, group_wait 0s': {
    props: () => minimalProps({ watchdog: false, inhibitRules: [], route: Route.to('oncall', { groupWait: Duration.seconds(0) }) }),
    routes: [[{ alertname: 'Watchdog', severity: 'none' }, ['oncall']]],
  },
  'routing tree (continue, regex, negations, group_by ...)': {
    props: () => minimalProps(ROUTING_TREE),
    routes: [
      // critical: the first route matches and continues; the second does not (namespace)
      [{ alertname: 'A', severity: 'critical', namespace: 'other' }, ['oncall']],
      // critical in shop: both routes, the second's child (env not dev*) too
      [{ alertname: 'A', severity: 'critical', namespace: 'shop', env: 'prod' }, ['oncall', 'oncall']],
      // the platform team is excluded from the second route: the root's receiver
      [{ alertname: 'A', severity: 'warning', namespace: 'shop', team: 'platform' }, ['team']],
      // a dev environment: the second route, not its child
      [{ alertname: 'A', severity: 'warning', namespace: 'payments', env: 'dev-1' }, ['team']],
    ],
    watchdog: 'watchdog-unrouted',
  },
  'Watchdog routed to a heartbeat receiver': {
    props: () => minimalProps({ receivers: [PAGERDUTY, HEARTBEAT], route: NESTED_WATCHDOG_ROUTE }),
    routes: [[{ alertname: 'Other', severity: 'critical' }, ['oncall']]],
    watchdog: 'heartbeat',
  },
  'every receiver option': {
    props: () => minimalProps({ receivers: Object.values(RECEIVER_OPTIONS) }),
    routes: [[{ alertname: 'A', severity: 'warning' }, ['p']]],
    watchdog: 'watchdog-unrouted',
  },
  'a Terraform-variable credential': {
    props: terraformVariableProps,
    routes: [[{ alertname: 'A', severity: 'warning' }, ['oncall']]],
    watchdog: 'watchdog-unrouted',
  },
  'maximal': {
    props: () => MAXIMAL,
    routes: [
      // critical pages and continues; the platform team is excluded from the mail route
      [{ alertname: 'A', severity: 'critical', team: 'platform' }, ['oncall']],
      [{ alertname: 'A', severity: 'warning', team: 'shop', env: 'prod' }, ['hook']],
      [{ alertname: 'A', severity: 'warning', team: 'shop', env: 'dev' }, ['mail']],
      [{ alertname: 'A', severity: 'info', team: 'platform' }, ['team']],
    ],
    watchdog: 'watchdog-unrouted',
  },
  'live cluster (webhook, group_wait 1s)': {
    props: () => LIVE,
    routes: [[{ alertname: 'LiveTestAlert', severity: 'warning', namespace: 'monitoring' }, ['team']]],
    watchdog: 'watchdog-unrouted',
  },
  'registered workloads': {
    props: () => minimalProps(),
    workloads: REGISTERED_WORKLOADS,
    routes: [[{ alertname: 'WorkloadReplicasBelowMinimum', severity: 'critical', namespace: 'shop' }, ['oncall']]],
    watchdog: 'watchdog-unrouted',
  },
  'registered rule groups (CloudNativePG databases: synchronous, asynchronous, without backups)': {
    props: () => minimalProps(),
    clients: (scope, alerting) => {
      const backupStore = BackupStore.s3({ destinationPath: 's3://acme-db-backups/shop/' });
      const engine = DatabaseEngine.postgres('16');
      new ReplicatedDatabase(scope, 'orders', { platform: Platform.kubernetes({ namespaceName: 'shop', alerting, backupStore }), engine });
      new ReplicatedDatabase(scope, 'events', {
        platform: Platform.kubernetes({ namespaceName: 'shop', alerting, backupStore }),
        engine,
        recoveryPointObjective: Duration.seconds(30),
        replication: Replication.multiAz({ readReplicas: 2 }),
      });
      new ReplicatedDatabase(scope, 'scratch', { platform: Platform.kubernetes({ namespaceName: 'lab', alerting, backupStore: BackupStore.none() }), engine });
    },
    routes: [
      [{ alertname: 'DatabaseStandbyMissing', severity: 'critical', namespace: 'shop', database: 'shop/stack-orders' }, ['oncall']],
      [{ alertname: 'DatabaseBackupTooOld', severity: 'warning', namespace: 'shop', database: 'shop/stack-orders' }, ['oncall']],
    ],
    watchdog: 'watchdog-unrouted',
  },
};
