import { ResilienceFacts } from '../core/resilience';

/**
 * How serious a finding is.
 */
export enum FindingLevel {
  /** Fails the synth. */
  ERROR = 'error',
  /** Reported; does not fail the synth unless `warningsAsErrors` is set. */
  WARNING = 'warning',
}

/**
 * What a finding says about the resource.
 */
export enum FindingKind {
  /** The resource breaks the rule. */
  NON_COMPLIANT = 'non-compliant',
  /**
   * The rule could not decide: a value it needs is a Terraform expression known only at plan or apply time. The
   * rule reports it instead of passing silently; reported as a warning.
   */
  UNRESOLVABLE = 'unresolvable',
}

/**
 * One rule of the resilience checks, as listed in `RULES.md` and by `ResilienceChecks.rules()`.
 */
export interface ResilienceRuleInfo {
  /** The rule id, e.g. `FT-DB-1`. */
  readonly id: string;
  /** The level of a non-compliant finding. */
  readonly level: FindingLevel;
  /** What is wrong, one line. */
  readonly info: string;
  /** Why it matters and how to fix it. */
  readonly explanation: string;
  /** The Terraform resource types the rule reads (`target` for the resilience-target rules). */
  readonly resourceTypes: string[];
}

/**
 * One finding of the resilience checks.
 */
export interface ResilienceFinding {
  /** Stable id of the finding: `<rule id>:<construct path below the stack>`, e.g. `FT-DB-1:db/Instance`. */
  readonly id: string;
  /** The rule, e.g. `FT-DB-1`. */
  readonly ruleId: string;
  /** The effective level (warnings are raised to errors by `warningsAsErrors`). */
  readonly level: FindingLevel;
  /** Non-compliant, or not decidable at synth time. */
  readonly kind: FindingKind;
  /** The full construct path of the resource (or, for target findings, of the construct). */
  readonly constructPath: string;
  /**
   * The Terraform address of the resource, e.g. `aws_db_instance.db_Instance_1A2B3C4D`.
   * @default - none: the finding is about a construct (resilience target)
   */
  readonly resourceAddress?: string;
  /** What is wrong, one line (the rule's info). */
  readonly info: string;
  /** What exactly was found on this resource. */
  readonly detail: string;
  /** Why it matters and how to fix it. */
  readonly explanation: string;
  /**
   * The written reason of the suppression that silences this finding.
   * @default - not suppressed
   */
  readonly suppressionReason?: string;
}

/**
 * Options of `ResilienceChecks.suppress`.
 */
export interface ResilienceSuppressionOptions {
  /**
   * Suppress only one finding below the construct: a finding id (`FT-DB-1:db/Instance`), a construct path
   * (full, below the stack, or below the construct the suppression is attached to) or a Terraform address.
   * @default - every finding of the rule on the construct and everything below it
   */
  readonly appliesTo?: string;
}

/**
 * A suppression, as listed in the report.
 */
export interface ResilienceSuppression {
  /** The suppressed rule. */
  readonly ruleId: string;
  /** The written reason. */
  readonly reason: string;
  /** The path of the construct the suppression is attached to. */
  readonly constructPath: string;
  /**
   * The one finding it is limited to.
   * @default - every finding of the rule below the construct
   */
  readonly appliesTo?: string;
  /** How many findings it silenced in this synth (0 means it is stale and can be removed). */
  readonly matched: number;
}

/**
 * What one construct of this library tolerates, and whether it meets the declared target.
 */
export interface ConstructResilience {
  /** The construct path. */
  readonly constructPath: string;
  /** The construct's facts. */
  readonly facts: ResilienceFacts;
  /**
   * Whether it provably meets the declared target: `false` when an unsuppressed target finding (unresolvable ones
   * included) concerns it.
   * @default - no target declared
   */
  readonly meetsTarget?: boolean;
}

/**
 * One fault experiment of the stack, as the resilience report lists it: those `FaultExperiments` declared, and any
 * other AWS FIS experiment template or Chaos Mesh object found in the stack.
 */
export interface FaultExperimentEntry {
  /** The experiment's name (for an undeclared resource: its path below the stack, or the Chaos Mesh object's name). */
  readonly name: string;
  /** `aws` or `kubernetes`. */
  readonly platform: string;
  /** What it injects (`zone_loss`, `instance_loss`, ...; for an undeclared resource its FIS or Chaos Mesh kind). */
  readonly kind: string;
  /** What must hold while the fault lasts (for an undeclared FIS template, its description). */
  readonly hypothesis: string;
  /** How much it breaks, when declared. */
  readonly blastRadius: string;
  /** The alarms that stop it (AWS); empty when nothing does. */
  readonly stopConditions: string[];
  /** The construct paths of the resources that implement it. */
  readonly resourcePaths: string[];
  /** Whether `FaultExperiments` declared it (with a hypothesis in numbers). */
  readonly declared: boolean;
}
