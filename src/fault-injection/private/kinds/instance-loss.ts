import { NO_USER_IMPACT, detectionClause, idOf, plural, replicasOf, runningInVpc, slugOf } from './common';
import { KindPlanner } from './kind';
import { FaultExperimentKind } from '../../../core/fault-experiments';
import { FaultTargetKind } from '../../../core/fault-targets';
import { PlatformKind } from '../../../core/platform';
import { ExperimentPlan, PlanningContext, shorten, targetsOf } from '../plan';

/**
 * One replica of each service lost: one running instance of its primary group terminated (AWS EC2; the group
 * replaces it), one task of its primary ECS service stopped (Fargate; the service replaces it), one pod of its
 * primary Deployment killed (Kubernetes; the Deployment replaces it).
 */
export const instanceLoss: KindPlanner = {
  kind: FaultExperimentKind.INSTANCE_LOSS,
  plan(context: PlanningContext): ExperimentPlan[] {
    const out: ExperimentPlan[] = [];
    const seen = new Set<string>();
    const replicated = targetsOf(context.involved, FaultTargetKind.AUTO_SCALING_GROUP, FaultTargetKind.ECS_SERVICE, FaultTargetKind.PODS);
    for (const { owner, target } of replicated) {
      if (target.primary === false || seen.has(owner.name)) {
        continue;
      }
      seen.add(owner.name);
      const replicas = replicasOf(owner, target) ?? 0;
      if (replicas < 2) {
        context.note(`No instance-loss experiment for \`${owner.name}\`: it runs ${plural(replicas, 'replica')}, so losing one is an outage.`);
        continue;
      }
      const aws = target.kind === FaultTargetKind.AUTO_SCALING_GROUP;
      const fargate = target.kind === FaultTargetKind.ECS_SERVICE;
      const unit = aws ? 'instance' : fargate ? 'task' : 'pod';
      const detect = detectionClause(owner, aws || fargate ? 'the failed target leaves rotation' : 'its Service stops routing to it');
      const replacer = aws ? 'Auto Scaling group' : fargate ? 'ECS service' : 'Deployment';
      const hypothesis =
        `With 1 of ${replicas} ${unit}s of \`${owner.name}\` ${aws ? 'terminated' : fargate ? 'stopped' : 'killed'}: \`${owner.name}\` keeps ≥ ${replicas - 1} ${unit}s serving` +
        `${detect ? `, ${detect}` : ''}, and the ${replacer} replaces it; ${aws || fargate ? NO_USER_IMPACT : 'no critical alert fires'}.`;
      const base = {
        id: `InstanceLoss${idOf(owner.name)}`,
        name: `instance-loss-${slugOf(owner.name)}`,
        kind: FaultExperimentKind.INSTANCE_LOSS,
        hypothesis,
        blastRadius: `1 of ${replicas} ${unit}s of ${owner.name}`,
        constructs: [owner.name],
      };
      if (aws) {
        out.push({
          ...base,
          platform: PlatformKind.AWS,
          fis: {
            description: shorten(`${base.name}: ${hypothesis}`, 512),
            emptyTargetResolution: 'fail',
            targets: [
              {
                name: 'one-instance',
                resourceType: 'aws:ec2:instance',
                selectionMode: 'COUNT(1)',
                resourceTags: { ...target.tags },
                filters: runningInVpc(target),
                source: target,
              },
            ],
            actions: [
              {
                name: 'terminate-one-instance',
                description: `Terminates one running instance of ${owner.name} (${target.name}).`,
                actionId: 'aws:ec2:terminate-instances',
                parameters: {},
                targetKey: 'Instances',
                targetName: 'one-instance',
                targetResourceType: 'aws:ec2:instance',
              },
            ],
          },
        });
      } else if (fargate) {
        out.push({
          ...base,
          platform: PlatformKind.AWS,
          fis: {
            description: shorten(`${base.name}: ${hypothesis}`, 512),
            emptyTargetResolution: 'fail',
            targets: [
              {
                // The service's tasks: its tags (propagated to its tasks) in its cluster ("Targets for AWS FIS",
                // resource parameters of aws:ecs:task: cluster, service).
                name: 'one-task',
                resourceType: 'aws:ecs:task',
                selectionMode: 'COUNT(1)',
                resourceTags: { ...target.tags },
                parameters: { cluster: target.clusterName!, service: target.name },
                source: target,
              },
            ],
            actions: [
              {
                name: 'stop-one-task',
                description: `Stops one running task of ${owner.name} (${target.name}).`,
                actionId: 'aws:ecs:stop-task',
                parameters: {},
                targetKey: 'Tasks',
                targetName: 'one-task',
                targetResourceType: 'aws:ecs:task',
              },
            ],
          },
        });
      } else {
        out.push({
          ...base,
          platform: PlatformKind.KUBERNETES,
          chaos: [
            {
              kind: 'PodChaos',
              id: 'PodKill',
              name: `${target.name}-pod-kill`,
              namespaceName: target.namespaceName!,
              spec: {
                action: 'pod-kill',
                mode: 'one',
                gracePeriod: 0,
                selector: { namespaces: [target.namespaceName], labelSelectors: { ...target.podSelector } },
              },
            },
          ],
        });
      }
    }
    return out;
  },
};
