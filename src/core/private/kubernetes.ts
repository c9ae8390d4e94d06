import { Fn, Op, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { MANAGED_BY, pathInStack } from './naming';
import { numberText } from './runtime';
import { HealthCheck, HealthCheckProtocol } from '../health-check';

/*
 * Kubernetes conventions shared by every construct rendered with the Kubernetes provider: labels, the restricted
 * Pod Security Standard, probes from a core HealthCheck, spreading over zones and nodes, disruption budgets.
 *
 * Every helper is a small pure function returning a plain object in the shape of the provider's TypeScript
 * bindings (camelCase, nested blocks as objects or arrays exactly as `@cdktf/provider-kubernetes` types them). The
 * shapes are the same for `kubernetes_deployment_v1` and `kubernetes_stateful_set_v1`, so the results can be
 * assigned to either.
 *
 * Owner: alerting (HaAlertmanager); shared with the service capability (MultiAzService on Kubernetes).
 */

/** `app.kubernetes.io/name`: the application (e.g. `alertmanager`). */
export const LABEL_NAME = 'app.kubernetes.io/name';
/** `app.kubernetes.io/instance`: this installation of the application (unique per namespace). */
export const LABEL_INSTANCE = 'app.kubernetes.io/instance';
/** `app.kubernetes.io/component`: the role within the architecture (e.g. `alerting`). */
export const LABEL_COMPONENT = 'app.kubernetes.io/component';
/** `app.kubernetes.io/part-of`: the higher-level application this is part of. */
export const LABEL_PART_OF = 'app.kubernetes.io/part-of';
/** `app.kubernetes.io/version`: the application's version (never used in selectors or claim templates: it changes). */
export const LABEL_VERSION = 'app.kubernetes.io/version';
/** `app.kubernetes.io/managed-by`: always {@link MANAGED_BY}. */
export const LABEL_MANAGED_BY = 'app.kubernetes.io/managed-by';
/**
 * The annotation recording which construct created a Kubernetes object. An annotation, not a label: label values
 * cannot contain `/`. (The AWS tag key `ft:construct-path` is not a valid Kubernetes key: `:` is not allowed.)
 */
export const ANNOTATION_CONSTRUCT_PATH = 'cdktf-fault-tolerance.dev/construct-path';
/**
 * The pod label telling the groups of one workload apart: `stable` and `canary`, or `blue` and `green`. The
 * resilience checks recognise a canary Deployment by it (a canary may run one pod next to its stable Deployment).
 */
export const LABEL_TRACK = 'cdktf-fault-tolerance.dev/track';
/** The {@link LABEL_TRACK} values of a canary rollout. */
export const TRACK_STABLE = 'stable';
export const TRACK_CANARY = 'canary';
/** Node label of the zone a node runs in. */
export const TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
/** Node label of the node's hostname. */
export const TOPOLOGY_HOSTNAME = 'kubernetes.io/hostname';
/** The `nobody` user and group, the default non-root identity (above 10000, as kube-score and checkov ask). */
export const NOBODY = 65534;

/** Label values: at most 63 characters, alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** DNS-1123 label: what Service, StatefulSet and namespace names must be. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 subdomain: what Secret and ConfigMap names must be. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A resource quantity such as `100m`, `128Mi`, `1Gi`, `0.5`. */
const QUANTITY = /^(\d+(\.\d+)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** Whether `value` is a valid label value. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** Whether `value` is a DNS-1123 label of at most `maxLength` characters (63 by default). */
export function isDnsLabel(value: string, maxLength: number = 63): boolean {
  return value.length <= maxLength && DNS_LABEL.test(value);
}

/** Whether `value` is a DNS-1123 subdomain (at most 253 characters). */
export function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && DNS_SUBDOMAIN.test(value);
}

/** Whether `value` is a Kubernetes resource quantity (`100m`, `128Mi`, `1Gi`). */
export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/** Turns any string into a valid label value: invalid characters become `-`, trimmed to 63 characters. */
export function toLabelValue(value: string): string {
  return value
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/** What the standard labels describe. */
export interface WorkloadIdentity {
  /** The application, e.g. `alertmanager` (`app.kubernetes.io/name`). */
  readonly name: string;
  /** This installation, e.g. the resource name `shop-alerting` (`app.kubernetes.io/instance`). */
  readonly instance: string;
  /** The role, e.g. `alerting` or `web` (`app.kubernetes.io/component`). */
  readonly component?: string;
  /** The application this belongs to (`app.kubernetes.io/part-of`). */
  readonly partOf?: string;
  /** The application version, e.g. the image tag (`app.kubernetes.io/version`); never part of a selector. */
  readonly version?: string;
}

/**
 * The selector labels (name, instance), then component, part-of and version when given, and `managed-by:
 * cdktf-fault-tolerance`. Values are made label-safe.
 */
export function standardLabels(identity: WorkloadIdentity): Record<string, string> {
  const labels: Record<string, string> = selectorLabels(identity);
  if (identity.component !== undefined) {
    labels[LABEL_COMPONENT] = toLabelValue(identity.component);
  }
  if (identity.partOf !== undefined) {
    labels[LABEL_PART_OF] = toLabelValue(identity.partOf);
  }
  if (identity.version !== undefined) {
    labels[LABEL_VERSION] = toLabelValue(identity.version);
  }
  labels[LABEL_MANAGED_BY] = MANAGED_BY;
  return labels;
}

/**
 * The labels a selector matches: name and instance only. They never change over the life of a workload
 * (a Deployment's or StatefulSet's selector is immutable).
 */
export function selectorLabels(identity: WorkloadIdentity): Record<string, string> {
  return {
    [LABEL_NAME]: toLabelValue(identity.name),
    [LABEL_INSTANCE]: toLabelValue(identity.instance),
  };
}

/** The annotations of every object: the construct path (`stack/path/to/construct`), merged with `extra`. */
export function standardAnnotations(scope: IConstruct, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [ANNOTATION_CONSTRUCT_PATH]: `${TerraformStack.of(scope).node.id}/${pathInStack(scope)}`,
    ...extra,
  };
}

/** A container security context, in the provider bindings' shape. */
export interface ContainerSecurityContextConfig {
  readonly runAsNonRoot: boolean;
  readonly runAsUser: string;
  readonly runAsGroup: string;
  readonly readOnlyRootFilesystem: boolean;
  readonly allowPrivilegeEscalation: boolean;
  readonly privileged: boolean;
  readonly capabilities: { drop: string[] };
  readonly seccompProfile: { type: string };
}

/** A pod security context, in the provider bindings' shape. */
export interface PodSecurityContextConfig {
  readonly runAsNonRoot: boolean;
  readonly runAsUser: string;
  readonly runAsGroup: string;
  readonly fsGroup: string;
  readonly fsGroupChangePolicy: string;
  readonly seccompProfile: { type: string };
}

/** The identity a container runs as. */
export interface SecurityIdentityOptions {
  /** @default 65534 (nobody) */
  readonly runAsUser?: number;
  /** @default 65534 (nogroup) */
  readonly runAsGroup?: number;
  /** Group owning mounted volumes (pod level only). @default - the `runAsGroup` */
  readonly fsGroup?: number;
}

/**
 * A container security context that passes the `restricted` Pod Security Standard: non-root user and group,
 * read-only root filesystem, no privilege escalation, not privileged, every capability dropped, the runtime's
 * default seccomp profile. A container needing a writable path mounts an `emptyDir` there.
 */
export function restrictedContainerSecurityContext(options: SecurityIdentityOptions = {}): ContainerSecurityContextConfig {
  return {
    runAsNonRoot: true,
    runAsUser: numberText(options.runAsUser ?? NOBODY),
    runAsGroup: numberText(options.runAsGroup ?? NOBODY),
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * A pod security context for the `restricted` Pod Security Standard: non-root, the runtime's default seccomp
 * profile, and an `fsGroup` so the non-root user can write its persistent volumes and read its secret files
 * (ownership changed only when the volume root does not match, so large volumes mount fast).
 */
export function restrictedPodSecurityContext(options: SecurityIdentityOptions = {}): PodSecurityContextConfig {
  const group = options.runAsGroup ?? NOBODY;
  return {
    runAsNonRoot: true,
    runAsUser: numberText(options.runAsUser ?? NOBODY),
    runAsGroup: numberText(group),
    fsGroup: numberText(options.fsGroup ?? group),
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** A probe, in the provider bindings' shape (`readiness_probe`, `liveness_probe`, `startup_probe`). */
export interface ProbeConfig {
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
  readonly httpGet?: { path: string; port: string; scheme: string };
  readonly tcpSocket?: Array<{ port: string }>;
  readonly grpc?: Array<{ port: number; service?: string }>;
}

/** The three probes of one container. */
export interface ContainerProbes {
  readonly readinessProbe: ProbeConfig;
  readonly livenessProbe: ProbeConfig;
  readonly startupProbe: ProbeConfig;
}

function probeHandler(check: HealthCheck, defaultPort: number): Pick<ProbeConfig, 'httpGet' | 'tcpSocket' | 'grpc'> {
  const port = check.port ?? defaultPort;
  switch (check.protocol) {
    case HealthCheckProtocol.HTTP:
    case HealthCheckProtocol.HTTPS:
      return { httpGet: { path: check.path ?? '/', port: numberText(port), scheme: check.protocol } };
    case HealthCheckProtocol.TCP:
      return { tcpSocket: [{ port: numberText(port) }] };
    case HealthCheckProtocol.GRPC:
      return { grpc: [check.grpcService ? { port, service: check.grpcService } : { port }] };
  }
}

/**
 * The readiness probe of `check`: every `interval`, `timeout` per attempt; out of the Services after
 * `unhealthyThreshold` failures, back after `healthyThreshold` successes. The probe port is the check's port, else
 * `defaultPort` (the container's traffic port).
 *
 * A Kubernetes `httpGet` probe accepts 200-399; a check with other `healthyHttpCodes` cannot be expressed
 * exactly (validate that in the construct).
 */
export function readinessProbe(check: HealthCheck, defaultPort: number): ProbeConfig {
  return {
    ...probeHandler(check, defaultPort),
    periodSeconds: check.interval.toSeconds(),
    timeoutSeconds: check.timeout.toSeconds(),
    successThreshold: check.healthyThreshold,
    failureThreshold: check.unhealthyThreshold,
  };
}

/**
 * The liveness probe of `check`. Kubernetes requires a success threshold of 1. It restarts the container only after
 * twice as many failures as readiness needs to take it out of rotation, so a slow instance stops receiving
 * traffic (and may recover) before it is killed.
 */
export function livenessProbe(check: HealthCheck, defaultPort: number): ProbeConfig {
  return {
    ...probeHandler(check, defaultPort),
    periodSeconds: check.interval.toSeconds(),
    timeoutSeconds: check.timeout.toSeconds(),
    successThreshold: 1,
    failureThreshold: Token.isUnresolved(check.unhealthyThreshold)
      ? Token.asNumber(Op.mul(check.unhealthyThreshold, 2))
      : check.unhealthyThreshold * 2,
  };
}

/** `ceil(gracePeriod / interval)`, at least 1; a Terraform expression when either is a token. */
export function startupFailureThreshold(check: HealthCheck): number {
  if (check.interval.isUnresolved || check.gracePeriod.isUnresolved) {
    const ratio = Token.asNumber(Op.div(check.gracePeriod.toSeconds(), check.interval.toSeconds()));
    return Token.asNumber(Fn.max([1, Token.asNumber(Fn.ceil(ratio))]));
  }
  return Math.max(1, Math.ceil(check.gracePeriod.toSeconds() / check.interval.toSeconds()));
}

/**
 * The startup probe of `check`: it holds off readiness and liveness until the container first answers, for up to
 * the check's `gracePeriod` (`failureThreshold = ceil(gracePeriod / interval)`, at least 1).
 */
export function startupProbe(check: HealthCheck, defaultPort: number): ProbeConfig {
  return {
    ...probeHandler(check, defaultPort),
    periodSeconds: check.interval.toSeconds(),
    timeoutSeconds: check.timeout.toSeconds(),
    successThreshold: 1,
    failureThreshold: startupFailureThreshold(check),
  };
}

/**
 * Readiness, liveness and startup probes of one container. `liveness` (which also drives the startup probe)
 * defaults to `readiness`; pass a separate check when the application has a cheaper "am I alive" endpoint (e.g.
 * Alertmanager's `/-/healthy` next to `/-/ready`).
 */
export function containerProbes(readiness: HealthCheck, defaultPort: number, liveness: HealthCheck = readiness): ContainerProbes {
  return {
    readinessProbe: readinessProbe(readiness, defaultPort),
    livenessProbe: livenessProbe(liveness, defaultPort),
    startupProbe: startupProbe(liveness, defaultPort),
  };
}

/** What happens when a spread constraint cannot be met. */
export type WhenUnsatisfiable = 'DoNotSchedule' | 'ScheduleAnyway';

/** A topology spread constraint, in the provider bindings' shape. */
export interface TopologySpreadConstraintConfig {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: string;
  readonly labelSelector: Array<{ matchLabels: Record<string, string> }>;
}

/** Options of {@link zoneAndHostSpread}. */
export interface SpreadOptions {
  /**
   * Across zones. `DoNotSchedule` keeps replicas evenly spread (at most one apart) and refuses nodes without a
   * zone label; `ScheduleAnyway` only prefers it (single-zone clusters such as kind).
   * @default 'DoNotSchedule'
   */
  readonly zones?: WhenUnsatisfiable;
  /**
   * Across nodes.
   * @default 'DoNotSchedule'
   */
  readonly hosts?: WhenUnsatisfiable;
}

/**
 * Spread the pods matching `selector` evenly (max skew 1) over zones (`topology.kubernetes.io/zone`), then over
 * nodes (`kubernetes.io/hostname`). A skew only ever compares existing domains, so a one-node or one-zone cluster
 * (whose nodes carry the label) still schedules every replica.
 */
export function zoneAndHostSpread(selector: Record<string, string>, options: SpreadOptions = {}): TopologySpreadConstraintConfig[] {
  return [
    {
      maxSkew: 1,
      topologyKey: TOPOLOGY_ZONE,
      whenUnsatisfiable: options.zones ?? 'DoNotSchedule',
      labelSelector: [{ matchLabels: { ...selector } }],
    },
    {
      maxSkew: 1,
      topologyKey: TOPOLOGY_HOSTNAME,
      whenUnsatisfiable: options.hosts ?? 'DoNotSchedule',
      labelSelector: [{ matchLabels: { ...selector } }],
    },
  ];
}

/** Pod affinity settings, in the provider bindings' shape (`affinity` block). */
export interface PodAntiAffinityConfig {
  readonly podAntiAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: Array<{
      weight: number;
      podAffinityTerm: { topologyKey: string; labelSelector: Array<{ matchLabels: Record<string, string> }> };
    }>;
  };
}

/**
 * A preferred (not required) anti-affinity that scores nodes already running a replica lower. Preferred, because
 * a required rule leaves replicas pending when there are fewer nodes than replicas (and during node drains); the
 * hard guarantee comes from {@link zoneAndHostSpread}.
 */
export function preferredHostAntiAffinity(selector: Record<string, string>): PodAntiAffinityConfig {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: { topologyKey: TOPOLOGY_HOSTNAME, labelSelector: [{ matchLabels: { ...selector } }] },
        },
      ],
    },
  };
}

/** A PodDisruptionBudget spec, in the provider bindings' shape (`kubernetes_pod_disruption_budget_v1`). */
export interface PodDisruptionBudgetSpecConfig {
  readonly maxUnavailable: string;
  readonly selector: { matchLabels: Record<string, string> };
}

/**
 * A disruption budget that lets voluntary disruptions (node drains, upgrades) take down one replica at a time.
 * `maxUnavailable: 1` rather than `minAvailable: n-1`, so it stays right when the replica count changes.
 */
export function podDisruptionBudgetSpec(selector: Record<string, string>): PodDisruptionBudgetSpecConfig {
  return { maxUnavailable: '1', selector: { matchLabels: { ...selector } } };
}

/** The multipliers of Kubernetes quantity suffixes (decimal and binary). */
const QUANTITY_UNITS: Record<string, number> = {
  '': 1,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/** A Kubernetes CPU quantity in cores: `250m` is 0.25. Throws for anything else (validated before). */
export function cpuCores(quantity: string): number {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(m?)$/.exec(quantity);
  if (!m) {
    throw new Error(`not a CPU quantity: ${quantity}`);
  }
  return m[2] === 'm' ? Number(m[1]) / 1000 : Number(m[1]);
}

/** A Kubernetes memory quantity in bytes: `256Mi` is 268435456. Throws for anything else (validated before). */
export function memoryBytes(quantity: string): number {
  const m = /^(\d+(?:\.\d+)?|\.\d+)([kMGTPE]i?)?$/.exec(quantity);
  if (!m) {
    throw new Error(`not a memory quantity: ${quantity}`);
  }
  return Number(m[1]) * QUANTITY_UNITS[m[2] ?? ''];
}
