/**
 * Compares a schema rebuilt from the cdktf bindings with the provider's real schema (a
 * `terraform providers schema -json` dump), so that every difference is either fixed in the
 * reconstruction or explained: what the bindings cannot carry.
 */
import { attributeType, AttributeSchema, BlockSchema, canonicalType, CtyType, ProviderSchema } from './schema';

export interface SchemaDifference {
  /** `resource.aws_lb.access_logs.enabled`, `data.aws_vpc.filter`, ... */
  readonly path: string;
  /** What differs. */
  readonly what: string;
  readonly rebuilt: string;
  readonly real: string;
  /** Set when the difference is a known loss of the bindings: why it cannot be rebuilt. */
  readonly explained?: string;
}

/** Why each kind of difference is expected (the bindings do not carry the information). */
export const EXPLAINED = {
  maxItems:
    'the bindings carry block limits only as "required" and "at most 1": a maximum above 1 is lost (the real schema serves it)',
  minItems: 'the bindings carry only whether a block is required: a minimum above 1 is lost (the real schema serves it)',
  sensitive: 'the bindings do not mark sensitive attributes (Terraform only uses this to redact output)',
  deprecated: 'the bindings do not mark deprecated attributes and blocks (Terraform only uses this for warnings)',
  writeOnly: 'the bindings do not mark write-only attributes (Terraform 1.11 write-only arguments)',
  innerCollection:
    'the bindings carry the collection kind of the outermost level only (`stringListList` of kind set): an inner set is rebuilt as a list',
  missingFromDump:
    'the dump lacks this type (its generator skipped it); the offline proof serves the rebuilt schema for it, so it is not compared',
} as const;

/** True when two types differ only in list-vs-set below the outermost collection. */
function innerCollectionOnly(a: unknown, b: unknown, depth = 0): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  const [ka, ia] = a as [string, unknown];
  const [kb, ib] = b as [string, unknown];
  if (ka === 'object' || kb === 'object') {
    if (ka !== kb) return false;
    const ea = ia as [string, unknown][];
    const eb = ib as [string, unknown][];
    return ea.length === eb.length && ea.every(([n, t], i) => eb[i][0] === n && innerCollectionOnly(t, eb[i][1], depth));
  }
  const inner = (k: string) => k === 'list' || k === 'set';
  if (ka !== kb && !(depth > 0 && inner(ka) && inner(kb))) return false;
  return innerCollectionOnly(ia, ib, depth + 1);
}

function typeText(t: CtyType): string {
  return JSON.stringify(canonicalType(t));
}

function modeText(a: AttributeSchema): string {
  return a.required ? 'required' : a.optional && a.computed ? 'optional+computed' : a.optional ? 'optional' : 'computed';
}

/** Differences between two block schemas, recursively (names, modes, types, nesting, limits, flags). */
export function diffBlocks(rebuilt: BlockSchema, real: BlockSchema, where: string): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  const push = (path: string, what: string, r: unknown, t: unknown, explained?: string) =>
    out.push({ path, what, rebuilt: String(r), real: String(t), ...(explained ? { explained } : {}) });

  const rAttrs = new Map(rebuilt.attributes.map((a) => [a.name, a]));
  const tAttrs = new Map(real.attributes.map((a) => [a.name, a]));
  const rBlocks = new Map(rebuilt.blockTypes.map((b) => [b.name, b]));
  const tBlocks = new Map(real.blockTypes.map((b) => [b.name, b]));

  for (const [name, t] of tAttrs) {
    const path = `${where}.${name}`;
    const r = rAttrs.get(name);
    if (!r) {
      push(path, rBlocks.has(name) ? 'attribute served as a block' : 'missing attribute', rBlocks.has(name) ? 'block' : '-', 'attribute');
      continue;
    }
    if (modeText(r) !== modeText(t)) push(path, 'mode', modeText(r), modeText(t));
    const rt = typeText(attributeType(r));
    const tt = typeText(attributeType(t));
    if (rt !== tt) {
      const inner = innerCollectionOnly(canonicalType(attributeType(r)), canonicalType(attributeType(t)));
      push(path, 'type', rt, tt, inner ? EXPLAINED.innerCollection : undefined);
    } else if (!!r.nestedType !== !!t.nestedType) {
      push(path, 'nested attribute vs object type', r.nestedType ? 'nested' : 'type', t.nestedType ? 'nested' : 'type');
    }
    for (const flag of ['sensitive', 'deprecated', 'writeOnly'] as const) {
      if (!!r[flag] !== !!t[flag]) push(path, flag, !!r[flag], !!t[flag], r[flag] ? undefined : EXPLAINED[flag]);
    }
  }
  for (const name of rAttrs.keys()) {
    if (!tAttrs.has(name) && !tBlocks.has(name)) push(`${where}.${name}`, 'extra attribute', 'attribute', '-');
  }
  for (const [name, t] of tBlocks) {
    const path = `${where}.${name}`;
    const r = rBlocks.get(name);
    if (!r) {
      if (!rAttrs.has(name)) push(path, 'missing block', '-', 'block');
      else push(path, 'block served as an attribute', 'attribute', 'block');
      continue;
    }
    if (r.nesting !== t.nesting) push(path, 'nesting', r.nesting, t.nesting);
    if (r.maxItems !== t.maxItems) {
      const lossy = r.maxItems === 0 && t.maxItems > 1;
      push(path, 'max_items', r.maxItems, t.maxItems, lossy ? EXPLAINED.maxItems : undefined);
    }
    if (r.minItems !== t.minItems) {
      const lossy = r.minItems === 1 && t.minItems > 1;
      push(path, 'min_items', r.minItems, t.minItems, lossy ? EXPLAINED.minItems : undefined);
    }
    if (!!r.block.deprecated !== !!t.block.deprecated) {
      push(path, 'deprecated', !!r.block.deprecated, !!t.block.deprecated, r.block.deprecated ? undefined : EXPLAINED.deprecated);
    }
    out.push(...diffBlocks(r.block, t.block, path));
  }
  for (const name of rBlocks.keys()) {
    if (!tBlocks.has(name) && !tAttrs.has(name)) push(`${where}.${name}`, 'extra block', 'block', '-');
  }
  return out;
}

/** Differences for the given resource and data source types (all types of the real schema by default). */
export function diffProviderSchemas(
  rebuilt: ProviderSchema,
  real: ProviderSchema,
  types?: { resources?: readonly string[]; dataSources?: readonly string[] },
): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  // Types a real schema serves rebuilt because its dump lacks them.
  const missing = new Set(real.source.rebuiltTypes ?? []);
  const each = (kind: 'resource' | 'data', names: readonly string[], r: ProviderSchema['resources'], t: ProviderSchema['resources']) => {
    for (const name of names) {
      if (!t[name] && !r[name]) continue;
      if (!t[name] || missing.has(`${kind === 'data' ? 'data.' : ''}${name}`)) {
        out.push({ path: `${kind}.${name}`, what: 'type missing from the dump', rebuilt: 'type', real: '-', explained: EXPLAINED.missingFromDump });
      } else if (!r[name]) {
        out.push({ path: `${kind}.${name}`, what: 'type missing from the bindings', rebuilt: '-', real: 'type' });
      } else {
        out.push(...diffBlocks(r[name], t[name], `${kind}.${name}`));
      }
    }
  };
  const union = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  each('resource', types?.resources ?? union(rebuilt.resources, real.resources), rebuilt.resources, real.resources);
  each('data', types?.dataSources ?? union(rebuilt.dataSources, real.dataSources), rebuilt.dataSources, real.dataSources);
  return out;
}
