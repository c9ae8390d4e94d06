/*
 * Props as they arrive at run time: from plain JavaScript unchecked, from other jsii languages loosely. Unknown
 * (misspelled or renamed) props, values of the wrong type and Terraform tokens where a value must be known at synth
 * time are problems like any other, reported in the PropValidator's one-error-per-construct format.
 */
import { DefaultTokenResolver, Fn, StringConcat, Token, Tokenization } from 'cdktf';
import { IConstruct } from 'constructs';
import { isBranded } from './brand';
import { PlatformKind } from '../platform';
import { PropValidator, formatValue, isUnresolved } from './validation';

/**
 * Every prop an options struct declares, one entry each. Typed against the interface, so the compiler fails when a
 * prop is added to the interface and not here (or listed here and not declared there).
 */
export type KnownProps<T> = { readonly [K in keyof Required<T>]: true };

/** Props that were renamed or replaced, by their old name: what to write instead, as a sentence. */
export type RenamedProps = Readonly<Record<string, string>>;

/** Whether `value` is a plain object (a struct), not a list, not null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnresolved(value);
}

/** How a struct is checked by {@link checkStruct}. */
export interface StructRule {
  /** An example of the struct, for the message when `value` is not an object: `{ retention: Duration.days(365) }`. */
  readonly example: string;
  /** Old names of props, with what to write instead. */
  readonly renamed?: RenamedProps;
  /** Report a missing value (`value` undefined) instead of accepting it. */
  readonly required?: boolean;
}

/**
 * `value` must be a struct with only the props of `known`. Reports a value that is not an object, and every prop it
 * does not know (with "did you mean" for near misses and renamed props). Props set to `undefined` are ignored:
 * nothing is lost. Returns whether `value` is a struct, so the caller can check its props.
 *
 * @param prop the struct's name as the user writes it (`flowLogs`), or '' for a construct's props themselves
 */
export function checkStruct<T>(v: PropValidator, prop: string, value: unknown, known: KnownProps<T>, rule: StructRule): value is T {
  const name = prop === '' ? 'props' : prop;
  if (value === undefined) {
    if (rule.required) {
      v.require(name, value, false, `must be an object like ${rule.example}`);
    }
    return false;
  }
  if (value === null) {
    if (prop === '') {
      v.require(name, value, false, `must be an object like ${rule.example}`);
    }
    // Else reported by the parent struct's check (unknownProps), once.
    return false;
  }
  if (isUnresolved(value)) {
    v.fail(`\`${name}\` must be known at synth time, not a Terraform token: its props decide what is rendered. Pass an object like ${rule.example}.`);
    return false;
  }
  if (!isRecord(value)) {
    v.require(name, value, false, `must be an object like ${rule.example}`);
    return false;
  }
  unknownProps(v, prop, value, Object.keys(known), rule.renamed ?? {});
  return true;
}

/** Reports every prop of `value` that is not in `known`, with a suggestion. */
export function unknownProps(v: PropValidator, prop: string, value: Record<string, unknown>, known: string[], renamed: RenamedProps = {}): void {
  for (const key of Object.keys(value)) {
    const path = prop === '' ? key : `${prop}.${key}`;
    if (known.includes(key) && value[key] === null) {
      v.nullProp(path);
      continue;
    }
    if (known.includes(key) || value[key] === undefined) {
      continue;
    }
    const got = `got ${shownValue(key, value[key])}`;
    const replacement = renamed[key];
    if (replacement !== undefined) {
      v.fail(`\`${path}\` is not a known prop, ${got}. ${replacement}`);
      continue;
    }
    const near = nearest(key, known);
    v.fail(
      near !== undefined
        ? `\`${path}\` is not a known prop, ${got}. Did you mean \`${prop === '' ? near : `${prop}.${near}`}\`?`
        : `\`${path}\` is not a known prop, ${got}. The known props are ${known.map((k) => `\`${k}\``).join(', ')}.`,
    );
  }
}

/**
 * `value` must be an instance of the library's variant or value class `className` (recognised by its brand, across
 * copies of the library), e.g. a `HealthCheck` made by `HealthCheck.http(...)`. A plain object that looks like one
 * is not: its state would skip the class's own checks. Returns whether it is one.
 */
export function checkInstance(v: PropValidator, prop: string, value: unknown, className: string, factories: string): boolean {
  if (isBranded(value, className)) {
    return true;
  }
  const what = typeof value === 'object' && value !== null && !Array.isArray(value) ? `a plain object ${formatValue(value)}` : formatValue(value);
  v.fail(`\`${prop}\` must be a ${className} made by ${factories}, got ${what}.`);
  return false;
}

/**
 * `value` must be known at synth time: a Terraform token there is refused, with what the value decides (`it decides
 * how many subnets are rendered`), instead of being rendered as garbage or dropped.
 */
export function requireKnown(v: PropValidator, scope: IConstruct | undefined, prop: string, value: unknown, decides: string): boolean {
  // A list is refused when it is a token itself; a token inside it is an item's business.
  const token = Array.isArray(value) ? Token.isUnresolved(value) : isUnresolved(value);
  if (!token) {
    return true;
  }
  v.fail(`\`${prop}\` must be known at synth time, not a Terraform token (${decides}), got ${tokenText(scope, value)}. Pass a literal value.`);
  return false;
}

/** A token as the user wrote it in Terraform terms (`${var.zones}`), or `a Terraform token` when it cannot be resolved yet. */
export function tokenText(scope: IConstruct | undefined, value: unknown): string {
  if (isBranded(value, 'Duration')) {
    const d = value as { amount: number; unit: string };
    const amount = tokenText(scope, d.amount);
    return amount === 'a Terraform token' ? `a Duration of ${d.unit.toLowerCase()} given as a Terraform token` : `Duration.${d.unit.toLowerCase()}(${amount})`;
  }
  if (scope !== undefined) {
    try {
      const resolved = Tokenization.resolve(value, { scope, preparing: true, resolver: new DefaultTokenResolver(new StringConcat()) });
      const text = typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
      // Only a Terraform expression says what the user wrote; a lazy value's current result would mislead.
      if (typeof text === 'string' && text.includes('${') && text.length <= 120 && !text.includes('TfToken')) {
        return text;
      }
    } catch {
      // A lazy value that cannot be produced yet.
    }
  }
  return 'a Terraform token';
}

/** Secrets are never echoed: the value of a prop whose name looks like a credential is described by its type only. */
const SECRET_LIKE = /pass|secret|token|credential|auth|private|apikey|api_key/i;

function shownValue(key: string, value: unknown): string {
  if (typeof value === 'string' && SECRET_LIKE.test(key)) {
    return 'a string (not shown: it may be a secret)';
  }
  const text = formatValue(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The known prop closest to `key`: same letters in another case, or at most two edits away (one for short names). */
export function nearest(key: string, known: string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.MAX_SAFE_INTEGER;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    if (c === lower) {
      return candidate;
    }
    const distance = editDistance(lower, c);
    const allowed = Math.min(key.length, candidate.length) <= 4 ? 1 : 2;
    const prefix = lower.length >= 4 && (c.startsWith(lower) || lower.startsWith(c));
    // A prop name that starts the other (`vpcCidr`, `vpcCidrBlock`) is a closer match than a few edits.
    const score = prefix ? Math.min(distance, 1) : distance;
    if ((distance <= allowed || prefix) && score < bestDistance) {
      best = candidate;
      bestDistance = score;
    }
  }
  return best;
}

/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (__, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** A number written into a string (a name, a script, an annotation): its decimal form, or a string token. */
export function numberText(value: number): string {
  return Token.isUnresolved(value) ? Token.asString(value) : String(value);
}

/** A count for the resilience facts: undefined when it is known only at deploy time. */
export function knownNumber(value: number | undefined): number | undefined {
  return value === undefined || Token.isUnresolved(value) ? undefined : value;
}

/** The largest of `values`: a Terraform `max()` when one is a token. */
export function maxOf(...values: number[]): number {
  return values.some((v) => Token.isUnresolved(v)) ? Token.asNumber(Fn.max(values)) : Math.max(...values);
}

/** The smallest of `values`: a Terraform `min()` when one is a token. */
export function minOf(...values: number[]): number {
  return values.some((v) => Token.isUnresolved(v)) ? Token.asNumber(Fn.min(values)) : Math.min(...values);
}

/**
 * `value` must be a platform made by `Platform.aws(...)` or `Platform.kubernetes(...)` (or the same shape, from
 * another copy of the library). Returns its kind, or undefined (with a problem recorded) so the caller can still
 * check every prop that does not depend on the platform.
 */
export function checkPlatform(v: PropValidator, prop: string, value: unknown): PlatformKind | undefined {
  const fix = 'Pass `Platform.aws({ network })` or `Platform.kubernetes({ namespaceName })`.';
  if (!isRecordOrInstance(value) || (value.kind !== PlatformKind.AWS && value.kind !== PlatformKind.KUBERNETES)) {
    v.require(prop, value, false, 'must be a platform', fix);
    return undefined;
  }
  if (value.kind === PlatformKind.AWS && !isNetworkShape(value.network)) {
    v.require(`${prop}.network`, value.network, false, 'must be a network (an INetwork such as a MultiAzNetwork)', 'Pass `Platform.aws({ network })`.');
    return undefined;
  }
  if (value.kind === PlatformKind.KUBERNETES && typeof value.namespaceName !== 'string') {
    v.require(`${prop}.namespaceName`, value.namespaceName, false, 'must be a namespace name', 'Pass `Platform.kubernetes({ namespaceName })`.');
    return undefined;
  }
  return value.kind as PlatformKind;
}

/** Whether `value` has the shape of an INetwork: ids, a CIDR block and subnet lists of `{ subnetId, zone }`. */
export function isNetworkShape(value: unknown): boolean {
  if (!isRecordOrInstance(value)) {
    return false;
  }
  const subnets = (list: unknown) =>
    Array.isArray(list) && list.every((s) => isRecordOrInstance(s) && typeof s.subnetId === 'string' && typeof s.zone === 'string');
  return (
    typeof value.vpcId === 'string' &&
    typeof value.vpcCidrBlock === 'string' &&
    subnets(value.publicSubnets) &&
    subnets(value.privateSubnets) &&
    subnets(value.isolatedSubnets) &&
    typeof (value as { node?: { path?: unknown } }).node?.path === 'string'
  );
}

/** `value` must be an ILoadBalancer (a HealthCheckedLoadBalancer, or your own); returns whether it is one. */
export function checkLoadBalancerShape(v: PropValidator, prop: string, value: unknown): boolean {
  const ok =
    isRecordOrInstance(value) &&
    typeof value.addTarget === 'function' &&
    (value.platformKind === PlatformKind.AWS || value.platformKind === PlatformKind.KUBERNETES) &&
    isBranded(value.healthCheck, 'HealthCheck') &&
    Array.isArray(value.targets) &&
    typeof value.maxTargets === 'number' &&
    typeof (value as { node?: { path?: unknown } }).node?.path === 'string';
  if (!ok) {
    v.require(prop, value, false, 'must be a load balancer (an ILoadBalancer such as a HealthCheckedLoadBalancer)');
  }
  return ok;
}

/** An object of any class (a construct, a platform), not a list. */
function isRecordOrInstance(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
