import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { Duration, TimeUnit } from '../duration';
import { PlatformKind } from '../platform';
import { brandOf } from './brand';
import { ValidationError } from './errors';
import { secretValueProblem } from './secret-detection';

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** A KMS key ARN; with an alias allowed where the consuming service resolves aliases. */
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const KMS_KEY_OR_ALIAS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;

/** How a {@link PropValidator.duration} must look. */
export interface DurationRule {
  /** The unit the duration must be a whole number of. @default TimeUnit.SECONDS */
  readonly unit?: TimeUnit;
  /** The shortest accepted duration (inclusive). @default - zero */
  readonly min?: Duration;
  /** The longest accepted duration (inclusive). @default - no bound */
  readonly max?: Duration;
  /** The only accepted amounts, in `unit` (e.g. Enhanced Monitoring's 1, 5, 10, 15, 30, 60 seconds). @default - any */
  readonly oneOf?: number[];
  /** Why, appended to the requirement: `(the load balancer limits)`. @default - nothing */
  readonly why?: string;
  /** What to do, as a sentence. @default - nothing */
  readonly fix?: string;
}

/** Props that only some platforms honour, with what to do instead on the others. */
export type PlatformOnlyProps<P> = Partial<Record<PlatformKind, Array<[keyof P & string, string]>>>;

const PLATFORM_NAMES: Record<PlatformKind, string> = {
  [PlatformKind.AWS]: 'AWS',
  [PlatformKind.KUBERNETES]: 'Kubernetes',
};

/** The display name of a platform in messages: `AWS`, `Kubernetes`. */
export function platformName(kind: PlatformKind): string {
  return PLATFORM_NAMES[kind] ?? String(kind);
}

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
  if (isUnresolved(value)) {
    // Never the token's encoding (`#{TfToken[TOKEN.3]}`, `-1.8e+289`): that is not what the user wrote.
    return 'a Terraform token';
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
  const branded = brandOf(value);
  if (branded !== undefined) {
    // One of the library's own objects, as it describes itself (`Rollout.rolling()`, `severity="critical"`), never its state.
    const described = Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(value), 'toString') ? String(value) : undefined;
    return described !== undefined && !described.startsWith('[object') ? described : `a ${branded}`;
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
  /** Values that look like secrets: never shown in a message, whichever problem mentions them. */
  private readonly hidden = new Set<string>();
  private readonly nulls: string[] = [];

  /**
   * @param constructKind what is validated, as messages name it: `MultiAzService`, or a factory such as
   *   `Workload.container`
   * @param scope the construct whose props are validated; none for the arguments of a factory
   */
  constructor(private readonly constructKind: string, private readonly scope?: IConstruct) {}

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
      // A value that looks like a secret is never shown, whichever check refused it (a factory's own validator
      // included): the message is copied into logs and CI output.
      if (typeof value === 'string' && secretValueProblem(value) !== undefined) {
        this.hide(value);
      }
      this.record(`\`${prop}\` ${requirement}, got ${formatValue(value)}.${fix ? ` ${fix}` : ''}`);
    }
    return this;
  }

  /** Records a problem that is not about a single value (e.g. two props that conflict). */
  public fail(message: string): this {
    this.record(message);
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

  /**
   * `value` must be a {@link Duration} that is a whole number of `rule.unit` (seconds by default) within the bounds
   * of `rule`. A value of another type (a plain number from JavaScript) is reported, never converted.
   */
  public duration(prop: string, value: Duration | undefined, rule: DurationRule = {}): this {
    if (value === undefined) {
      return this;
    }
    if (!Duration.isDuration(value)) {
      return this.require(prop, value, false, 'must be a Duration, e.g. `Duration.seconds(30)`');
    }
    const unit = rule.unit ?? TimeUnit.SECONDS;
    const requirement = `must be ${durationRequirement(unit, rule)}${rule.why ? ` ${rule.why}` : ''}`;
    return this.require(prop, value, () => durationMeets(value, unit, rule), requirement, rule.fix);
  }

  /** `value` must be a retention period CloudWatch Logs accepts. */
  public logRetention(prop: string, value: Duration | undefined): this {
    return this.duration(prop, value, { unit: TimeUnit.DAYS, oneOf: LOG_RETENTION_DAYS, why: '(the retention periods CloudWatch Logs accepts)' });
  }

  /**
   * `value` must be the ARN of a KMS key (`arn:aws:kms:<region>:<account>:key/<id>`), or of an alias where the
   * consuming service resolves aliases (`allowAlias`). With `region`, the key must be in that region.
   */
  public kmsKeyArn(prop: string, value: string | undefined, options: { readonly allowAlias?: boolean; readonly region?: string } = {}): this {
    if (value === undefined) {
      return this;
    }
    const pattern = options.allowAlias ? KMS_KEY_OR_ALIAS_ARN : KMS_KEY_ARN;
    const shape = options.allowAlias
      ? 'a KMS key or alias ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." or "...:alias/name"'
      : 'a KMS key ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." (not an alias: the service needs the key itself)';
    const wellFormed = typeof value === 'string' && pattern.test(value);
    this.require(prop, value, wellFormed, `must be ${shape}`);
    if (wellFormed && options.region !== undefined && !Token.isUnresolved(options.region)) {
      this.require(prop, value, value.split(':')[3] === options.region, `must be a key in ${options.region}: KMS keys never leave their region`);
    }
    return this;
  }

  /**
   * Reports every prop of `props` that is set although the platform `kind` cannot honour it. `onlyOn` lists, per
   * platform, the props only that platform honours, each with what to do instead elsewhere.
   */
  public platformOnly<P extends object>(kind: PlatformKind, props: P, onlyOn: PlatformOnlyProps<P>): this {
    for (const [platform, entries] of Object.entries(onlyOn) as Array<[PlatformKind, Array<[keyof P & string, string]>]>) {
      if (platform === kind) {
        continue;
      }
      for (const [prop, fix] of entries) {
        const value = (props as Record<string, unknown>)[prop];
        if (value !== undefined) {
          this.require(prop, value, false, `is only supported on ${platformName(platform)}`, fix);
        }
      }
    }
    return this;
  }

  /** `value` must be one of the values of the string enum `enumObject`, named `enumName` in the message. */
  public enumValue(prop: string, value: unknown, enumObject: Record<string, string>, enumName: string): this {
    if (value === undefined) {
      return this;
    }
    const members = Object.keys(enumObject);
    return this.require(
      prop,
      value,
      () => Object.values(enumObject).includes(value as string),
      `must be one of ${members.map((m) => `${enumName}.${m}`).join(', ')}`,
    );
  }

  /**
   * Keeps `value` out of every message of this validator (a secret given in plain text): wherever a problem would
   * show it, `(not shown)` is written instead.
   */
  public hide(value: string): this {
    if (typeof value === 'string' && value.length > 0) {
      this.hidden.add(value);
    }
    return this;
  }

  /** Whether any problem was recorded so far. */
  public get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  /**
   * Reports a prop given as `null` (plain JavaScript): one problem for it, and none of the problems other checks
   * would find in that value. Leaving a prop out gives its default; `null` is refused rather than guessed at.
   */
  public nullProp(prop: string): this {
    this.record(`\`${prop}\` is null: leave it out to get its default, or give a value.`);
    this.nulls.push(prop);
    return this;
  }

  private record(message: string): void {
    const about = /^`([^`]+)`/.exec(message)?.[1];
    if (about !== undefined && this.nulls.some((p) => about === p || about.startsWith(`${p}.`) || about.startsWith(`${p}[`))) {
      return;
    }
    this.problems.push(message);
  }

  /** Throws a {@link ValidationError} listing every recorded problem, if there is any. */
  public throwIfInvalid(): void {
    if (this.problems.length > 0) {
      throw new ValidationError(this.constructKind, this.scope?.node.path ?? '', this.problems.map((p) => this.redact(p)));
    }
  }

  /** `message` with every hidden value (as written, and as it reads inside a JSON string) replaced. */
  private redact(message: string): string {
    let out = message;
    // Longest first, so a hidden value containing another is replaced whole.
    for (const value of [...this.hidden].sort((a, b) => b.length - a.length)) {
      // A short value is replaced only where it is quoted, so it never mangles the words of a message.
      const forms = value.length >= 6 ? [JSON.stringify(value), JSON.stringify(value).slice(1, -1), value] : [JSON.stringify(value)];
      for (const form of forms) {
        out = out.split(form).join(form.startsWith('"') ? '"(not shown)"' : '(not shown)');
      }
      // A quoted part of a hidden value (an image's repository, a URL's host and path) is not shown either.
      out = out.replace(/"((?:[^"\\]|\\.){8,})"/g, (quoted, inner: string) => (value.includes(inner) ? '"(not shown)"' : quoted));
    }
    return out;
  }
}

function durationRequirement(unit: TimeUnit, rule: DurationRule): string {
  if (rule.oneOf) {
    return `one of ${rule.oneOf.join(', ')} ${unit.toLowerCase()}`;
  }
  const whole = `a whole number of ${unit.toLowerCase()}`;
  if (rule.min !== undefined && rule.max !== undefined) {
    return `${whole} from ${rule.min.toHumanString()} to ${rule.max.toHumanString()}`;
  }
  if (rule.min !== undefined) {
    return `${whole} of at least ${rule.min.toHumanString()}`;
  }
  if (rule.max !== undefined) {
    return `${whole} up to ${rule.max.toHumanString()}`;
  }
  return whole;
}

function durationMeets(value: Duration, unit: TimeUnit, rule: DurationRule): boolean {
  const millis = value.toMilliseconds();
  const unitMillis = durationOf(1, unit).toMilliseconds();
  if (millis % unitMillis !== 0) {
    return false;
  }
  if (rule.oneOf && !rule.oneOf.includes(millis / unitMillis)) {
    return false;
  }
  return (rule.min === undefined || millis >= rule.min.toMilliseconds()) && (rule.max === undefined || millis <= rule.max.toMilliseconds());
}

function durationOf(amount: number, unit: TimeUnit): Duration {
  switch (unit) {
    case TimeUnit.MILLISECONDS:
      return Duration.millis(amount);
    case TimeUnit.SECONDS:
      return Duration.seconds(amount);
    case TimeUnit.MINUTES:
      return Duration.minutes(amount);
    case TimeUnit.HOURS:
      return Duration.hours(amount);
    case TimeUnit.DAYS:
      return Duration.days(amount);
  }
}
