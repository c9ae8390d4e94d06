import { Token } from 'cdktf';
import { brand, isBranded } from './private/brand';

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
 * The amount may be an unresolved token (for example a Terraform variable); conversions then return tokens
 * and validation of that value is skipped.
 */
export class Duration {
  /** A duration of `amount` milliseconds. */
  public static millis(amount: number): Duration {
    return new Duration(amount, TimeUnit.MILLISECONDS);
  }

  /** A duration of `amount` seconds. */
  public static seconds(amount: number): Duration {
    return new Duration(amount, TimeUnit.SECONDS);
  }

  /** A duration of `amount` minutes. */
  public static minutes(amount: number): Duration {
    return new Duration(amount, TimeUnit.MINUTES);
  }

  /** A duration of `amount` hours. */
  public static hours(amount: number): Duration {
    return new Duration(amount, TimeUnit.HOURS);
  }

  /** A duration of `amount` days. */
  public static days(amount: number): Duration {
    return new Duration(amount, TimeUnit.DAYS);
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
    if (!Token.isUnresolved(amount)) {
      if (typeof amount !== 'number' || !Number.isFinite(amount)) {
        throw new Error(`Duration: the amount must be a finite number of ${String(unit).toLowerCase()}, got ${String(amount)}`);
      }
      if (amount < 0) {
        throw new Error(`Duration: the amount must not be negative, got ${amount} ${String(unit).toLowerCase()}`);
      }
    }
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

  /** The sum of this duration and `other`, in the smaller of the two units. */
  public plus(other: Duration): Duration {
    const unit = MILLIS_PER_UNIT[this.unit] <= MILLIS_PER_UNIT[other.unit] ? this.unit : other.unit;
    return new Duration(this.convertExact(unit) + other.convertExact(unit), unit);
  }

  /** This duration multiplied by a non-negative `factor`. */
  public times(factor: number): Duration {
    return new Duration(this.amount * factor, this.unit);
  }

  /** Compares two resolved durations: negative when this is shorter, 0 when equal, positive when longer. */
  public compareTo(other: Duration): number {
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
    if (this.isUnresolved) {
      throw new Error(`Duration: an unresolved (token) duration cannot be converted to ${unit.toLowerCase()}`);
    }
    return (this.amount * MILLIS_PER_UNIT[this.unit]) / MILLIS_PER_UNIT[unit];
  }

  private convert(unit: TimeUnit, options: DurationConversionOptions): number {
    if (this.isUnresolved) {
      if (unit === this.unit) {
        return this.amount;
      }
      throw new Error(
        `Duration: a duration given as a token in ${this.unit.toLowerCase()} cannot be converted to ${unit.toLowerCase()}; give it in ${unit.toLowerCase()}`,
      );
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
