/**
 * Runs real Terraform core (`validate` + `plan` against an empty state) on a synthesized
 * cdktf stack, fully offline: the providers are replaced by local schema-serving gRPC
 * servers (server.js) that Terraform reaches through TF_REATTACH_PROVIDERS.
 *
 * Everything here is synchronous (Terraform runs through spawnSync; the provider servers are
 * separate child processes), so it works from a plain jest matcher.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  bundledSchemaDumpDir,
  describeSchemaSource,
  dumpOnlyPackage,
  findProviderPackages,
  loadProviderSchema,
  normalizeProviderSource,
  ProviderPackage,
  SchemaOptions,
} from './schema';

// Plain CommonJS modules shared with the provider server, loaded from next to server.js (the
// examples' tsc output in .examples/ has no copy of them).
interface ProviderChecksModule {
  checkedTypes(): { [type: string]: number };
}
interface ManifestModule {
  MANIFEST_CHECKS: number;
  buildRegistry(crds: string[]): unknown;
  planManifest(manifest: unknown, registry: unknown, isUnknown: (v: unknown) => boolean): { status: ManifestReport['status']; kind?: string; why: string };
}
function sharedModule<T>(name: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(toolDir(), name)) as T;
}

export interface OfflineOptions extends SchemaOptions {
  /**
   * CustomResourceDefinitions installed in the "cluster" that kubernetes_manifest resources are
   * planned against: CRD files or folders of them, or the names of the CRD sets shipped with this
   * package (`chaos-mesh`, `cloudnative-pg`). Built-in kinds are always known. Default: none.
   */
  readonly crds?: string[];
  /** The Terraform binary (default: `terraform` from PATH). */
  readonly terraformBinary?: string;
  /** Where to look for `@cdktf/provider-*` packages (default: this repository, then the cwd). */
  readonly packagesFrom?: string;
  /** Values for input variables; variables without a default and without a value get typed placeholders. */
  readonly variables?: { [name: string]: unknown };
  /** Skip `terraform plan` (validate only). */
  readonly skipPlan?: boolean;
  /** Keep the temporary working folder (its path is returned as `workDir`). */
  readonly keepWorkDir?: boolean;
  /** Timeout of each Terraform command in ms (default 120 s). */
  readonly timeoutMs?: number;
  /**
   * Plan against the state this configuration leaves behind instead of an empty state: it is applied offline first
   * (every value known only after apply gets a typed placeholder), then the configuration under test is planned
   * against that state. Same input kinds as the configuration. `result.changes` lists what the plan would do (e.g.
   * only moves, after a construct was renamed with `Refactor.move`); the "plan adds exactly the declared
   * resources" check does not apply.
   */
  readonly priorConfig?: unknown;
}

/** One resource instance the plan would change, as `terraform show -json` reports it. */
export interface PlannedChange {
  readonly address: string;
  /** The address the instance had in the prior state, when a `moved` block moved it. */
  readonly previousAddress?: string;
  /** `no-op`, `create`, `update`, `delete` (and `delete`+`create` or `create`+`delete` for replacements). */
  readonly actions: string[];
}

export interface OfflineDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** Resource address, when Terraform reported one. */
  readonly address?: string;
  /** `main.tf.json:<line>:<column>` of the rewritten configuration, when Terraform reported a range. */
  readonly location?: string;
  /** The configuration line Terraform highlighted. */
  readonly snippet?: string;
  /** Which step produced the diagnostic. */
  readonly stage: 'prepare' | 'init' | 'validate' | 'plan' | 'count';
}

export interface OfflineResult {
  /** True when validate and plan succeeded and the plan adds exactly the declared resources. */
  readonly ok: boolean;
  readonly diagnostics: OfflineDiagnostic[];
  /** `Plan: N to add` (undefined when plan did not run or failed; includes child-module resources). */
  readonly plannedAdds?: number;
  /** Resource instances declared in the JSON (count/for_each literals honoured). */
  readonly resourceCount: number;
  /** Config addresses whose instance count is an expression (taken from the plan). */
  readonly dynamicCountResources: string[];
  readonly validated: boolean;
  readonly planned: boolean;
  /** Provider addresses served offline. */
  readonly providers: string[];
  readonly durationMs: number;
  readonly validateMs?: number;
  readonly planMs?: number;
  /** Set when `keepWorkDir` is true. */
  readonly workDir?: string;
  /**
   * With `priorConfig`: every resource instance of the plan, with its actions and the address it moved from. Empty
   * without `priorConfig`.
   */
  readonly changes: PlannedChange[];
  /** What was proven, and what was not. */
  readonly proof: ProofReport;
}

/** What one offline proof covered: never more than was checked. */
export interface ProofReport {
  /** Per provider: which schema was served (real dump or rebuilt from the bindings). */
  readonly schemas: string[];
  /** Resource types of the configuration with provider-side checks (see provider-checks.js), and how many. */
  readonly providerChecks: { readonly type: string; readonly checks: number }[];
  /** Resource types of the configuration without provider-side checks: only schema and Terraform core checked them. */
  readonly typesWithoutProviderChecks: string[];
  /** Every kubernetes_manifest resource and how far it was checked. */
  readonly manifests: ManifestReport[];
  /** CRD files the manifests were planned against. */
  readonly crds: string[];
}

export interface ManifestReport {
  readonly address: string;
  /** `apiVersion kind`, when known before apply. */
  readonly kind?: string;
  /**
   * `validated`: kind known and the object checked against its CRD schema; `unverified`: a built-in
   * kind (scope and metadata checked, no schema offline); `unknown`: apiVersion/kind only known at
   * apply; `failed`: rejected.
   */
  readonly status: 'validated' | 'unverified' | 'unknown' | 'failed';
  readonly why: string;
}

type Json = { [key: string]: any };

const BUILTIN_PROVIDER = 'terraform.io/builtin/terraform';

// ---------------------------------------------------------------------------
// Terraform availability
// ---------------------------------------------------------------------------

const availability = new Map<string, string | undefined>();

/** The Terraform version on PATH (or of `binary`), undefined when it cannot be run. */
export function terraformVersion(binary = 'terraform'): string | undefined {
  if (!availability.has(binary)) {
    const res = spawnSync(binary, ['version', '-json'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: os.devNull },
    });
    let version: string | undefined;
    if (!res.error && res.status === 0) {
      try {
        version = String(JSON.parse(res.stdout).terraform_version);
      } catch {
        version = res.stdout.trim().split('\n')[0] || 'unknown';
      }
    }
    availability.set(binary, version);
  }
  return availability.get(binary);
}

/** True when the Terraform binary can be run. */
export function terraformAvailable(binary = 'terraform'): boolean {
  return terraformVersion(binary) !== undefined;
}

// ---------------------------------------------------------------------------
// Provider server pool
// ---------------------------------------------------------------------------

interface ServerHandle {
  readonly pkg: ProviderPackage;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly socket: string;
  readonly viewFile: string;
  readonly schemaFile: string;
}

/**
 * The folder holding server.js and tfplugin6.proto: next to this module (the package's
 * lib/proof, or src/proof under ts-jest/swc), else the repository's src/proof above it (the
 * examples' tsc output in .examples/ holds no copy).
 */
export function toolDir(): string {
  const has = (d: string) => fs.existsSync(path.join(d, 'server.js')) && fs.existsSync(path.join(d, 'tfplugin6.proto'));
  if (has(__dirname)) return __dirname;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'src', 'proof');
    if (has(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`terraform-offline: cannot find proof/server.js above ${__dirname}`);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A server that died while our event loop was blocked is a zombie until reaped: not alive.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no procfs: trust kill(0)
  }
}

const schemaInfoMemo = new Map<string, { cacheFile: string; description: string }>();

/** The served schema file and its one-line description, loaded once per process and options. */
function schemaInfo(pkg: ProviderPackage, options: SchemaOptions): { cacheFile: string; description: string } {
  const key = JSON.stringify([pkg.dir, pkg.packageVersion, pkg.providerVersion, options.schemaDumpDirs ?? null, options.schemaSource ?? 'auto']);
  let info = schemaInfoMemo.get(key);
  if (!info) {
    const loaded = loadProviderSchema(pkg, options);
    info = { cacheFile: loaded.cacheFile, description: describeSchemaSource(loaded.schema) };
    schemaInfoMemo.set(key, info);
  }
  return info;
}

/**
 * The CRD sets shipped with this package (`schemas/<name>/`), by name; other entries are paths.
 */
export function resolveCrdPaths(crds: readonly string[] = []): string[] {
  return crds.map((c) => {
    if (fs.existsSync(c)) return path.resolve(c);
    const bundled = path.join(path.dirname(bundledSchemaDumpDir()), c);
    if (/^[\w-]+$/.test(c) && fs.existsSync(bundled)) return bundled;
    throw new Error(`terraform-offline: CRD file or folder "${c}" not found (bundled sets: chaos-mesh, cloudnative-pg, barman-cloud)`);
  });
}

/**
 * One provider server per provider address, started on first use and reused by every later
 * run of this process; each run announces the types it uses through the server's view file.
 */
class ProviderPool {
  private dir: string | undefined;
  private readonly servers = new Map<string, ServerHandle>();
  private exitHookInstalled = false;

  ensure(pkgs: ProviderPackage[], schemaOptions: SchemaOptions = {}): ServerHandle[] {
    const files = new Map(pkgs.map((p) => [p.address, schemaInfo(p, schemaOptions).cacheFile]));
    const missing = pkgs.filter((p) => {
      const s = this.servers.get(p.address);
      const alive = s && s.child.exitCode === null && s.child.signalCode === null && pidAlive(s.pid);
      if (s && alive && s.schemaFile === files.get(p.address)) return false;
      if (s) this.stop(s);
      return true;
    });
    if (missing.length > 0) this.start(missing, files);
    return pkgs.map((p) => this.servers.get(p.address)!);
  }

  private start(pkgs: ProviderPackage[], files: Map<string, string>): void {
    if (!this.dir) {
      // Short path: unix socket paths are limited to ~104 bytes.
      this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfo-'));
    }
    if (!this.exitHookInstalled) {
      process.once('exit', () => this.close());
      this.exitHookInstalled = true;
    }
    const tools = toolDir();
    interface Pending {
      pkg: ProviderPackage;
      child: ChildProcess;
      socket: string;
      ready: string;
      log: string;
      viewFile: string;
      schemaFile: string;
    }
    const pending: Pending[] = [];
    for (const pkg of pkgs) {
      const cacheFile = files.get(pkg.address)!;
      const name = pkg.address.split('/').pop()!.replace(/[^\w-]/g, '');
      const socket = path.join(this.dir, `${name}.sock`);
      const ready = path.join(this.dir, `${name}.ready`);
      const log = path.join(this.dir, `${name}.log`);
      const viewFile = path.join(this.dir, `${name}.view.json`);
      for (const f of [socket, ready]) fs.rmSync(f, { force: true });
      const logFd = fs.openSync(log, 'w');
      const child = spawn(
        process.execPath,
        [
          path.join(tools, 'server.js'),
          '--schema', cacheFile,
          '--socket', socket,
          '--ready', ready,
          '--view', viewFile,
          '--proto', path.join(tools, 'tfplugin6.proto'),
        ],
        { stdio: ['pipe', 'ignore', logFd], cwd: tools },
      );
      fs.closeSync(logFd);
      // Do not keep the parent alive for the server; the server exits when our stdin pipe closes.
      child.unref();
      (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
      child.on('error', () => undefined);
      pending.push({ pkg, child, socket, ready, log, viewFile, schemaFile: cacheFile });
    }
    const deadline = Date.now() + 30_000;
    for (const p of pending) {
      let marker = '';
      while (Date.now() < deadline) {
        if (fs.existsSync(p.ready)) {
          marker = fs.readFileSync(p.ready, 'utf8');
          if (marker) break;
        }
        sleepSync(5);
      }
      const pid = p.child.pid;
      if (!marker || marker.startsWith('ERROR') || pid === undefined || !fs.existsSync(p.socket)) {
        p.child.kill('SIGKILL');
        const log = fs.existsSync(p.log) ? fs.readFileSync(p.log, 'utf8').trim() : '';
        throw new Error(
          `terraform-offline: the ${p.pkg.address} provider server did not start: ${marker.replace(/^ERROR /, '') || log || 'timed out'}`,
        );
      }
      this.servers.set(p.pkg.address, { pkg: p.pkg, child: p.child, pid, socket: p.socket, viewFile: p.viewFile, schemaFile: p.schemaFile });
    }
  }

  private stop(s: ServerHandle): void {
    try {
      s.child.kill('SIGTERM');
    } catch {
      // already gone
    }
    this.servers.delete(s.pkg.address);
  }

  close(): void {
    for (const s of [...this.servers.values()]) this.stop(s);
    if (this.dir) {
      fs.rmSync(this.dir, { recursive: true, force: true });
      this.dir = undefined;
    }
  }
}

const pool = new ProviderPool();

/** Stops the provider servers of this process (call from afterAll; also done at process exit). */
export function closeOfflineProviders(): void {
  pool.close();
}

// ---------------------------------------------------------------------------
// Configuration analysis
// ---------------------------------------------------------------------------

interface ResourceBlock {
  readonly type: string;
  readonly name: string;
  readonly body: Json;
}

function resourceBlocks(config: Json, section: 'resource' | 'data'): ResourceBlock[] {
  const out: ResourceBlock[] = [];
  const sectionValue = config[section];
  const sections = Array.isArray(sectionValue) ? sectionValue : sectionValue ? [sectionValue] : [];
  for (const sec of sections) {
    for (const [type, byName] of Object.entries(sec ?? {})) {
      if (type === '//') continue;
      for (const [name, body] of Object.entries((byName ?? {}) as Json)) {
        if (name === '//') continue;
        for (const b of Array.isArray(body) ? body : [body]) out.push({ type, name, body: (b ?? {}) as Json });
      }
    }
  }
  return out;
}

/** Local provider name → provider address, for every provider the configuration needs. */
function providersNeeded(config: Json): Map<string, string> {
  const required = new Map<string, string>();
  for (const tf of asArray(config.terraform)) {
    for (const rp of asArray(tf?.required_providers)) {
      for (const [local, req] of Object.entries((rp ?? {}) as Json)) {
        if (local === '//') continue;
        const source = typeof req === 'string' ? local : (req?.source ?? local);
        required.set(local, normalizeProviderSource(String(source)));
      }
    }
  }
  const locals = new Set<string>();
  for (const p of asArray(config.provider)) for (const local of Object.keys(p ?? {})) if (local !== '//') locals.add(local);
  for (const section of ['resource', 'data'] as const) {
    for (const r of resourceBlocks(config, section)) {
      const explicit = typeof r.body.provider === 'string' ? r.body.provider.replace(/^\$\{(.*)\}$/, '$1').split('.')[0] : undefined;
      locals.add(explicit ?? r.type.split('_')[0]);
    }
  }
  const needed = new Map<string, string>();
  for (const local of locals) {
    const address = required.get(local) ?? (local === 'terraform' ? BUILTIN_PROVIDER : normalizeProviderSource(local));
    if (address !== BUILTIN_PROVIDER) needed.set(local, address);
  }
  return needed;
}

function asArray(v: unknown): any[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** The configuration as Terraform will see it: no backend, provider sources fully qualified, no version pins. */
function rewriteConfig(config: Json): Json {
  const out: Json = JSON.parse(JSON.stringify(config));
  for (const tf of asArray(out.terraform)) {
    if (!tf || typeof tf !== 'object') continue;
    delete tf.backend;
    delete tf.cloud;
    for (const rp of asArray(tf.required_providers)) {
      for (const [local, req] of Object.entries((rp ?? {}) as Json)) {
        if (local === '//') continue;
        const source = typeof req === 'string' ? local : (req?.source ?? local);
        // The offline servers answer for one version only: drop version constraints.
        rp[local] = { source: normalizeProviderSource(String(source)) };
        if (req && typeof req === 'object' && req.configuration_aliases) rp[local].configuration_aliases = req.configuration_aliases;
      }
    }
  }
  return out;
}

/** Instances expected per config address; `undefined` when count/for_each is an expression. */
function expectedInstances(r: ResourceBlock): number | undefined {
  const { count, for_each: forEach } = r.body;
  if (count !== undefined) {
    if (typeof count === 'number') return Math.max(0, Math.floor(count));
    if (typeof count === 'string' && /^\d+$/.test(count)) return Number(count);
    return undefined;
  }
  if (forEach !== undefined) {
    if (Array.isArray(forEach)) return new Set(forEach.map((v) => JSON.stringify(v))).size;
    if (forEach && typeof forEach === 'object') return Object.keys(forEach).length;
    return undefined;
  }
  return 1;
}

/** Version constraints per provider address, from `terraform.required_providers`. */
function versionConstraints(config: Json): Map<string, string> {
  const out = new Map<string, string>();
  for (const tf of asArray(config.terraform)) {
    for (const rp of asArray(tf?.required_providers)) {
      for (const [local, req] of Object.entries((rp ?? {}) as Json)) {
        if (local === '//') continue;
        const source = typeof req === 'string' ? local : (req?.source ?? local);
        const version = typeof req === 'string' ? req : req?.version;
        if (typeof version === 'string' && version.trim()) out.set(normalizeProviderSource(String(source)), version);
      }
    }
  }
  return out;
}

function parseVersion(v: string): number[] {
  return v
    .trim()
    .replace(/^v/, '')
    .split(/[-+]/)[0]
    .split('.')
    .map((n) => Number(n) || 0);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` satisfies a Terraform version constraint string (`>= 6.0, ~> 6.25`). */
export function versionSatisfies(version: string, constraint: string): boolean {
  const v = parseVersion(version);
  return constraint.split(',').every((part) => {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*([\w.+-]+)\s*$/.exec(part);
    if (!m) return true;
    const op = m[1] ?? '=';
    const target = parseVersion(m[2]);
    const cmp = compareVersions(v, target);
    switch (op) {
      case '=':
        return cmp === 0;
      case '!=':
        return cmp !== 0;
      case '>':
        return cmp > 0;
      case '>=':
        return cmp >= 0;
      case '<':
        return cmp < 0;
      case '<=':
        return cmp <= 0;
      default: {
        // ~> x.y allows >= x.y and < (x+1); ~> x.y.z allows >= x.y.z and < x.(y+1).
        const segments = m[2].split('.').length;
        const upper = target.slice(0, Math.max(1, segments - 1));
        upper[upper.length - 1] += 1;
        return cmp >= 0 && compareVersions(v.slice(0, upper.length), upper) < 0;
      }
    }
  });
}

/** Typed placeholders for variables that have neither a value nor a default. */
function variableValues(config: Json, given: { [name: string]: unknown } = {}): Json {
  const values: Json = {};
  for (const v of asArray(config.variable)) {
    for (const [name, decl] of Object.entries((v ?? {}) as Json)) {
      if (name === '//') continue;
      if (name in given) {
        values[name] = given[name];
        continue;
      }
      if (decl && typeof decl === 'object' && 'default' in decl) continue;
      const type = String(decl?.type ?? 'string').replace(/^\$\{(.*)\}$/, '$1').trim();
      if (/^string$/.test(type) || type === 'any') values[name] = 'offline';
      else if (type === 'number') values[name] = 0;
      else if (type === 'bool') values[name] = false;
      else if (/^(list|set|tuple)\b/.test(type)) values[name] = [];
      else if (/^map\b/.test(type)) values[name] = {};
    }
  }
  return values;
}

// ---------------------------------------------------------------------------
// Running Terraform
// ---------------------------------------------------------------------------

interface TfRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly error?: Error;
}

function runTerraform(binary: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): TfRun {
  const started = Date.now();
  const res = spawnSync(binary, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: res.status, stdout: res.stdout ?? '', stderr: res.stderr ?? '', ms: Date.now() - started, error: res.error };
}

function toDiagnostic(d: Json, stage: OfflineDiagnostic['stage']): OfflineDiagnostic {
  const range = d.range as Json | undefined;
  const snippet = d.snippet as Json | undefined;
  return {
    severity: d.severity === 'warning' ? 'warning' : 'error',
    summary: String(d.summary ?? ''),
    ...(d.detail ? { detail: String(d.detail) } : {}),
    ...(d.address ? { address: String(d.address) } : {}),
    ...(range?.filename ? { location: `${range.filename}:${range.start?.line}:${range.start?.column}` } : {}),
    ...(snippet?.code ? { snippet: String(snippet.code).trim() } : {}),
    stage,
  };
}

function failedRunDiagnostic(run: TfRun, stage: OfflineDiagnostic['stage']): OfflineDiagnostic {
  const why = run.error ? run.error.message : `exit code ${run.status}`;
  return {
    severity: 'error',
    summary: `terraform ${stage} failed (${why})`,
    detail: (run.stderr || run.stdout).trim().slice(0, 4000),
    stage,
  };
}

function synthesize(input: unknown): Json {
  if (typeof input === 'string') {
    if (input.trimStart().startsWith('{')) return JSON.parse(input);
    return JSON.parse(fs.readFileSync(stackFile(input), 'utf8'));
  }
  if (input && typeof input === 'object') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cdktf = require('cdktf') as typeof import('cdktf');
    if (cdktf.TerraformStack.isStack(input)) return JSON.parse(cdktf.Testing.synth(input));
    return input as Json;
  }
  throw new Error('terraform-offline: expected a TerraformStack, a cdk.tf.json string or a parsed configuration object');
}

/** A `cdk.tf.json` path, a stack folder holding one, or a synth output folder with exactly one stack. */
function stackFile(target: string): string {
  if (fs.statSync(target).isFile()) return target;
  const direct = path.join(target, 'cdk.tf.json');
  if (fs.existsSync(direct)) return direct;
  const stacksDir = path.join(target, 'stacks');
  const stacks = fs.existsSync(stacksDir)
    ? fs.readdirSync(stacksDir).filter((n) => fs.existsSync(path.join(stacksDir, n, 'cdk.tf.json')))
    : [];
  if (stacks.length === 1) return path.join(stacksDir, stacks[0], 'cdk.tf.json');
  throw new Error(`terraform-offline: ${target} holds ${stacks.length} stacks; pass one cdk.tf.json`);
}

/**
 * Proves a synthesized stack against real Terraform core, offline: `terraform validate` and
 * `terraform plan` (empty state) with schema-serving stand-ins for the providers. The plan
 * must add exactly the resource instances the JSON declares.
 *
 * @param input a cdktf `TerraformStack`, the text of a `cdk.tf.json` or its parsed object, or the
 *   path of a `cdk.tf.json` / stack folder / single-stack synth output folder (`Testing.fullSynth`)
 */
export function validateOffline(input: unknown, options: OfflineOptions = {}): OfflineResult {
  const started = Date.now();
  const binary = options.terraformBinary ?? 'terraform';
  const timeoutMs = options.timeoutMs ?? 120_000;
  const diagnostics: OfflineDiagnostic[] = [];
  const config = synthesize(input);
  const prior = options.priorConfig !== undefined ? synthesize(options.priorConfig) : undefined;

  const managed = resourceBlocks(config, 'resource');
  const pkgs: ProviderPackage[] = [];
  const data = resourceBlocks(config, 'data');
  const expectedByAddress = new Map<string, number | undefined>();
  for (const r of managed) expectedByAddress.set(`${r.type}.${r.name}`, expectedInstances(r));
  const staticCount = [...expectedByAddress.values()].reduce<number>((sum, n) => sum + (n ?? 0), 0);
  const dynamicCountResources = [...expectedByAddress.entries()].filter(([, n]) => n === undefined).map(([a]) => a);

  const result = (extra: Partial<OfflineResult>, workDir?: string): OfflineResult => {
    const errors = diagnostics.some((d) => d.severity === 'error');
    return {
      ok: !errors && !!extra.validated && (options.skipPlan || !!extra.planned),
      diagnostics,
      resourceCount: staticCount,
      dynamicCountResources,
      validated: false,
      planned: false,
      providers: [],
      changes: [],
      durationMs: Date.now() - started,
      ...extra,
      ...(workDir && options.keepWorkDir ? { workDir } : {}),
      proof: proofReport(extra.providers ?? []),
    };
  };

  // What this run proves: schema sources, provider-side checks, manifests.
  const crdPaths = resolveCrdPaths(options.crds);
  const proofReport = (served: string[]): ProofReport => {
    const providerChecks = sharedModule<ProviderChecksModule>('provider-checks.js');
    const manifests = sharedModule<ManifestModule>('manifest.js');
    const checked: { [type: string]: number } = { ...providerChecks.checkedTypes(), kubernetes_manifest: manifests.MANIFEST_CHECKS };
    const types = [...new Set(managed.map((r) => r.type))].sort();
    const isToken = (v: unknown) => typeof v === 'string' && v.includes('${');
    const manifestBlocks = managed.filter((r) => r.type === 'kubernetes_manifest');
    const registry = manifestBlocks.length > 0 ? manifests.buildRegistry(crdPaths) : undefined;
    return {
      schemas: served.map((address) => {
        const pkg = pkgs.find((p) => p.address === address)!;
        return schemaInfo(pkg, options).description;
      }),
      providerChecks: types.filter((t) => checked[t]).map((t) => ({ type: t, checks: checked[t] })),
      typesWithoutProviderChecks: types.filter((t) => !checked[t]),
      manifests: manifestBlocks.map((r) => {
        const report = manifests.planManifest(r.body.manifest, registry, isToken);
        return { address: `${r.type}.${r.name}`, ...(report.kind ? { kind: report.kind } : {}), status: report.status, why: report.why };
      }),
      crds: crdPaths,
    };
  };

  // Providers: every one the configuration (and the prior one) needs must have installed cdktf bindings.
  const needed = providersNeeded(config);
  if (prior) {
    for (const [local, address] of providersNeeded(prior)) if (!needed.has(local)) needed.set(local, address);
  }
  const packages = findProviderPackages(options.packagesFrom ?? path.resolve(toolDir(), '..', '..'));
  const morePackages = options.packagesFrom ? [] : findProviderPackages(process.cwd());
  const byAddress = new Map<string, ProviderPackage>();
  for (const p of [...packages, ...morePackages]) if (!byAddress.has(p.address)) byAddress.set(p.address, p);
  // Bindings of one provider from both families (@cdktf 6.25 and @cdktn 6.66 for AWS): serve the schema of the one
  // the configuration's version constraint admits, nearest first.
  const constraintsByAddress = versionConstraints(config);
  for (const p of [...packages, ...morePackages]) {
    const constraint = constraintsByAddress.get(p.address);
    const chosen = byAddress.get(p.address)!;
    if (!constraint || !p.providerVersion || chosen === p) continue;
    if (!versionSatisfies(chosen.providerVersion, constraint) && versionSatisfies(p.providerVersion, constraint)) {
      byAddress.set(p.address, p);
    }
  }
  for (const address of new Set(needed.values())) {
    // Without npm bindings (a Python, Java, C# or Go app), a shipped schema dump still serves it.
    const pkg = byAddress.get(address) ?? dumpOnlyPackage(address, options);
    if (!pkg) {
      diagnostics.push({
        severity: 'error',
        summary: `No offline schema for provider ${address}`,
        detail: `terraform-offline serves providers from installed cdktf bindings or schema dumps; none is for ${address} (installed: ${
          [...byAddress.keys()].join(', ') || 'none'
        }).`,
        stage: 'prepare',
      });
    } else {
      pkgs.push(pkg);
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return result({});

  // The offline schema is that of the installed bindings: say so when the configuration pins
  // a provider version it does not admit (a real init would install a different provider).
  const constraints = versionConstraints(config);
  for (const pkg of pkgs) {
    const constraint = constraints.get(pkg.address);
    if (constraint && pkg.providerVersion && !versionSatisfies(pkg.providerVersion, constraint)) {
      diagnostics.push({
        severity: 'warning',
        summary: 'Provider version constraint excludes the offline schema',
        detail: `${pkg.address} is required as "${constraint}", but the offline schema comes from ${pkg.packageName} ${pkg.packageVersion} (provider ${pkg.providerVersion}).`,
        stage: 'prepare',
      });
    }
  }

  if (terraformVersion(binary) === undefined) {
    diagnostics.push({ severity: 'error', summary: `terraform binary "${binary}" not found or not runnable`, stage: 'prepare' });
    return result({});
  }

  const servers = pool.ensure(pkgs, options);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfo-run-'));
  try {
    fs.writeFileSync(path.join(workDir, 'main.tf.json'), JSON.stringify(rewriteConfig(config), null, 2));
    const vars = variableValues(config, options.variables);
    if (Object.keys(vars).length > 0) fs.writeFileSync(path.join(workDir, 'offline.auto.tfvars.json'), JSON.stringify(vars, null, 2));
    const cliConfig = path.join(workDir, '.terraformrc');
    fs.writeFileSync(cliConfig, '');

    // Each server serves only the types this configuration uses (plus near names for Terraform's
    // "Did you mean" hints): a much smaller schema than the full provider, so Terraform starts faster.
    for (const s of servers) {
      const locals = new Set([...needed.entries()].filter(([, a]) => a === s.pkg.address).map(([l]) => l));
      const owned = (r: ResourceBlock) => {
        const explicit = typeof r.body.provider === 'string' ? r.body.provider.replace(/^\$\{(.*)\}$/, '$1').split('.')[0] : undefined;
        return locals.has(explicit ?? r.type.split('_')[0]);
      };
      const priorManaged = prior ? resourceBlocks(prior, 'resource') : [];
      const priorData = prior ? resourceBlocks(prior, 'data') : [];
      const view = {
        resources: [...new Set([...managed, ...priorManaged].filter(owned).map((r) => r.type))].sort(),
        dataSources: [...new Set([...data, ...priorData].filter(owned).map((r) => r.type))].sort(),
        crds: crdPaths,
      };
      const tmp = `${s.viewFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(view));
      fs.renameSync(tmp, s.viewFile);
    }

    const reattach: Json = {};
    for (const s of servers) {
      reattach[s.pkg.address] = { Protocol: 'grpc', ProtocolVersion: 6, Pid: s.pid, Test: true, Addr: { Network: 'unix', String: s.socket } };
    }
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (/^TF_(CLI_ARGS|WORKSPACE|DATA_DIR|PLUGIN_CACHE_DIR|REATTACH_PROVIDERS|CLI_CONFIG_FILE|VAR_)/.test(k)) continue;
      env[k] = v;
    }
    Object.assign(env, {
      TF_REATTACH_PROVIDERS: JSON.stringify(reattach),
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
      TF_CLI_CONFIG_FILE: cliConfig,
    });

    if (config.module) {
      const init = runTerraform(binary, ['init', '-backend=false', '-input=false', '-no-color'], workDir, env, timeoutMs);
      if (init.status !== 0) {
        diagnostics.push(failedRunDiagnostic(init, 'init'));
        return result({ providers: pkgs.map((p) => p.address) }, workDir);
      }
    }

    if (prior) {
      // The prior state: the prior configuration applied offline, then replaced by the one under test.
      const priorVars = variableValues(prior, options.variables);
      fs.writeFileSync(path.join(workDir, 'main.tf.json'), JSON.stringify(rewriteConfig(prior), null, 2));
      fs.writeFileSync(path.join(workDir, 'offline.auto.tfvars.json'), JSON.stringify(priorVars, null, 2));
      const apply = runTerraform(binary, ['apply', '-auto-approve', '-input=false', '-refresh=false', '-lock=false', '-no-color'], workDir, env, timeoutMs);
      if (apply.status !== 0) {
        diagnostics.push({ ...failedRunDiagnostic(apply, 'prepare'), summary: `terraform apply of the prior configuration failed (exit code ${apply.status})` });
        return result({ providers: pkgs.map((p) => p.address) }, workDir);
      }
      fs.writeFileSync(path.join(workDir, 'main.tf.json'), JSON.stringify(rewriteConfig(config), null, 2));
      fs.writeFileSync(path.join(workDir, 'offline.auto.tfvars.json'), JSON.stringify(vars, null, 2));
    }

    const validate = runTerraform(binary, ['validate', '-json', '-no-color'], workDir, env, timeoutMs);
    let validated = false;
    try {
      const out = JSON.parse(validate.stdout) as Json;
      for (const d of asArray(out.diagnostics)) diagnostics.push(toDiagnostic(d, 'validate'));
      validated = out.valid === true;
    } catch {
      diagnostics.push(failedRunDiagnostic(validate, 'validate'));
    }
    if (!validated || options.skipPlan) {
      return result({ validated, validateMs: validate.ms, providers: pkgs.map((p) => p.address) }, workDir);
    }

    const plan = runTerraform(
      binary,
      ['plan', '-input=false', '-refresh=false', '-lock=false', '-no-color', '-json', ...(prior ? ['-out=offline.tfplan'] : [])],
      workDir,
      env,
      timeoutMs,
    );
    let plannedAdds: number | undefined;
    const plannedByAddress = new Map<string, number>();
    let sawJson = false;
    for (const line of plan.stdout.split('\n')) {
      if (!line.trim().startsWith('{')) continue;
      let msg: Json;
      try {
        msg = JSON.parse(line);
      } catch {
        continue;
      }
      sawJson = true;
      if (msg.type === 'diagnostic' && msg.diagnostic) diagnostics.push(toDiagnostic(msg.diagnostic, 'plan'));
      if (msg.type === 'change_summary' && msg.changes) plannedAdds = Number(msg.changes.add);
      if (msg.type === 'planned_change' && msg.change?.resource && /create/.test(String(msg.change.action))) {
        const res = msg.change.resource as Json;
        if (res.module) continue;
        const addr = `${res.resource_type}.${res.resource_name}`;
        plannedByAddress.set(addr, (plannedByAddress.get(addr) ?? 0) + 1);
      }
    }
    if (!sawJson || (plan.status !== 0 && !diagnostics.some((d) => d.stage === 'plan' && d.severity === 'error'))) {
      diagnostics.push(failedRunDiagnostic(plan, 'plan'));
    }
    const planned = plan.status === 0 && plannedAdds !== undefined;
    if (prior) {
      return result(
        {
          validated,
          planned,
          plannedAdds,
          validateMs: validate.ms,
          planMs: plan.ms,
          providers: pkgs.map((p) => p.address),
          changes: planned ? plannedChanges(binary, workDir, env, timeoutMs, diagnostics) : [],
        },
        workDir,
      );
    }

    // The plan must create exactly what the JSON declares (root module resources; resources of
    // child modules are part of plannedAdds but not of the comparison).
    let resourceCount = staticCount;
    for (const addr of dynamicCountResources) resourceCount += plannedByAddress.get(addr) ?? 0;
    const plannedRootAdds = [...plannedByAddress.values()].reduce((sum, n) => sum + n, 0);
    if (planned && plannedRootAdds !== resourceCount) {
      const mismatches: string[] = [];
      for (const [addr, n] of expectedByAddress) {
        const got = plannedByAddress.get(addr) ?? 0;
        if (n !== undefined && got !== n) mismatches.push(`${addr}: declared ${n}, planned ${got}`);
      }
      for (const [addr, got] of plannedByAddress) {
        if (!expectedByAddress.has(addr)) mismatches.push(`${addr}: not declared, planned ${got}`);
      }
      diagnostics.push({
        severity: 'error',
        summary: `Plan adds ${plannedRootAdds} resource instances but the configuration declares ${resourceCount}`,
        detail: mismatches.join('\n') || 'No per-resource difference found (module resources?).',
        stage: 'count',
      });
    }
    return result(
      {
        validated,
        planned,
        plannedAdds,
        resourceCount,
        validateMs: validate.ms,
        planMs: plan.ms,
        providers: pkgs.map((p) => p.address),
      },
      workDir,
    );
  } finally {
    if (!options.keepWorkDir) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/** The resource changes of the saved plan `offline.tfplan`, from `terraform show -json`. */
function plannedChanges(
  binary: string,
  workDir: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  diagnostics: OfflineDiagnostic[],
): PlannedChange[] {
  const show = runTerraform(binary, ['show', '-json', '-no-color', 'offline.tfplan'], workDir, env, timeoutMs);
  try {
    const out = JSON.parse(show.stdout) as Json;
    return asArray(out.resource_changes).map((rc: Json) => ({
      address: String(rc.address),
      ...(rc.previous_address ? { previousAddress: String(rc.previous_address) } : {}),
      actions: asArray(rc.change?.actions).map(String),
    }));
  } catch {
    diagnostics.push(failedRunDiagnostic(show, 'plan'));
    return [];
  }
}

/** Validates a `cdk.tf.json` file. */
export function validateOfflineFile(file: string, options: OfflineOptions = {}): OfflineResult {
  return validateOffline(fs.readFileSync(file, 'utf8'), options);
}

/** Renders diagnostics the way Terraform prints them (one block per diagnostic). */
export function formatDiagnostics(diagnostics: readonly OfflineDiagnostic[]): string {
  return diagnostics
    .map((d) => {
      const head = `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}`;
      const where = [d.address ? `with ${d.address}` : '', d.location ? `on ${d.location}` : ''].filter(Boolean).join(', ');
      const lines = [head];
      if (where) lines.push(`  ${where}`);
      if (d.snippet) lines.push(`    ${d.snippet}`);
      if (d.detail) lines.push(...d.detail.split('\n').map((l) => `  ${l}`));
      return lines.join('\n');
    })
    .join('\n\n');
}

/** What was proven, one line per aspect (for the CLI and the matcher). */
export function formatProof(result: OfflineResult): string {
  const p = result.proof;
  const lines: string[] = [];
  for (const s of p.schemas) lines.push(`schema: ${s}`);
  if (p.providerChecks.length > 0) {
    lines.push(`provider-side checks: ${p.providerChecks.map((c) => `${c.type} (${c.checks})`).join(', ')}`);
  }
  if (p.typesWithoutProviderChecks.length > 0) {
    lines.push(`schema and Terraform core only (no provider-side checks modelled): ${p.typesWithoutProviderChecks.join(', ')}`);
  }
  for (const m of p.manifests) lines.push(`manifest ${m.address}${m.kind ? ` (${m.kind})` : ''}: ${m.status} - ${m.why}`);
  if (p.manifests.length > 0) lines.push(`CRDs installed offline: ${p.crds.map((c) => path.basename(c)).join(', ') || 'none'}`);
  return lines.join('\n');
}

/** A one-line summary of a result: validate status, planned adds vs declared resources, time. */
export function summarize(result: OfflineResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
  const validate = result.validated ? 'validate ok' : `validate ${errors} error${errors === 1 ? '' : 's'}`;
  const plan = result.planned
    ? `plan ${result.plannedAdds} to add / ${result.resourceCount} resources`
    : result.validated
      ? `plan failed (${errors} error${errors === 1 ? '' : 's'})`
      : 'plan skipped';
  const unverified = result.proof.manifests.filter((m) => m.status === 'unverified' || m.status === 'unknown').length;
  const manifestNote = unverified ? `, ${unverified} manifest${unverified === 1 ? '' : 's'} not schema-checked` : '';
  return `${validate}, ${plan}${manifestNote}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}, ${result.durationMs} ms`;
}
