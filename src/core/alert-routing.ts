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
}
