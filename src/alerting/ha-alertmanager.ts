import { createHash } from 'crypto';
import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { StatefulSetV1 } from '@cdktf/provider-kubernetes/lib/stateful-set-v1';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { IAlertRouting, MonitoredWorkload, WorkloadKind } from '../core/alert-routing';
import {
  CONFIG_FILE,
  DEFAULT_INHIBIT_RULES,
  WATCHDOG_DROP_RECEIVER,
  credentialFiles,
  renderAlertmanagerConfig,
  routesWatchdog,
  toYaml,
  validateAlertmanagerConfig,
} from './private/config';
import { ALERTMANAGER_CLUSTER_PORT, ALERTMANAGER_WEB_PORT } from './private/ports';
import { KIND_NAME, renderAlertingConfig, renderRules } from './private/prometheus';
import { EmailReceiverOptions, Receiver, ReceiverKind } from './receiver';
import { InhibitRule, Route } from './route';
import { Duration } from '../core/duration';
import { HealthCheck } from '../core/health-check';
import { KubernetesPlatform, Platform, PlatformKind } from '../core/platform';
import { ValidationError } from '../core/private/errors';
import { parseImage, unpinnedImageProblem } from '../core/private/image';
import { isDnsLabel, isDnsSubdomain, isLabelValue, isQuantity } from '../core/private/kubernetes';
import { physicalName } from '../core/private/naming';
import { PropValidator, isUnresolved, platformName } from '../core/private/validation';
import { CapabilityKind, IResilient, ResilienceFacts } from '../core/resilience';
import { SecretRefKind } from '../core/secret-ref';

/** The image used unless `image` is given. */
const DEFAULT_IMAGE = 'quay.io/prometheus/alertmanager:v0.28.1';
/** StatefulSet names leave room for `-<index>` pod names and the `controller-revision-hash` label (63 characters). */
const MAX_NAME_LENGTH = 52;
/** How long a replica waits for the one before it in the cluster before notifying (`--cluster.peer-timeout`). */
const PEER_TIMEOUT = Duration.seconds(15);

/**
 * How Prometheus finds the Alertmanager replicas. Either way Prometheus sends every alert to every replica, never
 * through a load-balanced address (the replicas deduplicate among themselves).
 */
export enum AlertmanagerDiscovery {
  /** `static_configs`: each replica's stable DNS name (`<name>-0.<headless>.<namespace>.svc:9093`, ...). */
  STATIC = 'static',
  /** `dns_sd_configs`: an SRV lookup of the headless Service's `web` port (IPv4 or IPv6), so a changed replica count needs no Prometheus change. */
  DNS = 'dns',
}

/**
 * CPU, memory and ephemeral-storage requests and limits of a container (Kubernetes quantities).
 */
export interface ContainerResources {
  /**
   * CPU reserved for the container.
   * @default '50m'
   */
  readonly cpuRequest?: string;
  /**
   * CPU the container may use at most.
   * @default '500m'
   */
  readonly cpuLimit?: string;
  /**
   * Memory reserved for the container.
   * @default '128Mi'
   */
  readonly memoryRequest?: string;
  /**
   * Memory the container may use at most; beyond it, the container is killed.
   * @default '256Mi'
   */
  readonly memoryLimit?: string;
  /**
   * Node-local disk (logs) reserved for the container.
   * @default '64Mi'
   */
  readonly ephemeralStorageRequest?: string;
  /**
   * Node-local disk the container may use at most; beyond it, the pod is evicted.
   * @default '256Mi'
   */
  readonly ephemeralStorageLimit?: string;
}

/**
 * The persistent volume of each Alertmanager replica (silences and the notification log).
 */
export interface AlertmanagerStorage {
  /**
   * The volume size.
   * @default '1Gi'
   */
  readonly size?: string;
  /**
   * The storage class.
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
}

/**
 * Pods admitted to Alertmanager's web port (9093: UI, v2 API, `/metrics`) by the NetworkPolicy. The API is
 * unauthenticated: whoever reaches it can create silences and post alerts. Both selectors must match.
 *
 * ```ts
 * // Prometheus in namespace "prometheus"
 * { namespaceLabels: { 'kubernetes.io/metadata.name': 'prometheus' }, podLabels: { 'app.kubernetes.io/name': 'prometheus' } }
 * ```
 */
export interface AlertmanagerApiClient {
  /**
   * Labels of the namespaces the clients run in (`namespaceSelector`); `{}` selects every namespace.
   * @default - the Alertmanager's own namespace only
   */
  readonly namespaceLabels?: { [key: string]: string };
  /**
   * Labels of the client pods (`podSelector`).
   * @default - every pod of the selected namespaces
   */
  readonly podLabels?: { [key: string]: string };
}

/**
 * TLS for the gossip between replicas (`--cluster.tls-config`, experimental in Alertmanager), from an existing
 * Secret. The Secret is mounted read-only at `/etc/alertmanager/tls`; the cluster TLS configuration refers to its
 * certificate files there (`tls_server_config.cert_file: /etc/alertmanager/tls/tls.crt`, ...).
 */
export interface AlertmanagerClusterTls {
  /** The name of a Secret in the Alertmanager's namespace holding the TLS configuration file and the certificates. */
  readonly secretName: string;
  /**
   * The key of the cluster TLS configuration file (`tls_server_config` and `tls_client_config`) in the Secret.
   * @default 'cluster-tls-config.yml'
   */
  readonly configKey?: string;
}

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
   * Container requests and limits.
   * @default - 50m/500m CPU, 128Mi/256Mi memory, 64Mi/256Mi ephemeral storage
   */
  readonly resources?: ContainerResources;
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
 * the `rules.yaml` of {@link rulesConfigMap}.
 */
export class HaAlertmanager extends Construct implements IResilient, IAlertRouting {
  /** The StatefulSet name; every other object's name starts with it. */
  public readonly name: string;
  /** The namespace. */
  public readonly namespace: string;
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
  /** The StatefulSet. */
  public readonly statefulSet: StatefulSetV1;
  /** The headless Service the replicas find each other through (publishes not-ready addresses). */
  public readonly headlessService: ServiceV1;
  /** The ClusterIP Service of the UI and API (port 9093). Prometheus must not send alerts through it. */
  public readonly service: ServiceV1;
  /** The Secret holding the configuration (and Terraform-variable credentials). */
  public readonly configSecret: SecretV1;
  /** The ConfigMap holding `rules.yaml`, the Prometheus alerting rules. */
  public readonly rulesConfigMap: ConfigMapV1;
  /** The ServiceAccount of the pods (no API token mounted). */
  public readonly serviceAccount: ServiceAccountV1;
  /** The PodDisruptionBudget (one replica down at a time). */
  public readonly podDisruptionBudget: PodDisruptionBudgetV1;
  /**
   * The NetworkPolicy admitting gossip from the replicas only, and the web port from `apiClients` only; egress to DNS
   * (53), the replicas' gossip port, HTTPS (443) and the email receivers' SMTP ports only.
   */
  public readonly networkPolicy: NetworkPolicyV1;

  private readonly workloads: MonitoredWorkload[] = [];
  private readonly readiness: HealthCheck;
  private readonly allowSingleZone: boolean;
  private readonly watchdog: boolean;

  constructor(scope: Construct, id: string, props: HaAlertmanagerProps) {
    super(scope, id);
    const platform = requireKubernetes(this, props.platform);
    this.namespace = platform.namespaceName;
    this.alertingNamespace = this.namespace;
    this.replicas = props.replicas ?? 3;
    this.image = props.image ?? DEFAULT_IMAGE;
    this.name = props.name ?? physicalName(this, undefined, { maxLength: MAX_NAME_LENGTH });
    this.allowSingleZone = props.allowSingleZone ?? false;
    this.watchdog = props.watchdog ?? true;
    const receivers = props.receivers ?? [];
    const inhibitRules = props.inhibitRules ?? DEFAULT_INHIBIT_RULES;
    validate(this, props, receivers);

    const route = props.route ?? Route.to(receivers[0].name);
    const headless = `${this.name}-headless`;
    const host = (i: number) => `${this.name}-${i}.${headless}.${this.namespace}.svc`;
    this.headlessServiceName = `${headless}.${this.namespace}.svc`;
    this.peers = Array.from({ length: this.replicas }, (_, i) => `${host(i)}:${ALERTMANAGER_CLUSTER_PORT}`);
    this.alertmanagerAddresses = Array.from({ length: this.replicas }, (_, i) => `${host(i)}:${ALERTMANAGER_WEB_PORT}`);
    this.toleratedFailures = this.replicas - 1;
    this.scrapeJobName = this.name;

    const files = credentialFiles(receivers);
    this.configYaml = toYaml(renderAlertmanagerConfig(route, receivers, inhibitRules, this.watchdog));
    this.configChecksum = createHash('sha256')
      .update(this.configYaml)
      .update(JSON.stringify(files.map((f) => f.path)))
      .digest('hex');
    const variables = files.flatMap((f) => (f.ref.kind === SecretRefKind.TERRAFORM_VARIABLE ? [f.ref.variable] : []));
    // A credential from a Terraform variable is only known at apply time: let Terraform hash it in, so a new value
    // rolls the pods too.
    const podChecksum =
      variables.length > 0
        ? Fn.sha256(Fn.join('\n', [this.configChecksum, ...variables.map((variable) => variable.stringValue)]))
        : this.configChecksum;

    this.readiness = HealthCheck.http('/-/ready', { port: ALERTMANAGER_WEB_PORT });
    this.workloads.push({ kind: WorkloadKind.STATEFUL_SET, namespaceName: this.namespace, name: this.name, minReplicas: 2 });

    // Loaded on first use, so AWS-only apps never load the StatefulSet bindings (about 100 ms).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderAlertmanagerOnKubernetes } = require('./kubernetes') as typeof import('./kubernetes');
    const rendered = renderAlertmanagerOnKubernetes(this, {
      name: this.name,
      headlessName: headless,
      namespace: this.namespace,
      replicas: this.replicas,
      image: this.image,
      version: parseImage(this.image).tag,
      configYaml: this.configYaml,
      configFile: CONFIG_FILE,
      checksum: podChecksum,
      credentialFiles: files,
      peers: this.peers,
      storageSize: props.storage?.size ?? '1Gi',
      storageClassName: props.storage?.storageClassName,
      resources: {
        requests: {
          'cpu': props.resources?.cpuRequest ?? '50m',
          'memory': props.resources?.memoryRequest ?? '128Mi',
          'ephemeral-storage': props.resources?.ephemeralStorageRequest ?? '64Mi',
        },
        limits: {
          'cpu': props.resources?.cpuLimit ?? '500m',
          'memory': props.resources?.memoryLimit ?? '256Mi',
          'ephemeral-storage': props.resources?.ephemeralStorageLimit ?? '256Mi',
        },
      },
      zoneSpread: this.allowSingleZone ? 'ScheduleAnyway' : 'DoNotSchedule',
      externalUrl: props.externalUrl,
      apiClients: props.apiClients ?? [{}],
      clusterTls: props.clusterTls,
      smtpPorts: smtpPorts(receivers),
      readiness: this.readiness,
      liveness: HealthCheck.http('/-/healthy', { port: ALERTMANAGER_WEB_PORT }),
      rulesYaml: () => this.rulesYaml(),
    });
    this.serviceAccount = rendered.serviceAccount;
    this.configSecret = rendered.configSecret;
    this.rulesConfigMap = rendered.rulesConfigMap;
    this.headlessService = rendered.headlessService;
    this.service = rendered.service;
    this.statefulSet = rendered.statefulSet;
    this.podDisruptionBudget = rendered.podDisruptionBudget;
    this.networkPolicy = rendered.networkPolicy;
  }

  /**
   * Adds alerting rules for a workload (replicas below minimum, unavailable replicas, a stuck rollout and, with a
   * scrape job, targets down). Constructs on a `Platform.kubernetes({ alerting })` call this themselves; a workload
   * registered twice keeps its last registration.
   */
  public monitorWorkload(workload: MonitoredWorkload): void {
    const min = workload.minReplicas ?? 2;
    if (!isUnresolved(min) && (!Number.isInteger(min) || min < 1)) {
      throw new Error(`HaAlertmanager "${this.node.path}": \`minReplicas\` of ${KIND_NAME[workload.kind] ?? workload.kind} ${workload.namespaceName}/${workload.name} must be a whole number of at least 1, got ${min}`);
    }
    const same = (w: MonitoredWorkload) => w.kind === workload.kind && w.namespaceName === workload.namespaceName && w.name === workload.name;
    const index = this.workloads.findIndex(same);
    if (index >= 0) {
      this.workloads[index] = workload;
    } else {
      this.workloads.push(workload);
    }
  }

  /** The workloads the rules watch, this Alertmanager's StatefulSet first. */
  public get monitoredWorkloads(): MonitoredWorkload[] {
    return [...this.workloads];
  }

  /**
   * Prometheus' `alerting:` section, as an object: `{ alertmanagers: [...] }` listing every replica (or a DNS
   * lookup of the headless Service), never the load-balanced Service.
   */
  public prometheusAlertingConfig(discovery: AlertmanagerDiscovery = AlertmanagerDiscovery.STATIC): { [key: string]: any } {
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

  /** The Prometheus rule file stored in {@link rulesConfigMap} as `rules.yaml`. */
  public rulesYaml(): string {
    return toYaml(
      renderRules({
        namespace: this.namespace,
        replicas: this.replicas,
        scrapeJob: this.scrapeJobName,
        workloads: this.workloads,
        watchdog: this.watchdog,
      }),
    );
  }

  /** What this Alertmanager cluster tolerates. */
  public resilienceFacts(): ResilienceFacts {
    return {
      capability: CapabilityKind.ALERTING,
      platform: PlatformKind.KUBERNETES,
      replicas: this.replicas,
      // The zone spread is DoNotSchedule unless `allowSingleZone`: every replica runs in its own zone.
      spreadAcrossZones: !this.allowSingleZone,
      failureDetection: this.readiness.failureDetectionTime(),
      // Prometheus already sends every alert to every replica; when the replica first in line is gone, the next one
      // notifies after the peer timeout.
      failover: PEER_TIMEOUT,
      acceptedSinglePointsOfFailure: this.allowSingleZone
        ? ['`allowSingleZone`: replicas may share a zone, so the loss of that zone can take down alerting.']
        : undefined,
    };
  }
}

/** The standard SMTP ports (relay, SMTPS, submission), opened when a smarthost's port is only known at apply time. */
const SMTP_PORTS = [25, 465, 587];

/** The ports of the email receivers' smarthosts (`host:port`), sorted; empty without email receivers. */
function smtpPorts(receivers: Receiver[]): number[] {
  const ports = new Set<number>();
  for (const r of receivers.filter((x) => x.kind === ReceiverKind.EMAIL)) {
    const smarthost = (r._options as EmailReceiverOptions).smarthost;
    const match = typeof smarthost === 'string' && !isUnresolved(smarthost) ? /:(\d{1,5})$/.exec(smarthost) : null;
    (match ? [Number(match[1])] : SMTP_PORTS).forEach((p) => ports.add(p));
  }
  return [...ports].sort((a, b) => a - b);
}

function requireKubernetes(scope: Construct, platform: Platform): KubernetesPlatform {
  if (platform?.kind !== PlatformKind.KUBERNETES) {
    throw new ValidationError('HaAlertmanager', scope.node.path, [
      `\`platform\` must be a Kubernetes platform: HaAlertmanager renders only on Kubernetes for now, got the ${platform?.kind !== undefined ? platformName(platform.kind) : 'missing'} platform. Use Platform.kubernetes({ namespaceName }) (the AWS rendering, on Amazon Managed Service for Prometheus, is not available yet).`,
    ]);
  }
  return platform as KubernetesPlatform;
}

/** A Kubernetes label key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  return (prefix === undefined || isDnsSubdomain(prefix)) && /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name);
}

function validate(scope: HaAlertmanager, props: HaAlertmanagerProps, receivers: Receiver[]): void {
  const v = new PropValidator('HaAlertmanager', scope);
  if (isUnresolved(scope.replicas)) {
    // The peer list has one entry per replica: the count must be known now.
    v.fail('`replicas` must be known at synth time (each replica is listed as a gossip peer), got a token.');
    v.throwIfInvalid();
  }
  v.integer('replicas', scope.replicas, 2, undefined, 'so alerts are still delivered while one replica is down');
  if (props.name !== undefined) {
    v.require(
      'name',
      props.name,
      () => isDnsLabel(props.name!, MAX_NAME_LENGTH),
      `must be a DNS label of at most ${MAX_NAME_LENGTH} characters (lower-case letters, digits and "-"), as pods are named <name>-<index>`,
    );
  }
  v.require('platform.namespace', scope.namespace, () => isDnsLabel(scope.namespace), 'must be a namespace name (a DNS label: lower-case letters, digits and "-")');

  const image = scope.image;
  const tag = parseImage(image).tag;
  // The same rule as every other image of the library (a malformed tag or digest is not pinned either).
  v.require(
    'image',
    image,
    unpinnedImageProblem(image) === undefined,
    'must name a fixed version (a tag other than "latest", or a digest) so every replica runs the same Alertmanager',
    `Pin a release, e.g. "${DEFAULT_IMAGE}".`,
  );
  const version = tag?.match(/^v?(\d+)\.(\d+)(\.\d+)?$/);
  if (version && Number(version[1]) === 0 && Number(version[2]) < 26) {
    v.require('image', image, false, 'must be Alertmanager 0.26 or later (the cluster uses --cluster.label, webhooks use url_file)');
  }

  const storage = props.storage ?? {};
  if (storage.size !== undefined) {
    v.require('storage.size', storage.size, () => isQuantity(storage.size!), 'must be a Kubernetes quantity such as "1Gi"');
  }
  if (storage.storageClassName !== undefined) {
    v.require('storage.storageClassName', storage.storageClassName, () => isDnsSubdomain(storage.storageClassName!), 'must be a storage class name');
  }
  const resources = props.resources ?? {};
  for (const key of ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit', 'ephemeralStorageRequest', 'ephemeralStorageLimit'] as const) {
    const value = resources[key];
    if (value !== undefined) {
      v.require(`resources.${key}`, value, () => isQuantity(value), 'must be a Kubernetes quantity such as "500m" or "256Mi"');
    }
  }
  if (props.externalUrl !== undefined) {
    v.require('externalUrl', props.externalUrl, () => /^https?:\/\/[^\s]+$/.test(props.externalUrl!), 'must be an http:// or https:// URL');
  }

  (props.apiClients ?? []).forEach((client, i) => {
    for (const key of ['namespaceLabels', 'podLabels'] as const) {
      const labels = client[key];
      if (labels !== undefined) {
        v.require(
          `apiClients[${i}].${key}`,
          labels,
          () => Object.entries(labels).every(([k, value]) => isLabelKey(k) && isLabelValue(value)),
          'must map Kubernetes label keys ("app.kubernetes.io/name") to label values',
        );
      }
    }
  });
  if (props.clusterTls !== undefined) {
    const tls = props.clusterTls;
    v.require('clusterTls.secretName', tls.secretName, () => isDnsSubdomain(tls.secretName ?? ''), 'must be a Kubernetes Secret name');
    if (tls.configKey !== undefined) {
      const key = tls.configKey;
      v.require('clusterTls.configKey', key, () => /^[-._a-zA-Z0-9]+$/.test(key), 'must be a Secret key (letters, digits, "-", "_" and ".")');
    }
  }
  if ((props.watchdog ?? true) && !(props.route !== undefined && routesWatchdog(props.route))) {
    v.require(
      'receivers',
      receivers,
      () => receivers.every((r) => r.name !== WATCHDOG_DROP_RECEIVER),
      `must not name a receiver "${WATCHDOG_DROP_RECEIVER}": it drops the unrouted Watchdog alert`,
    );
  }

  validateAlertmanagerConfig(v, receivers, props.route, props.inhibitRules);
  v.throwIfInvalid();
}
