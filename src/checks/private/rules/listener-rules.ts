import { FindingLevel } from '../../findings';
import { COMPLIANT, NOT_APPLICABLE, Rule, RuleResult, check, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource } from '../stack-view';
import { Unresolved, isUnresolved, readBlocks, readList, readNumber, readString } from '../values';

/*
 * Rules that follow the traffic of every listener and listener rule (host- and path-routed services behind one load
 * balancer) to the target groups it reaches.
 */

const LISTENERS = ['aws_lb_listener', 'aws_alb_listener'];
const LISTENER_RULES = ['aws_lb_listener_rule', 'aws_alb_listener_rule'];
const TARGET_GROUPS = ['aws_lb_target_group', 'aws_alb_target_group'];

/** The actions of a listener (`default_action`) or a listener rule (`action`). */
function actionsOf(resource: TfResource): any[] | Unresolved {
  return LISTENERS.includes(resource.type) ? readBlocks(resource.config, 'default_action') : readBlocks(resource.config, 'action');
}

/** Whether an action forwards requests (rather than redirecting or answering). */
function forwards(action: any): boolean {
  return action.type === 'forward' || action.forward !== undefined || action.target_group_arn !== undefined;
}

/**
 * The target groups of this stack an action list sends requests to (a weight of 0 sends none), or what is not known
 * at synth time.
 */
function forwardedTargetGroups(actions: any[], stack: StackView): TfResource[] | Unresolved {
  const groups: TfResource[] = [];
  for (const action of actions) {
    groups.push(...stack.referenced(action.target_group_arn, ...TARGET_GROUPS));
    const forward = readBlocks(action, 'forward', 'forward');
    if (isUnresolved(forward)) {
      return forward;
    }
    for (const f of forward) {
      const entries = readBlocks(f, 'target_group', 'forward.target_group');
      if (isUnresolved(entries)) {
        return entries;
      }
      for (const entry of entries) {
        const weight = readNumber(entry, 'weight', 'forward.target_group.weight');
        if (!isUnresolved(weight) && weight === 0) {
          continue;
        }
        groups.push(...stack.referenced(entry.arn, ...TARGET_GROUPS));
      }
    }
  }
  return [...new Set(groups)];
}

/** The values through which resources of the stack register targets in target groups. */
function registrations(stack: StackView): unknown[] | Unresolved {
  const values: unknown[] = [];
  for (const asg of stack.ofType('aws_autoscaling_group')) {
    const arns = readList(asg.config, 'target_group_arns', `${asg.address}.target_group_arns`);
    if (isUnresolved(arns)) {
      return arns;
    }
    values.push(...(arns ?? []));
  }
  for (const a of stack.ofType('aws_autoscaling_attachment')) {
    values.push(a.config.lb_target_group_arn);
  }
  for (const a of stack.ofType('aws_autoscaling_traffic_source_attachment')) {
    values.push(a.config.traffic_source);
  }
  for (const a of stack.ofType('aws_lb_target_group_attachment', 'aws_alb_target_group_attachment')) {
    values.push(a.config.target_group_arn);
  }
  for (const service of stack.ofType('aws_ecs_service')) {
    const balancers = readBlocks(service.config, 'load_balancer', `${service.address}.load_balancer`);
    if (isUnresolved(balancers)) {
      return balancers;
    }
    values.push(...balancers);
  }
  return values;
}

export const LISTENER_RULE_RULES: Rule[] = [
  {
    id: 'FT-LB-9',
    level: FindingLevel.ERROR,
    info: 'A listener rule of a plain-HTTP listener forwards requests.',
    explanation:
      'A rule on a listener that speaks plain HTTP serves its host or path unencrypted, even when the listener itself only redirects to ' +
      'HTTPS. Put the rule on the HTTPS listener, or make it redirect.',
    resourceTypes: LISTENER_RULES,
    evaluate: (rule, stack) => {
      const listener = stack.referenced(rule.config.listener_arn, ...LISTENERS)[0];
      if (!listener) {
        return unresolvable(new Unresolved('listener_arn', String(rule.config.listener_arn)));
      }
      const protocol = readString(listener.config, 'protocol');
      if (isUnresolved(protocol)) {
        return unresolvable(protocol);
      }
      const lb = stack.referenced(listener.config.load_balancer_arn, 'aws_lb', 'aws_alb')[0];
      const application = lb !== undefined && [undefined, 'application'].includes(lb.config.load_balancer_type);
      const effective = protocol?.toUpperCase() ?? (application ? 'HTTP' : undefined);
      if (effective !== 'HTTP') {
        return NOT_APPLICABLE;
      }
      const actions = actionsOf(rule);
      if (isUnresolved(actions)) {
        return unresolvable(actions);
      }
      return check(!actions.some(forwards), `it forwards requests of the plain-HTTP listener \`${listener.address}\``);
    },
  },
  {
    id: 'FT-LB-10',
    level: FindingLevel.WARNING,
    info: 'A listener or listener rule forwards to a target group nothing in the stack registers targets in.',
    explanation:
      'Requests routed to a target group without targets fail with 503, for every host and path the listener or rule matches. Register ' +
      'targets in it (an Auto Scaling group\'s `target_group_arns`, an ECS service\'s `load_balancer`, a target group attachment), or ' +
      'suppress the finding with a reason when they are registered outside this stack.',
    resourceTypes: [...LISTENERS, ...LISTENER_RULES],
    evaluate: (resource, stack): RuleResult => {
      const actions = actionsOf(resource);
      if (isUnresolved(actions)) {
        return unresolvable(actions);
      }
      const groups = forwardedTargetGroups(actions.filter(forwards), stack);
      if (isUnresolved(groups)) {
        return unresolvable(groups);
      }
      if (groups.length === 0) {
        return NOT_APPLICABLE;
      }
      const registered = registrations(stack);
      if (isUnresolved(registered)) {
        return unresolvable(registered);
      }
      const empty = groups.filter((tg) => !registered.some((value) => stack.refersTo(value, tg)));
      if (empty.length === 0) {
        return COMPLIANT;
      }
      return nonCompliant(
        `it forwards to ${empty.map((tg) => `\`${tg.address}\``).join(', ')}, in which no Auto Scaling group, ECS service or target group ` +
          'attachment of this stack registers targets',
      );
    },
  },
];
