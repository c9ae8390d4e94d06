import { REGION_LOSS_RULE, regionLoss } from './region-rules';
import { COMPLIANT, NOT_APPLICABLE, RuleResult, nonCompliant, unresolvable } from './rule';
import { plural } from './values';
import { Duration } from '../../core/duration';
import { ResilienceFacts } from '../../core/resilience';
import { FindingLevel, ResilienceRuleInfo } from '../findings';
import { ResilienceTarget } from '../target';

/** The rules that compare a construct's facts with the declared target. */
export const TARGET_RULES: ResilienceRuleInfo[] = [
  {
    id: 'FT-TARGET-1',
    level: FindingLevel.ERROR,
    info: 'The construct cannot survive the loss of the declared number of zones.',
    explanation:
      'After losing `zoneLoss` zones at least one replica must remain: the construct must span more zones than may fail, and keep ' +
      'a replica in a surviving zone even when the zones holding the most replicas fail. A single point of failure the construct ' +
      'accepted (e.g. one NAT gateway) also breaks the target. Add zones or replicas, or suppress with a reason.',
    resourceTypes: ['target'],
  },
  {
    id: 'FT-TARGET-2',
    level: FindingLevel.ERROR,
    info: 'The construct detects failures more slowly than the target allows.',
    explanation:
      'Until a failure is detected, requests keep going to the failed component. Tighten the health check (interval, thresholds, ' +
      'timeout) until the construct\'s worst-case detection time is within `maxDetection`.',
    resourceTypes: ['target'],
  },
  {
    id: 'FT-TARGET-3',
    level: FindingLevel.ERROR,
    info: 'The construct recovers more slowly than the target allows.',
    explanation:
      'Recovery time is detection plus failover: the time users see errors. Use a faster failover (e.g. Aurora instead of Multi-AZ ' +
      'instances, more replicas instead of replacement) or relax `recoveryTime`.',
    resourceTypes: ['target'],
  },
  {
    id: 'FT-TARGET-4',
    level: FindingLevel.ERROR,
    info: 'A failover of the construct may lose more data than the target allows.',
    explanation:
      'Asynchronous replication loses the writes not yet replicated when the primary fails. Use synchronous replication (Multi-AZ) ' +
      'or relax `recoveryPoint`.',
    resourceTypes: ['target'],
  },
  REGION_LOSS_RULE,
];

/** One target verdict for one construct. */
export interface TargetResult {
  readonly ruleId: string;
  readonly result: RuleResult;
}

function human(d: Duration): string {
  return d.toHumanString();
}

/** Compares one construct's facts with the target: one result per target rule. */
export function evaluateTarget(target: ResilienceTarget, name: string, facts: ResilienceFacts): TargetResult[] {
  return [
    { ruleId: 'FT-TARGET-1', result: zoneLoss(target, name, facts) },
    { ruleId: 'FT-TARGET-2', result: detection(target, name, facts) },
    { ruleId: 'FT-TARGET-3', result: recovery(target, name, facts) },
    { ruleId: 'FT-TARGET-4', result: recoveryPoint(target, name, facts) },
    { ruleId: 'FT-TARGET-5', result: regionLoss(target, name, facts) },
  ];
}

/**
 * How many replicas survive the loss of `lost` zones when `replicas` are spread as evenly as possible over `zones`
 * zones and the zones holding the most replicas fail.
 */
export function survivingReplicas(replicas: number, zones: number, lost: number): number {
  if (lost >= zones) {
    return 0;
  }
  const perZone = Math.ceil(replicas / zones);
  const fullZones = replicas % zones === 0 ? zones : replicas % zones;
  // `fullZones` zones hold `perZone` replicas, the others one fewer.
  const fromFull = Math.min(lost, fullZones) * perZone;
  const fromRest = Math.max(0, lost - fullZones) * (perZone - 1);
  return Math.max(0, replicas - fromFull - fromRest);
}

function zoneLoss(target: ResilienceTarget, name: string, facts: ResilienceFacts): RuleResult {
  const k = target.zoneLoss;
  if (k === 0 || (facts.zones === undefined && facts.regions !== undefined)) {
    // A construct across regions (a regional failover) has no zones of its own; its regional parts report theirs.
    return NOT_APPLICABLE;
  }
  const goal = `tolerate the loss of ${plural(k, 'zone')}`;
  const spofs = facts.acceptedSinglePointsOfFailure ?? [];
  const problems: string[] = [];
  const spread = facts.zones === undefined && facts.spreadAcrossZones === true && facts.replicas !== undefined;
  if (facts.zones === undefined && !spread) {
    if (spofs.length === 0) {
      return unresolvable(`the number of zones \`${name}\` spans`);
    }
  } else if (spread) {
    // One replica per zone, as far as the cluster has zones.
    if (facts.replicas! <= k) {
      problems.push(`\`${name}\` runs ${plural(facts.replicas!, 'replica')}, spread over at most ${plural(facts.replicas!, 'zone')}`);
    }
  } else {
    const zones = facts.zones!;
    const replicas = facts.replicas;
    if (zones <= k) {
      problems.push(
        replicas !== undefined && replicas > 0 ? `\`${name}\` runs ${plural(replicas, 'replica')} in ${plural(zones, 'zone')}` : `\`${name}\` spans ${plural(zones, 'zone')}`,
      );
    } else if (replicas !== undefined && replicas > 0 && survivingReplicas(replicas, zones, k) < 1) {
      problems.push(`\`${name}\` runs ${plural(replicas, 'replica')} in ${plural(zones, 'zone')}, none left after losing ${plural(k, 'zone')}`);
    }
  }
  for (const spof of spofs) {
    problems.push(`\`${name}\` accepts a single point of failure: ${spof}`);
  }
  return problems.length === 0 ? COMPLIANT : nonCompliant(`${goal}: ${problems.join('; ')}`);
}

function detection(target: ResilienceTarget, name: string, facts: ResilienceFacts): RuleResult {
  const d = facts.failureDetection;
  if (d === undefined) {
    return NOT_APPLICABLE;
  }
  if (d.isUnresolved) {
    return unresolvable(`the failure detection time of \`${name}\``);
  }
  if (d.compareTo(target.maxDetection) <= 0) {
    return COMPLIANT;
  }
  return nonCompliant(`detect failures within ${human(target.maxDetection)}: \`${name}\` takes up to ${human(d)}`);
}

function recovery(target: ResilienceTarget, name: string, facts: ResilienceFacts): RuleResult {
  const limit = target.recoveryTime;
  const failover = facts.failover;
  if (limit === undefined || failover === undefined) {
    return NOT_APPLICABLE;
  }
  const detect = facts.failureDetection;
  if (failover.isUnresolved || detect?.isUnresolved) {
    return unresolvable(`the failover time of \`${name}\``);
  }
  const total = detect ? detect.plus(failover) : failover;
  if (total.compareTo(limit) <= 0) {
    return COMPLIANT;
  }
  const steps = facts.recoverySteps ?? [];
  const parts =
    steps.length > 0
      ? ` (${steps.map((s) => `${s.name} ${human(s.duration)}`).join(' + ')})`
      : detect
        ? ` (detection ${human(detect)} + failover ${human(failover)})`
        : ' (failover)';
  return nonCompliant(`recover within ${human(limit)}: \`${name}\` needs up to ${human(total)}${parts}`);
}

function recoveryPoint(target: ResilienceTarget, name: string, facts: ResilienceFacts): RuleResult {
  const limit = target.recoveryPoint;
  const rpo = facts.recoveryPoint;
  if (limit === undefined || rpo === undefined) {
    return NOT_APPLICABLE;
  }
  if (rpo.isUnresolved) {
    return unresolvable(`the recovery point of \`${name}\``);
  }
  if (rpo.compareTo(limit) <= 0) {
    return COMPLIANT;
  }
  return nonCompliant(`lose at most ${human(limit)} of data: a failover of \`${name}\` may lose up to ${human(rpo)}`);
}
