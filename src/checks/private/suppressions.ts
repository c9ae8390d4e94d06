import { IConstruct } from 'constructs';
import { attached, attachedIfAny } from '../../core/private/brand';

const SUPPRESSIONS = 'ResilienceSuppressions';

/** A suppression as stored on its construct. */
export interface StoredSuppression {
  readonly ruleId: string;
  readonly reason: string;
  readonly appliesTo?: string;
}

/** Words that, on their own, say nothing about why a finding is acceptable. */
const FILLER = new Set([
  'todo', 'to', 'do', 'tbd', 'fixme', 'fix', 'later', 'n', 'a', 'na', 'none', 'ignore', 'ignored', 'suppress', 'suppressed',
  'reason', 'no', 'test', 'testing', 'xxx', 'wip', 'temporary', 'temp', 'for', 'now', 'it', 'this', 'rule', 'finding', 'ok',
]);

/**
 * Why a suppression reason is not acceptable, or `undefined` when it is: a reason must be a sentence (at least
 * 10 characters and two words) that is not a placeholder.
 */
export function reasonProblem(reason: unknown): string | undefined {
  if (typeof reason !== 'string') {
    return 'must be a string';
  }
  const trimmed = reason.trim();
  const words = trimmed.match(/[A-Za-z0-9][A-Za-z0-9'’-]*/g) ?? [];
  if (trimmed.length < 10 || words.length < 2 || !/\s/.test(trimmed)) {
    return 'must be a sentence of at least 10 characters and two words saying why the finding is acceptable';
  }
  if (words.every((w) => FILLER.has(w.toLowerCase()))) {
    return 'must say why the finding is acceptable, not be a placeholder';
  }
  if (new Set(words.map((w) => w.toLowerCase())).size < 2) {
    return 'must be a sentence, not one word repeated';
  }
  return undefined;
}

/** Records a suppression on a construct. */
export function addSuppression(scope: IConstruct, suppression: StoredSuppression): void {
  const list = attached<StoredSuppression[]>(scope, SUPPRESSIONS, () => []);
  if (!list.some((s) => s.ruleId === suppression.ruleId && s.appliesTo === suppression.appliesTo && s.reason === suppression.reason)) {
    list.push(suppression);
  }
}

/** The suppressions recorded on a construct. */
export function suppressionsOf(scope: IConstruct): StoredSuppression[] {
  return attachedIfAny<StoredSuppression[]>(scope, SUPPRESSIONS) ?? [];
}
