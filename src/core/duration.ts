import { Fn, Op, Token } from 'cdktf';
import { brand, isBranded } from './private/brand';
import { ValidationError } from './private/errors';

/**
 * Units a {@link Duration} can be expressed in.
 */
export enum TimeUnit {
  /** Milliseconds. */
  MILLISECONDS = 'MILLISECONDS',
  /** Seconds. */
  SECONDS = 'SECONDS',
  /** Minutes. */
  MINUTES = 'MINUTES',
  /** Hours. */
  HOURS = 'HOURS',
  /** Days. */
  DAYS = 'DAYS',
}

const MILLIS_PER_UNIT: Record<TimeUnit, number> = {
  [TimeUnit.MILLISECONDS]: 1,
  [TimeUnit.SECONDS]: 1_000,
  [TimeUnit.MINUTES]: 60_000,
  [TimeUnit.HOURS]: 3_600_000,
  [TimeUnit.DAYS]: 86_400_000,
};

const SHORT_UNIT: Record<TimeUnit, string> = {
  [TimeUnit.MILLISECONDS]: 'ms',
  [TimeUnit.SECONDS]: 's',
  [TimeUnit.MINUTES]: 'min',
  [TimeUnit.HOURS]: 'h',
  [TimeUnit.DAYS]: 'd',
};

/**
 * Options for converting a {@link Duration} to a whole number of a unit.
 */
export interface DurationConversionOptions {
  /**
   * Throw when the duration is not a whole number of the target unit, instead of rounding up.
   *
   * @default false - the value is rounded up, so a timeout never becomes shorter than declared
   */
  readonly integral?: boolean;
}

/**
 * A length of time. cdktf has no duration type; every construct of this library takes and reports times as
 * `Duration`, so "10 seconds" is never confused with "10 minutes".
 *
 * ```ts
 * Duration.seconds(30).toMilliseconds(); // 30000
 * Duration.minutes(2).plus(Duration.seconds(5)).toHumanString(); // "2min 5s"
 * ```
 *
 * The amount may be an unresolved token (for example a Terraform variable). Conversions and arithmetic then return
 * Terraform expressions (`${var.interval * 60}`, `${ceil(var.retention / 24)}`), validation of that value is
 * skipped, and only comparing it with another duration (which needs the value) is refused.
 */
export class Duration {
  /** A duration of `amount` milliseconds (a finite number of at least 0, or a token). */
  public static millis(amount: number): Duration {
    return new Duration(checkedAmount('Duration.millis', amount, TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS);
  }

  /** A duration of `amount` seconds (a finite number of at least 0, or a token). */
  public static seconds(amount: number): Duration {
    return new Duration(checkedAmount('Duration.seconds', amount, TimeUnit.SECONDS), TimeUnit.SECONDS);
  }

  /** A duration of `amount` minutes (a finite number of at least 0, or a token). */
  public static minutes(amount: number): Duration {
    return new Duration(checkedAmount('Duration.minutes', amount, TimeUnit.MINUTES), TimeUnit.MINUTES);
  }

  /** A duration of `amount` hours (a finite number of at least 0, or a token). */
  public static hours(amount: number): Duration {
    return new Duration(checkedAmount('Duration.hours', amount, TimeUnit.HOURS), TimeUnit.HOURS);
  }

  /** A duration of `amount` days (a finite number of at least 0, or a token). */
  public static days(amount: number): Duration {
    return new Duration(checkedAmount('Duration.days', amount, TimeUnit.DAYS), TimeUnit.DAYS);
  }

  /** Whether `value` is a `Duration` (also across copies of this library in one process). */
  public static isDuration(value: unknown): boolean {
    return isBranded(value, 'Duration');
  }

  /** The amount, in `unit`. */
  public readonly amount: number;
  /** The unit `amount` is expressed in. */
  public readonly unit: TimeUnit;

  private constructor(amount: number, unit: TimeUnit) {
    this.amount = amount;
    this.unit = unit;
    brand(this, 'Duration');
  }

  /** Whether the amount is an unresolved token (it is known only at deploy time). */
  public get isUnresolved(): boolean {
    return Token.isUnresolved(this.amount);
  }

  /** This duration in milliseconds. */
  public toMilliseconds(options: DurationConversionOptions = {}): number {
    return this.convert(TimeUnit.MILLISECONDS, options);
  }

  /** This duration in seconds; rounded up unless `integral` is set. */
  public toSeconds(options: DurationConversionOptions = {}): number {
    return this.convert(TimeUnit.SECONDS, options);
  }

  /** This duration in minutes; rounded up unless `integral` is set. */
  public toMinutes(options: DurationConversionOptions = {}): number {
    return this.convert(TimeUnit.MINUTES, options);
  }

  /** This duration in hours; rounded up unless `integral` is set. */
  public toHours(options: DurationConversionOptions = {}): number {
    return this.convert(TimeUnit.HOURS, options);
  }

  /** This duration in days; rounded up unless `integral` is set. */
  public toDays(options: DurationConversionOptions = {}): number {
    return this.convert(TimeUnit.DAYS, options);
  }

  /**
   * The sum of this duration and `other`, in the smaller of the two units; a Terraform expression when either is a
   * token.
   */
  public plus(other: Duration): Duration {
    if (!Duration.isDuration(other)) {
      throw new ValidationError('Duration.plus', '', [`\`other\` must be a Duration, got ${describe(other)}.`]);
    }
    const unit = MILLIS_PER_UNIT[this.unit] <= MILLIS_PER_UNIT[other.unit] ? this.unit : other.unit;
    if (this.isUnresolved || other.isUnresolved) {
      return new Duration(Token.asNumber(Op.add(this.scaledTo(unit), other.scaledTo(unit))), unit);
    }
    return new Duration(this.convertExact(unit) + other.convertExact(unit), unit);
  }

  /** This duration multiplied by a non-negative `factor`; a Terraform expression when either is a token. */
  public times(factor: number): Duration {
    if (!Token.isUnresolved(factor) && (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 0)) {
      throw new ValidationError('Duration.times', '', [`\`factor\` must be a finite number of at least 0, got ${describe(factor)}.`]);
    }
    if (this.isUnresolved || Token.isUnresolved(factor)) {
      return new Duration(Token.asNumber(Op.mul(this.amount, factor)), this.unit);
    }
    return new Duration(this.amount * factor, this.unit);
  }

  /**
   * Compares two durations known at synth time: negative when this is shorter, 0 when equal, positive when longer.
   * Throws when either is a token (its length is known only at deploy time): check `isUnresolved` first.
   */
  public compareTo(other: Duration): number {
    if (!Duration.isDuration(other)) {
      throw new ValidationError('Duration.compareTo', '', [`\`other\` must be a Duration, got ${describe(other)}.`]);
    }
    if (this.isUnresolved || other.isUnresolved) {
      throw new Error(`Duration: ${this.toHumanString()} cannot be compared with ${other.toHumanString()}: a duration given as a token is known only at deploy time`);
    }
    return this.toMilliseconds() - other.toMilliseconds();
  }

  /** A short human-readable form, e.g. `1min 30s`; `<token>` when unresolved. */
  public toHumanString(): string {
    if (this.isUnresolved) {
      return `<token> ${this.unit.toLowerCase()}`;
    }
    let remaining = this.amount * MILLIS_PER_UNIT[this.unit];
    if (remaining === 0) {
      return `0${SHORT_UNIT[this.unit]}`;
    }
    const parts: string[] = [];
    for (const unit of [TimeUnit.DAYS, TimeUnit.HOURS, TimeUnit.MINUTES, TimeUnit.SECONDS, TimeUnit.MILLISECONDS]) {
      const size = MILLIS_PER_UNIT[unit];
      const count = unit === TimeUnit.MILLISECONDS ? Math.round(remaining) : Math.floor(remaining / size);
      if (count > 0) {
        parts.push(`${count}${SHORT_UNIT[unit]}`);
        remaining -= count * size;
      }
    }
    return parts.join(' ');
  }

  /** Same as {@link toHumanString}, so a duration reads well inside error messages. */
  public toString(): string {
    return this.toHumanString();
  }

  private convertExact(unit: TimeUnit): number {
    return (this.amount * MILLIS_PER_UNIT[this.unit]) / MILLIS_PER_UNIT[unit];
  }

  /** The amount in a unit no larger than this duration's own: exact, a Terraform multiplication for a token. */
  private scaledTo(unit: TimeUnit): number {
    const factor = MILLIS_PER_UNIT[this.unit] / MILLIS_PER_UNIT[unit];
    if (!this.isUnresolved) {
      return this.convertExact(unit);
    }
    return factor === 1 ? this.amount : Token.asNumber(Op.mul(this.amount, factor));
  }

  private convert(unit: TimeUnit, options: DurationConversionOptions): number {
    if (this.isUnresolved) {
      // Known at deploy time only: Terraform converts it, rounding up to a whole unit like below.
      if (MILLIS_PER_UNIT[unit] <= MILLIS_PER_UNIT[this.unit]) {
        return this.scaledTo(unit);
      }
      const divisor = MILLIS_PER_UNIT[unit] / MILLIS_PER_UNIT[this.unit];
      return Token.asNumber(Fn.ceil(Token.asNumber(Op.div(this.amount, divisor))));
    }
    const exact = this.convertExact(unit);
    // Guard against binary rounding noise (0.1 + 0.2) before deciding whether a value is whole.
    const rounded = Math.round(exact * 1e9) / 1e9;
    if (Number.isInteger(rounded)) {
      return rounded;
    }
    if (options.integral) {
      throw new Error(`Duration: ${this.toHumanString()} is not a whole number of ${unit.toLowerCase()}`);
    }
    return Math.ceil(rounded);
  }
}

/** The amount of a factory call, when it is a finite number of at least 0 or a token; a clear error otherwise. */
function checkedAmount(factory: string, amount: unknown, unit: TimeUnit): number {
  if (Token.isUnresolved(amount)) {
    return amount as number;
  }
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new ValidationError(factory, '', [
      `\`amount\` must be a finite number of ${unit.toLowerCase()} of at least 0, got ${describe(amount)}. Pass e.g. \`${factory}(30)\`.`,
    ]);
  }
  return amount;
}

/** A value for a message (this file cannot use the validation vocabulary, which imports Duration). */
function describe(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return 'an object';
    }
  }
  return String(value);
}
