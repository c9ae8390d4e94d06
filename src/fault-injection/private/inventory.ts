import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { FaultTarget } from '../../core/fault-targets';
import { pathInStack } from '../../core/private/naming';
import { ResilienceFacts } from '../../core/resilience';
import type { FaultExperimentOptOut } from '../options';

/** One construct of the stack that reports where faults can be injected into it. */
export interface Involved {
  readonly construct: IConstruct;
  /** Its path below the stack, as hypotheses name it (`api`). */
  readonly name: string;
  readonly facts: ResilienceFacts;
  readonly targets: FaultTarget[];
}

/** What the stack offers to inject faults into, and what was opted out. */
export interface Inventory {
  readonly involved: Involved[];
  /** The opted-out constructs (by path below the stack) with their reasons. */
  readonly optedOut: Array<{ readonly name: string; readonly reason: string }>;
}

function isFaultInjectable(c: IConstruct): c is IConstruct & { faultTargets(): FaultTarget[]; resilienceFacts(): ResilienceFacts } {
  return typeof (c as any).faultTargets === 'function' && typeof (c as any).resilienceFacts === 'function';
}

/**
 * Every construct of the stack that reports fault targets (duck-typed, so constructs of another copy of this library
 * count), minus those below an opt-out.
 */
export function inventoryOf(scope: IConstruct, optOuts: readonly FaultExperimentOptOut[]): Inventory {
  const stack = TerraformStack.of(scope);
  const excluded = optOuts.map((o) => o.construct.node.path);
  const involved: Involved[] = [];
  for (const c of stack.node.findAll()) {
    if (c === stack || !isFaultInjectable(c)) {
      continue;
    }
    const path = c.node.path;
    if (excluded.some((e) => path === e || path.startsWith(`${e}/`))) {
      continue;
    }
    involved.push({ construct: c, name: pathInStack(c), facts: c.resilienceFacts(), targets: c.faultTargets() });
  }
  return {
    involved,
    optedOut: optOuts.map((o) => ({ name: pathInStack(o.construct) || o.construct.node.id, reason: o.reason.trim() })),
  };
}
