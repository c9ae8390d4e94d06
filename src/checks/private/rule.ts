import { StackView, TfResource } from './stack-view';
import { Unresolved } from './values';
import { FindingLevel } from '../findings';

/** The outcome of one rule on one resource. */
export enum Compliance {
  COMPLIANT = 'compliant',
  NON_COMPLIANT = 'non-compliant',
  NOT_APPLICABLE = 'not-applicable',
  UNRESOLVABLE = 'unresolvable',
}

/** A rule's verdict, with what exactly was found. */
export interface RuleResult {
  readonly compliance: Compliance;
  /** For non-compliant and unresolvable results: what was found, e.g. "`multi_az` is unset (default false)". */
  readonly detail?: string;
  /**
   * Why a non-compliant resource is exempt, recognised from the resource itself (e.g. a canary Deployment, by its
   * track label, next to a stable Deployment that keeps the replicas). The finding is reported as suppressed with
   * this reason (unless a suppression of the user's applies), so the report still says why it passes.
   */
  readonly exemption?: string;
}

/** Settings the rules share, derived from the checks' props and target. */
export interface RuleContext {
  /** The longest acceptable failure detection, in seconds (the target's `maxDetection`, else 60). */
  readonly maxDetectionSeconds: number;
  /** The most data a failover may lose, in seconds (the target's `recoveryPoint`); undefined when not declared. */
  readonly recoveryPointSeconds?: number;
}

/**
 * A rule: a small pure function of one resource (and, for cross-resource rules, the whole stack), with the id,
 * level, one-line info and explanation that a pack gives it.
 */
export interface Rule {
  readonly id: string;
  readonly level: FindingLevel;
  readonly info: string;
  readonly explanation: string;
  /** The resource types the rule applies to. */
  readonly resourceTypes: string[];
  readonly evaluate: (resource: TfResource, stack: StackView, context: RuleContext) => RuleResult;
}

export const COMPLIANT: RuleResult = { compliance: Compliance.COMPLIANT };
export const NOT_APPLICABLE: RuleResult = { compliance: Compliance.NOT_APPLICABLE };

/** Non-compliant, with what was found. */
export function nonCompliant(detail: string): RuleResult {
  return { compliance: Compliance.NON_COMPLIANT, detail };
}

/** Non-compliant with `detail`, but exempt for `reason`: reported as suppressed with that reason. */
export function exempt(detail: string, reason: string): RuleResult {
  return { compliance: Compliance.NON_COMPLIANT, detail, exemption: reason };
}

/** Not decidable at synth time, naming the value(s) that are expressions. */
export function unresolvable(...values: Array<Unresolved | string>): RuleResult {
  const parts = values.map((v) => (typeof v === 'string' ? v : v.describe()));
  return {
    compliance: Compliance.UNRESOLVABLE,
    detail: `cannot check at synth time: ${parts.join(', ')}, known only at deploy time`,
  };
}

/** A compliant result when `ok`, else non-compliant with `detail`. */
export function check(ok: boolean, detail: string): RuleResult {
  return ok ? COMPLIANT : nonCompliant(detail);
}
