import { FindingLevel } from '../../findings';
import { NOT_APPLICABLE, Rule, check, unresolvable } from '../rule';
import { StackView, TfResource, describePlacement, spansZones } from '../stack-view';
import { isUnresolved, readBlocks, readList, readNumber, readString } from '../values';

const ASG = ['aws_autoscaling_group'];
const ATTACHMENTS = ['aws_autoscaling_attachment', 'aws_autoscaling_traffic_source_attachment'];

/** Whether an Auto Scaling group receives traffic from a load balancer (directly or through an attachment). */
export function isBehindLoadBalancer(asg: TfResource, stack: StackView): boolean {
  for (const key of ['target_group_arns', 'load_balancers']) {
    const list = readList(asg.config, key);
    if (isUnresolved(list) || (list && list.length > 0)) {
      return true;
    }
  }
  const sources = readBlocks(asg.config, 'traffic_source');
  if (isUnresolved(sources) || sources.length > 0) {
    return true;
  }
  const name = asg.config.name;
  return stack.ofType(...ATTACHMENTS).some((a) => {
    const target = a.config.autoscaling_group_name;
    return stack.refersTo(target, asg) || (typeof name === 'string' && target === name);
  });
}

export const AUTO_SCALING_RULES: Rule[] = [
  {
    id: 'FT-ASG-1',
    level: FindingLevel.ERROR,
    info: 'The Auto Scaling group launches instances in fewer than 2 availability zones.',
    explanation:
      'An Auto Scaling group replaces failed instances only in the zones it may use: confined to one zone, it cannot bring capacity ' +
      'back when that zone fails. List subnets of at least 2 zones in `vpc_zone_identifier`.',
    resourceTypes: ASG,
    evaluate: (asg, stack) => {
      const placement = stack.readSubnetZones(asg.config, 'vpc_zone_identifier');
      if (isUnresolved(placement)) {
        return unresolvable(placement);
      }
      if (placement && placement.subnets > 0) {
        return check(spansZones(placement, 2), `\`vpc_zone_identifier\` lists ${describePlacement(placement)}`);
      }
      const zones = readList(asg.config, 'availability_zones');
      if (isUnresolved(zones)) {
        return unresolvable(zones);
      }
      const count = new Set(zones ?? []).size;
      return check(count >= 2, count === 0 ? 'neither `vpc_zone_identifier` nor `availability_zones` is set' : `\`availability_zones\` lists ${count} zone`);
    },
  },
  {
    id: 'FT-ASG-2',
    level: FindingLevel.ERROR,
    info: 'The Auto Scaling group behind a load balancer does not use the load balancer\'s health checks.',
    explanation:
      'With the default `health_check_type = "EC2"` an instance whose application has crashed or hung keeps running: the load ' +
      'balancer stops sending it traffic, but it is never replaced and the group runs with less capacity. Set ' +
      '`health_check_type = "ELB"` and a `health_check_grace_period` that covers start-up.',
    resourceTypes: ASG,
    evaluate: (asg, stack) => {
      if (!isBehindLoadBalancer(asg, stack)) {
        return NOT_APPLICABLE;
      }
      const type = readString(asg.config, 'health_check_type');
      if (isUnresolved(type)) {
        return unresolvable(type);
      }
      return check(type?.toUpperCase() === 'ELB', `\`health_check_type\` is ${type === undefined ? 'unset (default "EC2")' : JSON.stringify(type)}`);
    },
  },
  {
    id: 'FT-ASG-3',
    level: FindingLevel.ERROR,
    info: 'The Auto Scaling group behind a load balancer may run fewer than 2 instances.',
    explanation:
      'With `min_size` below 2 the group may run a single instance: its failure, or the loss of its zone, is an outage until a ' +
      'replacement has started and passed its health checks. Set `min_size` to at least 2 (one per zone is better).',
    resourceTypes: ASG,
    evaluate: (asg, stack) => {
      if (!isBehindLoadBalancer(asg, stack)) {
        return NOT_APPLICABLE;
      }
      const min = readNumber(asg.config, 'min_size');
      if (isUnresolved(min)) {
        return unresolvable(min);
      }
      return check(min !== undefined && min >= 2, `\`min_size\` is ${min ?? 'unset'}`);
    },
  },
  {
    id: 'FT-ASG-4',
    level: FindingLevel.WARNING,
    info: 'The Auto Scaling group has no rolling instance refresh.',
    explanation:
      'Without an `instance_refresh` block a new launch template version only reaches instances as they happen to be replaced, so ' +
      'the fleet runs mixed versions for weeks, and a bad version is discovered during the next failure. Add ' +
      '`instance_refresh { strategy = "Rolling", preferences { min_healthy_percentage = 100 } }`.',
    resourceTypes: ASG,
    evaluate: (asg) => {
      const refresh = readBlocks(asg.config, 'instance_refresh');
      if (isUnresolved(refresh)) {
        return unresolvable(refresh);
      }
      return check(refresh.length > 0, 'no `instance_refresh` block');
    },
  },
];
