import { FindingLevel } from '../../findings';
import { COMPLIANT, NOT_APPLICABLE, Rule, RuleResult, check, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource, describePlacement, spansZones } from '../stack-view';
import { Unresolved, isUnresolved, readBlock, readBlocks, readBool, readList, readNumber, readString } from '../values';

const LOAD_BALANCERS = ['aws_lb', 'aws_alb'];
const LISTENERS = ['aws_lb_listener', 'aws_alb_listener'];
const TARGET_GROUPS = ['aws_lb_target_group', 'aws_alb_target_group'];

/** `application` (the default), `network` or `gateway`; `undefined` when it is an expression. */
function lbType(lb: TfResource): string | undefined {
  const type = readString(lb.config, 'load_balancer_type');
  if (isUnresolved(type)) {
    return undefined;
  }
  return type ?? 'application';
}

/** The load balancer a listener belongs to, if it is in this stack. */
function listenerLoadBalancer(listener: TfResource, stack: StackView): TfResource | undefined {
  return stack.referenced(listener.config.load_balancer_arn, ...LOAD_BALANCERS)[0];
}

function lbPlacement(lb: TfResource, stack: StackView): RuleResult {
  if (lb.type === 'aws_elb') {
    const subnets = readList(lb.config, 'subnets');
    const zones = readList(lb.config, 'availability_zones');
    if (isUnresolved(subnets)) {
      return unresolvable(subnets);
    }
    if (subnets && subnets.length > 0) {
      const placement = stack.subnetZones(subnets);
      return check(spansZones(placement, 2), `the Classic Load Balancer is attached to ${describePlacement(placement)}`);
    }
    if (isUnresolved(zones)) {
      return unresolvable(zones);
    }
    const distinct = new Set(zones ?? []).size;
    return check(distinct >= 2, `the Classic Load Balancer lists ${distinct} availability ${distinct === 1 ? 'zone' : 'zones'}`);
  }
  const subnets = readList(lb.config, 'subnets');
  if (isUnresolved(subnets)) {
    return unresolvable(subnets);
  }
  const mappings = readBlocks(lb.config, 'subnet_mapping');
  if (isUnresolved(mappings)) {
    return unresolvable(mappings);
  }
  const ids = [...(subnets ?? []), ...mappings.map((m) => m.subnet_id)];
  const placement = stack.subnetZones(ids);
  return check(spansZones(placement, 2), `\`subnets\`/\`subnet_mapping\` place it in ${describePlacement(placement)}`);
}

/**
 * The worst-case time for a target group to mark a dead target unhealthy: `interval × unhealthy_threshold +
 * timeout`, with the defaults that apply when a value is not set.
 *
 * Without a `health_check` block the provider sends nothing and Elastic Load Balancing applies its own defaults
 * (interval 30 s, unhealthy threshold 2). With a block, the provider's schema defaults apply (interval 30 s,
 * unhealthy threshold 3). The timeout is always computed by AWS: 5 s for HTTP and HTTPS checks, 10 s for TCP,
 * 30 s for Lambda targets.
 */
export function targetGroupDetection(tg: TfResource): { seconds: number; formula: string } | Unresolved {
  const block = readBlock(tg.config, 'health_check', 'health_check');
  if (isUnresolved(block)) {
    return block;
  }
  const protocol = readString(tg.config, 'protocol');
  const hcProtocol = block ? readString(block, 'protocol', 'health_check.protocol') : undefined;
  const interval = block ? readNumber(block, 'interval', 'health_check.interval') : undefined;
  const unhealthy = block ? readNumber(block, 'unhealthy_threshold', 'health_check.unhealthy_threshold') : undefined;
  const timeout = block ? readNumber(block, 'timeout', 'health_check.timeout') : undefined;
  for (const v of [protocol, hcProtocol, interval, unhealthy, timeout]) {
    if (isUnresolved(v)) {
      return v;
    }
  }
  const targetType = readString(tg.config, 'target_type');
  const effectiveProtocol = ((hcProtocol as string | undefined) ?? (protocol as string | undefined) ?? 'HTTP').toUpperCase();
  const defaultTimeout = targetType === 'lambda' ? 30 : effectiveProtocol === 'HTTP' || effectiveProtocol === 'HTTPS' ? 5 : 10;
  const i = (interval as number | undefined) ?? 30;
  const u = (unhealthy as number | undefined) ?? (block ? 3 : 2);
  const t = (timeout as number | undefined) ?? defaultTimeout;
  const mark = (v: unknown, d: string): string => (v === undefined ? ` (${d})` : '');
  return {
    seconds: i * u + t,
    formula:
      `interval ${i} s${mark(interval, 'default')} × unhealthy_threshold ${u}${mark(unhealthy, block ? 'provider default' : 'AWS default')}` +
      ` + timeout ${t} s${mark(timeout, 'AWS default')}`,
  };
}

export const LOAD_BALANCING_RULES: Rule[] = [
  {
    id: 'FT-LB-1',
    level: FindingLevel.ERROR,
    info: 'The load balancer is placed in fewer than 2 availability zones.',
    explanation:
      'A load balancer has a node only in the zones of its subnets: when that zone fails, every request fails, however many healthy ' +
      'targets run elsewhere. Attach one subnet in each of at least 2 zones.',
    resourceTypes: [...LOAD_BALANCERS, 'aws_elb'],
    evaluate: (lb, stack) => lbPlacement(lb, stack),
  },
  {
    id: 'FT-LB-2',
    level: FindingLevel.WARNING,
    info: 'The load balancer does not have deletion protection.',
    explanation:
      'A load balancer deleted by mistake (a renamed construct, a destroy of the wrong workspace) takes its DNS name with it: clients ' +
      'fail until DNS is repointed. Set `enable_deletion_protection = true`.',
    resourceTypes: LOAD_BALANCERS,
    evaluate: (lb) => {
      const enabled = readBool(lb.config, 'enable_deletion_protection');
      if (isUnresolved(enabled)) {
        return unresolvable(enabled);
      }
      return check(enabled === true, `\`enable_deletion_protection\` is ${enabled === undefined ? 'unset (default false)' : 'false'}`);
    },
  },
  {
    id: 'FT-LB-3',
    level: FindingLevel.ERROR,
    info: 'The Application Load Balancer has no HTTPS listener.',
    explanation:
      'Without an HTTPS listener traffic crosses the network in plain text, and clients cannot tell the load balancer from an ' +
      'impostor. Add an `aws_lb_listener` with `protocol = "HTTPS"` and a certificate, and redirect HTTP to it.',
    resourceTypes: LOAD_BALANCERS,
    evaluate: (lb, stack) => {
      const type = lbType(lb);
      if (type === undefined) {
        return unresolvable(new Unresolved('load_balancer_type', String(lb.config.load_balancer_type)));
      }
      if (type !== 'application') {
        return NOT_APPLICABLE;
      }
      const listeners = stack.ofType(...LISTENERS);
      const own = listeners.filter((l) => stack.refersTo(l.config.load_balancer_arn, lb));
      if (own.some((l) => String(l.config.protocol ?? '').toUpperCase() === 'HTTPS')) {
        return COMPLIANT;
      }
      const unknownLb = listeners.filter((l) => !listenerLoadBalancer(l, stack));
      if (unknownLb.length > 0) {
        return unresolvable(`the load balancer of ${unknownLb.map((l) => `\`${l.address}\``).join(', ')}`);
      }
      const unknownProtocol = own.find((l) => isUnresolved(readString(l.config, 'protocol')));
      if (unknownProtocol) {
        return unresolvable(readString(unknownProtocol.config, 'protocol') as Unresolved);
      }
      return nonCompliant(
        own.length === 0
          ? 'no listener is attached to it'
          : `its listeners use ${[...new Set(own.map((l) => String(l.config.protocol ?? 'HTTP').toUpperCase()))].join(', ')} only`,
      );
    },
  },
  {
    id: 'FT-LB-4',
    level: FindingLevel.ERROR,
    info: 'An HTTP listener forwards requests instead of redirecting them to HTTPS.',
    explanation:
      'A plain-HTTP listener that serves the application lets clients (and anyone on their path) use it unencrypted. Give the HTTP ' +
      'listener a `redirect` default action to HTTPS (status `HTTP_301`).',
    resourceTypes: LISTENERS,
    evaluate: (listener, stack) => {
      const protocol = readString(listener.config, 'protocol');
      if (isUnresolved(protocol)) {
        return unresolvable(protocol);
      }
      let effective = protocol?.toUpperCase();
      if (effective === undefined) {
        // The provider defaults the protocol to HTTP on Application Load Balancers, TCP on Network Load Balancers.
        const lb = listenerLoadBalancer(listener, stack);
        effective = lb && lbType(lb) === 'application' ? 'HTTP' : undefined;
      }
      if (effective !== 'HTTP') {
        return NOT_APPLICABLE;
      }
      const actions = readBlocks(listener.config, 'default_action');
      if (isUnresolved(actions)) {
        return unresolvable(actions);
      }
      const forwarding = actions.filter((a) => a.type === 'forward' || a.forward !== undefined || a.target_group_arn !== undefined);
      return check(forwarding.length === 0, 'its default action is `forward`');
    },
  },
  {
    id: 'FT-LB-5',
    level: FindingLevel.ERROR,
    info: 'The target group has health checks disabled.',
    explanation:
      'Without health checks the load balancer keeps sending requests to dead or hung targets, and an Auto Scaling group using ELB ' +
      'health checks never replaces them. Remove `health_check.enabled = false`.',
    resourceTypes: TARGET_GROUPS,
    evaluate: (tg) => {
      if (tg.config.target_type === 'lambda') {
        return NOT_APPLICABLE;
      }
      const block = readBlock(tg.config, 'health_check');
      if (isUnresolved(block)) {
        return unresolvable(block);
      }
      const enabled = block ? readBool(block, 'enabled', 'health_check.enabled') : undefined;
      if (isUnresolved(enabled)) {
        return unresolvable(enabled);
      }
      return check(enabled !== false, '`health_check.enabled` is false');
    },
  },
  {
    id: 'FT-LB-6',
    level: FindingLevel.ERROR,
    info: 'The target group takes longer than the allowed time to detect a dead target.',
    explanation:
      'A dead target keeps receiving its share of requests until `interval × unhealthy_threshold + timeout` has passed. The provider ' +
      'defaults take 65 to 95 s. Keep it within a minute (or the target\'s `maxDetection`), e.g. interval 10 s, unhealthy threshold 2, ' +
      'timeout 5 s: 25 s.',
    resourceTypes: TARGET_GROUPS,
    evaluate: (tg, _stack, context) => {
      const block = readBlock(tg.config, 'health_check');
      if (!isUnresolved(block) && block && block.enabled === false) {
        return NOT_APPLICABLE; // FT-LB-5 reports it
      }
      const detection = targetGroupDetection(tg);
      if (isUnresolved(detection)) {
        return unresolvable(detection);
      }
      return check(
        detection.seconds <= context.maxDetectionSeconds,
        `it detects a dead target in up to ${detection.seconds} s (${detection.formula}), more than ${context.maxDetectionSeconds} s`,
      );
    },
  },
  {
    id: 'FT-LB-7',
    level: FindingLevel.WARNING,
    info: 'Cross-zone load balancing is off.',
    explanation:
      'Without cross-zone load balancing each load balancer node only uses the targets of its own zone: when a zone loses some of ' +
      'its targets, the survivors there take that zone\'s whole share while other zones idle. Set ' +
      '`enable_cross_zone_load_balancing = true` (Network Load Balancers default to off) or `cross_zone_load_balancing = true`.',
    resourceTypes: [...LOAD_BALANCERS, 'aws_elb'],
    evaluate: (lb) => {
      if (lb.type === 'aws_elb') {
        const crossZone = readBool(lb.config, 'cross_zone_load_balancing');
        if (isUnresolved(crossZone)) {
          return unresolvable(crossZone);
        }
        return check(crossZone !== false, '`cross_zone_load_balancing` is false');
      }
      const type = lbType(lb);
      if (type !== 'network') {
        return type === undefined ? unresolvable(new Unresolved('load_balancer_type', String(lb.config.load_balancer_type))) : NOT_APPLICABLE;
      }
      const crossZone = readBool(lb.config, 'enable_cross_zone_load_balancing');
      if (isUnresolved(crossZone)) {
        return unresolvable(crossZone);
      }
      return check(crossZone === true, `\`enable_cross_zone_load_balancing\` is ${crossZone === undefined ? 'unset (default false)' : 'false'}`);
    },
  },
  {
    id: 'FT-LB-8',
    level: FindingLevel.WARNING,
    info: 'The target group drops in-flight requests when a target leaves (no deregistration delay).',
    explanation:
      'With `deregistration_delay = 0` every deployment, scale-in or instance refresh cuts the requests the leaving target is still ' +
      'serving. Keep a delay longer than your slowest request (the default is 300 s; 30 to 60 s suits most APIs).',
    resourceTypes: TARGET_GROUPS,
    evaluate: (tg) => {
      if (tg.config.target_type === 'lambda') {
        return NOT_APPLICABLE;
      }
      const delay = readNumber(tg.config, 'deregistration_delay');
      if (isUnresolved(delay)) {
        return unresolvable(delay);
      }
      return check(delay === undefined || delay > 0, '`deregistration_delay` is 0');
    },
  },
];

