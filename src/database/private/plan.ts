import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ENGINE_TRAITS, EngineParameter, EngineTraits, STORAGE_TYPES, parameterGroupFamily } from './engines';
import { IAlarmDestination } from '../../core/alarms';
import { Duration } from '../../core/duration';
import { INetwork } from '../../core/network';
import { AwsPlatform, PlatformKind } from '../../core/platform';
import { physicalName } from '../../core/private/naming';
import { CapabilityKind, ResilienceFacts } from '../../core/resilience';
import { DatabaseEngineType } from '../engine';
import { DatabaseAlarms, DatabaseRemovalPolicy } from '../options';
import type { ReplicatedDatabaseProps } from '../replicated-database';
import { AuroraReplicationOptions, Replication, ReplicationTopology } from '../replication';
import { DatabaseStorageType } from '../storage';

/** Failover times AWS documents: Multi-AZ instances 60 to 120 s, Aurora with a reader in another zone about 30 s. */
const MULTI_AZ_FAILOVER = Duration.seconds(120);
const AURORA_FAILOVER = Duration.seconds(30);
export const MAX_STORAGE_GIB = 65_536;

/** Storage of an RDS instance, with every default applied. */
export interface InstanceStorage {
  readonly allocatedStorage: number;
  /** Undefined when storage autoscaling is off. */
  readonly maxAllocatedStorage?: number;
  /** As Terraform's `storage_type` spells it. */
  readonly storageType: string;
  readonly iops?: number;
  readonly throughput?: number;
}

/** One Aurora instance: its zone and promotion tier. */
export interface AuroraInstancePlan {
  readonly zone: string;
  readonly promotionTier: number;
}

/** The replica in the disaster-recovery region, with its defaults applied. */
export interface CrossRegionPlan {
  /** The aliased provider of the disaster-recovery region. */
  readonly provider: AwsProvider;
  readonly network: INetwork;
  /** `<name>-dr`. */
  readonly name: string;
  readonly encryptionKeyArn?: string;
  readonly instanceClass: string;
  readonly multiAz: boolean;
  readonly alarmDestination?: IAlarmDestination;
}

/** A validated database declaration with every default applied: what the AWS renderer renders. */
export interface DatabasePlan {
  readonly engineType: DatabaseEngineType;
  readonly engineVersion: string;
  readonly traits: EngineTraits;
  readonly parameterGroupFamily: string;
  /** The replication given, or the engine's default. */
  readonly replication: Replication;
  readonly topology: ReplicationTopology;
  readonly network: INetwork;
  /** The distinct zones of the network's isolated subnets, in order (may be tokens). */
  readonly zones: string[];
  readonly alarmDestination?: IAlarmDestination;
  readonly instanceClass: string;
  /** RDS engines only. */
  readonly storage?: InstanceStorage;
  /** Aurora only, as Terraform spells it; undefined for standard storage. */
  readonly auroraStorageType?: string;
  readonly port: number;
  /** The instance (or cluster) identifier; replicas and other resources derive theirs from it. */
  readonly name: string;
  readonly masterUsername: string;
  readonly databaseName?: string;
  /** The user's key; undefined when the renderer creates one. */
  readonly encryptionKeyArn?: string;
  readonly storageEncrypted: boolean;
  readonly backupRetentionDays: number;
  /** How far back point-in-time recovery reaches: the backup retention. */
  readonly pointInTimeRecoveryWindow: Duration;
  readonly backupWindow?: string;
  readonly maintenanceWindow?: string;
  /** `RemovalPolicy.RETAIN`: deletion protection and `prevent_destroy`. */
  readonly retain: boolean;
  /** `RemovalPolicy.DESTROY`: no final snapshot, automated backups deleted. */
  readonly destroy: boolean;
  readonly finalSnapshotIdentifier?: string;
  readonly recoveryPointObjective: Duration;
  readonly monitoringIntervalSeconds: number;
  readonly logRetentionDays: number;
  /** The TLS parameter, the logging parameters and the user's parameters. */
  readonly parameters: EngineParameter[];
  readonly alarms: DatabaseAlarms;
  /** Aurora only: the initial writer first. */
  readonly auroraInstances: AuroraInstancePlan[];
  /** RDS read replicas: the zone of each. */
  readonly readReplicaZones: string[];
  /** Cross-region only. */
  readonly crossRegion?: CrossRegionPlan;
  readonly outputs: boolean;
  readonly tags: Record<string, string>;
  readonly facts: ResilienceFacts;
}

/** The replication a database gets: the one given, or the engine's default. */
export function replicationOf(props: ReplicatedDatabaseProps, aurora: boolean): Replication {
  return props.replication ?? (aurora ? Replication.aurora() : Replication.multiAz());
}

/** The distinct zones of a network's isolated subnets, in order. */
export function isolatedZones(network: INetwork): string[] {
  const zones = network.isolatedSubnets.map((s) => s.zone);
  return zones.filter((z, i) => zones.indexOf(z) === i);
}

/**
 * Where the Aurora writer and readers go: the writer in `writerZone` (the network's first zone by default), the
 * readers in `readerZones`, or by default in the network's zones after the writer's, in turn.
 */
export function auroraZones(options: AuroraReplicationOptions, zones: string[]): { readonly writerZone: string; readonly readerZones: string[] } {
  const writerZone = options.writerZone ?? zones[0];
  const writerIndex = Math.max(zones.indexOf(writerZone), 0);
  const count = validCount(options.readers ?? options.readerZones?.length ?? 1, 15);
  const readerZones = options.readerZones ?? Array.from({ length: count }, (_, i) => zones[(writerIndex + 1 + i) % Math.max(zones.length, 1)]);
  return { writerZone, readerZones };
}

/** The plan of valid props: every default applied, every derived value computed, the resilience facts. */
export function planDatabase(scope: Construct, props: ReplicatedDatabaseProps): DatabasePlan {
  const engine = props.engine;
  const traits = ENGINE_TRAITS[engine.engineType];
  const aurora = traits.aurora;
  const platform = props.platform as AwsPlatform;
  const network = platform.network;
  const zones = isolatedZones(network);
  const replication = replicationOf(props, aurora);
  const described = replication._describe();
  const instanceClass = props.instanceClass ?? (aurora ? 'db.r7g.large' : 'db.m7g.large');
  const name = props.name ?? defaultName(scope);
  const removalPolicy = props.removalPolicy ?? DatabaseRemovalPolicy.RETAIN;
  const destroy = removalPolicy === DatabaseRemovalPolicy.DESTROY;
  const backupRetentionDays = (props.backupRetention ?? Duration.days(7)).toDays();
  const rpo = props.recoveryPointObjective ?? Duration.minutes(1);

  const auroraInstances = described.topology === ReplicationTopology.AURORA ? auroraPlacement(described.options, zones) : [];
  const readReplicas = described.topology === ReplicationTopology.AURORA ? 0 : validCount(described.options.readReplicas ?? 0, 5);
  const cross = described.topology === ReplicationTopology.CROSS_REGION ? described.options : undefined;
  const crossRegion: CrossRegionPlan | undefined = cross && {
    provider: cross.provider,
    network: cross.network,
    name: `${name}-dr`,
    encryptionKeyArn: cross.encryptionKeyArn,
    instanceClass: cross.instanceClass ?? instanceClass,
    multiAz: cross.multiAz ?? true,
    alarmDestination: cross.alarms,
  };

  return {
    engineType: engine.engineType,
    engineVersion: engine.version,
    traits,
    parameterGroupFamily: parameterGroupFamily(engine.engineType, engine.version)!,
    replication,
    topology: described.topology,
    network,
    zones,
    alarmDestination: platform.alarms,
    instanceClass,
    storage: aurora ? undefined : instanceStorage(props),
    auroraStorageType: aurora ? auroraStorageType(props) : undefined,
    port: props.port ?? engine.defaultPort,
    name,
    masterUsername: props.masterUsername ?? 'dbadmin',
    databaseName: props.databaseName,
    encryptionKeyArn: props.encryptionKeyArn,
    storageEncrypted: props.storageEncrypted ?? true,
    backupRetentionDays,
    pointInTimeRecoveryWindow: Duration.days(backupRetentionDays),
    backupWindow: props.backupWindow,
    maintenanceWindow: props.maintenanceWindow?.toLowerCase(),
    retain: removalPolicy === DatabaseRemovalPolicy.RETAIN,
    destroy,
    finalSnapshotIdentifier: destroy ? undefined : props.finalSnapshotIdentifier ?? `${name}-final`,
    recoveryPointObjective: rpo,
    monitoringIntervalSeconds: (props.monitoringInterval ?? Duration.seconds(60)).toSeconds(),
    logRetentionDays: (props.logRetention ?? Duration.days(365)).toDays(),
    parameters: parameters(traits, props.parameters ?? {}),
    alarms: props.alarms ?? {},
    auroraInstances,
    readReplicaZones: Array.from({ length: readReplicas }, (_, i) => zones[(i + 1) % Math.max(zones.length, 1)]),
    crossRegion,
    outputs: props.outputs ?? true,
    tags: props.tags ?? {},
    facts: resilienceFacts(described.topology, zones, auroraInstances, readReplicas, crossRegion),
  };
}

function instanceStorage(props: ReplicatedDatabaseProps): InstanceStorage {
  const s = props.storage ?? {};
  const type = s.storageType ?? DatabaseStorageType.GP3;
  const provisioned = type === DatabaseStorageType.IO1 || type === DatabaseStorageType.IO2;
  const allocated = s.allocatedStorage ?? (provisioned ? 100 : 20);
  const allocatedKnown = !Token.isUnresolved(allocated) && Number.isInteger(allocated);
  const max = s.maxAllocatedStorage ?? (allocatedKnown ? Math.min(allocated * 10, MAX_STORAGE_GIB) : undefined);
  return {
    allocatedStorage: allocated,
    maxAllocatedStorage: max !== undefined && max !== allocated ? max : undefined,
    storageType: STORAGE_TYPES[type],
    iops: s.iops,
    throughput: s.throughput,
  };
}

/** Aurora I/O-Optimized as Terraform spells it; undefined (the provider's default) for standard storage. */
function auroraStorageType(props: ReplicatedDatabaseProps): string | undefined {
  return props.storage?.storageType === DatabaseStorageType.AURORA_IO_OPTIMIZED ? STORAGE_TYPES.AURORA_IO_OPTIMIZED : undefined;
}

/** The parameters that enforce TLS, then the logging parameters the user did not set, then the user's. */
function parameters(traits: EngineTraits, userParameters: { [name: string]: string }): EngineParameter[] {
  const result: EngineParameter[] = [traits.tls, ...traits.logging.filter((p) => !(p.name in userParameters))];
  for (const [name, value] of Object.entries(userParameters)) {
    if (name !== traits.tls.name) {
      result.push({ name, value });
    }
  }
  return result;
}

/** The writer gets tier 0; readers outside its zone are promoted first. */
function auroraPlacement(options: AuroraReplicationOptions, zones: string[]): AuroraInstancePlan[] {
  const { writerZone, readerZones } = auroraZones(options, zones);
  const known = (zone: string | undefined) => zone !== undefined && !Token.isUnresolved(zone);
  const comparable = readerZones.length > 0 && known(writerZone) && readerZones.every(known);
  const order = readerZones.map((zone, i) => ({ zone, i, away: !comparable || zone !== writerZone }));
  const ranked = [...order.filter((r) => r.away), ...order.filter((r) => !r.away)];
  const tiers = new Map(ranked.map((r, rank) => [r.i, Math.min(rank + 1, 15)]));
  return [{ zone: writerZone, promotionTier: 0 }, ...readerZones.map((zone, i) => ({ zone, promotionTier: tiers.get(i)! }))];
}

function resilienceFacts(
  topology: ReplicationTopology,
  zones: string[],
  auroraInstances: AuroraInstancePlan[],
  readReplicas: number,
  crossRegion: CrossRegionPlan | undefined,
): ResilienceFacts {
  const none: Duration = Duration.seconds(0);
  if (topology === ReplicationTopology.AURORA) {
    const instanceZones = auroraInstances.map((i) => i.zone);
    const known = !instanceZones.some((z) => Token.isUnresolved(z));
    return {
      capability: CapabilityKind.DATABASE,
      platform: PlatformKind.AWS,
      zones: known ? new Set(instanceZones).size : Math.min(instanceZones.length, zones.length),
      replicas: auroraInstances.length,
      failover: AURORA_FAILOVER,
      recoveryPoint: none,
      acceptedSinglePointsOfFailure: [],
    };
  }
  const drCopies = crossRegion ? (crossRegion.multiAz ? 2 : 1) : 0;
  return {
    capability: CapabilityKind.DATABASE,
    platform: PlatformKind.AWS,
    zones: 2,
    replicas: 2 + readReplicas + drCopies,
    failover: MULTI_AZ_FAILOVER,
    recoveryPoint: none,
    acceptedSinglePointsOfFailure: [],
  };
}

export function defaultName(scope: Construct): string {
  const name = physicalName(scope, undefined, { maxLength: 47 });
  return /^[a-z]/.test(name) ? name : `db-${name}`.replace(/-+/g, '-');
}

function validCount(value: number, max: number): number {
  return Number.isInteger(value) && value >= 0 ? Math.min(value, max) : 0;
}
