import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import type { WorkloadDescription } from './variants';
import { IAlarmDestination, AlarmOptions } from '../../core/alarms';
import type { IAlertRouting } from '../../core/alert-routing';
import { Duration } from '../../core/duration';
import { HealthCheck } from '../../core/health-check';
import type { ILoadBalancer } from '../../core/load-balancer';
import type { NetworkSubnet } from '../../core/network';
import { AwsCompute, AwsPlatform, KubernetesPlatform, PlatformKind } from '../../core/platform';
import { parseImage } from '../../core/private/image';
import { NOBODY, TRACK_CANARY, TRACK_STABLE, cpuCores, memoryBytes, toLabelValue } from '../../core/private/kubernetes';
import { namingId } from '../../core/private/moves';
import { physicalName } from '../../core/private/naming';
import { RetentionPlan, retentionOf } from '../../core/private/retention';
import { knownNumber, maxOf } from '../../core/private/runtime';
import type { SecretRefDescription } from '../../core/private/secrets';
import { isUnresolved } from '../../core/private/validation';
import { CapabilityKind, ResilienceFacts } from '../../core/resilience';
import type { MultiAzServiceProps } from '../multi-az-service';
import { DeploymentColor, Rollout, RolloutStrategy } from '../rollout';
import { Workload, WorkloadType } from '../workload';

/** Kubernetes object names leave room for `-canary` and the pod name suffixes. */
export const MAX_NAME_LENGTH = 40;
const DEFAULT_CPU = '250m';
const DEFAULT_MEMORY = '256Mi';

/**
 * How long after a failure is detected the load balancer (its nodes) or the Service (kube-proxy on every node) has
 * stopped routing to the failed replica: the failover time of a service.
 */
export const ROUTING_PROPAGATION = Duration.seconds(5);

/** The container one replica runs, with every default applied. */
export interface ContainerPlan {
  readonly image: string;
  /** The version label: the tag, or the digest's first 12 hex digits. */
  readonly version?: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly environment: Record<string, string>;
  /** Where each secret environment variable is read from. */
  readonly secrets: Record<string, SecretRefDescription>;
  readonly command?: string[];
  readonly args?: string[];
  readonly user: number;
}

/** What one replica runs: a container or a machine image. */
export interface WorkloadPlan {
  readonly port: number;
  /** The container (undefined for a machine image). */
  readonly container?: ContainerPlan;
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
  readonly workload: WorkloadPlan;
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

/** The scaling declaration, with its default target. */
export interface ScalingPlan {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization?: number;
  readonly targetRequestsPerTarget?: number;
}

/** What both platforms' services are made of. */
interface ServicePlanBase {
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
  readonly scaling?: ScalingPlan;
  readonly loadBalancer?: ILoadBalancer;
  /** The id of the load balancer target (AWS adds `-canary`, `-blue`, `-green`). */
  readonly targetId: string;
  /** Time the workload gets between SIGTERM and SIGKILL. */
  readonly shutdownGracePeriod: Duration;
  /** Whether the log group and key (AWS) or the created namespace (Kubernetes) are guarded against deletion. */
  readonly retention: RetentionPlan;
  /** What the service tolerates. */
  readonly facts: ResilienceFacts;
}

/** A service on AWS, with every default applied. */
export interface AwsServicePlan extends ServicePlanBase {
  readonly platform: PlatformKind.AWS;
  /** What runs the replicas: ECS tasks on Fargate, or EC2 instances in Auto Scaling groups. */
  readonly compute: AwsCompute;
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
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

/** A service on Kubernetes, with every default applied. */
export interface KubernetesServicePlan extends ServicePlanBase {
  readonly platform: PlatformKind.KUBERNETES;
  readonly namespaceName: string;
  readonly createNamespace: boolean;
  /** `DoNotSchedule` (spread guaranteed) or `ScheduleAnyway` (`allowSingleZone`). */
  readonly zoneSpread: 'DoNotSchedule' | 'ScheduleAnyway';
  /** The zones the cluster spans, when declared. */
  readonly zones?: number;
  readonly alerting?: IAlertRouting;
  /** The check that restarts containers (liveness, startup); the readiness check when undefined. */
  readonly livenessCheck?: HealthCheck;
}

export type ServicePlan = AwsServicePlan | KubernetesServicePlan;

/** What runs a workload on AWS: the platform's choice, else Fargate for a container and EC2 for a machine image. */
export function awsComputeOf(platform: AwsPlatform, workload: Workload): AwsCompute {
  return platform.compute ?? (workload.workloadType === WorkloadType.MACHINE_IMAGE ? AwsCompute.EC2 : AwsCompute.FARGATE);
}

/**
 * The task sizes Fargate offers (Linux): each CPU value (units, 1024 per vCPU) with its memory values (MiB). Source:
 * AWS docs, "Amazon ECS task definition parameters for Fargate", Task size (also the RegisterTaskDefinition API).
 */
export const FARGATE_TASK_SIZES: ReadonlyArray<{ readonly cpu: number; readonly memory: readonly number[] }> = [
  { cpu: 256, memory: [512, 1024, 2048] },
  { cpu: 512, memory: steps(1024, 4096, 1024) },
  { cpu: 1024, memory: steps(2048, 8192, 1024) },
  { cpu: 2048, memory: steps(4096, 16384, 1024) },
  { cpu: 4096, memory: steps(8192, 30720, 1024) },
  { cpu: 8192, memory: steps(16384, 61440, 4096) },
  { cpu: 16384, memory: steps(32768, 122880, 8192) },
];

function steps(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) {
    out.push(v);
  }
  return out;
}


/** A Kubernetes CPU quantity in Fargate CPU units (1024 per vCPU), rounded up: `250m` is 256. */
export function fargateCpuUnits(quantity: string): number {
  return Math.ceil(Math.round(cpuCores(quantity) * 1024 * 1000) / 1000);
}

/** A Kubernetes memory quantity in MiB, rounded up: `512Mi` is 512, `1G` is 954. */
export function memoryMiB(quantity: string): number {
  return Math.ceil(memoryBytes(quantity) / 2 ** 20);
}

/**
 * The smallest Fargate task size with at least the CPU and memory the container asks for (by default the smallest
 * task: 0.25 vCPU and 512 MiB), or undefined when it asks for more than Fargate offers (16 vCPU, 120 GiB).
 */
export function fargateTaskSize(cpu: string | undefined, memory: string | undefined): { cpu: number; memory: number } | undefined {
  const wantCpu = cpu === undefined ? 256 : fargateCpuUnits(cpu);
  const wantMemory = memory === undefined ? 512 : memoryMiB(memory);
  for (const size of FARGATE_TASK_SIZES) {
    const fit = size.memory.find((m) => m >= wantMemory);
    if (size.cpu >= wantCpu && fit !== undefined) {
      return { cpu: size.cpu, memory: fit };
    }
  }
  return undefined;
}

/** The processor architecture of an instance type: Graviton families (`t4g`, `m7gd`, `c7gn`, `a1`) are arm64. */
export function architectureOf(instanceType: string): string {
  const family = instanceType.split('.')[0].replace(/-flex$/, '');
  return family === 'a1' || /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? 'arm64' : 'x86_64';
}

/** The canary pods that give it about `weight`% of `stable + canary` pods: at least one. */
export function canaryPods(stable: number, weight: number): number {
  return Math.max(1, Math.round((stable * weight) / (100 - weight)));
}

/** The private subnets of the zones an AWS service spreads over: the first `zones` zones of the network (at least 2). */
export function awsPlacement(
  platform: AwsPlatform,
  zones: number | undefined,
): { subnets: NetworkSubnet[]; zoneCount: number; networkZones: number } {
  const all = platform.network.privateSubnets;
  const networkZones = [...new Set(all.map((s) => s.zone))];
  const wanted = zones ?? networkZones.length;
  const used = networkZones.slice(0, Math.max(2, Math.min(wanted, networkZones.length)));
  return { subnets: all.filter((s) => used.includes(s.zone)), zoneCount: used.length, networkZones: networkZones.length };
}

/** Applies the defaults to valid props. */
export function planService(scope: IConstruct, props: MultiAzServiceProps): ServicePlan {
  const isAws = props.platform.kind === PlatformKind.AWS;
  const workload = planWorkload(props.workload, isAws);
  const healthCheck = props.healthCheck ?? props.loadBalancer?.healthCheck ?? HealthCheck.http('/health');

  const placement = isAws ? awsPlacement(props.platform as AwsPlatform, props.zones) : undefined;
  const zoneCount = placement ? placement.zoneCount : props.zones;

  const s = props.scaling;
  const scaling: ScalingPlan | undefined = s
    ? {
      minReplicas: s.minReplicas,
      maxReplicas: s.maxReplicas,
      targetCpuUtilization: s.targetCpuUtilization ?? (s.targetRequestsPerTarget === undefined ? 60 : undefined),
      targetRequestsPerTarget: s.targetRequestsPerTarget,
    }
    : undefined;
  const defaultReplicas = Math.max(2, isUnresolved(zoneCount) ? 2 : zoneCount ?? 2);
  const minReplicas = scaling?.minReplicas ?? props.replicas ?? defaultReplicas;
  const maxReplicas = scaling?.maxReplicas ?? minReplicas;

  const rollout = props.rollout ?? Rollout.rolling();
  const groups = planGroups(rollout, workload, isAws, { minReplicas, maxReplicas, scaled: scaling !== undefined });

  const base = {
    name: props.name ?? physicalName(scope, undefined, { maxLength: MAX_NAME_LENGTH }),
    // The id that names the construct (its id before a declared move): the label is part of immutable selectors.
    appName: toLabelValue(namingId(scope)) || 'service',
    port: workload.port,
    healthCheck,
    strategy: rollout.strategy,
    groups,
    minReplicas,
    scaling,
    loadBalancer: props.loadBalancer,
    targetId: targetIdOf(scope, props.loadBalancer),
    shutdownGracePeriod: props.shutdownGracePeriod ?? Duration.seconds(30),
    retention: retentionOf(props.removalPolicy),
  };

  if (placement) {
    const platform = props.platform as AwsPlatform;
    const instanceType = props.instanceType ?? 't3.small';
    const primary = groups.find((g) => g.primary && g.weight > 0) ?? groups[0];
    return {
      ...base,
      platform: PlatformKind.AWS,
      compute: awsComputeOf(platform, props.workload),
      vpcId: platform.network.vpcId,
      vpcCidrBlock: platform.network.vpcCidrBlock,
      subnets: placement.subnets,
      zoneCount: placement.zoneCount,
      instanceType,
      architecture: architectureOf(instanceType),
      rootVolumeSize: props.rootVolumeSize ?? 20,
      instanceBootTime: props.instanceBootTime ?? (workload.container ? Duration.minutes(3) : Duration.minutes(1)),
      internetEgress: props.internetEgress ?? true,
      allowVpcEgress: props.allowVpcEgress ?? false,
      logRetentionDays: (props.logRetention ?? Duration.days(365)).toDays(),
      logEncryptionKeyArn: props.logEncryptionKeyArn,
      alarmDestination: platform.alarms,
      alarms: { ...(props.alarms ?? {}) },
      tags: { ...(props.tags ?? {}) },
      facts: {
        capability: CapabilityKind.SERVICE,
        platform: PlatformKind.AWS,
        zones: placement.zoneCount,
        replicas: knownNumber(primary.minReplicas),
        failureDetection: props.loadBalancer ? healthCheck.failureDetectionTime() : undefined,
        failover: props.loadBalancer ? ROUTING_PROPAGATION : undefined,
        acceptedSinglePointsOfFailure: [],
      },
    };
  }

  const platform = props.platform as KubernetesPlatform;
  const zoneSpread = props.allowSingleZone ? 'ScheduleAnyway' : 'DoNotSchedule';
  const spread = zoneSpread === 'DoNotSchedule';
  const primary = groups.find((g) => g.primary && (rollout.strategy !== RolloutStrategy.BLUE_GREEN || g.weight > 0)) ?? groups[0];
  return {
    ...base,
    platform: PlatformKind.KUBERNETES,
    namespaceName: platform.namespaceName,
    createNamespace: props.createNamespace ?? false,
    zoneSpread,
    zones: zoneCount,
    alerting: platform.alerting,
    livenessCheck: props.livenessCheck,
    facts: {
      capability: CapabilityKind.SERVICE,
      platform: PlatformKind.KUBERNETES,
      zones: spread ? zoneCount : undefined,
      replicas: knownNumber(primary.minReplicas),
      spreadAcrossZones: spread,
      failureDetection: healthCheck.failureDetectionTime(),
      failover: ROUTING_PROPAGATION,
      acceptedSinglePointsOfFailure: spread ? [] : ['`allowSingleZone`: replicas may share a zone, so the loss of that zone can take the service down.'],
    },
  };
}

/** One valid workload (`workload`, `rollout.workload`, `rollout.standby`), with its defaults for the platform. */
function planWorkload(workload: Workload, isAws: boolean): WorkloadPlan {
  const d: WorkloadDescription = workload._describe();
  if (d.workloadType === WorkloadType.MACHINE_IMAGE) {
    return { port: d.port, machineImage: { imageId: d.machineImage.imageId, userData: d.machineImage.userData } };
  }
  const c = d.container;
  const ref = !Token.isUnresolved(c.image) ? parseImage(c.image) : undefined;
  const version = ref?.tag ?? (ref?.digest ? ref.digest.replace(/^[^:]*:/, '').slice(0, 12) : undefined);
  return {
    port: d.port,
    container: {
      image: c.image,
      version,
      cpu: c.cpu ?? (isAws ? undefined : DEFAULT_CPU),
      memory: c.memory ?? (isAws ? undefined : DEFAULT_MEMORY),
      environment: { ...(c.environment ?? {}) },
      secrets: Object.fromEntries(Object.entries(c.secrets ?? {}).map(([name, secret]) => [name, secret._describe()])),
      command: c.command ? [...c.command] : undefined,
      args: c.args ? [...c.args] : undefined,
      user: c.user ?? NOBODY,
    },
  };
}

interface Sizing {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly scaled: boolean;
}

/** Turns the rollout into replica groups: the stable group, plus a canary or a second colour. */
function planGroups(rollout: Rollout, workload: WorkloadPlan, isAws: boolean, size: Sizing): ReplicaGroup[] {
  const group = (track: string, idSuffix: string, w: WorkloadPlan, weight: number): ReplicaGroup => ({
    track,
    idSuffix,
    workload: w,
    minReplicas: size.minReplicas,
    maxReplicas: size.maxReplicas,
    weight,
    scaled: size.scaled,
    primary: true,
  });
  const other = (w: Workload | undefined): WorkloadPlan => (w === undefined ? workload : planWorkload(w, isAws));

  const r = rollout._describe();
  switch (r.strategy) {
    case RolloutStrategy.ROLLING:
      return [group(TRACK_STABLE, '', workload, 1)];

    case RolloutStrategy.BLUE_GREEN: {
      const standby = other(r.standby);
      const blueActive = r.active !== DeploymentColor.GREEN;
      return [
        group('blue', 'Blue', blueActive ? workload : standby, blueActive ? 100 : 0),
        group('green', 'Green', blueActive ? standby : workload, blueActive ? 0 : 100),
      ];
    }

    case RolloutStrategy.CANARY: {
      // Valid by now: a whole percentage known at synth time (a token is refused, it sizes the groups).
      const weight = r.weight;
      const bakeSeconds = r.bakeTime.isUnresolved ? r.bakeTime.amount : r.bakeTime.toSeconds();
      const canaryWorkload = other(r.workload);
      const stable: ReplicaGroup = { ...group(TRACK_STABLE, '', workload, 100 - weight), ...(isAws ? { checkpoint: { percentage: weight, delay: r.bakeTime } } : {}) };
      // AWS weighs the target groups, so the canary needs only enough instances to be redundant itself (and scales
      // on its own load). Kubernetes spreads requests over pods, so the canary's share is its share of the pods.
      const canary: ReplicaGroup = isAws
        ? { ...group(TRACK_CANARY, 'Canary', canaryWorkload, weight), minReplicas: 2, maxReplicas: size.scaled ? maxOf(2, size.maxReplicas) : 2, primary: false }
        : {
          ...group(TRACK_CANARY, 'Canary', canaryWorkload, weight),
          minReplicas: canaryPods(size.minReplicas, weight),
          maxReplicas: canaryPods(size.minReplicas, weight),
          scaled: false,
          primary: false,
          minReadySeconds: bakeSeconds,
        };
      return [stable, canary];
    }
  }
}

/**
 * The load balancer target id: the construct id made valid (a letter, then letters, digits and hyphens, at most 24
 * characters so `-canary` fits), unique among the load balancer's targets.
 */
function targetIdOf(scope: IConstruct, lb: ILoadBalancer | undefined): string {
  let base = namingId(scope).replace(/[^A-Za-z0-9-]+/g, '-').replace(/^[^A-Za-z]+/, '').replace(/-+$/, '').slice(0, 24).replace(/-+$/, '');
  if (base.length === 0) {
    base = 'service';
  }
  const taken = new Set((lb?.targets ?? []).map((t) => t.id.toLowerCase()));
  const free = (id: string) => ![id, `${id}-canary`, `${id}-blue`, `${id}-green`].some((x) => taken.has(x.toLowerCase()));
  if (free(base)) {
    return base;
  }
  for (let i = 2; ; i++) {
    const id = `${base.slice(0, 24 - String(i).length - 1)}-${i}`;
    if (free(id)) {
      return id;
    }
  }
}
