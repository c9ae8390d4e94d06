import { AlarmOptions } from '../core/alarms';

/**
 * What happens to the data when the database is removed from the configuration or the stack is destroyed.
 *
 * @deprecated use the core `RemovalPolicy`, which every construct takes (its values are the same strings)
 */
export enum DatabaseRemovalPolicy {
  /**
   * The database cannot be deleted: `deletion_protection` on and Terraform's `prevent_destroy`, so a plan that
   * would delete or replace it fails; a final snapshot is taken if it is ever deleted. The default.
   */
  RETAIN = 'RETAIN',
  /**
   * The database can be deleted (no deletion protection, no `prevent_destroy`); a final snapshot and the
   * automated backups are kept. A change that forces replacement deletes the database and recreates it empty.
   */
  SNAPSHOT = 'SNAPSHOT',
  /**
   * The database can be deleted without a final snapshot, and its automated backups are deleted with it:
   * **every byte is lost**. For throw-away environments only.
   */
  DESTROY = 'DESTROY',
}

/**
 * The alarms of a {@link ReplicatedDatabase}. Every alarm is on by default and notifies the platform's
 * alarm destination.
 */
export interface DatabaseAlarms {
  /**
   * Average `CPUUtilization` of the writer at or above 80 % for 15 minutes (warning).
   * @default - on, as described
   */
  readonly cpuUtilization?: AlarmOptions;
  /**
   * `FreeStorageSpace` of an RDS instance below 10 % of the allocated storage for 5 minutes (critical): storage
   * autoscaling is at its limit or in its 6-hour cooldown. RDS instances only.
   * @default - on, as described
   */
  readonly freeStorageSpace?: AlarmOptions;
  /**
   * `FreeLocalStorage` of the Aurora writer (temporary tables, sorts) below 2 GiB for 5 minutes (warning).
   * Aurora only.
   * @default - on, as described
   */
  readonly freeLocalStorage?: AlarmOptions;
  /**
   * `FreeableMemory` of the writer below 10 % of the instance class's memory (256 MiB when the class is not
   * known) for 15 minutes (warning).
   * @default - on, as described
   */
  readonly freeableMemory?: AlarmOptions;
  /**
   * `DatabaseConnections` of the writer at or above 80 % of the engine's default `max_connections` for the
   * instance class's memory (400 when the class is not known) for 5 minutes (warning).
   * @default - on, as described
   */
  readonly databaseConnections?: AlarmOptions;
  /**
   * Lag of every replica (`ReplicaLag`, `AuroraReplicaLag`) above the recovery point objective for 3 minutes:
   * critical for the cross-region replica (its lag is the data a regional failover loses), warning otherwise.
   * @default - on, as described
   */
  readonly replicaLag?: AlarmOptions;
}
