import { FindingLevel } from '../../findings';
import { COMPLIANT, NOT_APPLICABLE, Rule, check, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource, describePlacement, spansZones } from '../stack-view';
import { isUnresolved, readBlock, readBool, readNumber } from '../values';

/** The `aws_appautoscaling_target` that scales an ECS service, if the stack defines one. */
function scalingTarget(service: TfResource, stack: StackView): TfResource | undefined {
  const name = service.config.name;
  return stack.ofType('aws_appautoscaling_target').find((t) => {
    const id = t.config.resource_id;
    return (
      t.config.scalable_dimension === 'ecs:service:DesiredCount' &&
      (stack.refersTo(id, service) || (typeof name === 'string' && typeof id === 'string' && id.endsWith(`/${name}`)))
    );
  });
}

export const CONTAINER_RULES: Rule[] = [
  {
    id: 'FT-ECS-1',
    level: FindingLevel.ERROR,
    info: 'The ECS service runs fewer than 2 tasks.',
    explanation:
      'With one task (the default `desired_count` is 0), a task crash, a host failure or a deployment leaves the service without ' +
      'capacity until a new task has started. Set `desired_count` to at least 2, or scale it with an `aws_appautoscaling_target` whose ' +
      '`min_capacity` is at least 2.',
    resourceTypes: ['aws_ecs_service'],
    evaluate: (service, stack) => {
      if (service.config.scheduling_strategy === 'DAEMON') {
        return NOT_APPLICABLE;
      }
      const target = scalingTarget(service, stack);
      if (target) {
        const min = readNumber(target.config, 'min_capacity', `${target.address}.min_capacity`);
        if (isUnresolved(min)) {
          return unresolvable(min);
        }
        return check(min !== undefined && min >= 2, `its scaling target \`${target.address}\` has \`min_capacity\` ${min}`);
      }
      const desired = readNumber(service.config, 'desired_count');
      if (isUnresolved(desired)) {
        return unresolvable(desired);
      }
      return check(desired !== undefined && desired >= 2, `\`desired_count\` is ${desired ?? 'unset (default 0)'}`);
    },
  },
  {
    id: 'FT-ECS-2',
    level: FindingLevel.WARNING,
    info: 'The ECS service does not roll back failed deployments.',
    explanation:
      'Without the deployment circuit breaker a deployment whose tasks never become healthy keeps replacing tasks forever, and the ' +
      'service can end up with no healthy task. Set `deployment_circuit_breaker { enable = true, rollback = true }`.',
    resourceTypes: ['aws_ecs_service'],
    evaluate: (service) => {
      const controller = readBlock(service.config, 'deployment_controller');
      if (!isUnresolved(controller) && controller && controller.type !== undefined && controller.type !== 'ECS') {
        return NOT_APPLICABLE; // CODE_DEPLOY and EXTERNAL controllers roll back on their own
      }
      const breaker = readBlock(service.config, 'deployment_circuit_breaker');
      if (isUnresolved(breaker)) {
        return unresolvable(breaker);
      }
      if (!breaker) {
        return nonCompliant('no `deployment_circuit_breaker` block');
      }
      const enable = readBool(breaker, 'enable', 'deployment_circuit_breaker.enable');
      const rollback = readBool(breaker, 'rollback', 'deployment_circuit_breaker.rollback');
      if (isUnresolved(enable)) {
        return unresolvable(enable);
      }
      if (isUnresolved(rollback)) {
        return unresolvable(rollback);
      }
      return check(enable === true && rollback === true, `\`enable\` is ${enable}, \`rollback\` is ${rollback}`);
    },
  },
  {
    id: 'FT-ECS-3',
    level: FindingLevel.ERROR,
    info: 'The ECS service places tasks in fewer than 2 availability zones.',
    explanation:
      'Tasks can only start in the subnets of `network_configuration`: in one zone, the loss of that zone stops the service. List ' +
      'subnets of at least 2 zones.',
    resourceTypes: ['aws_ecs_service'],
    evaluate: (service, stack) => {
      const network = readBlock(service.config, 'network_configuration');
      if (isUnresolved(network)) {
        return unresolvable(network);
      }
      if (!network) {
        return NOT_APPLICABLE; // bridge/host networking: placement follows the cluster's instances
      }
      const placement = stack.readSubnetZones(network, 'subnets');
      if (isUnresolved(placement)) {
        return unresolvable(placement);
      }
      if (!placement) {
        return NOT_APPLICABLE;
      }
      return check(spansZones(placement, 2), `\`network_configuration.subnets\` lists ${describePlacement(placement)}`);
    },
  },
  {
    id: 'FT-EKS-1',
    level: FindingLevel.ERROR,
    info: 'The EKS node group can shrink below 2 nodes or runs in fewer than 2 availability zones.',
    explanation:
      'Pods can only be rescheduled onto nodes that exist: a node group of one node, or of nodes in one zone, takes every pod on it ' +
      'down with that node or zone. Set `scaling_config.min_size` to at least 2 and list subnets of at least 2 zones.',
    resourceTypes: ['aws_eks_node_group'],
    evaluate: (group, stack) => {
      const scaling = readBlock(group.config, 'scaling_config');
      if (isUnresolved(scaling)) {
        return unresolvable(scaling);
      }
      const min = scaling ? readNumber(scaling, 'min_size', 'scaling_config.min_size') : undefined;
      if (isUnresolved(min)) {
        return unresolvable(min);
      }
      const placement = stack.readSubnetZones(group.config, 'subnet_ids');
      if (isUnresolved(placement)) {
        return unresolvable(placement);
      }
      const problems: string[] = [];
      if (min === undefined || min < 2) {
        problems.push(`\`scaling_config.min_size\` is ${min ?? 'unset'}`);
      }
      if (placement && !spansZones(placement, 2)) {
        problems.push(`\`subnet_ids\` lists ${describePlacement(placement)}`);
      }
      return problems.length === 0 ? COMPLIANT : nonCompliant(problems.join(', '));
    },
  },
];

