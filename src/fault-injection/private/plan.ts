import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { FisActionUse, FisTargetUse } from './fis-catalogue';
import { Inventory, Involved } from './inventory';
import { KIND_PLANNERS } from './kinds';
import { MonitoredAlarm } from '../../core/alarms';
import { Duration } from '../../core/duration';
import { FaultExperimentKind } from '../../core/fault-experiments';
import { FaultTarget, FaultTargetKind } from '../../core/fault-targets';
import { PlatformKind } from '../../core/platform';
import { physicalName } from '../../core/private/naming';
import { RetentionPlan, retentionOf } from '../../core/private/retention';
import type { FaultExperimentsProps } from '../fault-experiments';

/** The default length of a fault (zone loss, CPU stress). */
export const DEFAULT_FAULT_DURATION = Duration.minutes(10);

/** One filter of a FIS target. */
export interface FisFilterPlan {
  readonly path: string;
  readonly values: string[];
}

/** One target of a FIS experiment template. */
export interface FisTargetPlan extends FisTargetUse {
  readonly selectionMode: string;
  readonly resourceArns?: string[];
  readonly resourceTags?: Record<string, string>;
  readonly filters?: FisFilterPlan[];
  /** The fault target it selects (its tags, ARN and VPC scope the role's permissions). */
  readonly source: FaultTarget;
}

/** One action of a FIS experiment template. */
export interface FisActionPlan extends FisActionUse {
  readonly description: string;
  /** The name of the template target it acts on. */
  readonly targetName?: string;
}

/** An AWS FIS experiment template. */
export interface FisTemplatePlan {
  /** The template description (at most 512 characters). */
  readonly description: string;
  readonly actions: FisActionPlan[];
  readonly targets: FisTargetPlan[];
  /** `skip`: actions whose targets are not found are skipped (a zone without a database primary); `fail`: the experiment fails. */
  readonly emptyTargetResolution: 'fail' | 'skip';
}

/** One Chaos Mesh object (Kubernetes). */
export interface ChaosObjectPlan {
  /** `PodChaos`, `NetworkChaos` or `StressChaos`. */
  readonly kind: string;
  /** Construct id suffix, unique in the experiment. */
  readonly id: string;
  /** The object name (a DNS label). */
  readonly name: string;
  readonly namespaceName: string;
  readonly spec: Record<string, unknown>;
}

/** One experiment: what it injects, where, and what must hold meanwhile. */
export interface ExperimentPlan {
  /** Construct id suffix, unique in the stack (`ZoneLoss`, `InstanceLossApi`). */
  readonly id: string;
  /** Name, unique in the stack (`zone-loss`, `instance-loss-api`). */
  readonly name: string;
  readonly kind: FaultExperimentKind;
  readonly platform: PlatformKind;
  readonly hypothesis: string;
  readonly blastRadius: string;
  /** The constructs it tests, by path below the stack. */
  readonly constructs: string[];
  readonly fis?: FisTemplatePlan;
  readonly chaos?: ChaosObjectPlan[];
}

/** Everything the renderers need, defaults applied. */
export interface FaultExperimentsPlan {
  /** The physical name prefix (`<stack>-faults`). */
  readonly name: string;
  readonly zoneLoss: number;
  readonly experiments: ExperimentPlan[];
  /** AWS: the alarms that say users are affected, over every construct involved: each experiment's stop conditions. */
  readonly stopConditionAlarms: MonitoredAlarm[];
  /** AWS: more stop conditions given by ARN. */
  readonly stopConditionAlarmArns: string[];
  readonly logRetentionDays: number;
  readonly logEncryptionKeyArn?: string;
  /** AWS: whether the log group and the created key are retained (`prevent_destroy`). */
  readonly retention: RetentionPlan;
  /** Kubernetes: the cron schedule of recurring game days, if any. */
  readonly schedule?: string;
  readonly outputs: boolean;
  readonly tags: Record<string, string>;
  /** Kinds or constructs left out, and why (annotated as warnings on the construct). */
  readonly notes: string[];
  /** The opted-out constructs and their reasons. */
  readonly optedOut: Array<{ readonly name: string; readonly reason: string }>;
}

/** What the kind planners read. */
export interface PlanningContext {
  readonly involved: Involved[];
  /** The target's tolerated zone loss. */
  readonly zoneLoss: number;
  /** The zones a zone experiment loses on AWS (names; tokens when looked up at deploy time), at most `zoneLoss`. */
  readonly awsZones: string[];
  /** How hypotheses name each AWS zone lost. */
  readonly awsZoneLabels: string[];
  /** The zones a zone experiment loses on Kubernetes (node label values), at most `zoneLoss`. */
  readonly kubernetesZones: string[];
  /** The length of faults that last (zone loss, CPU stress). */
  readonly faultDuration: Duration;
  /** Collects why a kind or construct was left out. */
  readonly note: (message: string) => void;
}

/** The kinds generated when `kinds` is not given. */
export const ALL_KINDS: FaultExperimentKind[] = [
  FaultExperimentKind.ZONE_LOSS,
  FaultExperimentKind.INSTANCE_LOSS,
  FaultExperimentKind.DATABASE_FAILOVER,
  FaultExperimentKind.CPU_STRESS,
];

/** The targets of one kind, over every involved construct of one platform. */
export function targetsOf(involved: readonly Involved[], ...kinds: FaultTargetKind[]): Array<{ owner: Involved; target: FaultTarget }> {
  return involved.flatMap((owner) => owner.targets.filter((t) => kinds.includes(t.kind)).map((target) => ({ owner, target })));
}

/** The zones of the network (else of the services, else of the databases), in order: what a zone experiment picks from. */
export function awsZoneUniverse(involved: readonly Involved[]): string[] {
  const tiers = [
    [FaultTargetKind.SUBNETS],
    [FaultTargetKind.AUTO_SCALING_GROUP, FaultTargetKind.ECS_SERVICE],
    [FaultTargetKind.DB_INSTANCE, FaultTargetKind.DB_CLUSTER],
  ];
  for (const kinds of tiers) {
    const zones = targetsOf(involved, ...kinds).flatMap(({ target }) => target.zones ?? []);
    if (zones.length > 0) {
      return zones.filter((z, i) => zones.indexOf(z) === i);
    }
  }
  return [];
}

/** `eu-west-1a`, or `zone 1 of the network` when the name is known only at deploy time. */
export function zoneLabel(zone: string, universe: readonly string[]): string {
  if (!Token.isUnresolved(zone)) {
    return zone;
  }
  const i = universe.indexOf(zone);
  return i >= 0 ? `zone ${i + 1} of the network` : 'a zone named at deploy time';
}

/** The alarms, without duplicates (by name), in order. */
function uniqueAlarms(alarms: readonly MonitoredAlarm[]): MonitoredAlarm[] {
  const seen = new Set<string>();
  return alarms.filter((a) => {
    if (seen.has(a.alarmName)) {
      return false;
    }
    seen.add(a.alarmName);
    return true;
  });
}

/** Applies the defaults to valid props, and derives every experiment from the inventory. */
export function planFaultExperiments(scope: IConstruct, props: FaultExperimentsProps, inventory: Inventory): FaultExperimentsPlan {
  const zoneLoss = props.target?.zoneLoss ?? 1;
  const kinds = props.kinds ?? ALL_KINDS;
  const notes: string[] = [];
  const aws = inventory.involved.filter((i) => i.targets.some((t) => t.platform === PlatformKind.AWS));
  const universe = awsZoneUniverse(aws);
  const awsZones = props.zones ?? universe.slice(0, Math.max(0, Math.min(zoneLoss, universe.length - 1)));
  const context: PlanningContext = {
    involved: inventory.involved,
    zoneLoss,
    awsZones,
    awsZoneLabels: awsZones.map((z) => zoneLabel(z, universe)),
    kubernetesZones: props.zones ?? [],
    faultDuration: props.faultDuration ?? DEFAULT_FAULT_DURATION,
    note: (message) => notes.push(message),
  };

  const experiments: ExperimentPlan[] = [];
  for (const planner of KIND_PLANNERS) {
    if (kinds.includes(planner.kind)) {
      experiments.push(...planner.plan(context));
    }
  }

  const stopConditionAlarms = uniqueAlarms(
    targetsOf(inventory.involved, ...Object.values(FaultTargetKind))
      .filter(({ target }) => target.platform === PlatformKind.AWS)
      .flatMap(({ target }) => target.stopConditions ?? []),
  );

  return {
    name: physicalName(scope, undefined, { maxLength: 40 }),
    zoneLoss,
    experiments,
    stopConditionAlarms,
    stopConditionAlarmArns: [...(props.stopConditionAlarmArns ?? [])],
    logRetentionDays: (props.logRetention ?? Duration.days(365)).toDays(),
    logEncryptionKeyArn: props.logEncryptionKeyArn,
    retention: retentionOf(props.removalPolicy),
    schedule: props.schedule,
    outputs: props.outputs ?? true,
    tags: { ...(props.tags ?? {}) },
    notes,
    optedOut: inventory.optedOut,
  };
}

/** The text cut to `max` characters, ending with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
