import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { Duration } from '../duration';
import { ValidationError } from './errors';

/**
 * Whether a value is (or contains) an unresolved token. Validation is skipped for such values: they are only
 * known at deploy time.
 */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  if (Duration.isDuration(value)) {
    return (value as Duration).isUnresolved;
  }
  if (Array.isArray(value)) {
    return Token.isUnresolved(value) || value.some((v) => isUnresolved(v));
  }
  return Token.isUnresolved(value);
}

/** Renders a value for an error message: never `[object Object]`, never a bare `undefined`. */
export function formatValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (value === null) {
    return 'null';
  }
  if (Duration.isDuration(value)) {
    return (value as Duration).toHumanString();
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    return Number.isNaN(value) ? 'NaN' : String(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(formatValue).join(', ')}]`;
  }
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value, (_k, v) => (Duration.isDuration(v) ? (v as Duration).toHumanString() : v));
    } catch {
      return `an object with keys ${Object.keys(value).join(', ')}`;
    }
  }
  return String(value);
}

/**
 * Collects every problem with a construct's props, then throws one {@link ValidationError} listing all of them.
 *
 * Each problem reads: `` `prop` <requirement>, got <value>. <fix> ``.
 */
export class PropValidator {
  private readonly problems: string[] = [];

  constructor(private readonly constructKind: string, private readonly scope: IConstruct) {}

  /**
   * Records a problem unless `ok` holds. Skipped when `value` is an unresolved token.
   * @param prop the prop's name as the user writes it (`zones`, `healthCheck.interval`)
   * @param value the value the user gave
   * @param ok whether the value is acceptable
   * @param requirement what the value must be and why (`must be at least 2 to survive the loss of a zone`)
   * @param fix what to do, as a sentence (`Set zones to 2 or more.`)
   */
  public require(prop: string, value: unknown, ok: boolean | (() => boolean), requirement: string, fix?: string): this {
    if (isUnresolved(value)) {
      return this;
    }
    const passed = typeof ok === 'function' ? ok() : ok;
    if (!passed) {
      this.problems.push(`\`${prop}\` ${requirement}, got ${formatValue(value)}.${fix ? ` ${fix}` : ''}`);
    }
    return this;
  }

  /** Records a problem that is not about a single value (e.g. two props that conflict). */
  public fail(message: string): this {
    this.problems.push(message);
    return this;
  }

  /** `value` must be an integer in `[min, max]` (either bound optional). */
  public integer(prop: string, value: number | undefined, min?: number, max?: number, why?: string): this {
    if (value === undefined) {
      return this;
    }
    const range =
      min !== undefined && max !== undefined
        ? `a whole number from ${min} to ${max}`
        : min !== undefined
          ? `a whole number of at least ${min}`
          : max !== undefined
            ? `a whole number of at most ${max}`
            : 'a whole number';
    return this.require(
      prop,
      value,
      () =>
        typeof value === 'number' &&
        Number.isInteger(value) &&
        (min === undefined || value >= min) &&
        (max === undefined || value <= max),
      `must be ${range}${why ? ` ${why}` : ''}`,
    );
  }

  /** Whether any problem was recorded so far. */
  public get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  /** Throws a {@link ValidationError} listing every recorded problem, if there is any. */
  public throwIfInvalid(): void {
    if (this.problems.length > 0) {
      throw new ValidationError(this.constructKind, this.scope.node.path, this.problems);
    }
  }
}
