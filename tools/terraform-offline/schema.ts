/**
 * Provider schema reconstruction from the installed cdktf provider bindings.
 *
 * Every generated module of a `@cdktf/provider-*` package embeds its TypeScript
 * source in an inline source map. That source is regular generator output and
 * carries everything a Terraform schema needs:
 *
 * - `// <name> - computed: <bool>, optional: <bool>, required: <bool>` before
 *   every attribute and block accessor (resource classes and the
 *   `...OutputReference` classes of nested blocks), including computed-only
 *   attributes;
 * - `synthesizeHclAttributes()` / `<struct>ToHclTerraform()` entries with the
 *   exact snake_case key, the collection kind (`simple`, `list`, `set`, `map`,
 *   `struct`) and the element type (`storageClassType`);
 * - the config interfaces, whose JSDoc says `<name> block` for blocks (and
 *   not for object-typed attributes) and whose `?` marks optional arguments;
 * - `tfResourceType` of each resource, data source and provider class.
 *
 * Lost on the way (harmless for validate/plan): descriptions, `sensitive`,
 * `deprecated`, and exact block min/max items beyond "required" and "at most 1".
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Bump whenever the reconstruction logic changes: it is part of the cache key. */
export const SCHEMA_FORMAT_VERSION = 3;

/** A cty type in Terraform's JSON type notation (`"string"`, `["list","number"]`, `["object",{...}]`). */
export type CtyType = string | [string, CtyType] | ['object', { [name: string]: CtyType }];

export type NestingMode = 'single' | 'list' | 'set' | 'map';

export interface AttributeSchema {
  readonly name: string;
  /** Set for plain attributes; absent when `nestedType` is set. */
  readonly type?: CtyType;
  /** Set for nested attributes (object-typed arguments that are not blocks). */
  readonly nestedType?: NestedObjectSchema;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
}

export interface NestedObjectSchema {
  readonly nesting: NestingMode;
  readonly attributes: AttributeSchema[];
}

export interface BlockSchema {
  readonly attributes: AttributeSchema[];
  readonly blockTypes: NestedBlockSchema[];
}

export interface NestedBlockSchema {
  readonly name: string;
  readonly nesting: NestingMode;
  readonly minItems: number;
  readonly maxItems: number;
  readonly block: BlockSchema;
}

export interface ProviderSchema {
  readonly formatVersion: number;
  /** Fully qualified provider address, e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly address: string;
  readonly packageName: string;
  readonly packageVersion: string;
  readonly providerVersion: string;
  readonly provider: BlockSchema;
  readonly resources: { [type: string]: BlockSchema };
  readonly dataSources: { [type: string]: BlockSchema };
}

export interface ProviderPackage {
  /** Fully qualified provider address, e.g. `registry.terraform.io/hashicorp/aws`. */
  readonly address: string;
  readonly packageName: string;
  readonly packageVersion: string;
  readonly providerVersion: string;
  readonly dir: string;
}

export interface LoadedSchema {
  readonly schema: ProviderSchema;
  /** Where the schema is cached on disk (the provider server reads this file). */
  readonly cacheFile: string;
  readonly fromCache: boolean;
  readonly durationMs: number;
}

// ---------------------------------------------------------------------------
// Provider package discovery and caching
// ---------------------------------------------------------------------------

/** Normalizes a provider source (`aws`, `hashicorp/aws`, `registry.terraform.io/hashicorp/aws`) to its address. */
export function normalizeProviderSource(source: string): string {
  const parts = source.trim().toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

/**
 * Lists the installed cdktf provider packages (`@cdktf/provider-*` and any package whose
 * package.json declares `cdktf.provider.name`) visible from `fromDir`, nearest first.
 */
export function findProviderPackages(fromDir: string = process.cwd()): ProviderPackage[] {
  const found = new Map<string, ProviderPackage>();
  for (const nodeModules of nodeModulesDirs(fromDir)) {
    const scopeDir = path.join(nodeModules, '@cdktf');
    let names: string[] = [];
    try {
      names = fs.readdirSync(scopeDir).filter((n) => n.startsWith('provider-'));
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = path.join(scopeDir, name);
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
        const provider = pkg?.cdktf?.provider;
        if (!provider?.name) continue;
        const address = normalizeProviderSource(String(provider.name));
        if (found.has(address)) continue;
        found.set(address, {
          address,
          packageName: String(pkg.name),
          packageVersion: String(pkg.version),
          providerVersion: String(provider.version ?? ''),
          dir,
        });
      } catch {
        // not a readable package: ignore
      }
    }
  }
  return [...found.values()];
}

function nodeModulesDirs(fromDir: string): string[] {
  const dirs: string[] = [];
  let dir = path.resolve(fromDir);
  for (;;) {
    const candidate = path.join(dir, 'node_modules');
    if (fs.existsSync(candidate)) dirs.push(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirs;
}

/** The cache folder: `node_modules/.cache/terraform-offline/` next to the provider package. */
export function schemaCacheDir(pkg: ProviderPackage): string {
  let dir = pkg.dir;
  while (path.basename(dir) !== 'node_modules') {
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(pkg.dir, '.cache', 'terraform-offline');
    dir = parent;
  }
  return path.join(dir, '.cache', 'terraform-offline');
}

export function schemaCacheFile(pkg: ProviderPackage): string {
  const safe = pkg.packageName.replace(/^@/, '').replace(/[^\w.-]+/g, '-');
  return path.join(schemaCacheDir(pkg), `${safe}@${pkg.packageVersion}.schema-v${SCHEMA_FORMAT_VERSION}.json`);
}

/**
 * Loads the schema of one provider package: from the on-disk cache when present, else
 * reconstructs it from the bindings and writes the cache (atomically, so parallel jest
 * workers never read a half-written file).
 */
export function loadProviderSchema(pkg: ProviderPackage): LoadedSchema {
  const started = Date.now();
  const primary = schemaCacheFile(pkg);
  // Fallback when node_modules is read-only.
  const fallback = path.join(os.tmpdir(), 'terraform-offline-cache', path.basename(primary));
  for (const cacheFile of [primary, fallback]) {
    try {
      const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as ProviderSchema;
      if (cached.formatVersion === SCHEMA_FORMAT_VERSION && cached.packageVersion === pkg.packageVersion) {
        return { schema: cached, cacheFile, fromCache: true, durationMs: Date.now() - started };
      }
    } catch {
      // missing or unreadable cache: try the next one, then rebuild
    }
  }
  const schema = buildProviderSchema(pkg);
  const text = JSON.stringify(schema);
  let lastError: unknown;
  for (const cacheFile of [primary, fallback]) {
    const tmp = `${cacheFile}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, cacheFile);
      return { schema, cacheFile, fromCache: false, durationMs: Date.now() - started };
    } catch (err) {
      lastError = err;
      fs.rmSync(tmp, { force: true });
    }
  }
  throw new Error(`terraform-offline: cannot write the schema cache: ${String(lastError)}`);
}

// ---------------------------------------------------------------------------
// Reconstruction
// ---------------------------------------------------------------------------

/** Reconstructs the full schema of a provider from its installed cdktf bindings (no cache). */
export function buildProviderSchema(pkg: ProviderPackage): ProviderSchema {
  const libDir = path.join(pkg.dir, 'lib');
  const resources: { [type: string]: BlockSchema } = {};
  const dataSources: { [type: string]: BlockSchema } = {};
  let provider: BlockSchema | undefined;

  const moduleDirs = fs
    .readdirSync(libDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join(libDir, e.name))
    .sort();
  for (const dir of moduleDirs) {
    const sources = readModuleSources(dir);
    if (sources.length === 0) continue;
    const mod = parseModule(sources);
    for (const cls of mod.classes.values()) {
      if (!cls.tfResourceType) continue;
      const builder = new SchemaBuilder(mod, dir);
      if (cls.base === 'TerraformResource') {
        resources[cls.tfResourceType] = builder.rootBlock(cls);
      } else if (cls.base === 'TerraformDataSource') {
        dataSources[cls.tfResourceType] = builder.rootBlock(cls);
      } else if (cls.base === 'TerraformProvider') {
        const block = builder.rootBlock(cls);
        // `alias` (and `version`) are meta-arguments handled by Terraform core, not provider schema.
        provider = { ...block, attributes: block.attributes.filter((a) => a.name !== 'alias' && a.name !== 'version') };
      }
    }
  }
  if (!provider) throw new Error(`terraform-offline: no provider class found in ${pkg.packageName}`);
  if (Object.keys(resources).length === 0) throw new Error(`terraform-offline: no resources found in ${pkg.packageName}`);
  return {
    formatVersion: SCHEMA_FORMAT_VERSION,
    address: pkg.address,
    packageName: pkg.packageName,
    packageVersion: pkg.packageVersion,
    providerVersion: pkg.providerVersion,
    provider,
    resources: sortKeys(resources),
    dataSources: sortKeys(dataSources),
  };
}

function sortKeys<T>(obj: { [k: string]: T }): { [k: string]: T } {
  const out: { [k: string]: T } = {};
  for (const k of Object.keys(obj).sort()) out[k] = obj[k];
  return out;
}

/** The TypeScript sources embedded (inline source maps) in every `.js` file of a module folder. */
function readModuleSources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (e.name.endsWith('.js')) {
        const js = fs.readFileSync(p, 'utf8');
        const marker = js.lastIndexOf('sourceMappingURL=data:application/json;base64,');
        if (marker < 0) {
          throw new Error(`terraform-offline: ${p} has no inline source map; cannot reconstruct its schema`);
        }
        const b64 = js.slice(marker + 'sourceMappingURL=data:application/json;base64,'.length).trim();
        const map = JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));
        for (const src of map.sourcesContent ?? []) if (typeof src === 'string') out.push(src);
      }
    }
  };
  walk(dir);
  return out;
}

// --- parsing ----------------------------------------------------------------

interface InterfaceProp {
  readonly camel: string;
  readonly snake?: string;
  readonly optional: boolean;
  readonly tsType: string;
  readonly isBlock: boolean;
}

interface Annotated {
  readonly snake: string;
  readonly camel: string;
  readonly computed: boolean;
  readonly optional: boolean;
  readonly required: boolean;
  /** `private _x?: T;` */
  readonly fieldType?: string;
  /** `private _x = new C(this, "x", wrapsSet)` */
  readonly newClass?: string;
  readonly newWrapsSet?: boolean;
  /** The getter's `return ...;` expression. */
  readonly getterReturn?: string;
}

interface HclEntry {
  readonly snake: string;
  readonly camel?: string;
  readonly isBlock: boolean;
  readonly kind: string;
  readonly storage: string;
  /** Nested struct (interface) name when the value is mapped through `<struct>ToHclTerraform`. */
  readonly struct?: string;
  /** True when the struct mapper is applied directly (a single object, not a list/set/map of them). */
  readonly direct: boolean;
}

interface ParsedClass {
  readonly name: string;
  readonly base: string;
  readonly tfResourceType?: string;
  readonly members: Map<string, Annotated>;
  readonly hcl: Map<string, HclEntry>;
  /** OutputReference classes built with an index (`super(..., false, 0)`) are list items. */
  readonly indexed: boolean;
}

interface ParsedModule {
  readonly interfaces: Map<string, InterfaceProp[]>;
  readonly interfacesLower: Map<string, string>;
  readonly classes: Map<string, ParsedClass>;
  /** `<struct>ToHclTerraform` entries, keyed by the lower-cased struct name. */
  readonly hclFns: Map<string, Map<string, HclEntry>>;
}

const ANNOTATION = /^\s*\/\/ ([\w-]+) - computed: (true|false), optional: (true|false), required: (true|false)\s*$/;
const HCL_ENTRY =
  /^\s*([\w-]+): \{\n\s*value: (.*),\n\s*isBlock: (true|false),\n\s*type: "(\w+)",\n\s*storageClassType: "(\w+)",/gm;

function parseModule(sources: string[]): ParsedModule {
  const mod: ParsedModule = {
    interfaces: new Map(),
    interfacesLower: new Map(),
    classes: new Map(),
    hclFns: new Map(),
  };
  for (const src of sources) {
    const lines = src.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!line.startsWith('export ')) continue;
      let end = i + 1;
      while (end < lines.length && lines[end] !== '}') end++;
      const body = lines.slice(i, end + 1);
      let m: RegExpExecArray | null;
      if ((m = /^export interface (\w+)\b/.exec(line))) {
        mod.interfaces.set(m[1], parseInterface(body));
        mod.interfacesLower.set(m[1].toLowerCase(), m[1]);
      } else if ((m = /^export class (\w+) extends (?:cdktf\.)?(\w+)/.exec(line))) {
        mod.classes.set(m[1], parseClass(m[1], m[2], body));
      } else if ((m = /^export function (\w+)ToHclTerraform\(/.exec(line))) {
        mod.hclFns.set(m[1].toLowerCase(), parseHclEntries(body.join('\n')));
      }
      i = end;
    }
  }
  return mod;
}

function parseInterface(body: string[]): InterfaceProp[] {
  const props: InterfaceProp[] = [];
  let comment = '';
  for (let i = 1; i < body.length; i++) {
    const line = body[i];
    if (/^\s*\/\*\*/.test(line)) {
      const parts: string[] = [];
      while (i < body.length && !/\*\/\s*$/.test(body[i])) parts.push(body[i++]);
      comment = parts.join('\n');
      continue;
    }
    const m = /^\s*readonly (\w+)(\?)?: (.*);\s*$/.exec(line);
    if (!m) continue;
    const link = /\{@link \S+#([\w-]+)[\s}]/.exec(comment);
    const snake = link?.[1];
    const blockLine = /^\s*\*\s*([\w-]+) block\s*$/m.exec(comment);
    props.push({
      camel: m[1],
      snake,
      optional: m[2] === '?',
      tsType: m[3],
      isBlock: !!blockLine && (!snake || blockLine[1] === snake),
    });
    comment = '';
  }
  return props;
}

function parseClass(name: string, base: string, body: string[]): ParsedClass {
  const members = new Map<string, Annotated>();
  let tfResourceType: string | undefined;
  let indexed = false;
  let hclStart = -1;
  for (let i = 1; i < body.length; i++) {
    const line = body[i];
    const rt = /public static readonly tfResourceType = "([^"]+)";/.exec(line);
    if (rt) tfResourceType = rt[1];
    if (/^\s*super\(terraformResource, terraformAttribute, (true|false), 0\);/.test(line)) indexed = true;
    if (/^\s*protected synthesizeHclAttributes\(\)/.test(line)) hclStart = i;
    const a = ANNOTATION.exec(line);
    if (!a) continue;
    const next = body[i + 1] ?? '';
    let fieldType: string | undefined;
    let newClass: string | undefined;
    let newWrapsSet: boolean | undefined;
    let camel: string | undefined;
    let m: RegExpExecArray | null;
    if ((m = /^\s*private _(\w+)\?: (.*);\s*$/.exec(next))) {
      camel = m[1];
      fieldType = m[2];
    } else if ((m = /^\s*private _(\w+) = new ([\w.]+)\(this, "[^"]*"(?:, (true|false))?\);/.exec(next))) {
      camel = m[1];
      newClass = m[2];
      newWrapsSet = m[3] === 'true';
    }
    let getterReturn: string | undefined;
    for (let j = i + 1; j < Math.min(body.length, i + 12); j++) {
      const g = /^\s*public get (\w+)\(\)/.exec(body[j]);
      if (g) {
        camel = camel ?? g[1];
        const r = /^\s*return (.*);\s*$/.exec(body[j + 1] ?? '');
        getterReturn = r?.[1];
        break;
      }
    }
    members.set(a[1], {
      snake: a[1],
      camel: camel ?? a[1],
      computed: a[2] === 'true',
      optional: a[3] === 'true',
      required: a[4] === 'true',
      fieldType,
      newClass,
      newWrapsSet,
      getterReturn,
    });
  }
  const hcl = hclStart >= 0 ? parseHclEntries(body.slice(hclStart).join('\n')) : new Map<string, HclEntry>();
  return { name, base, tfResourceType, members, hcl, indexed };
}

function parseHclEntries(text: string): Map<string, HclEntry> {
  const entries = new Map<string, HclEntry>();
  HCL_ENTRY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HCL_ENTRY.exec(text))) {
    const value = m[2];
    const camel = /(?:this\._|struct!\.)(\w+)/.exec(value)?.[1];
    const fn = /(?:^|[^.\w])([a-z]\w*)ToHclTerraform\b/.exec(value.replace(/^.*\? null : /, ''));
    const unwrapped = value.replace(/^.*\? null : /, '');
    entries.set(m[1], {
      snake: m[1],
      camel,
      isBlock: m[3] === 'true',
      kind: m[4],
      storage: m[5],
      struct: fn ? fn[1] : undefined,
      direct: fn ? unwrapped.startsWith(`${fn[1]}ToHclTerraform(`) : false,
    });
  }
  return entries;
}

// --- schema assembly ---------------------------------------------------------

const PRIMITIVES: { [k: string]: CtyType } = { string: 'string', number: 'number', boolean: 'bool', any: 'dynamic' };

/** `stringListList` with kind `set` -> `["set",["list","string"]]`; `anyMap` -> `"dynamic"`. */
function typeFromStorage(kind: string, storage: string): CtyType {
  const m = /^(string|number|boolean|any)((?:List|Map)*)$/.exec(storage);
  if (!m) return 'dynamic';
  if (m[1] === 'any' && m[2] !== '') return 'dynamic';
  let t: CtyType = PRIMITIVES[m[1]];
  const suffixes = m[2].match(/List|Map/g) ?? [];
  suffixes.forEach((s, i) => {
    let k = s === 'Map' ? 'map' : 'list';
    if (i === suffixes.length - 1 && (kind === 'list' || kind === 'set' || kind === 'map')) k = kind;
    t = [k, t];
  });
  return t;
}

/** `cdktf.StringMap` -> map(string), `cdktf.NumberMapList` -> list(map(number)). */
function typeFromBuiltinClass(cls: string): CtyType {
  const m = /^(String|Number|Boolean|Any)((?:List|Map)+)$/.exec(cls.replace(/^cdktf\./, ''));
  if (!m) return 'dynamic';
  return typeFromStorage('', m[1].toLowerCase() + m[2]);
}

/** Maps a TypeScript property type of the bindings to a cty type (fallback only). */
function typeFromTs(ts: string): CtyType {
  const t = ts.replace(/\s*\|\s*cdktf\.IResolvable/g, '').replace(/^\((.*)\)$/, '$1').trim();
  if (t === 'string') return 'string';
  if (t === 'number') return 'number';
  if (t === 'boolean') return 'bool';
  if (t === 'any') return 'dynamic';
  let m: RegExpExecArray | null;
  if ((m = /^(.*)\[\]$/.exec(t))) return ['list', typeFromTs(m[1])];
  if ((m = /^\{ \[key: string\]: (.*) \}$/.exec(t))) {
    const inner = typeFromTs(m[1]);
    return inner === 'dynamic' ? 'dynamic' : ['map', inner];
  }
  return 'dynamic';
}

class SchemaBuilder {
  constructor(
    private readonly mod: ParsedModule,
    private readonly where: string,
  ) {}

  rootBlock(cls: ParsedClass): BlockSchema {
    const iface = this.mod.interfaces.get(`${cls.name}Config`) ?? [];
    return this.block(cls.members, cls.hcl, iface, 0);
  }

  private structParts(struct: string): {
    members: Map<string, Annotated>;
    hcl: Map<string, HclEntry>;
    iface: InterfaceProp[];
    name: string;
  } {
    const name = this.mod.interfacesLower.get(struct.toLowerCase()) ?? struct;
    const ref = this.mod.classes.get(`${name}OutputReference`);
    return {
      name,
      members: ref?.members ?? new Map(),
      hcl: this.mod.hclFns.get(name.toLowerCase()) ?? new Map(),
      iface: this.mod.interfaces.get(name) ?? [],
    };
  }

  private block(
    members: Map<string, Annotated>,
    hcl: Map<string, HclEntry>,
    iface: InterfaceProp[],
    depth: number,
  ): BlockSchema {
    if (depth > 40) throw new Error(`terraform-offline: schema nesting too deep in ${this.where}`);
    const propsBySnake = new Map<string, InterfaceProp>();
    const propsByCamel = new Map<string, InterfaceProp>();
    for (const p of iface) {
      if (p.snake) propsBySnake.set(p.snake, p);
      propsByCamel.set(p.camel, p);
    }
    const names = new Set<string>([...members.keys(), ...hcl.keys()]);
    const attributes: AttributeSchema[] = [];
    const blockTypes: NestedBlockSchema[] = [];

    for (const name of [...names].sort()) {
      const ann = members.get(name);
      const entry = hcl.get(name);
      const prop =
        propsBySnake.get(name) ??
        (entry?.camel ? propsByCamel.get(entry.camel) : undefined) ??
        (ann ? propsByCamel.get(ann.camel) : undefined);

      if (entry) {
        const required = ann ? ann.required : prop ? !prop.optional : false;
        const computed = ann ? ann.computed : false;
        const flags = required ? { required: true } : computed ? { optional: true, computed: true } : { optional: true };
        if (entry.struct) {
          const nested = this.structParts(entry.struct);
          const inner = this.block(nested.members, nested.hcl, nested.iface, depth + 1);
          const isBlock = prop ? prop.isBlock : entry.isBlock;
          const nesting: NestingMode =
            entry.kind === 'struct' ? 'single' : entry.kind === 'set' ? 'set' : entry.kind === 'map' ? 'map' : 'list';
          if (isBlock && nesting !== 'map') {
            blockTypes.push({
              name,
              // Terraform rejects dynamic-typed content in set blocks; the bindings type a few deep
              // nested blocks (wafv2 `statement`) as `any`, so such sets degrade to lists.
              nesting: nesting === 'set' && blockHasDynamic(inner) ? 'list' : nesting,
              // Terraform requires min == max (0 or 1) for NestingSingle.
              minItems: required ? 1 : 0,
              maxItems: nesting === 'single' ? (required ? 1 : 0) : entry.direct ? 1 : 0,
              block: inner,
            });
          } else {
            const nestedAttrs = flattenToAttributes(inner);
            const safeNesting = nesting === 'set' && blockHasDynamic({ attributes: nestedAttrs, blockTypes: [] }) ? 'list' : nesting;
            attributes.push({ name, nestedType: { nesting: safeNesting, attributes: nestedAttrs }, ...flags });
          }
        } else {
          attributes.push({ name, type: typeFromStorage(entry.kind, entry.storage), ...flags });
        }
        continue;
      }
      if (ann) {
        const computedOnly = ann.computed && !ann.optional && !ann.required;
        const type = this.memberType(ann, depth + 1);
        if (computedOnly) {
          attributes.push({ name, type, computed: true });
        } else {
          // Configurable per the annotation but absent from the HCL mapping: keep it permissive.
          attributes.push(
            ann.required ? { name, type, required: true } : { name, type, optional: true, ...(ann.computed ? { computed: true } : {}) },
          );
        }
      }
    }
    return { attributes, blockTypes };
  }

  /** The cty type of an annotated accessor (used for computed-only attributes). */
  private memberType(ann: Annotated, depth: number): CtyType {
    if (ann.newClass) {
      const cls = ann.newClass;
      if (cls.startsWith('cdktf.')) return typeFromBuiltinClass(cls);
      let m: RegExpExecArray | null;
      if ((m = /^(\w+)OutputReference$/.exec(cls))) {
        const obj = this.objectType(m[1], depth);
        return this.mod.classes.get(cls)?.indexed ? ['list', obj] : obj;
      }
      if ((m = /^(\w+)List$/.exec(cls)) && this.mod.classes.has(`${m[1]}OutputReference`)) {
        return [ann.newWrapsSet ? 'set' : 'list', this.objectType(m[1], depth)];
      }
      if ((m = /^(\w+)Map$/.exec(cls)) && this.mod.classes.has(`${m[1]}OutputReference`)) {
        return ['map', this.objectType(m[1], depth)];
      }
      return typeFromBuiltinClass(cls);
    }
    const r = ann.getterReturn ?? '';
    if (/getStringAttribute\(/.test(r)) return 'string';
    if (/getNumberAttribute\(/.test(r)) return 'number';
    if (/getBooleanAttribute\(/.test(r)) return 'bool';
    if (/Fn\.tolist\(this\.getListAttribute\(/.test(r)) return ['set', 'string'];
    if (/getListAttribute\(/.test(r)) return ['list', 'string'];
    if (/Fn\.tolist\(this\.getNumberListAttribute\(/.test(r)) return ['set', 'number'];
    if (/getNumberListAttribute\(/.test(r)) return ['list', 'number'];
    if (/getStringMapAttribute\(/.test(r)) return ['map', 'string'];
    if (/getNumberMapAttribute\(/.test(r)) return ['map', 'number'];
    if (/getBooleanMapAttribute\(/.test(r)) return ['map', 'bool'];
    if (/getAnyMapAttribute\(/.test(r)) return 'dynamic';
    if (ann.fieldType) {
      const t = typeFromTs(ann.fieldType);
      if (/Fn\.tolist\(/.test(r) && Array.isArray(t) && t[0] === 'list') return ['set', t[1] as CtyType];
      return t;
    }
    return 'dynamic';
  }

  private objectType(struct: string, depth: number): CtyType {
    if (depth > 40) throw new Error(`terraform-offline: schema nesting too deep in ${this.where}`);
    const parts = this.structParts(struct);
    const attrs: { [name: string]: CtyType } = {};
    if (parts.members.size > 0) {
      for (const [name, ann] of [...parts.members.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        attrs[name] = this.memberType(ann, depth + 1);
      }
    } else {
      const block = this.block(parts.members, parts.hcl, parts.iface, depth + 1);
      Object.assign(attrs, objectTypeOfBlock(block)[1]);
    }
    return ['object', attrs];
  }
}

function typeHasDynamic(t: CtyType): boolean {
  if (typeof t === 'string') return t === 'dynamic';
  if (t[0] === 'object') return Object.values(t[1] as { [name: string]: CtyType }).some(typeHasDynamic);
  return typeHasDynamic(t[1] as CtyType);
}

function blockHasDynamic(block: BlockSchema): boolean {
  return (
    block.attributes.some((a) => typeHasDynamic(attributeType(a))) || block.blockTypes.some((b) => blockHasDynamic(b.block))
  );
}

/** A nested attribute cannot hold blocks: turn any nested blocks into nested attributes. */
function flattenToAttributes(block: BlockSchema): AttributeSchema[] {
  const attrs = [...block.attributes];
  for (const b of block.blockTypes) {
    attrs.push({
      name: b.name,
      nestedType: { nesting: b.nesting, attributes: flattenToAttributes(b.block) },
      ...(b.minItems > 0 ? { required: true } : { optional: true }),
    });
  }
  return attrs.sort((a, b) => a.name.localeCompare(b.name));
}

/** The cty object type of values of a block (used for object-typed computed attributes). */
export function objectTypeOfBlock(block: BlockSchema): ['object', { [name: string]: CtyType }] {
  const attrs: { [name: string]: CtyType } = {};
  for (const a of block.attributes) attrs[a.name] = attributeType(a);
  for (const b of block.blockTypes) {
    const obj = objectTypeOfBlock(b.block);
    attrs[b.name] = b.nesting === 'single' ? obj : [b.nesting, obj];
  }
  return ['object', attrs];
}

/** The cty type of an attribute's value (nested attributes included). */
export function attributeType(a: AttributeSchema): CtyType {
  if (a.type !== undefined) return a.type;
  const nested = a.nestedType!;
  const attrs: { [name: string]: CtyType } = {};
  for (const inner of nested.attributes) attrs[inner.name] = attributeType(inner);
  const obj: CtyType = ['object', attrs];
  return nested.nesting === 'single' ? obj : [nested.nesting, obj];
}

/** Looks up an attribute or block of a block schema by name (for tests and tooling). */
export function findInBlock(
  block: BlockSchema,
  name: string,
): { kind: 'attribute'; attribute: AttributeSchema } | { kind: 'block'; block: NestedBlockSchema } | undefined {
  const attribute = block.attributes.find((a) => a.name === name);
  if (attribute) return { kind: 'attribute', attribute };
  const nested = block.blockTypes.find((b) => b.name === name);
  if (nested) return { kind: 'block', block: nested };
  return undefined;
}
