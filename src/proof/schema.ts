/**
 * Provider schemas for the offline proof: the real `terraform providers schema -json` output when
 * a dump of the installed bindings' provider version is at hand (schemas/terraform-providers/),
 * else a reconstruction from the installed cdktf provider bindings.
 *
 * Every generated module of a `@cdktf/provider-*` package embeds its TypeScript
 * source in an inline source map. That source is regular generator output and
 * carries most of what a Terraform schema needs:
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
 * Lost on the way: descriptions, `sensitive`, `deprecated`, `write_only`, schema versions,
 * and block min/max items beyond "required" and "at most 1". A rebuilt schema gets those
 * back from a dump of another version of the same provider where the block exists there
 * ("patched"); the schema says which it is (`source`).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';

/** Bump whenever the reconstruction logic changes: it is part of the cache key. */
export const SCHEMA_FORMAT_VERSION = 5;

/** A cty type in Terraform's JSON type notation (`"string"`, `["list","number"]`, `["object",{...}]`). */
export type CtyType = string | [string, CtyType] | ['object', { [name: string]: CtyType }];

export type NestingMode = 'single' | 'list' | 'set' | 'map' | 'group';

export interface AttributeSchema {
  readonly name: string;
  /** Set for plain attributes; absent when `nestedType` is set. */
  readonly type?: CtyType;
  /** Set for nested attributes (object-typed arguments that are not blocks). */
  readonly nestedType?: NestedObjectSchema;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  /** Write-only arguments (Terraform 1.11): never stored in plan or state. */
  readonly writeOnly?: boolean;
}

export interface NestedObjectSchema {
  readonly nesting: NestingMode;
  readonly attributes: AttributeSchema[];
}

export interface BlockSchema {
  readonly attributes: AttributeSchema[];
  readonly blockTypes: NestedBlockSchema[];
  readonly deprecated?: boolean;
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
  /** Schema versions of the resource types (real schemas only; 0 when absent). */
  readonly resourceVersions?: { [type: string]: number };
  /** Where the schema comes from. */
  readonly source: SchemaSource;
}

export interface SchemaSource {
  /**
   * `real`: resources and data sources from the provider's own schema dump (the provider
   * configuration block is rebuilt: dumps do not carry it); `rebuilt`: from the bindings.
   */
  readonly kind: 'real' | 'rebuilt';
  /** The dump file used (`real`), or the dump of another version that patched a rebuilt schema. */
  readonly dump?: string;
  /** Size in bytes of that dump (part of the cache key). */
  readonly dumpSize?: number;
  /** Rebuilt schemas: how many blocks and attributes were patched from `dump`. */
  readonly patched?: number;
  /** Real schemas: types of the bindings that the dump lacks, served rebuilt (`data.` prefix for data sources). */
  readonly rebuiltTypes?: string[];
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

/** npm scopes searched for prebuilt provider bindings: cdktf's, and its community fork's. */
export const PROVIDER_SCOPES = ['@cdktf', '@cdktn'];

/**
 * Lists the installed prebuilt provider bindings visible from `fromDir`, nearest first:
 * packages named `@cdktf/provider-*` or `@cdktn/provider-*` whose package.json declares the
 * provider they wrap (`cdktf.provider.name` and `.version`; `cdktn.provider` is read the same way).
 */
export function findProviderPackages(fromDir: string = process.cwd()): ProviderPackage[] {
  const found = new Map<string, ProviderPackage>();
  for (const nodeModules of nodeModulesDirs(fromDir)) {
    for (const scope of PROVIDER_SCOPES) {
      const scopeDir = path.join(nodeModules, scope);
      let names: string[] = [];
      try {
        names = fs.readdirSync(scopeDir).filter((n) => n.startsWith('provider-')).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        const dir = path.join(scopeDir, name);
        try {
          const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
          const provider = pkg?.cdktf?.provider ?? pkg?.cdktn?.provider;
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
  // A schema served from a dump alone (no bindings installed) is cached in the temp folder.
  if (!pkg.dir) return path.join(os.tmpdir(), 'terraform-offline-cache');
  let dir = pkg.dir;
  while (path.basename(dir) !== 'node_modules') {
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(pkg.dir, '.cache', 'terraform-offline');
    dir = parent;
  }
  return path.join(dir, '.cache', 'terraform-offline');
}

export function schemaCacheFile(pkg: ProviderPackage, kind: SchemaSource['kind'] = 'rebuilt'): string {
  const safe = pkg.packageName.replace(/^@/, '').replace(/[^\w.-]+/g, '-');
  return path.join(schemaCacheDir(pkg), `${safe}@${pkg.packageVersion}.schema-v${SCHEMA_FORMAT_VERSION}.${kind}.json`);
}

export interface SchemaOptions {
  /**
   * Folders holding real schema dumps named `<provider>-<version>.json.gz` (the output of
   * `terraform providers schema -json`, gzipped). Default: the dumps shipped with this package
   * (`[bundledSchemaDumpDir()]`); pass `[]` to serve and patch nothing from dumps.
   */
  readonly schemaDumpDirs?: string[];
  /** `rebuilt` ignores the dumps for serving (they still patch what the bindings lose); default `auto`. */
  readonly schemaSource?: 'auto' | 'rebuilt';
}

/** The dumps shipped with this package (`schemas/terraform-providers/`), wherever it is installed. */
export function bundledSchemaDumpDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'schemas', 'terraform-providers');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(__dirname, '..', '..', 'schemas', 'terraform-providers');
    dir = parent;
  }
}

export interface SchemaDump {
  readonly file: string;
  /** Provider type name (`aws`), from the file name. */
  readonly name: string;
  readonly version: string;
  readonly size: number;
}

/** Every `<name>-<version>.json.gz` in the given folders (missing folders are skipped). */
export function findSchemaDumps(dirs: readonly string[]): SchemaDump[] {
  const out: SchemaDump[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = fs.readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const n of names) {
      const m = /^([a-z0-9-]+?)-(\d+\.\d+\.\d+[\w.+-]*)\.json\.gz$/.exec(n);
      if (!m) continue;
      const file = path.join(dir, n);
      out.push({ file, name: m[1], version: m[2], size: fs.statSync(file).size });
    }
  }
  return out;
}

function dumpsFor(pkg: ProviderPackage, options: SchemaOptions): SchemaDump[] {
  const name = pkg.address.split('/').pop()!;
  const dirs = options.schemaDumpDirs ?? [bundledSchemaDumpDir()];
  return findSchemaDumps(dirs).filter((d) => d.name === name);
}

/**
 * Loads the schema of one provider package. With a dump of exactly the bindings' provider
 * version the real schema is served; otherwise it is rebuilt from the bindings and patched from
 * the nearest dump of the same provider. Cached on disk (written atomically, so parallel jest
 * workers never read a half-written file).
 */
export function loadProviderSchema(pkg: ProviderPackage, options: SchemaOptions = {}): LoadedSchema {
  const started = Date.now();
  const dumps = dumpsFor(pkg, options);
  const exact = options.schemaSource === 'rebuilt' ? undefined : dumps.find((d) => d.version === pkg.providerVersion);
  const nearest = exact ?? nearestDump(dumps, pkg.providerVersion);
  const kind: SchemaSource['kind'] = exact ? 'real' : 'rebuilt';
  const primary = schemaCacheFile(pkg, kind);
  // Fallback when node_modules is read-only.
  const fallback = path.join(os.tmpdir(), 'terraform-offline-cache', path.basename(primary));
  for (const cacheFile of [primary, fallback]) {
    try {
      const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as ProviderSchema;
      if (
        cached.formatVersion === SCHEMA_FORMAT_VERSION &&
        cached.packageVersion === pkg.packageVersion &&
        cached.source?.kind === kind &&
        path.basename(cached.source?.dump ?? '') === path.basename(nearest?.file ?? '') &&
        cached.source?.dumpSize === nearest?.size
      ) {
        return { schema: cached, cacheFile, fromCache: true, durationMs: Date.now() - started };
      }
    } catch {
      // missing or unreadable cache: try the next one, then rebuild
    }
  }
  let schema: ProviderSchema;
  if (exact) {
    schema = realProviderSchema(pkg, exact);
  } else {
    schema = buildProviderSchema(pkg);
    if (nearest) schema = patchFromDump(schema, readDump(nearest, pkg.address), nearest);
  }
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

/** One line for reports: `aws 6.25.0: real schema (aws-6.25.0.json.gz)`. */
export function describeSchemaSource(schema: ProviderSchema): string {
  const name = schema.address.replace(/^registry\.terraform\.io\//, '');
  const src = schema.source;
  if (src.kind === 'real') {
    const extra = src.rebuiltTypes?.length
      ? `; ${src.rebuiltTypes.length} types it lacks rebuilt from ${schema.packageName}`
      : schema.packageName.startsWith('schema dump') ? '; no bindings installed: types the dump lacks are unavailable' : '';
    return `${name} ${schema.providerVersion}: real schema (${path.basename(src.dump ?? '')}${extra})`;
  }
  const patched = src.dump ? `, ${src.patched ?? 0} block limits and flags patched from ${path.basename(src.dump)}` : '';
  return `${name} ${schema.providerVersion}: rebuilt from ${schema.packageName} ${schema.packageVersion}${patched}`;
}

/**
 * A provider served from a schema dump alone, for projects without npm provider bindings (the CLI
 * in a Python, Java, C# or Go project): the newest dump of `address` in the dump folders.
 */
export function dumpOnlyPackage(address: string, options: SchemaOptions = {}): ProviderPackage | undefined {
  if (options.schemaSource === 'rebuilt') return undefined;
  const [host, namespace, name] = address.split('/');
  if (host !== 'registry.terraform.io' || namespace !== 'hashicorp') return undefined;
  const dumps = findSchemaDumps(options.schemaDumpDirs ?? [bundledSchemaDumpDir()]).filter((d) => d.name === name);
  const newest = [...dumps].sort((a, b) => compareVersionStrings(b.version, a.version))[0];
  if (!newest) return undefined;
  return { address, packageName: `schema dump ${path.basename(newest.file)}`, packageVersion: newest.version, providerVersion: newest.version, dir: '' };
}

function compareVersionStrings(a: string, b: string): number {
  const x = a.split('.').map((n) => Number(n) || 0);
  const y = b.split('.').map((n) => Number(n) || 0);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function nearestDump(dumps: SchemaDump[], version: string): SchemaDump | undefined {
  const v = version.split('.').map((n) => Number(n) || 0);
  const score = (d: SchemaDump) => {
    const w = d.version.split('.').map((n) => Number(n) || 0);
    return Math.abs((w[0] - v[0]) * 1e6 + ((w[1] ?? 0) - (v[1] ?? 0)) * 1e3 + ((w[2] ?? 0) - (v[2] ?? 0)));
  };
  return [...dumps].sort((a, b) => score(a) - score(b))[0];
}

// --- real schema dumps ---------------------------------------------------------

interface DumpAttribute {
  type?: CtyType;
  nested_type?: { attributes: { [name: string]: DumpAttribute }; nesting_mode: string };
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
  write_only?: boolean;
}

interface DumpBlock {
  attributes?: { [name: string]: DumpAttribute };
  block_types?: { [name: string]: { nesting_mode: string; min_items?: number; max_items?: number; block: DumpBlock } };
  deprecated?: boolean;
}

interface DumpProvider {
  provider?: { version?: number; block: DumpBlock };
  resource_schemas?: { [type: string]: { version?: number; block: DumpBlock } };
  data_source_schemas?: { [type: string]: { version?: number; block: DumpBlock } };
}

/** Reads one provider's part of a `terraform providers schema -json` dump. */
export function readDump(dump: SchemaDump, address: string): DumpProvider {
  const doc = JSON.parse(zlib.gunzipSync(fs.readFileSync(dump.file)).toString('utf8'));
  const provider = doc?.provider_schemas?.[address];
  if (!provider) {
    throw new Error(`terraform-offline: ${dump.file} holds no schema for ${address} (has ${Object.keys(doc?.provider_schemas ?? {}).join(', ')})`);
  }
  return provider as DumpProvider;
}

function convertAttribute(name: string, a: DumpAttribute): AttributeSchema {
  const flags = {
    ...(a.required ? { required: true } : {}),
    ...(a.optional ? { optional: true } : {}),
    ...(a.computed ? { computed: true } : {}),
    ...(a.sensitive ? { sensitive: true } : {}),
    ...(a.deprecated ? { deprecated: true } : {}),
    ...(a.write_only ? { writeOnly: true } : {}),
  };
  if (a.nested_type) {
    const attributes = Object.entries(a.nested_type.attributes ?? {})
      .map(([n, inner]) => convertAttribute(n, inner))
      .sort((x, y) => x.name.localeCompare(y.name));
    return { name, nestedType: { nesting: a.nested_type.nesting_mode as NestingMode, attributes }, ...flags };
  }
  return { name, type: a.type ?? 'dynamic', ...flags };
}

/** Converts a dump block to this tool's block schema (names sorted). */
export function convertDumpBlock(b: DumpBlock): BlockSchema {
  const attributes = Object.entries(b.attributes ?? {})
    .map(([n, a]) => convertAttribute(n, a))
    .sort((x, y) => x.name.localeCompare(y.name));
  const blockTypes = Object.entries(b.block_types ?? {})
    .map(([n, bt]) => ({
      name: n,
      nesting: bt.nesting_mode as NestingMode,
      minItems: bt.min_items ?? 0,
      maxItems: bt.max_items ?? 0,
      block: convertDumpBlock(bt.block),
    }))
    .sort((x, y) => x.name.localeCompare(y.name));
  return { attributes, blockTypes, ...(b.deprecated ? { deprecated: true } : {}) };
}

function realProviderSchema(pkg: ProviderPackage, dump: SchemaDump): ProviderSchema {
  const real = readDump(dump, pkg.address);
  const resources: { [type: string]: BlockSchema } = {};
  const dataSources: { [type: string]: BlockSchema } = {};
  const resourceVersions: { [type: string]: number } = {};
  for (const [type, s] of Object.entries(real.resource_schemas ?? {})) {
    resources[type] = convertDumpBlock(s.block);
    if (s.version) resourceVersions[type] = s.version;
  }
  for (const [type, s] of Object.entries(real.data_source_schemas ?? {})) dataSources[type] = convertDumpBlock(s.block);
  // Types of the bindings that the dump lacks (its generator skipped a few very large schemas)
  // are rebuilt, and so is the provider block when the dump has none. Without bindings (a
  // Python, Java, C# or Go project running the CLI), the provider block comes from the
  // `<name>-<version>.provider.json` beside the dump and the types the dump lacks are missing.
  const providerName = pkg.address.split('/').pop()!;
  const vendoredProvider = dump.file.replace(/\.json\.gz$/, '.provider.json');
  const rebuilt = pkg.dir
    ? rebuildModules(pkg, (dirName) => {
      const t = moduleType(providerName, dirName);
      if (t.kind === 'provider') return !real.provider;
      return t.kind === 'data' ? !dataSources[t.type] : !resources[t.type];
    })
    : {
      resources: {},
      dataSources: {},
      provider: fs.existsSync(vendoredProvider) ? (JSON.parse(fs.readFileSync(vendoredProvider, 'utf8')) as BlockSchema) : undefined,
    };
  const rebuiltTypes: string[] = [];
  for (const [type, block] of Object.entries(rebuilt.resources)) {
    if (resources[type]) continue;
    resources[type] = block;
    rebuiltTypes.push(type);
  }
  for (const [type, block] of Object.entries(rebuilt.dataSources)) {
    if (dataSources[type]) continue;
    dataSources[type] = block;
    rebuiltTypes.push(`data.${type}`);
  }
  const provider = real.provider ? convertDumpBlock(real.provider.block) : rebuilt.provider;
  if (!provider) throw new Error(`terraform-offline: no provider configuration schema for ${pkg.address} (no bindings, no ${path.basename(vendoredProvider)})`);
  return {
    formatVersion: SCHEMA_FORMAT_VERSION,
    address: pkg.address,
    packageName: pkg.packageName,
    packageVersion: pkg.packageVersion,
    providerVersion: pkg.providerVersion,
    provider,
    resources: sortKeys(resources),
    dataSources: sortKeys(dataSources),
    resourceVersions,
    source: { kind: 'real', dump: dump.file, dumpSize: dump.size, ...(rebuiltTypes.length ? { rebuiltTypes: rebuiltTypes.sort() } : {}) },
  };
}

/**
 * Gives a rebuilt schema what the bindings lose, from a dump of another version of the same
 * provider, wherever the block or attribute exists there with the same shape: min/max items of
 * nested blocks, `sensitive`, `deprecated` and `write_only`.
 */
export function patchFromDump(schema: ProviderSchema, real: DumpProvider, dump: SchemaDump): ProviderSchema {
  let patched = 0;
  const patchBlock = (rebuilt: BlockSchema, other: BlockSchema): BlockSchema => {
    const attributes = rebuilt.attributes.map((a) => {
      const o = other.attributes.find((x) => x.name === a.name);
      if (!o) return a;
      let next: AttributeSchema = a;
      const flags = { sensitive: o.sensitive, deprecated: o.deprecated, writeOnly: o.writeOnly };
      if (flags.sensitive || flags.deprecated || flags.writeOnly) {
        next = {
          ...next,
          ...(o.sensitive ? { sensitive: true } : {}),
          ...(o.deprecated ? { deprecated: true } : {}),
          ...(o.writeOnly ? { writeOnly: true } : {}),
        };
        patched++;
      }
      return next;
    });
    const blockTypes = rebuilt.blockTypes.map((b) => {
      const o = other.blockTypes.find((x) => x.name === b.name);
      if (!o || o.nesting !== b.nesting) return b;
      const limits = { minItems: o.minItems, maxItems: o.maxItems };
      if (limits.minItems !== b.minItems || limits.maxItems !== b.maxItems) patched++;
      return { ...b, ...limits, block: patchBlock(b.block, o.block) };
    });
    return { ...rebuilt, attributes, blockTypes };
  };
  const patchAll = (blocks: { [type: string]: BlockSchema }, others: DumpProvider['resource_schemas']) => {
    const out: { [type: string]: BlockSchema } = {};
    for (const [type, block] of Object.entries(blocks)) {
      const o = others?.[type];
      out[type] = o ? patchBlock(block, convertDumpBlock(o.block)) : block;
    }
    return out;
  };
  const resources = patchAll(schema.resources, real.resource_schemas);
  const dataSources = patchAll(schema.dataSources, real.data_source_schemas);
  return { ...schema, resources, dataSources, source: { kind: 'rebuilt', dump: dump.file, dumpSize: dump.size, patched } };
}

/** A cty type with object attributes in name order (for comparing types). */
export function canonicalType(t: CtyType): unknown {
  if (typeof t === 'string') return t;
  if (t[0] === 'object') {
    const attrs = t[1] as { [name: string]: CtyType };
    return ['object', Object.keys(attrs).sort().map((k) => [k, canonicalType(attrs[k])])];
  }
  return [t[0], canonicalType(t[1] as CtyType)];
}

// ---------------------------------------------------------------------------
// Reconstruction
// ---------------------------------------------------------------------------

/** Reconstructs the full schema of a provider from its installed cdktf bindings (no cache). */
export function buildProviderSchema(pkg: ProviderPackage): ProviderSchema {
  const { resources, dataSources, provider } = rebuildModules(pkg, () => true);
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
    source: { kind: 'rebuilt' },
  };
}

/**
 * The type a bindings module folder holds by cdktf's naming (`wafv2-web-acl` → resource
 * `aws_wafv2_web_acl`, `data-aws-vpc` → data source `aws_vpc`), to find the few types a dump lacks
 * without rebuilding every module. Folders whose name does not follow the pattern are rebuilt.
 */
function moduleType(providerName: string, dirName: string): { kind: 'resource' | 'data' | 'provider'; type: string } {
  if (dirName === 'provider') return { kind: 'provider', type: providerName };
  const data = dirName.startsWith(`data-${providerName}-`);
  const rest = data ? dirName.slice(`data-${providerName}-`.length) : dirName;
  return { kind: data ? 'data' : 'resource', type: `${providerName}_${rest.replace(/-/g, '_')}` };
}

function rebuildModules(
  pkg: ProviderPackage,
  wanted: (dirName: string) => boolean,
): { resources: { [type: string]: BlockSchema }; dataSources: { [type: string]: BlockSchema }; provider?: BlockSchema } {
  const libDir = path.join(pkg.dir, 'lib');
  const resources: { [type: string]: BlockSchema } = {};
  const dataSources: { [type: string]: BlockSchema } = {};
  let provider: BlockSchema | undefined;

  const moduleDirs = fs
    .readdirSync(libDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && wanted(e.name))
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
  return { resources, dataSources, provider };
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
      } else if ((m = /^export class (\w+) extends (?:cdktf\.|cdktn\.)?(\w+)/.exec(line))) {
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

/** `cdktf.StringMap` (or `cdktn.StringMap`) -> map(string), `cdktf.NumberMapList` -> list(map(number)). */
function typeFromBuiltinClass(cls: string): CtyType {
  const m = /^(String|Number|Boolean|Any)((?:List|Map)+)$/.exec(cls.replace(/^cdkt[fn]\./, ''));
  if (!m) return 'dynamic';
  return typeFromStorage('', m[1].toLowerCase() + m[2]);
}

/** Maps a TypeScript property type of the bindings to a cty type (fallback only). */
function typeFromTs(ts: string): CtyType {
  const t = ts.replace(/\s*\|\s*cdkt[fn]\.IResolvable/g, '').replace(/^\((.*)\)$/, '$1').trim();
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
  /** The structs being expanded, outermost first: a struct met again inside itself is recursive. */
  private readonly expanding: string[] = [];

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
          if (this.expanding.includes(nested.name)) {
            // A recursive struct (AWS 6.66's aws_wafv2_web_acl_rule: `statement` > `and_statement` > `statement`
            // ...). A real schema is finite but the bindings do not say where it stops: the recursive part is
            // typed dynamic (any value passes offline) rather than guessed.
            attributes.push({ name, type: 'dynamic', ...flags });
            continue;
          }
          this.expanding.push(nested.name);
          let inner: BlockSchema;
          try {
            inner = this.block(nested.members, nested.hcl, nested.iface, depth + 1);
          } finally {
            this.expanding.pop();
          }
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
            // An object-typed argument (SDKv2 "attributes as blocks", framework object attributes):
            // the real schemas declare it as a plain cty type, and Terraform core lets JSON
            // configurations omit attributes of list/set-of-object values (its blocktoattr fix-up).
            const obj = objectTypeOfBlock(inner);
            const safeNesting = nesting === 'set' && typeHasDynamic(obj) ? 'list' : nesting;
            attributes.push({ name, type: safeNesting === 'single' ? obj : [safeNesting, obj], ...flags });
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
      if (/^cdkt[fn]\./.test(cls)) return typeFromBuiltinClass(cls);
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
    if (this.expanding.includes(parts.name)) return 'dynamic'; // recursive, as in block()
    this.expanding.push(parts.name);
    try {
      return this.objectTypeOf(parts, depth);
    } finally {
      this.expanding.pop();
    }
  }

  private objectTypeOf(parts: ReturnType<SchemaBuilder['structParts']>, depth: number): CtyType {
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

/** The cty object type of values of a block (used for object-typed computed attributes). */
export function objectTypeOfBlock(block: BlockSchema): ['object', { [name: string]: CtyType }] {
  const attrs: { [name: string]: CtyType } = {};
  for (const a of block.attributes) attrs[a.name] = attributeType(a);
  for (const b of block.blockTypes) {
    const obj = objectTypeOfBlock(b.block);
    attrs[b.name] = b.nesting === 'single' || b.nesting === 'group' ? obj : [b.nesting, obj];
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
