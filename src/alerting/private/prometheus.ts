import { AlarmSeverity } from '../../core/alarms';
import { AlertRule, AlertRuleGroup, MonitoredWorkload, WorkloadKind } from '../../core/alert-routing';
import { Duration } from '../../core/duration';

/** The Kubernetes kind of each monitored workload kind, as kube-state-metrics and messages name it. */
export const KIND_NAME: Record<WorkloadKind, string> = {
  [WorkloadKind.DEPLOYMENT]: 'Deployment',
  [WorkloadKind.STATEFUL_SET]: 'StatefulSet',
};

/** What the Prometheus rules of one HaAlertmanager are about. */
export interface RulesContext {
  /** The Alertmanager's namespace. */
  readonly namespaceName: string;
  /** The replica count: fewer cluster members than this is degraded. */
  readonly replicas: number;
  /** The Prometheus job that scrapes the Alertmanagers. */
  readonly scrapeJob: string;
  /** The workloads registered through IAlertRouting, the Alertmanager's own StatefulSet first. */
  readonly workloads: MonitoredWorkload[];
  /** The rule groups registered through IAlertRouting, each rendered as a group of its own. @default - none */
  readonly ruleGroups?: AlertRuleGroup[];
  /** Whether to add the always-firing `Watchdog` alert. */
  readonly watchdog: boolean;
}

/** The name of the always-firing alert that proves the pipeline works. */
export const WATCHDOG_ALERT = 'Watchdog';

/** How Prometheus finds the Alertmanagers. */
export interface AlertingTargets {
  /** `host:port` of every replica's web port. */
  readonly addresses: string[];
  /** The headless Service's DNS name. */
  readonly headlessName: string;
  /** The web port. */
  readonly port: number;
}

/** A PromQL string literal. */
function q(value: string): string {
  return JSON.stringify(value);
}

interface Rule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

function alertmanagerRules(ctx: RulesContext): Rule[] {
  const job = `job=${q(ctx.scrapeJob)}`;
  const labels = (severity: string) => ({ severity, namespace: ctx.namespaceName });
  const watchdog: Rule[] = ctx.watchdog
    ? [
      {
        alert: WATCHDOG_ALERT,
        expr: 'vector(1)',
        labels: labels('none'),
        annotations: {
          summary: 'The alerting pipeline works: this alert always fires.',
          description:
              'This alert always fires, to prove Prometheus evaluates rules and Alertmanager delivers them. Route it (alertname="Watchdog") to a dead man\'s switch / heartbeat receiver that pages when it stops arriving; never to a person.',
        },
      },
    ]
    : [];
  return [
    ...watchdog,
    {
      alert: 'AlertmanagerReplicaDown',
      expr: `up{${job}} == 0`,
      for: '5m',
      labels: labels('warning'),
      annotations: {
        summary: 'An Alertmanager replica cannot be scraped.',
        description: 'Alertmanager {{ $labels.instance }} has been down for 5 minutes; the others still deliver, with one fewer spare.',
      },
    },
    {
      alert: 'AlertmanagerClusterDegraded',
      expr: `min(alertmanager_cluster_members{${job}}) < ${ctx.replicas}`,
      for: '5m',
      labels: labels('warning'),
      annotations: {
        summary: `The Alertmanager cluster has fewer than ${ctx.replicas} members.`,
        description: 'Only {{ $value }} Alertmanagers see each other: silences and notification state are not shared by all, and notifications may be sent twice.',
      },
    },
    {
      alert: 'AlertmanagerNotificationsFailing',
      expr: `sum by (integration) (rate(alertmanager_notifications_failed_total{${job}}[5m])) > 0`,
      for: '5m',
      labels: labels('critical'),
      annotations: {
        summary: 'Alertmanager fails to send notifications to {{ $labels.integration }}.',
        description: 'Notifications to {{ $labels.integration }} have been failing for 5 minutes: check the credential and the network path to the service.',
      },
    },
    {
      alert: 'AlertmanagerConfigReloadFailed',
      expr: `alertmanager_config_last_reload_successful{${job}} == 0`,
      for: '10m',
      labels: labels('warning'),
      annotations: {
        summary: 'Alertmanager could not load its configuration.',
        description: 'Alertmanager {{ $labels.instance }} runs an old configuration: its last reload failed.',
      },
    },
  ];
}

function workloadRules(w: MonitoredWorkload): Rule[] {
  const declared = w.minReplicas ?? 2;
  // Critical only when one more loss is an outage (fewer than 2 available, or none when 1 is declared); a warning
  // while fewer than the declared count are available, so a single lost pod of a larger workload does not page.
  const critical = Math.min(2, declared);
  const deployment = w.kind === WorkloadKind.DEPLOYMENT;
  const sel = `namespace=${q(w.namespaceName)},${deployment ? 'deployment' : 'statefulset'}=${q(w.name)}`;
  const kind = KIND_NAME[w.kind];
  const id = `${kind} ${w.namespaceName}/${w.name}`;
  // A static label naming the workload: without it the rules of two workloads share name and labels, which
  // `promtool check rules` (`--lint=duplicate-rules`, the default) reports as duplicates.
  const workload = `${w.namespaceName}/${kind}/${w.name}`;
  const available = deployment ? `kube_deployment_status_replicas_available{${sel}}` : `kube_statefulset_status_replicas_ready{${sel}}`;
  const belowMinimum = (threshold: number, severity: string, description: string): Rule => ({
    alert: 'WorkloadReplicasBelowMinimum',
    expr: `${available} < ${threshold}`,
    for: '5m',
    labels: { severity, namespace: w.namespaceName, workload },
    annotations: { summary: `${id} has fewer than ${threshold} ready replicas.`, description },
  });
  const rules: Rule[] = [
    belowMinimum(critical, 'critical', `Only {{ $value }} replicas of ${id} are ready: losing one more is an outage.`),
    ...(declared > critical
      ? [belowMinimum(declared, 'warning', `Only {{ $value }} of the ${declared} declared replicas of ${id} are ready: it still survives the loss of one more.`)]
      : []),
    {
      alert: 'WorkloadReplicasUnavailable',
      expr: deployment
        ? `kube_deployment_status_replicas_unavailable{${sel}} > 0`
        : `kube_statefulset_replicas{${sel}} - kube_statefulset_status_replicas_ready{${sel}} > 0`,
      for: '10m',
      labels: { severity: 'warning', namespace: w.namespaceName, workload },
      annotations: {
        summary: `${id} has unhealthy replicas.`,
        description: `{{ $value }} replicas of ${id} have not been ready for 10 minutes.`,
      },
    },
    {
      alert: 'WorkloadRolloutLagging',
      expr: deployment
        ? `kube_deployment_status_replicas_updated{${sel}} < kube_deployment_spec_replicas{${sel}}`
        : `kube_statefulset_status_replicas_updated{${sel}} < kube_statefulset_replicas{${sel}}`,
      for: '15m',
      labels: { severity: 'warning', namespace: w.namespaceName, workload },
      annotations: {
        summary: `Replicas of ${id} lag behind its rollout.`,
        description: `Some replicas of ${id} have run an old revision for 15 minutes: the rollout is stuck.`,
      },
    },
  ];
  if (w.scrapeJob !== undefined) {
    rules.push({
      alert: 'WorkloadTargetDown',
      expr: `up{job=${q(w.scrapeJob)}} == 0`,
      for: '5m',
      labels: { severity: 'warning', namespace: w.namespaceName, workload },
      annotations: {
        summary: `A target of ${id} cannot be scraped.`,
        description: `{{ $labels.instance }} (job ${w.scrapeJob}) has been down for 5 minutes.`,
      },
    });
  }
  return rules;
}

/** The names of the groups every rule file has; a registered group may not take them. */
export const BUILT_IN_GROUPS = ['cdktf-fault-tolerance.alertmanager', 'cdktf-fault-tolerance.workloads'];

/** The label value of each severity, as the default routes and inhibit rule match it. */
const SEVERITY_LABEL: Record<AlarmSeverity, string> = {
  [AlarmSeverity.CRITICAL]: 'critical',
  [AlarmSeverity.WARNING]: 'warning',
};

/** A duration as Prometheus writes it: the largest whole unit (`90s`, `5m`, `2h`). */
export function prometheusDuration(d: Duration): string {
  const seconds = d.toSeconds();
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function registeredRule(group: AlertRuleGroup, rule: AlertRule): Rule {
  return {
    alert: rule.name,
    expr: rule.expression,
    ...(rule.pendingFor !== undefined && rule.pendingFor.toSeconds() > 0 ? { for: prometheusDuration(rule.pendingFor) } : {}),
    labels: { ...(rule.labels ?? {}), severity: SEVERITY_LABEL[rule.severity], namespace: group.namespaceName },
    annotations: { summary: rule.summary, description: rule.description },
  };
}

/** The Prometheus rule file (`groups:`) of one HaAlertmanager. */
export function renderRules(ctx: RulesContext): Record<string, unknown> {
  return {
    groups: [
      { name: BUILT_IN_GROUPS[0], rules: alertmanagerRules(ctx) },
      { name: BUILT_IN_GROUPS[1], rules: ctx.workloads.flatMap(workloadRules) },
      ...(ctx.ruleGroups ?? []).map((g) => ({ name: g.name, rules: g.rules.map((r) => registeredRule(g, r)) })),
    ],
  };
}

/** Prometheus' `alerting:` section: every replica, never a load-balanced address. */
export function renderAlertingConfig(targets: AlertingTargets, dns: boolean): Record<string, unknown> {
  const discovery = dns
    ? // SRV on the headless Service's "web" port names each replica's host, which Prometheus resolves to IPv4 or IPv6;
    // an A lookup finds nothing in an IPv6-only cluster.
    { dns_sd_configs: [{ names: [`_web._tcp.${targets.headlessName}`], type: 'SRV' }] }
    : { static_configs: [{ targets: [...targets.addresses] }] };
  return { alertmanagers: [{ api_version: 'v2', ...discovery }] };
}
