import { EngineParameter, EngineTraits } from './engines';
import { IAlarmDestination } from '../../core/alarms';
import { Duration } from '../../core/duration';
import { INetwork } from '../../core/network';
import { ResilienceFacts } from '../../core/resilience';
import { DatabaseEngine } from '../engine';
import { DatabaseAlarms, DatabaseRemovalPolicy } from '../options';
import { CrossRegionReplicationOptions, Replication } from '../replication';

/** Storage of an RDS instance, with every default applied. */
export interface InstanceStorage {
  readonly allocatedStorage: number;
  /** Undefined when storage autoscaling is off. */
  readonly maxAllocatedStorage?: number;
  readonly type: string;
  readonly iops?: number;
  readonly throughput?: number;
}

/** One Aurora instance: its zone and promotion tier. */
export interface AuroraInstancePlan {
  readonly zone: string;
  readonly promotionTier: number;
}

/** A validated database declaration with every default applied: what the AWS renderer renders. */
export interface DatabasePlan {
  readonly engine: DatabaseEngine;
  readonly traits: EngineTraits;
  readonly parameterGroupFamily: string;
  readonly replication: Replication;
  readonly network: INetwork;
  /** The distinct zones of the network's isolated subnets, in order (may be tokens). */
  readonly zones: string[];
  readonly alarmDestination?: IAlarmDestination;
  readonly instanceClass: string;
  /** RDS engines only. */
  readonly storage?: InstanceStorage;
  /** Aurora only; undefined for standard storage. */
  readonly auroraStorageType?: string;
  readonly port: number;
  readonly identifier: string;
  readonly masterUsername: string;
  readonly databaseName?: string;
  readonly encryptionKeyArn?: string;
  readonly storageEncrypted: boolean;
  readonly backupRetentionDays: number;
  readonly backupWindow?: string;
  readonly maintenanceWindow?: string;
  readonly removalPolicy: DatabaseRemovalPolicy;
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
  readonly crossRegion?: CrossRegionReplicationOptions;
  readonly tags: Record<string, string>;
  readonly facts: ResilienceFacts;
}
