import { Construct } from 'constructs';
import { AlertmanagerApiClient, AlertmanagerClusterTls, AlertmanagerDiscovery, AlertmanagerStorage } from './options';
import { AlertmanagerPlan, planHaAlertmanager, rulesYamlOf } from './private/plan';
import { ALERTMANAGER_WEB_PORT } from './private/ports';
import { renderAlertingConfig } from './private/prometheus';
import { validateAlertRuleGroup, validateDiscovery, validateHaAlertmanager, validateMonitoredWorkload } from './private/validate';
import { toYaml } from './private/yaml';
import { Receiver } from './receiver';
import { HaAlertmanagerKubernetesResources } from './resources';
import { InhibitRule, Route } from './route';
import { AlertRuleGroup, IAlertRouting, MonitoredWorkload } from '../core/alert-routing';
import { Platform } from '../core/platform';
import { copyFacts } from '../core/private/facts';
import { IResilient, ResilienceFacts } from '../core/resilience';

/**
 * Props of {@link HaAlertmanager}.
 */
export interface HaAlertmanagerProps {
  /** Where to run. Only `Platform.kubernetes(...)` for now; the namespace must exist. */
  readonly platform: Platform;
  /** Where notifications go. Names must be unique. */
  readonly receivers: Receiver[];
  /**
   * The root of the routing tree. It takes every alert and has no matchers.
   * @default - every alert goes to the first receiver, grouped by alertname and namespace
   */
  readonly route?: Route;
  /**
   * Rules that mute some alerts while others fire; `[]` turns inhibition off.
   * @default - a `severity="critical"` alert mutes the `severity="warning"` alerts with the same alertname and namespace
   */
  readonly inhibitRules?: InhibitRule[];
  /**
   * The number of Alertmanager replicas, at least 2. Alerts are delivered while any one replica runs.
   * @default 3
   */
  readonly replicas?: number;
  /**
   * The Alertmanager image: a fixed version (a tag other than `latest`, or a digest), 0.26 or later.
   * @default 'quay.io/prometheus/alertmanager:v0.28.1'
   */
  readonly image?: string;
  /**
   * The name of the StatefulSet, and the prefix of every other object (a DNS label of at most 52 characters).
   * @default - derived from the stack and construct path
   */
  readonly name?: string;
  /**
   * The persistent volume of each replica.
   * @default - 1Gi from the default storage class
   */
  readonly storage?: AlertmanagerStorage;
  /**
   * CPU reserved for and available to each Alertmanager (a Kubernetes quantity, `250m` is a quarter of a core):
   * the container's request and limit.
   * @default - 50m reserved, up to 500m
   */
  readonly cpu?: string;
  /**
   * Memory reserved for and available to each Alertmanager (`256Mi`): the container's request and limit; beyond
   * it the container is restarted.
   * @default - 128Mi reserved, up to 256Mi
   */
  readonly memory?: string;
  /**
   * Node-local disk (logs) reserved for and available to each Alertmanager: the container's request and limit;
   * beyond it the pod is evicted.
   * @default - 64Mi reserved, up to 256Mi
   */
  readonly ephemeralStorage?: string;
  /**
   * Let replicas share a zone when zones are unbalanced, and schedule on nodes without a
   * `topology.kubernetes.io/zone` label (single-zone clusters such as kind). The loss of that zone then takes
   * down alerting.
   * @default false - replicas are spread evenly over zones, on zone-labelled nodes only
   */
  readonly allowSingleZone?: boolean;
  /**
   * The URL users reach Alertmanager at, used in notification links (`--web.external-url`).
   * @default - derived by Alertmanager from the pod's address
   */
  readonly externalUrl?: string;
  /**
   * Who may reach the web port (UI, unauthenticated v2 API, metrics). Prometheus in another namespace, users'
   * port-forwards from elsewhere and ingress controllers must be listed; `[]` admits nobody.
   * @default - every pod in the Alertmanager's own namespace (where Prometheus usually runs), no other namespace
   */
  readonly apiClients?: AlertmanagerApiClient[];
  /**
   * Add the always-firing `Watchdog` alert (`vector(1)`, severity `none`) to the rules, for a dead man's switch.
   * Route `alertname="Watchdog"` to a heartbeat receiver; without such a route it is dropped, never paged.
   * @default true
   */
  readonly watchdog?: boolean;
  /**
   * Mutual TLS between the replicas (`--cluster.tls-config`, experimental in Alertmanager; gossip then uses TCP only).
   * @default - gossip is not encrypted (it stays inside the NetworkPolicy, between the replicas only)
   */
  readonly clusterTls?: AlertmanagerClusterTls;
}

/**
 * A highly available Alertmanager cluster on Kubernetes, rendered with the Kubernetes provider (no operator):
 * a StatefulSet of gossiping replicas spread over zones and nodes, a headless Service for peer discovery, a
 * ClusterIP Service for the UI and API, a PodDisruptionBudget, a persistent volume per replica, a NetworkPolicy
 * for the gossip and web ports, the configuration in a Secret, and Prometheus rules in a ConfigMap.
 *
 * ```ts
 * const alerting = new HaAlertmanager(this, 'alerting', {
 *   platform: Platform.kubernetes({ namespaceName: 'monitoring' }),
 *   receivers: [Receiver.pagerDuty('oncall', SecretRef.kubernetes('pagerduty', 'routing-key'))],
 *   route: Route.to('oncall', { groupBy: ['alertname', 'namespace'] }),
 * });
 * ```
 *
 * Point Prometheus at {@link prometheusAlertingConfig} (every replica, never a load-balanced address) and load
 * the `rules.yaml` of the rules ConfigMap (`kubernetes.rulesConfigMap`).
 */
export class HaAlertmanager extends Construct implements IResilient, IAlertRouting {
  /** The StatefulSet name; every other object's name starts with it. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespaceName: string;
  /** The namespace (as {@link IAlertRouting}). */
  public readonly alertingNamespace: string;
  /** The number of replicas. */
  public readonly replicas: number;
  /** How many replicas can fail while alerts are still delivered (`replicas - 1`). */
  public readonly toleratedFailures: number;
  /** The image. */
  public readonly image: string;
  /** The gossip peer addresses, one per replica: `<name>-<i>.<headless>.<namespace>.svc:9094`. */
  public readonly peers: string[];
  /** Every replica's web address, `<name>-<i>.<headless>.<namespace>.svc:9093`, for Prometheus. */
  public readonly alertmanagerAddresses: string[];
  /** The headless Service's DNS name, `<headless>.<namespace>.svc`. */
  public readonly headlessServiceName: string;
  /** The Prometheus job name {@link prometheusScrapeConfig} uses and the rules select. */
  public readonly scrapeJobName: string;
  /** The rendered Alertmanager configuration (credentials are file paths, never values). */
  public readonly configYaml: string;
  /** The SHA-256 of the configuration, annotated on the pod template so a change rolls the pods. */
  public readonly configChecksum: string;
  /**
   * The resources created on Kubernetes: the StatefulSet, the Services, the configuration Secret, the rules
   * ConfigMap, the ServiceAccount, the PodDisruptionBudget and the NetworkPolicy.
   */
  public readonly kubernetes: HaAlertmanagerKubernetesResources;

  private readonly plan: AlertmanagerPlan;

  constructor(scope: Construct, id: string, props: HaAlertmanagerProps) {
    super(scope, id);
    validateHaAlertmanager(this, props);
    const plan = planHaAlertmanager(this, props);
    this.plan = plan;
    this.name = plan.name;
    this.namespaceName = plan.namespaceName;
    this.alertingNamespace = plan.namespaceName;
    this.replicas = plan.replicas;
    this.toleratedFailures = plan.replicas - 1;
    this.image = plan.image;
    this.peers = plan.peers;
    this.alertmanagerAddresses = plan.alertmanagerAddresses;
    this.headlessServiceName = plan.headlessServiceName;
    this.scrapeJobName = plan.scrapeJobName;
    this.configYaml = plan.configYaml;
    this.configChecksum = plan.configChecksum;

    // Loaded on first use, so AWS-only apps never load the StatefulSet bindings (about 100 ms).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderHaAlertmanager } = require('./kubernetes') as typeof import('./kubernetes');
    this.kubernetes = renderHaAlertmanager(this, plan);
  }

  /**
   * Adds alerting rules for a workload (replicas below minimum, unavailable replicas, a stuck rollout and, with a
   * scrape job, targets down). Constructs on a `Platform.kubernetes({ alerting })` call this themselves; a workload
   * registered twice keeps its last registration.
   */
  public monitorWorkload(workload: MonitoredWorkload): void {
    validateMonitoredWorkload(this, workload);
    const workloads = this.plan.workloads;
    const index = workloads.findIndex((w) => w.kind === workload.kind && w.namespaceName === workload.namespaceName && w.name === workload.name);
    if (index >= 0) {
      workloads[index] = workload;
    } else {
      workloads.push(workload);
    }
  }

  /**
   * Adds a group of alerting rules to `rules.yaml` (after the Alertmanager's and the workloads' groups). Constructs on
   * a `Platform.kubernetes({ alerting })` whose workload the kube-state-metrics rules cannot watch (a CloudNativePG
   * database) call this themselves; a group registered again under the same name replaces the earlier one.
   */
  public addAlertRules(group: AlertRuleGroup): void {
    validateAlertRuleGroup(this, group);
    const groups = this.plan.ruleGroups;
    const copy: AlertRuleGroup = { ...group, rules: group.rules.map((r) => ({ ...r, labels: r.labels && { ...r.labels } })) };
    const index = groups.findIndex((g) => g.name === group.name);
    if (index >= 0) {
      groups[index] = copy;
    } else {
      groups.push(copy);
    }
  }

  /** The rule groups registered with {@link addAlertRules}, in order. */
  public get alertRuleGroups(): AlertRuleGroup[] {
    return [...this.plan.ruleGroups];
  }

  /** The workloads the rules watch, this Alertmanager's StatefulSet first. */
  public get monitoredWorkloads(): MonitoredWorkload[] {
    return [...this.plan.workloads];
  }

  /**
   * Prometheus' `alerting:` section, as an object: `{ alertmanagers: [...] }` listing every replica (or a DNS
   * lookup of the headless Service), never the load-balanced Service.
   */
  public prometheusAlertingConfig(discovery: AlertmanagerDiscovery = AlertmanagerDiscovery.STATIC): { [key: string]: any } {
    validateDiscovery(this, discovery);
    return renderAlertingConfig(
      { addresses: this.alertmanagerAddresses, headlessName: this.headlessServiceName, port: ALERTMANAGER_WEB_PORT },
      discovery === AlertmanagerDiscovery.DNS,
    );
  }

  /** The `alerting:` section of a Prometheus configuration file, as YAML. */
  public prometheusAlertingConfigYaml(discovery: AlertmanagerDiscovery = AlertmanagerDiscovery.STATIC): string {
    return toYaml({ alerting: this.prometheusAlertingConfig(discovery) });
  }

  /** A Prometheus scrape config (one entry of `scrape_configs`) for every replica's `/metrics`; the rules select its job. */
  public prometheusScrapeConfig(): { [key: string]: any } {
    return { job_name: this.scrapeJobName, static_configs: [{ targets: [...this.alertmanagerAddresses] }] };
  }

  /** The Prometheus rule file stored in the rules ConfigMap as `rules.yaml`. */
  public rulesYaml(): string {
    return rulesYamlOf(this.plan);
  }

  /** What this Alertmanager cluster tolerates. */
  public resilienceFacts(): ResilienceFacts {
    return copyFacts(this.plan.facts);
  }
}
