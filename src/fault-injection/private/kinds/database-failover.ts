import { NO_USER_IMPACT, idOf, slugOf } from './common';
import { KindPlanner } from './kind';
import { FaultExperimentKind } from '../../../core/fault-experiments';
import { FaultTargetKind } from '../../../core/fault-targets';
import { PlatformKind } from '../../../core/platform';
import { ExperimentPlan, FisActionPlan, PlanningContext, shorten, targetsOf } from '../plan';

/**
 * Each database failed over, wherever its primary is: a Multi-AZ instance rebooted with a forced failover to its
 * standby, an Aurora cluster failed over to a reader (AWS, by ARN).
 */
export const databaseFailover: KindPlanner = {
  kind: FaultExperimentKind.DATABASE_FAILOVER,
  plan(context: PlanningContext): ExperimentPlan[] {
    return targetsOf(context.involved, FaultTargetKind.DB_INSTANCE, FaultTargetKind.DB_CLUSTER).map(({ owner, target }) => {
      const cluster = target.kind === FaultTargetKind.DB_CLUSTER;
      const failover = owner.facts.failover;
      const rpo = owner.facts.recoveryPoint;
      const name = `database-failover-${slugOf(owner.name)}`;
      const hypothesis =
        `With \`${owner.name}\` failed over to ${cluster ? 'a reader in another zone' : 'its standby in another zone'}: ` +
        `writes resume within ${failover ? failover.toHumanString() : 'its failover time'}` +
        (rpo && !rpo.isUnresolved ? (rpo.toMilliseconds() === 0 ? ' and no acknowledged write is lost' : ` and at most ${rpo.toHumanString()} of acknowledged writes are lost`) : '') +
        `; ${NO_USER_IMPACT}.`;
      return {
        id: `DatabaseFailover${idOf(owner.name)}`,
        name,
        kind: FaultExperimentKind.DATABASE_FAILOVER,
        platform: PlatformKind.AWS,
        hypothesis,
        blastRadius: `the primary of ${owner.name}`,
        constructs: [owner.name],
        fis: {
          description: shorten(`${name}: ${hypothesis}`, 512),
          emptyTargetResolution: 'fail',
          targets: [
            { name: 'database', resourceType: cluster ? 'aws:rds:cluster' : 'aws:rds:db', selectionMode: 'ALL', resourceArns: [target.arn!], source: target },
          ],
          actions: [
            (cluster
              ? {
                name: 'fail-over',
                description: `Fails ${owner.name} over to a reader.`,
                actionId: 'aws:rds:failover-db-cluster',
                parameters: {},
                targetKey: 'Clusters',
                targetName: 'database',
                targetResourceType: 'aws:rds:cluster',
              }
              : {
                name: 'fail-over',
                description: `Reboots ${owner.name} with a forced failover to its standby.`,
                actionId: 'aws:rds:reboot-db-instances',
                parameters: { forceFailover: 'true' },
                targetKey: 'DBInstances',
                targetName: 'database',
                targetResourceType: 'aws:rds:db',
              }) as FisActionPlan,
          ],
        },
      };
    });
  },
};
