/**
 * Readers for synthesized (resolved, snake_case) Terraform configuration. After `stack.resolve(...)` every
 * unresolved cdktf token is a string holding a Terraform expression (`"${var.subnets}"`); these readers turn such
 * a value into an {@link Unresolved} instead of letting a rule mistake it for a literal.
 */

/** A value that is a Terraform expression, only known at plan or apply time. */
export class Unresolved {
  constructor(
    /** The attribute path as a user reads it, e.g. `spec.replicas`. */
    public readonly attribute: string,
    /** The expression, e.g. `${var.replicas}`. */
    public readonly expression: string,
  ) {}

  /** `` `multi_az` is `${var.multi_az}` `` */
  public describe(): string {
    return `\`${this.attribute}\` is \`${this.expression}\``;
  }
}

/** Whether a value is a Terraform expression (interpolation or template directive). */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && (value.includes('${') || value.includes('%{'));
}

/** Whether a reader returned an unresolved value. */
export function isUnresolved(value: unknown): value is Unresolved {
  return value instanceof Unresolved;
}

function fieldOf(obj: any, key: string): unknown {
  if (obj === null || obj === undefined || typeof obj !== 'object') {
    return undefined;
  }
  return obj[key];
}

/** A number (numbers given as strings, as the Kubernetes provider does, are parsed). */
export function readNumber(obj: any, key: string, attribute: string = key): number | undefined | Unresolved {
  const value = fieldOf(obj, key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (isExpression(value)) {
    return new Unresolved(attribute, value);
  }
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return new Unresolved(attribute, String(value));
}

/** A boolean (`"true"`/`"false"` strings are accepted, as Terraform does). */
export function readBool(obj: any, key: string, attribute: string = key): boolean | undefined | Unresolved {
  const value = fieldOf(obj, key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  if (isExpression(value)) {
    return new Unresolved(attribute, value);
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return new Unresolved(attribute, String(value));
}

/** A string; an expression is returned as {@link Unresolved}. */
export function readString(obj: any, key: string, attribute: string = key): string | undefined | Unresolved {
  const value = fieldOf(obj, key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (isExpression(value)) {
    return new Unresolved(attribute, value);
  }
  return String(value);
}

/**
 * A list attribute. A list given as one expression (`"${var.subnets}"`) is unresolved; a literal list whose
 * elements are expressions (`["${aws_subnet.a.id}", "${aws_subnet.b.id}"]`) has a known length and is returned.
 */
export function readList(obj: any, key: string, attribute: string = key): any[] | undefined | Unresolved {
  const value = fieldOf(obj, key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (Array.isArray(value)) {
    return value;
  }
  return new Unresolved(attribute, typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * The blocks of a nested block type. cdktf renders a block with at most one element as an object and others
 * as arrays; raw overrides may use either, so both are accepted. A `dynamic` block is unresolved.
 */
export function readBlocks(obj: any, key: string, attribute: string = key): any[] | Unresolved {
  const dynamic = fieldOf(fieldOf(obj, 'dynamic'), key);
  if (dynamic !== undefined) {
    return new Unresolved(attribute, `dynamic "${key}" block`);
  }
  const value = fieldOf(obj, key);
  if (value === undefined || value === null) {
    return [];
  }
  if (Array.isArray(value)) {
    return value.filter((v) => v !== null && v !== undefined);
  }
  if (typeof value === 'object') {
    return [value];
  }
  return new Unresolved(attribute, String(value));
}

/** The first block of a nested block type, or `undefined`. */
export function readBlock(obj: any, key: string, attribute: string = key): any | undefined | Unresolved {
  const blocks = readBlocks(obj, key, attribute);
  if (isUnresolved(blocks)) {
    return blocks;
  }
  return blocks[0];
}

/** A map attribute (labels, tags); an expression is unresolved. */
export function readMap(obj: any, key: string, attribute: string = key): Record<string, unknown> | undefined | Unresolved {
  const value = fieldOf(obj, key);
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  return new Unresolved(attribute, typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * The resource addresses (`aws_lb.edge`, `data.aws_subnet.a`) a value refers to, found in the Terraform
 * expressions anywhere inside it.
 */
export function referencedAddresses(value: unknown): Set<string> {
  if (typeof value === 'string') {
    return addressesIn(value);
  }
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      addressesIn(v).forEach((a) => found.add(a));
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v !== null && typeof v === 'object') {
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return found;
}

const ADDRESSES = new Map<string, Set<string>>();
const NONE: Set<string> = new Set();

/** The addresses referenced by the expressions in one string (memoized: rules ask about the same values often). */
function addressesIn(v: string): Set<string> {
  if (!isExpression(v)) {
    return NONE;
  }
  let found = ADDRESSES.get(v);
  if (!found) {
    found = new Set();
    const pattern = /(?:^|[^\w.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)/g;
    for (const expr of v.match(/\$\{[^}]*\}/g) ?? [v]) {
      let m: RegExpExecArray | null;
      while ((m = pattern.exec(expr)) !== null) {
        found.add(m[1]);
      }
    }
    if (ADDRESSES.size > 10_000) {
      ADDRESSES.clear();
    }
    ADDRESSES.set(v, found);
  }
  return found;
}

/** `n thing` / `n things`. */
export function plural(count: number, noun: string, pluralNoun: string = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** A value rendered for a finding's detail. */
export function show(value: unknown): string {
  if (value === undefined) {
    return 'unset';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  return JSON.stringify(value) ?? String(value);
}
