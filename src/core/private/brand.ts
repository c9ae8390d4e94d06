/*
 * Marks on objects that survive two copies of this library in one process (a user's app and a construct package
 * that bundles its own copy): `instanceof` fails across copies, a `Symbol.for` key does not.
 */

const PREFIX = 'cdktf-fault-tolerance.';

/** Marks `instance` as a `name` (e.g. `Duration`), for {@link isBranded}. Call it in the constructor. */
export function brand(instance: object, name: string): void {
  Object.defineProperty(instance, Symbol.for(PREFIX + name), { value: true, enumerable: false });
}

/** Whether `value` was marked as a `name` by {@link brand}, by any copy of this library. */
export function isBranded(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[Symbol.for(PREFIX + name)] === true;
}

/**
 * The one `name` object attached to `host` (e.g. a stack's alarm registry), created on first use. Shared by every
 * copy of this library in the process.
 */
export function attached<T>(host: object, name: string, create: () => T): T {
  const key = Symbol.for(PREFIX + name);
  const slots = host as Record<symbol, T | undefined>;
  if (slots[key] === undefined) {
    Object.defineProperty(host, key, { value: create(), enumerable: false });
  }
  return slots[key]!;
}

/** The `name` object attached to `host` by {@link attached}, or undefined when there is none yet. */
export function attachedIfAny<T>(host: object, name: string): T | undefined {
  return (host as Record<symbol, T | undefined>)[Symbol.for(PREFIX + name)];
}

/** The name `value` was branded with by {@link brand} (`Duration`, `Route`), or undefined. */
export function brandOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const key = Object.getOwnPropertySymbols(value).find((s) => s.description?.startsWith(PREFIX) && (value as Record<symbol, unknown>)[s] === true);
  return key?.description?.slice(PREFIX.length);
}
