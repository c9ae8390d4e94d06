import { COMPLIANT, NOT_APPLICABLE, RuleResult, nonCompliant } from './rule';
import { plural } from './values';
import { CapabilityKind, ResilienceFacts } from '../../core/resilience';
import { FindingLevel, ResilienceRuleInfo } from '../findings';
import { ResilienceTarget } from '../target';

/** The rule that compares the declared region loss with the regional failovers of the stack. */
export const REGION_LOSS_RULE: ResilienceRuleInfo = {
  id: 'FT-TARGET-5',
  level: FindingLevel.ERROR,
  info: 'Nothing moves traffic to another region when the declared number of regions fails.',
  explanation:
    'Replicas in several zones do not survive the loss of their region: something must send users to another region and the ' +
    'data must be there. Declare a `RegionalFailover` over the same declaration deployed in another region (with a database that ' +
    'replicates there), spanning more regions than `regionLoss`; its recovery time and point are checked by FT-TARGET-3 and 4.',
  resourceTypes: ['target'],
};

/** FT-TARGET-5 for one construct: a regional failover must span more regions than may fail. */
export function regionLoss(target: ResilienceTarget, name: string, facts: ResilienceFacts): RuleResult {
  const k = target.regionLoss;
  if (k === 0 || facts.capability !== CapabilityKind.REGIONAL_FAILOVER) {
    return NOT_APPLICABLE;
  }
  const regions = facts.regions ?? 1;
  return regions > k ? COMPLIANT : nonCompliant(`tolerate the loss of ${plural(k, 'region')}: \`${name}\` spans ${plural(regions, 'region')}`);
}

/**
 * FT-TARGET-5 for the stack: with a region loss declared, at least one regional failover must span more regions than
 * may fail. Undefined when that holds (or no region loss is declared).
 */
export function missingRegionalFailover(target: ResilienceTarget, facts: readonly ResilienceFacts[]): RuleResult | undefined {
  const k = target.regionLoss;
  if (k === 0) {
    return undefined;
  }
  const failovers = facts.filter((f) => f.capability === CapabilityKind.REGIONAL_FAILOVER);
  if (failovers.length > 0) {
    return undefined; // each is checked on its own
  }
  return nonCompliant(`tolerate the loss of ${plural(k, 'region')}: no RegionalFailover moves traffic to another region`);
}
