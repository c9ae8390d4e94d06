import { createHash } from 'crypto';
import { Fn } from 'cdktf';
import { IConstruct } from 'constructs';
import { AlertRuleGroup, MonitoredWorkload, WorkloadKind } from '../../core/alert-routing';
import { Duration } from '../../core/duration';
import { HealthCheck } from '../../core/health-check';
import { KubernetesPlatform, PlatformKind } from '../../core/platform';
import { parseImage } from '../../core/private/image';
import { WhenUnsatisfiable } from '../../core/private/kubernetes';
import { physicalName } from '../../core/private/naming';
import { isUnresolved } from '../../core/private/validation';
import { CapabilityKind, ResilienceFacts } from '../../core/resilience';
import { SecretRefKind } from '../../core/secret-ref';
import type { HaAlertmanagerProps } from '../ha-alertmanager';
import { AlertmanagerApiClient } from '../options';
import { ReceiverKind } from '../receiver';
import { Route } from '../route';
import { CONFIG_FILE, CredentialFile, DEFAULT_INHIBIT_RULES, credentialFiles, renderAlertmanagerConfig } from './config';
import { ReceiverDescription } from './descriptions';
import { ALERTMANAGER_CLUSTER_PORT, ALERTMANAGER_WEB_PORT } from './ports';
import { renderRules } from './prometheus';
import { toYaml } from './yaml';

/** The image used unless `image` is given. */
export const DEFAULT_IMAGE = 'quay.io/prometheus/alertmanager:v0.28.1';
/** The replica count unless `replicas` is given. */
export const DEFAULT_REPLICAS = 3;
/** StatefulSet names leave room for `-<index>` pod names and the `controller-revision-hash` label (63 characters). */
export const MAX_NAME_LENGTH = 52;
/** The default key of the cluster TLS configuration in the `clusterTls` Secret. */
export const DEFAULT_CLUSTER_TLS_CONFIG_KEY = 'cluster-tls-config.yml';
/**
 * Requests and limits unless `cpu`, `memory` or `ephemeralStorage` is given (then it is both): a small reservation
 * that may burst when notifications pile up.
 */
const DEFAULT_RESOURCES = {
  cpu: { request: '50m', limit: '500m' },
  memory: { request: '128Mi', limit: '256Mi' },
  ephemeralStorage: { request: '64Mi', limit: '256Mi' },
};
/** How long a replica waits for the one before it in the cluster before notifying (`--cluster.peer-timeout`). */
const PEER_TIMEOUT = Duration.seconds(15);
/** The standard SMTP ports (relay, SMTPS, submission), opened when a smarthost's port is only known at apply time. */
const SMTP_PORTS = [25, 465, 587];

/** Everything the rendering of one HaAlertmanager needs, defaults applied. */
export interface AlertmanagerPlan {
  /** The StatefulSet name; every other object's name starts with it. */
  readonly name: string;
  readonly namespaceName: string;
  /** The headless Service's name, `<name>-headless`. */
  readonly headlessName: string;
  /** The headless Service's DNS name, `<headless>.<namespace>.svc`. */
  readonly headlessServiceName: string;
  readonly replicas: number;
  readonly image: string;
  /** The image tag, for the version label. */
  readonly version?: string;
  /** Every replica's gossip address, `<name>-<i>.<headless>.<namespace>.svc:9094`. */
  readonly peers: string[];
  /** Every replica's web address, `<name>-<i>.<headless>.<namespace>.svc:9093`. */
  readonly alertmanagerAddresses: string[];
  /** The Prometheus job that scrapes the replicas; the rules select it. */
  readonly scrapeJobName: string;
  /** The configuration file's key in the Secret and its name in the mounted directory. */
  readonly configFile: string;
  /** The rendered configuration (credentials are file paths, never values). */
  readonly configYaml: string;
  /** The SHA-256 of the configuration and the credential paths. */
  readonly configChecksum: string;
  /** The pod template's checksum annotation: {@link configChecksum}, hashed with Terraform-variable credentials by Terraform. */
  readonly podChecksum: string;
  readonly credentialFiles: CredentialFile[];
  readonly storageSize: string;
  readonly storageClassName?: string;
  readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
  readonly zoneSpread: WhenUnsatisfiable;
  readonly externalUrl?: string;
  /** Admitted to the web port; each entry is one `from` peer, its namespace selector defaulting to the own namespace. */
  readonly apiClients: AlertmanagerApiClient[];
  readonly clusterTls?: { readonly secretName: string; readonly configKey: string };
  /** The SMTP ports the email receivers' smarthosts listen on, opened for egress; empty without email receivers. */
  readonly smtpPorts: number[];
  readonly readiness: HealthCheck;
  readonly liveness: HealthCheck;
  /** Whether the rules hold the always-firing Watchdog alert. */
  readonly watchdog: boolean;
  /**
   * The workloads the rules watch, the Alertmanager's own StatefulSet first. `monitorWorkload` adds to it until
   * synthesis, when the rules are rendered.
   */
  readonly workloads: MonitoredWorkload[];
  /** The rule groups constructs registered with `addAlertRules`, in order; `addAlertRules` adds to it until synthesis. */
  readonly ruleGroups: AlertRuleGroup[];
  readonly facts: ResilienceFacts;
}

/** The plan of an HaAlertmanager whose props are valid. */
export function planHaAlertmanager(scope: IConstruct, props: HaAlertmanagerProps): AlertmanagerPlan {
  const namespaceName = (props.platform as KubernetesPlatform).namespaceName;
  const replicas = props.replicas ?? DEFAULT_REPLICAS;
  const image = props.image ?? DEFAULT_IMAGE;
  const name = props.name ?? physicalName(scope, undefined, { maxLength: MAX_NAME_LENGTH });
  const allowSingleZone = props.allowSingleZone ?? false;
  const watchdog = props.watchdog ?? true;
  const receivers = props.receivers.map((r) => r._describe());

  const headlessName = `${name}-headless`;
  const host = (i: number) => `${name}-${i}.${headlessName}.${namespaceName}.svc`;

  const files = credentialFiles(receivers);
  const route = props.route ?? Route.to(receivers[0].name);
  const configYaml = toYaml(renderAlertmanagerConfig(route, receivers, props.inhibitRules ?? DEFAULT_INHIBIT_RULES, watchdog, files));
  const configChecksum = createHash('sha256')
    .update(configYaml)
    .update(JSON.stringify(files.map((f) => f.path)))
    .digest('hex');
  const variables = files.flatMap((f) => (f.ref.kind === SecretRefKind.TERRAFORM_VARIABLE ? [f.ref.variable] : []));
  // A credential from a Terraform variable is only known at apply time: let Terraform hash it in, so a new value
  // rolls the pods too.
  const podChecksum =
    variables.length > 0 ? Fn.sha256(Fn.join('\n', [configChecksum, ...variables.map((variable) => variable.stringValue)])) : configChecksum;

  const readiness = HealthCheck.http('/-/ready', { port: ALERTMANAGER_WEB_PORT });
  const tls = props.clusterTls;
  return {
    name,
    namespaceName,
    headlessName,
    headlessServiceName: `${headlessName}.${namespaceName}.svc`,
    replicas,
    image,
    version: parseImage(image).tag,
    peers: Array.from({ length: replicas }, (_, i) => `${host(i)}:${ALERTMANAGER_CLUSTER_PORT}`),
    alertmanagerAddresses: Array.from({ length: replicas }, (_, i) => `${host(i)}:${ALERTMANAGER_WEB_PORT}`),
    scrapeJobName: name,
    configFile: CONFIG_FILE,
    configYaml,
    configChecksum,
    podChecksum,
    credentialFiles: files,
    storageSize: props.storage?.size ?? '1Gi',
    storageClassName: props.storage?.storageClassName,
    resources: {
      requests: {
        'cpu': props.cpu ?? DEFAULT_RESOURCES.cpu.request,
        'memory': props.memory ?? DEFAULT_RESOURCES.memory.request,
        'ephemeral-storage': props.ephemeralStorage ?? DEFAULT_RESOURCES.ephemeralStorage.request,
      },
      limits: {
        'cpu': props.cpu ?? DEFAULT_RESOURCES.cpu.limit,
        'memory': props.memory ?? DEFAULT_RESOURCES.memory.limit,
        'ephemeral-storage': props.ephemeralStorage ?? DEFAULT_RESOURCES.ephemeralStorage.limit,
      },
    },
    zoneSpread: allowSingleZone ? 'ScheduleAnyway' : 'DoNotSchedule',
    externalUrl: props.externalUrl,
    apiClients: props.apiClients ?? [{}],
    clusterTls: tls !== undefined ? { secretName: tls.secretName, configKey: tls.configKey ?? DEFAULT_CLUSTER_TLS_CONFIG_KEY } : undefined,
    smtpPorts: smtpPorts(receivers),
    readiness,
    liveness: HealthCheck.http('/-/healthy', { port: ALERTMANAGER_WEB_PORT }),
    watchdog,
    workloads: [{ kind: WorkloadKind.STATEFUL_SET, namespaceName, name, minReplicas: 2 }],
    ruleGroups: [],
    facts: {
      capability: CapabilityKind.ALERTING,
      platform: PlatformKind.KUBERNETES,
      replicas,
      // The zone spread is DoNotSchedule unless `allowSingleZone`: every replica runs in its own zone.
      spreadAcrossZones: !allowSingleZone,
      failureDetection: readiness.failureDetectionTime(),
      // Prometheus already sends every alert to every replica; when the replica first in line is gone, the next one
      // notifies after the peer timeout.
      failover: PEER_TIMEOUT,
      acceptedSinglePointsOfFailure: allowSingleZone
        ? ['`allowSingleZone`: replicas may share a zone, so the loss of that zone can take down alerting.']
        : undefined,
    },
  };
}

/** The Prometheus rule file of the plan's Alertmanager and the workloads registered so far, as YAML. */
export function rulesYamlOf(plan: AlertmanagerPlan): string {
  return toYaml(
    renderRules({
      namespaceName: plan.namespaceName,
      replicas: plan.replicas,
      scrapeJob: plan.scrapeJobName,
      workloads: plan.workloads,
      ruleGroups: plan.ruleGroups,
      watchdog: plan.watchdog,
    }),
  );
}

/** The ports of the email receivers' smarthosts (`host:port`), sorted; empty without email receivers. */
function smtpPorts(receivers: ReceiverDescription[]): number[] {
  const ports = new Set<number>();
  for (const r of receivers) {
    if (r.kind !== ReceiverKind.EMAIL) {
      continue;
    }
    const match = typeof r.smarthost === 'string' && !isUnresolved(r.smarthost) ? /:(\d{1,5})$/.exec(r.smarthost) : null;
    (match ? [Number(match[1])] : SMTP_PORTS).forEach((p) => ports.add(p));
  }
  return [...ports].sort((a, b) => a - b);
}
