import { Duration } from '../../core/duration';
import { DatabaseFailoverMode, RegionalReplication } from '../../core/regional';
import type { ReplicatedDatabaseAwsResources } from '../resources';
import type { DatabasePlan } from './plan';

/**
 * How long a managed failover of an Aurora global database takes once started. AWS documents a recovery time
 * "typically under a minute" for promoting a secondary region; this library counts twice that as the worst case, as
 * it counts the upper end (120 s) of the documented 60 to 120 s for a Multi-AZ failover.
 */
export const AURORA_GLOBAL_FAILOVER = Duration.minutes(2);

/**
 * How long promoting an RDS cross-region read replica takes. AWS documents that the promotion "can take several minutes
 * or longer, depending on the size of the read replica" and reboots the instance; this library counts 10 minutes.
 */
export const REPLICA_PROMOTION = Duration.minutes(10);

/**
 * The database's copy in the other region as a regional failover reads it: how it takes over, how long that takes,
 * what may be lost, and the runbook. Undefined for a database that lives in one region.
 */
export function regionalReplicationOf(plan: DatabasePlan, aws: ReplicatedDatabaseAwsResources): RegionalReplication | undefined {
  const lagAlarms = aws.alarms.filter((a) => a.key === 'CrossRegionReplicaLag' || a.key === 'GlobalReplicationLag');
  if (plan.auroraGlobal && aws.globalCluster && aws.cluster && aws.secondaryCluster) {
    const global = plan.auroraGlobal;
    return {
      mode: DatabaseFailoverMode.MANAGED,
      failoverTime: AURORA_GLOBAL_FAILOVER,
      failoverDescription:
        `Aurora promotes the secondary cluster ${global.name} to writer and points the global writer endpoint at it ` +
        `(AWS documents typically under a minute; counted as ${AURORA_GLOBAL_FAILOVER.toHumanString()}).`,
      recoveryPoint: plan.recoveryPointObjective,
      primaryResource: aws.cluster,
      secondaryResource: aws.secondaryCluster,
      lagAlarms,
      runbook: [
        `Fail the global database over to the secondary cluster: aws rds failover-global-cluster --global-cluster-identifier ${global.globalIdentifier} ` +
          `--target-db-cluster-identifier <ARN of ${global.name}> --allow-data-loss (the secondary region's CLI; without --allow-data-loss it is a switchover, which needs the primary region).`,
        'Clients that use the global writer endpoint follow the new writer; clients that use a cluster endpoint switch to the secondary cluster\'s.',
        `When the primary region is back, Aurora rejoins the old primary as a secondary; switch back with aws rds switchover-global-cluster once the lag is low. The declaration keeps ${plan.name} as the primary: after a failover that stays in place, swap the regions in the code before the next apply.`,
      ],
    };
  }
  if (plan.crossRegion && aws.instance && aws.crossRegionReplica) {
    const dr = plan.crossRegion;
    return {
      mode: DatabaseFailoverMode.MANUAL_PROMOTION,
      failoverTime: REPLICA_PROMOTION,
      failoverDescription:
        `An operator promotes the read replica ${dr.name}, which RDS reboots as a standalone instance, and points the secondary region's application at it ` +
        `(AWS: several minutes or longer, depending on its size; counted as ${REPLICA_PROMOTION.toHumanString()}).`,
      recoveryPoint: plan.recoveryPointObjective,
      primaryResource: aws.instance,
      secondaryResource: aws.crossRegionReplica,
      lagAlarms,
      runbook: [
        `Promote the replica to a standalone instance: aws rds promote-read-replica --db-instance-identifier ${dr.name} --backup-retention-period ${plan.backupRetentionDays} (in the disaster-recovery region).`,
        'Point the secondary region\'s application at the promoted instance (the replica\'s endpoint; its security group admits what you added to it).',
        'Create a new cross-region replica of the promoted instance once the old region is back, and make the declaration match: the promoted instance is the new primary.',
      ],
    };
  }
  return undefined;
}
