/**
 * The storage of a {@link ReplicatedDatabase}.
 */
export enum DatabaseStorageType {
  /** General purpose SSD (`gp3`): 3,000 IOPS and 125 MiB/s baseline, more from 400 GiB. RDS instances only. */
  GP3 = 'GP3',
  /** Provisioned IOPS SSD (`io1`); needs `iops`. RDS instances only. */
  IO1 = 'IO1',
  /** Provisioned IOPS SSD (`io2`, Block Express); needs `iops`. RDS instances only. */
  IO2 = 'IO2',
  /** Aurora standard storage (`aurora`): pay per I/O. Aurora only. */
  AURORA_STANDARD = 'AURORA_STANDARD',
  /** Aurora I/O-Optimized (`aurora-iopt1`): no I/O charges, higher storage price. Aurora only. */
  AURORA_IO_OPTIMIZED = 'AURORA_IO_OPTIMIZED',
}

/**
 * Storage of a {@link ReplicatedDatabase}. Aurora storage grows on its own and takes only `storageType`.
 */
export interface DatabaseStorage {
  /**
   * The storage allocated at creation, in GiB (20 to 65,536; at least 100 for io1 and io2) for RDS instances; on
   * Kubernetes the size of each instance's volume (1 to 65,536 GiB), which CloudNativePG can grow later.
   * @default 20 (100 for io1 and io2)
   */
  readonly allocatedStorage?: number;
  /**
   * The upper limit of storage autoscaling, in GiB (at most 65,536). RDS grows the volume when less than 10 %
   * is free, so a growing database never runs out of disk. Set it equal to `allocatedStorage` to turn storage
   * autoscaling off: the database then stops accepting writes when the disk is full.
   * @default - 10 times `allocatedStorage`, at most 65,536
   */
  readonly maxAllocatedStorage?: number;
  /**
   * The storage type.
   * @default DatabaseStorageType.GP3 for RDS instances, DatabaseStorageType.AURORA_STANDARD for Aurora
   */
  readonly storageType?: DatabaseStorageType;
  /**
   * Provisioned IOPS: required for io1 and io2; for gp3 only from 400 GiB.
   * @default - the gp3 baseline
   */
  readonly iops?: number;
  /**
   * gp3 throughput in MiB/s, only from 400 GiB.
   * @default - the gp3 baseline
   */
  readonly throughput?: number;
  /**
   * The storage class of each instance's volume (Kubernetes only). Its encryption at rest and its reclaim policy
   * are the class's: choose one that encrypts, and `Retain` keeps a volume whose claim is deleted.
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
}
