import { IConstruct } from 'constructs';
import { ServicePlan } from './plan';
import { FaultTarget, FaultTargetKind } from '../../core/fault-targets';
import { LoadBalancerTarget } from '../../core/load-balancer';
import { PlatformKind } from '../../core/platform';
import { constructPathTag, userImpactAlarms } from '../../core/private/fault-targets';
import { LABEL_TRACK } from '../../core/private/kubernetes';
import type { ServiceAwsResources, ServiceEcsResources, ServiceKubernetesResources } from '../resources';

/**
 * The in-service instance and running-task alarms report the capacity a zone or instance loss takes away on purpose:
 * not stop conditions.
 */
const CAPACITY_ALARM_KEYS = ['InServiceInstances', 'RunningTasks'];

/**
 * Where faults can be injected into a service: per group of replicas, its Auto Scaling group and the instances it
 * launches (AWS EC2, selected by the group's `ft:construct-path` and `ft:track` tags inside the network's VPC), its
 * ECS service and the tasks it runs (Fargate, selected by the same tags, which the service propagates to its tasks,
 * in its cluster), or its pods (Kubernetes, by the group's labels). The stop conditions are the group's target-group
 * alarms that mean users are affected (no healthy host, 5XX).
 */
export function serviceFaultTargets(
  scope: IConstruct,
  plan: ServicePlan,
  aws: ServiceAwsResources | undefined,
  ecs: ServiceEcsResources | undefined,
  kubernetes: ServiceKubernetesResources | undefined,
  targets: readonly LoadBalancerTarget[],
): FaultTarget[] {
  if (plan.platform === PlatformKind.AWS && aws) {
    const zones = [...new Set(plan.subnets.map((s) => s.zone))];
    return plan.groups.map((group, i) => {
      const asg = aws.autoScalingGroups[i];
      const target = plan.loadBalancer ? targets[i] : undefined;
      return {
        kind: FaultTargetKind.AUTO_SCALING_GROUP,
        platform: PlatformKind.AWS,
        name: asg.nameInput ?? asg.name,
        arn: asg.arn,
        tags: { ...constructPathTag(scope), 'ft:track': group.track },
        vpcId: plan.vpcId,
        zones,
        primary: group.primary && group.weight > 0,
        replicas: group.minReplicas,
        stopConditions: userImpactAlarms(target?.alarms ?? [], CAPACITY_ALARM_KEYS),
      };
    });
  }
  if (plan.platform === PlatformKind.AWS && ecs) {
    const zones = [...new Set(plan.subnets.map((s) => s.zone))];
    return plan.groups.map((group, i) => {
      const service = ecs.services[i];
      const target = plan.loadBalancer ? targets[i] : undefined;
      return {
        kind: FaultTargetKind.ECS_SERVICE,
        platform: PlatformKind.AWS,
        name: service.nameInput ?? service.name,
        arn: service.id,
        clusterName: ecs.cluster.nameInput ?? ecs.cluster.name,
        tags: { ...constructPathTag(scope), 'ft:track': group.track },
        vpcId: plan.vpcId,
        zones,
        primary: group.primary && group.weight > 0,
        replicas: group.minReplicas,
        stopConditions: userImpactAlarms(target?.alarms ?? [], CAPACITY_ALARM_KEYS),
      };
    });
  }
  if (plan.platform === PlatformKind.KUBERNETES && kubernetes) {
    return plan.groups.map((group, i) => ({
      kind: FaultTargetKind.PODS,
      platform: PlatformKind.KUBERNETES,
      name: kubernetes.deployments[i].metadata.nameInput ?? plan.name,
      namespaceName: plan.namespaceName,
      podSelector: { ...kubernetes.selector, [LABEL_TRACK]: group.track },
      primary: group.primary && group.weight > 0,
      replicas: group.minReplicas,
    }));
  }
  return [];
}
