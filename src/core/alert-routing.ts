import type { AlarmSeverity } from './alarms';
import type { Duration } from './duration';

/**
 * The kinds of Kubernetes workload whose replicas the alerting rules watch (kube-state-metrics names).
 */
export enum WorkloadKind {
  /** A `Deployment` (`kube_deployment_*` metrics). */
  DEPLOYMENT = 'DEPLOYMENT',
  /** A `StatefulSet` (`kube_statefulset_*` metrics). */
  STATEFUL_SET = 'STATEFUL_SET',
}

/**
 * A workload that the alerting rules watch: replicas below the minimum, replicas lagging behind a rollout,
 * unavailable replicas and, with a scrape job, targets down.
 */
export interface MonitoredWorkload {
  /** The workload's kind. */
  readonly kind: WorkloadKind;
  /** The workload's namespace. */
  readonly namespaceName: string;
  /** The workload's name. */
  readonly name: string;
  /**
   * The declared replica count. Fewer available replicas than this is a warning; fewer than 2 (fewer than 1 when
   * this is 1) is critical, as the loss of one more is then an outage.
   * @default 2
   */
  readonly minReplicas?: number;
  /**
   * The Prometheus scrape job of the workload's pods; `up == 0` for that job then alerts.
   * @default - no target-down rule for this workload
   */
  readonly scrapeJob?: string;
}

/**
 * Where the alerts of the constructs on a Kubernetes platform go, and which of their workloads the alerting rules
 * watch. Implemented by `HaAlertmanager`; given to `Platform.kubernetes({ namespace, alerting })` so every
 * construct on that platform registers itself.
 */
export interface IAlertRouting {
  /** The namespace the Alertmanagers run in. */
  readonly alertingNamespace: string;
  /** Every Alertmanager replica's stable address (`host:port` of its web port), for Prometheus' `alerting` section. */
  readonly alertmanagerAddresses: string[];
  /** Adds the alerting rules of one workload (replicas below minimum, rollout lag, unavailable, targets down). */
  monitorWorkload(workload: MonitoredWorkload): void;
  /**
   * Adds a group of alerting rules of the construct's own (e.g. replication lag of a database); a group registered
   * again under the same name replaces the earlier one.
   */
  addAlertRules(group: AlertRuleGroup): void;
}

/**
 * One Prometheus alerting rule that a construct registers with {@link IAlertRouting.addAlertRules}: an expression
 * over the metrics its workload exports, and what the alert says.
 */
export interface AlertRule {
  /** The alert's name (`alert:`), a Prometheus metric-style name such as `DatabaseReplicationLagging`. */
  readonly name: string;
  /** The PromQL expression; every series it returns is an alert. */
  readonly expression: string;
  /**
   * How long the expression must keep returning a series before the alert fires (`for:`).
   * @default - the alert fires at the first evaluation that returns a series
   */
  readonly pendingFor?: Duration;
  /**
   * How urgent the alert is, its `severity` label (`critical` pages, `warning` waits for working hours).
   */
  readonly severity: AlarmSeverity;
  /** One sentence: what is wrong (`summary` annotation). */
  readonly summary: string;
  /** What it means and what to do (`description` annotation); may use `{{ $labels.pod }}` and `{{ $value }}`. */
  readonly description: string;
  /**
   * More labels of the alert (the `severity` label is set from `severity`).
   * @default - only `severity` and `namespace`
   */
  readonly labels?: { [key: string]: string };
}

/**
 * A named group of alerting rules (one `groups:` entry of a Prometheus rule file), registered by a construct whose
 * workload is not a Deployment or StatefulSet the kube-state-metrics rules can watch (e.g. an operator-managed
 * database).
 */
export interface AlertRuleGroup {
  /** The group's name, unique in the rule file, e.g. `cdktf-fault-tolerance.database.shop.db`. */
  readonly name: string;
  /** The namespace the watched workload runs in, set as the `namespace` label of every alert. */
  readonly namespaceName: string;
  /** The rules, at least one. */
  readonly rules: AlertRule[];
}
