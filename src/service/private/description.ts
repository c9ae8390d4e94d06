import { IAlarmDestination, AlarmOptions } from '../../core/alarms';
import type { IAlertRouting } from '../../core/alert-routing';
import { Duration } from '../../core/duration';
import { HealthCheck } from '../../core/health-check';
import type { INetwork, NetworkSubnet } from '../../core/network';
// eslint-disable-next-line import/no-restricted-paths -- being removed by the issue 11 restructuring
import type { HealthCheckedLoadBalancer } from '../../load-balancing/health-checked-load-balancer';
import { RolloutStrategy } from '../rollout';
import { ServiceSecret } from '../workload';

/**
 * How long after a failure is detected the load balancer (its nodes) or the Service (kube-proxy on every node) has
 * stopped routing to the failed replica: the failover time of a service.
 */
export const ROUTING_PROPAGATION = Duration.seconds(5);

/** What one replica runs, after validation: a container or a machine image. */
export interface WorkloadDescription {
  readonly port: number;
  /** The container (undefined for a machine image). */
  readonly container?: {
    readonly image: string;
    /** The version label: the tag, or the digest's first 12 hex digits. */
    readonly version?: string;
    readonly cpu?: string;
    readonly memory?: string;
    readonly environment: Record<string, string>;
    readonly secrets: Record<string, ServiceSecret>;
    readonly command?: string[];
    readonly args?: string[];
    readonly user: number;
  };
  /** The machine image (undefined for a container). */
  readonly machineImage?: { readonly imageId: string; readonly userData?: string };
}

/**
 * One group of identical replicas: the stable group of a rolling rollout, the stable and canary groups of a canary
 * rollout, or a colour of a blue/green rollout. An Auto Scaling group (AWS) or a Deployment (Kubernetes).
 */
export interface ReplicaGroup {
  /** `stable`, `canary`, `blue` or `green`: the pod label value and the suffix of names. */
  readonly track: string;
  /** The suffix of the group's construct ids (`''`, `Canary`, `Blue`, `Green`). */
  readonly idSuffix: string;
  readonly workload: WorkloadDescription;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** The load balancer target weight (AWS): its share of traffic relative to the other groups. */
  readonly weight: number;
  /** Whether an autoscaler (target tracking on AWS, an HPA on Kubernetes) sizes the group. */
  readonly scaled: boolean;
  /** Whether the group's replicas are the service's redundancy (false for the canary). */
  readonly primary: boolean;
  /** A new version first replaces this percentage of the group, then waits `bakeTime` (AWS canary stable group). */
  readonly checkpoint?: { readonly percentage: number; readonly delay: Duration };
  /** Seconds a new replica must be ready before it counts as available (Kubernetes canary). */
  readonly minReadySeconds?: number;
}

/** The validated scaling declaration. */
export interface ScalingDescription {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization?: number;
  readonly targetRequestsPerTarget?: number;
}

/** The platform-neutral description of a service: what both renderers turn into resources. */
export interface ServiceDescription {
  /** The physical name (Kubernetes object names, AWS name prefixes and tags). */
  readonly name: string;
  /** The application name (`app.kubernetes.io/name`): the construct id, label-safe. */
  readonly appName: string;
  /** The port replicas receive traffic on. */
  readonly port: number;
  readonly healthCheck: HealthCheck;
  readonly strategy: RolloutStrategy;
  /** The replica groups; the first is the stable (or blue) group. */
  readonly groups: ReplicaGroup[];
  /** The minimum replicas of the service's primary group(s). */
  readonly minReplicas: number;
  readonly scaling?: ScalingDescription;
  readonly loadBalancer?: HealthCheckedLoadBalancer;
  /** The id of the load balancer target (AWS adds `-canary`, `-blue`, `-green`). */
  readonly targetId: string;
  /** Time the workload gets between SIGTERM and SIGKILL. */
  readonly shutdownGracePeriod: Duration;
}

/** What only the AWS renderer needs. */
export interface AwsServiceDescription extends ServiceDescription {
  readonly network: INetwork;
  /** The private subnets the groups launch into, one or more per zone. */
  readonly subnets: NetworkSubnet[];
  /** The number of distinct zones of `subnets`. */
  readonly zoneCount: number;
  readonly instanceType: string;
  /** `x86_64` or `arm64`, from the instance type. */
  readonly architecture: string;
  readonly rootVolumeSize: number;
  /** Time an instance needs to boot and start the workload, before the health check's grace period starts. */
  readonly instanceBootTime: Duration;
  readonly internetEgress: boolean;
  readonly allowVpcEgress: boolean;
  readonly logRetentionDays: number;
  readonly logEncryptionKeyArn?: string;
  readonly alarmDestination?: IAlarmDestination;
  readonly alarms: { [key: string]: AlarmOptions | undefined };
  readonly tags: Record<string, string>;
}

/** What only the Kubernetes renderer needs. */
export interface KubernetesServiceDescription extends ServiceDescription {
  readonly namespace: string;
  readonly createNamespace: boolean;
  /** `DoNotSchedule` (spread guaranteed) or `ScheduleAnyway` (`allowSingleZone`). */
  readonly zoneSpread: 'DoNotSchedule' | 'ScheduleAnyway';
  /** The zones the cluster spans, when declared. */
  readonly zones?: number;
  readonly alerting?: IAlertRouting;
  /** The check that restarts containers (liveness, startup); the readiness check when undefined. */
  readonly livenessCheck?: HealthCheck;
}
