import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Compliance, Rule, RuleContext, RuleResult } from './rule';
import { RESOURCE_RULES } from './rules';
import { StackView } from './stack-view';
import { StoredSuppression, suppressionsOf } from './suppressions';
import { TARGET_RULES, evaluateTarget } from './target-rules';
import { Topology, buildTopology } from './topology';
import { IResilient, ResilienceFacts } from '../../core/resilience';
import { ConstructResilience, FindingKind, FindingLevel, ResilienceFinding, ResilienceRuleInfo, ResilienceSuppression } from '../findings';
import { ResilienceTarget } from '../target';

/** Every rule (resource rules, then target rules), as public info. */
export const ALL_RULES: ResilienceRuleInfo[] = [
  ...RESOURCE_RULES.map(({ id, level, info, explanation, resourceTypes }) => ({ id, level, info, explanation, resourceTypes: [...resourceTypes] })),
  ...TARGET_RULES,
];

const RULE_ORDER = new Map(ALL_RULES.map((r, i) => [r.id, i]));

export interface EvaluationOptions {
  readonly target?: ResilienceTarget;
  readonly warningsAsErrors: boolean;
}

/** A finding with the construct it is reported on. */
export interface LocatedFinding {
  readonly finding: ResilienceFinding;
  readonly construct?: IConstruct;
}

export interface Evaluation {
  readonly findings: LocatedFinding[];
  readonly suppressions: ResilienceSuppression[];
  readonly constructs: ConstructResilience[];
  /** The failure domains and what each holds, for the report's diagram. */
  readonly topology: Topology;
  /** The resource types the stack manages (rules of other types had nothing to check). */
  readonly resourceTypes: string[];
}

interface RawFinding {
  readonly rule: ResilienceRuleInfo;
  readonly result: RuleResult;
  readonly constructPath: string;
  readonly relativePath: string;
  readonly resourceAddress?: string;
  readonly construct?: IConstruct;
}

/** Whether a construct reports resilience facts (implements IResilient). */
export function isResilient(c: IConstruct): c is IResilient {
  return typeof (c as any).resilienceFacts === 'function';
}

function runRule(rule: Rule, resource: Parameters<Rule['evaluate']>[0], view: StackView, context: RuleContext): RuleResult {
  try {
    return rule.evaluate(resource, view, context);
  } catch (e) {
    return {
      compliance: Compliance.UNRESOLVABLE,
      detail: `the rule could not read the configuration (${(e as Error).message})`,
    };
  }
}

/** Runs every rule on a stack, compares the constructs' facts with the target, and applies the suppressions. */
export function evaluateStack(stack: TerraformStack, options: EvaluationOptions): Evaluation {
  const view = StackView.of(stack);
  const context: RuleContext = {
    maxDetectionSeconds: options.target ? options.target.maxDetection.toMilliseconds() / 1000 : 60,
    recoveryPointSeconds: options.target?.recoveryPoint ? options.target.recoveryPoint.toMilliseconds() / 1000 : undefined,
  };
  const raw: RawFinding[] = [];

  for (const rule of RESOURCE_RULES) {
    for (const resource of view.ofType(...rule.resourceTypes)) {
      const result = runRule(rule, resource, view, context);
      if (result.compliance === Compliance.NON_COMPLIANT || result.compliance === Compliance.UNRESOLVABLE) {
        raw.push({
          rule,
          result,
          constructPath: resource.path,
          relativePath: view.relativePath(resource.path),
          resourceAddress: resource.address,
          construct: resource.construct,
        });
      }
    }
  }

  const resilient: Array<{ construct: IResilient; facts: ResilienceFacts; failed: string[] }> = [];
  for (const c of stack.node.findAll()) {
    if (c === stack || !isResilient(c)) {
      continue;
    }
    let facts: ResilienceFacts;
    try {
      facts = c.resilienceFacts();
    } catch (e) {
      throw new Error(`ResilienceChecks: resilienceFacts() of "${c.node.path}" failed: ${(e as Error).message}`);
    }
    const entry = { construct: c, facts, failed: [] as string[] };
    resilient.push(entry);
    if (options.target) {
      const name = view.relativePath(c.node.path);
      for (const { ruleId, result } of evaluateTarget(options.target, name, facts)) {
        if (result.compliance === Compliance.NON_COMPLIANT || result.compliance === Compliance.UNRESOLVABLE) {
          raw.push({
            rule: TARGET_RULES.find((r) => r.id === ruleId)!,
            result,
            constructPath: c.node.path,
            relativePath: name,
            construct: c,
          });
        }
      }
    }
  }

  const scopes = collectSuppressions(stack);
  const matched = new Map<StoredSuppression, number>();
  const located: LocatedFinding[] = raw.map((f) => {
    const kind = f.result.compliance === Compliance.UNRESOLVABLE ? FindingKind.UNRESOLVABLE : FindingKind.NON_COMPLIANT;
    const baseLevel = kind === FindingKind.UNRESOLVABLE ? FindingLevel.WARNING : f.rule.level;
    const level = options.warningsAsErrors ? FindingLevel.ERROR : baseLevel;
    const id = `${f.rule.id}:${f.relativePath}`;
    const suppression = findSuppression(scopes, f, id);
    if (suppression) {
      matched.set(suppression, (matched.get(suppression) ?? 0) + 1);
    }
    return {
      construct: f.construct,
      finding: {
        id,
        ruleId: f.rule.id,
        level,
        kind,
        constructPath: f.constructPath,
        resourceAddress: f.resourceAddress,
        info: f.rule.info,
        detail: f.result.detail ?? '',
        explanation: f.rule.explanation,
        suppressionReason: suppression?.reason ?? f.result.exemption,
      },
    };
  });
  located.sort((a, b) => compareFindings(a.finding, b.finding));

  const constructs: ConstructResilience[] = resilient.map(({ construct, facts }) => ({
    constructPath: construct.node.path,
    facts,
    meetsTarget: options.target
      ? !located.some(
        (l) => l.finding.ruleId.startsWith('FT-TARGET-') && l.finding.constructPath === construct.node.path && l.finding.suppressionReason === undefined,
      )
      : undefined,
  }));

  const suppressions: ResilienceSuppression[] = scopes.flatMap(({ path, list }) =>
    list.map((s) => ({ ruleId: s.ruleId, reason: s.reason, constructPath: path, appliesTo: s.appliesTo, matched: matched.get(s) ?? 0 })),
  );

  const resourceTypes = [...new Set(view.all.filter((r) => !r.isData).map((r) => r.type))].sort();
  return { findings: located, suppressions, constructs, topology: buildTopology(view), resourceTypes };
}

/** Orders findings: errors, warnings, then suppressed findings; each by rule (catalogue order), then by path. */
export function compareFindings(a: ResilienceFinding, b: ResilienceFinding): number {
  const rank = (f: ResilienceFinding): number => (f.suppressionReason !== undefined ? 2 : f.level === FindingLevel.ERROR ? 0 : 1);
  if (rank(a) !== rank(b)) {
    return rank(a) - rank(b);
  }
  const byRule = (RULE_ORDER.get(a.ruleId) ?? 0) - (RULE_ORDER.get(b.ruleId) ?? 0);
  if (byRule !== 0) {
    return byRule;
  }
  return a.constructPath < b.constructPath ? -1 : a.constructPath > b.constructPath ? 1 : 0;
}

interface ScopeSuppressions {
  readonly path: string;
  readonly depth: number;
  readonly list: StoredSuppression[];
}

/** The suppressions on the stack, everything in it, and its ancestors (an app-wide suppression applies too). */
function collectSuppressions(stack: TerraformStack): ScopeSuppressions[] {
  const out: ScopeSuppressions[] = [];
  const seen = new Set<IConstruct>();
  for (const c of [...stack.node.scopes, ...stack.node.findAll()]) {
    if (seen.has(c)) {
      continue;
    }
    seen.add(c);
    const list = suppressionsOf(c);
    if (list.length > 0) {
      out.push({ path: c.node.path, depth: c.node.scopes.length, list });
    }
  }
  // The most specific scope wins, so its reason is the one reported.
  return out.sort((a, b) => b.depth - a.depth);
}

function findSuppression(scopes: ScopeSuppressions[], f: RawFinding, id: string): StoredSuppression | undefined {
  for (const scope of scopes) {
    const inside = scope.path === '' || f.constructPath === scope.path || f.constructPath.startsWith(`${scope.path}/`);
    if (!inside) {
      continue;
    }
    const relativeToScope = scope.path === '' ? f.constructPath : f.constructPath.slice(scope.path.length + 1);
    for (const s of scope.list) {
      if (s.ruleId !== f.rule.id) {
        continue;
      }
      if (
        s.appliesTo === undefined ||
        [id, f.constructPath, f.relativePath, relativeToScope, f.resourceAddress].includes(s.appliesTo)
      ) {
        return s;
      }
    }
  }
  return undefined;
}
