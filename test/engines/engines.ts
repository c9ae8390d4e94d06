/**
 * Finds the real Alertmanager, amtool, Prometheus and promtool binaries the alerting output is proven against,
 * and runs them. `test/engines/install.sh` puts them in `<repo>/.engines/bin` (or `$FT_ENGINES_DIR/bin`); PATH is
 * searched next.
 */
import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The engines, by the name the tests use. */
export type EngineName = 'alertmanager' | 'amtool' | 'prometheus' | 'promtool';

/** The oldest version of each engine the checks accept (Alertmanager 0.26 brought `--cluster.label`). */
const MINIMUM: Record<EngineName, [number, number]> = {
  alertmanager: [0, 26],
  amtool: [0, 26],
  prometheus: [2, 42],
  promtool: [2, 42],
};

/** Other names a binary goes by on PATH (Debian installs Alertmanager as `prometheus-alertmanager`). */
const ALIASES: Record<EngineName, string[]> = {
  alertmanager: ['alertmanager', 'prometheus-alertmanager'],
  amtool: ['amtool'],
  prometheus: ['prometheus'],
  promtool: ['promtool'],
};

/** Debian's Alertmanager reads its default notification template from here instead of embedding it. */
export const DEBIAN_TEMPLATE = '/usr/share/prometheus/alertmanager/default.tmpl';

export interface Engine {
  readonly name: EngineName;
  /** The absolute path of the binary. */
  readonly path: string;
  /** `0.28.1+ds`, as the binary prints it. */
  readonly version: string;
  /** The first line of `<binary> --version`. */
  readonly versionLine: string;
}

export interface Engines {
  readonly found: Partial<Record<EngineName, Engine>>;
  /** Why each missing engine is missing. */
  readonly missing: Partial<Record<EngineName, string>>;
}

/** Where install.sh puts the binaries. */
export function enginesDir(): string {
  return process.env.FT_ENGINES_DIR ?? path.resolve(__dirname, '..', '..', '.engines');
}

function onPath(names: string[]): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter((d) => d.length > 0)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

let cached: Engines | undefined;

/** Every engine that can run here, with its version, and why the others cannot. */
export function findEngines(): Engines {
  if (cached) {
    return cached;
  }
  const found: Partial<Record<EngineName, Engine>> = {};
  const missing: Partial<Record<EngineName, string>> = {};
  for (const name of Object.keys(MINIMUM) as EngineName[]) {
    const local = path.join(enginesDir(), 'bin', name);
    const binary = fs.existsSync(local) ? local : onPath(ALIASES[name]);
    if (binary === undefined) {
      missing[name] = `not in ${path.join(enginesDir(), 'bin')} nor on PATH (run test/engines/install.sh)`;
      continue;
    }
    const res = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    const versionLine = `${res.stdout ?? ''}${res.stderr ?? ''}`.split('\n')[0].trim();
    const match = /version (\d+)\.(\d+)\.(\d+)(\S*)/.exec(versionLine);
    if (res.status !== 0 || !match) {
      missing[name] = `${binary} --version failed: ${versionLine || res.error?.message || `exit ${res.status}`}`;
      continue;
    }
    const [major, minor] = [Number(match[1]), Number(match[2])];
    const [minMajor, minMinor] = MINIMUM[name];
    if (major < minMajor || (major === minMajor && minor < minMinor)) {
      missing[name] = `${binary} is ${match[0].slice('version '.length)}, older than ${minMajor}.${minMinor} (run test/engines/install.sh)`;
      continue;
    }
    found[name] = { name, path: fs.realpathSync(binary), version: `${match[1]}.${match[2]}.${match[3]}${match[4]}`, versionLine };
  }
  cached = { found, missing };
  return cached;
}

/** Whether a Debian build of Alertmanager can start: it needs its template at {@link DEBIAN_TEMPLATE}. */
export function alertmanagerStartProblem(engine: Engine): string | undefined {
  const debian = /debian/.test(engine.versionLine) || engine.version.includes('+ds');
  if (debian && !fs.existsSync(DEBIAN_TEMPLATE)) {
    return `${engine.path} is a Debian build, which needs ${DEBIAN_TEMPLATE} (test/engines/install.sh copies it as root)`;
  }
  return undefined;
}

/** Whether the engine tests must fail, rather than skip, when an engine is missing (`.ci/run` sets it). */
export function enginesRequired(): boolean {
  return process.env.FT_REQUIRE_ENGINES === '1';
}

export interface EngineRun {
  readonly status: number | null;
  /** stdout and stderr, as the engine printed them. */
  readonly output: string;
  readonly stdout: string;
}

/** Runs an engine synchronously (the checks are short); `timeoutMs` bounds it. */
export function runEngine(engine: Engine, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): EngineRun {
  const res = spawnSync(engine.path, args, { cwd: opts.cwd, encoding: 'utf8', timeout: opts.timeoutMs ?? 30_000 });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? `\n${res.error.message}` : ''}`;
  return { status: res.status, output, stdout: res.stdout ?? '' };
}

/** Throws the engine's own output when it did not exit 0. */
export function expectSuccess(engine: Engine, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): EngineRun {
  const run = runEngine(engine, args, opts);
  if (run.status !== 0) {
    throw new Error(`${engine.name} ${args.join(' ')} failed (exit ${run.status}):\n${run.output.trim()}`);
  }
  return run;
}

/** Runs an engine without blocking, so independent checks can run side by side; rejects with the engine's output. */
export function expectSuccessAsync(engine: Engine, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<EngineRun> {
  return new Promise((resolve, reject) => {
    execFile(engine.path, args, { cwd: opts.cwd, encoding: 'utf8', timeout: opts.timeoutMs ?? 30_000 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error) {
        reject(new Error(`${engine.name} ${args.join(' ')} failed (exit ${error.code ?? error.signal}):\n${output.trim() || error.message}`));
      } else {
        resolve({ status: 0, output, stdout });
      }
    });
  });
}
