import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IAlarmDestination } from '../core/alarms';
import { INetwork } from '../core/network';
import { checkAuroraOptions, checkCrossRegionOptions, checkMultiAzOptions } from './private/arguments';
import type { ReplicationDescription } from './private/replication';
import { brand } from '../core/private/brand';

/**
 * How a {@link ReplicatedDatabase} keeps copies of its data.
 */
export enum ReplicationTopology {
  /** An RDS instance with a synchronous standby in another zone, and optional read replicas. */
  MULTI_AZ = 'MULTI_AZ',
  /** An Aurora cluster: a writer and readers in distinct zones over one six-way replicated volume. */
  AURORA = 'AURORA',
  /** A Multi-AZ RDS instance plus an asynchronous replica in another region for disaster recovery. */
  CROSS_REGION = 'CROSS_REGION',
  /** An Aurora global database: an Aurora cluster plus a secondary cluster in another region, failed over by Aurora. */
  AURORA_GLOBAL = 'AURORA_GLOBAL',
}

/**
 * Options of {@link Replication.multiAz}.
 */
export interface MultiAzReplicationOptions {
  /**
   * Read replicas in the same region (0 to 5), spread over the network's zones. They serve reads only: the
   * Multi-AZ standby, not a read replica, takes over when the primary fails.
   * @default 0
   */
  readonly readReplicas?: number;
}

/**
 * Options of {@link Replication.aurora}.
 */
export interface AuroraReplicationOptions {
  /**
   * How many readers (1 to 15). Aurora promotes a reader when the writer fails, so at least one reader must run
   * in another zone than the writer.
   * @default 1, or the number of `readerZones`
   */
  readonly readers?: number;
  /**
   * The zone of the initial writer; one of the network's zones.
   * @default - the network's first zone
   */
  readonly writerZone?: string;
  /**
   * The zone of each reader, in order; at least one must differ from the writer's.
   * @default - the network's zones after the writer's, in turn
   */
  readonly readerZones?: string[];
}

/**
 * Options of {@link Replication.crossRegion}.
 */
export interface CrossRegionReplicationOptions extends MultiAzReplicationOptions {
  /**
   * An AWS provider for the disaster-recovery region, with an `alias`. Every resource of the replica is created
   * with it.
   */
  readonly provider: AwsProvider;
  /**
   * The network in the disaster-recovery region: its isolated subnets (in at least 2 zones) hold the replica.
   * Its resources must be created with `provider` too, e.g. `MultiAzNetwork.fromExisting(...)` for a VPC that
   * exists, or a `MultiAzNetwork` whose resources get the provider from an aspect (see the README).
   */
  readonly network: INetwork;
  /**
   * ARN of a KMS key in the disaster-recovery region that encrypts the replica (KMS keys never leave their
   * region). Its key policy must let CloudWatch Logs of that region use it for the replica's log groups.
   * @default - a KMS key with rotation is created in the disaster-recovery region
   */
  readonly encryptionKeyArn?: string;
  /**
   * The replica's instance class.
   * @default - the primary's instance class, so the replica can carry the load after promotion
   */
  readonly instanceClass?: string;
  /**
   * Give the replica its own synchronous standby in another zone of the disaster-recovery region. Turning it
   * off halves the replica's cost, and after promotion the new primary is a single instance in one zone until
   * you turn Multi-AZ on.
   * @default true
   */
  readonly multiAz?: boolean;
  /**
   * Where the replica's alarms notify. CloudWatch alarms can only notify SNS topics of their own region, so the
   * platform's destination cannot be used for the replica.
   * @default - the replica's alarms have no actions; the resilience checks flag them
   */
  readonly alarms?: IAlarmDestination;
}

/**
 * Options of {@link Replication.auroraGlobal}: the primary cluster's placement (as {@link Replication.aurora}) and the
 * secondary cluster in the other region.
 */
export interface AuroraGlobalReplicationOptions extends AuroraReplicationOptions {
  /**
   * An AWS provider for the secondary region, with an `alias`. Every resource of the secondary cluster is created
   * with it.
   */
  readonly provider: AwsProvider;
  /**
   * The network in the secondary region: its isolated subnets (in at least 2 zones) hold the secondary cluster. Its
   * resources must be created with `provider` too (a `MultiAzNetwork` in a `RegionalScope` of that provider, or
   * `MultiAzNetwork.fromExisting(...)` for a VPC that exists there).
   */
  readonly network: INetwork;
  /**
   * How many instances the secondary cluster runs (1 to 16). After a failover one of them becomes the writer; the
   * others are its readers, placed in the network's other zones.
   * @default 2 - the new writer keeps a reader in another zone
   */
  readonly secondaryInstances?: number;
  /**
   * The secondary cluster's instance class.
   * @default - the primary's instance class, so the secondary can carry the load after a failover
   */
  readonly instanceClass?: string;
  /**
   * ARN of a KMS key in the secondary region that encrypts the secondary cluster, its Performance Insights, its log
   * groups and the replica of the master password secret (KMS keys never leave their region). Its key policy must
   * let CloudWatch Logs of that region use it.
   * @default - a KMS key with rotation is created in the secondary region
   */
  readonly encryptionKeyArn?: string;
  /**
   * Where the secondary cluster's alarms (its replication lag) notify. CloudWatch alarms notify SNS topics of their
   * own region only, so the platform's destination cannot be used there.
   * @default - the secondary's alarms have no actions; the resilience checks flag them
   */
  readonly alarms?: IAlarmDestination;
}

/**
 * The replication topology of a {@link ReplicatedDatabase}: how it survives the loss of an instance, a zone or
 * a region.
 *
 * ```ts
 * Replication.multiAz();                      // RDS Multi-AZ: synchronous standby, failover in 60 to 120 s
 * Replication.aurora({ readers: 2 });         // Aurora: readers in other zones, failover in about 30 s
 * Replication.crossRegion({ provider: dr, network: drNetwork }); // Multi-AZ plus a replica in another region
 * Replication.auroraGlobal({ provider: dr, network: drNetwork }); // Aurora plus a secondary cluster in another region
 * ```
 */
export class Replication {
  /** An RDS instance with a synchronous standby in another zone (Multi-AZ), and optional read replicas. */
  public static multiAz(options: MultiAzReplicationOptions = {}): Replication {
    checkMultiAzOptions(options);
    return new Replication({ topology: ReplicationTopology.MULTI_AZ, options: { ...options } });
  }

  /** An Aurora cluster: a writer and readers pinned to distinct zones, with promotion tiers. */
  public static aurora(options: AuroraReplicationOptions = {}): Replication {
    checkAuroraOptions(options);
    return new Replication({ topology: ReplicationTopology.AURORA, options: { ...options } });
  }

  /**
   * A Multi-AZ RDS instance plus an encrypted, asynchronous read replica in another region, ready to be
   * promoted when the primary region fails. RDS instances only (PostgreSQL and MySQL).
   */
  public static crossRegion(options: CrossRegionReplicationOptions): Replication {
    checkCrossRegionOptions(options);
    return new Replication({ topology: ReplicationTopology.CROSS_REGION, options: { ...options } });
  }

  /**
   * An Aurora global database: the Aurora cluster of {@link Replication.aurora} as the primary, and a secondary
   * cluster in another region that Aurora replicates to at the storage layer (typically under a second behind).
   * A regional failover is one call (`aws rds failover-global-cluster`); the global writer endpoint follows the
   * writer. Aurora engines only.
   */
  public static auroraGlobal(options: AuroraGlobalReplicationOptions): Replication {
    return new Replication({ topology: ReplicationTopology.AURORA_GLOBAL, options: { ...options } });
  }

  /** Which topology this is. */
  public readonly topology: ReplicationTopology;
  private readonly description: ReplicationDescription;

  private constructor(description: ReplicationDescription) {
    this.topology = description.topology;
    this.description = description;
    brand(this, 'Replication');
  }

  /**
   * What the database's plan reads: the topology and its options.
   * @internal
   */
  public _describe(): ReplicationDescription {
    return this.description;
  }
}
