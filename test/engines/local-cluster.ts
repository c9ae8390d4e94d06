/**
 * Runs a synthesized HaAlertmanager for real, on loopback only: one Alertmanager process per replica started from the
 * container arguments of the synthesized StatefulSet, a webhook counter, and optionally Prometheus.
 *
 * What a pod has and a process on this machine does not, and how it is mapped (nothing else is changed):
 * - the pod's own IP: replica i gets a loopback address (IPv4: 127.0.0.(11 + i); IPv6: ::1) and `$(POD_IP)` is
 *   expanded to it, as the kubelet expands it from the `status.podIP` field reference;
 * - ports: every pod listens on 9093 and 9094; here replica i gets free ports of its own, and every `host:9093` /
 *   `host:9094` it is addressed by maps to them (replicas sharing ::1 could not all use 9093);
 * - the listen addresses `:9093` and `0.0.0.0:9094` (every interface) become the replica's loopback address;
 * - a peer `<name>-<i>.<headless>.<namespace>.svc:9094` (cluster DNS) becomes replica i's loopback address and port;
 * - the volumes: the configuration volume is projected into a folder exactly as the StatefulSet's projected volume
 *   lays it out (`alertmanager.yml` from the configuration Secret, `secrets/<secret>/<key>` from the referenced
 *   Secrets, whose values the caller supplies), the storage volume is a folder per replica, and the mount paths in
 *   the arguments and in the configuration are replaced by those folders.
 * Every other argument (`--cluster.label`, `--web.external-url`, ...) is passed exactly as rendered.
 */
import { ChildProcess, spawn } from 'child_process';
import * as dgram from 'dgram';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import { Engine } from './engines';

/** The container ports the library renders. */
const WEB_PORT = 9093;
const CLUSTER_PORT = 9094;
/** Where the library mounts the configuration volume and the storage volume. */
const CONFIG_MOUNT = '/etc/alertmanager/config';
const STORAGE_MOUNT = '/alertmanager';

export type IpFamily = 'IPv4' | 'IPv6';

/** The loopback address of replica `i` (and of the test's own servers, `i = -1`). */
export function loopbackHost(family: IpFamily, i: number): string {
  return family === 'IPv6' ? '::1' : `127.0.0.${11 + Math.max(i, -1)}`;
}

/** `host:port`, with an IPv6 host in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Processes started here that are still running, by PID: stopped at exit even when a test is abandoned. */
const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** A started process, stopped by its PID. */
export class LocalProcess {
  public readonly pid: number;
  private exited = false;
  private readonly exit: Promise<void>;

  constructor(engine: Engine, args: string[], public readonly logFile: string) {
    const log = fs.openSync(logFile, 'a');
    const child: ChildProcess = spawn(engine.path, args, { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    if (child.pid === undefined) {
      throw new Error(`${engine.path} did not start`);
    }
    this.pid = child.pid;
    running.add(this.pid);
    this.exit = new Promise((resolve) => {
      child.once('exit', () => {
        this.exited = true;
        running.delete(this.pid);
        resolve();
      });
    });
  }

  public get alive(): boolean {
    return !this.exited;
  }

  /** Sends `signal` and waits (at most `timeoutMs`) for the exit; SIGKILL after that. */
  public async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 5_000): Promise<void> {
    if (this.exited) {
      return;
    }
    try {
      process.kill(this.pid, signal);
    } catch {
      // already gone
    }
    if (await this.exitWithin(timeoutMs)) {
      return;
    }
    try {
      process.kill(this.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await this.exitWithin(timeoutMs);
  }

  /** Whether the process exits within `ms` (the timer does not outlive the wait). */
  private async exitWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    try {
      return await Promise.race([this.exit.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last lines the process printed. */
  public tail(lines = 15): string {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An error that ends a {@link waitFor} at once (e.g. the process it waits for has exited). */
export class WaitAborted extends Error {}

/**
 * Polls `probe` every `intervalMs` until it returns something other than undefined, for at most `timeoutMs`;
 * then throws, naming what was awaited and the last value `describe` made of the state.
 */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  describe?: () => string,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
      lastError = '';
    } catch (e) {
      if (e instanceof WaitAborted) {
        throw new Error(`stopped waiting for ${what}: ${e.message}`);
      }
      lastError = (e as Error).message;
    }
    if (Date.now() >= deadline) {
      const state = describe ? describe() : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}${state ? `; ${state}` : ''}`);
    }
    await sleep(intervalMs);
  }
}

/** An HTTP request with a bounded time; the parsed JSON body (or the text), and the status. */
export async function httpJson(method: string, url: string, body?: unknown, timeoutMs = 3_000): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed };
}

/** A port free on `host` for both TCP and UDP (gossip uses both). */
export async function freePort(host: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const server = net.createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port));
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const udp = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const free = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(port, host, () => resolve(true));
    });
    await new Promise<void>((resolve) => {
      try {
        udp.close(() => resolve());
      } catch {
        resolve();
      }
    });
    if (free) {
      return port;
    }
  }
  throw new Error(`no free TCP+UDP port on ${host}`);
}

/** One notification the webhook counter received. */
export interface Notification {
  readonly receivedAt: number;
  /** The webhook payload: `receiver`, `status`, `alerts`, `groupLabels`, `externalURL`, ... */
  readonly payload: any;
}

/** An HTTP server on loopback that records every webhook notification. */
export class WebhookCounter {
  public readonly notifications: Notification[] = [];
  private server?: http.Server;
  private port = 0;

  constructor(private readonly host: string) {}

  public async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let payload: any = Buffer.concat(chunks).toString('utf8');
        try {
          payload = JSON.parse(payload);
        } catch {
          // recorded as text
        }
        this.notifications.push({ receivedAt: Date.now(), payload });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, this.host, () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  public get url(): string {
    return `http://${hostPort(this.host, this.port)}/notify`;
  }

  /** The notifications for alert groups whose `alertname` is `alertname`. */
  public about(alertname: string): Notification[] {
    return this.notifications.filter((n) => n.payload?.groupLabels?.alertname === alertname);
  }

  public async stop(): Promise<void> {
    const server = this.server;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}

/** The parts of the synthesized output a local cluster runs from. */
export interface RenderedAlertmanager {
  /** The container's `args`, as synthesized. */
  readonly args: string[];
  /** The container's `env`, as synthesized (`value_from.field_ref.field_path`). */
  readonly env: any[];
  /** The projected sources of the `config` volume, as synthesized. */
  readonly configSources: any[];
  /** The configuration Secret's `data`. */
  readonly configSecretData: Record<string, string>;
}

export interface LocalClusterOptions {
  readonly alertmanager: Engine;
  readonly rendered: RenderedAlertmanager;
  /** The values of the Secrets the configuration volume projects: `{ secretName: { key: value } }`. */
  readonly secrets: Record<string, Record<string, string>>;
  readonly family: IpFamily;
  /** A folder for configuration, storage and logs. */
  readonly workDir: string;
}

/** One replica. */
export interface LocalMember {
  readonly index: number;
  readonly host: string;
  readonly webPort: number;
  readonly clusterPort: number;
  readonly args: string[];
  /** `http://host:port`, the replica's API. */
  readonly url: string;
  process?: LocalProcess;
}

/** What was changed in one argument, and why. */
export interface ArgRewrite {
  readonly rendered: string;
  readonly local: string;
}

/** An Alertmanager cluster of one local process per replica, from the synthesized arguments. */
export class LocalAlertmanagerCluster {
  /** Plans the cluster (addresses, ports, folders, arguments) without starting anything. */
  public static async create(opts: LocalClusterOptions): Promise<LocalAlertmanagerCluster> {
    const cluster = new LocalAlertmanagerCluster(opts);
    await cluster.plan();
    return cluster;
  }

  public readonly members: LocalMember[] = [];
  /** Every argument that differs from the rendered one, per replica. */
  public readonly rewrites: ArgRewrite[][] = [];
  private readonly configDir: string;

  private constructor(private readonly opts: LocalClusterOptions) {
    this.configDir = path.join(opts.workDir, 'config');
  }

  /** The rendered `--cluster.peer` hosts, in order: peer i is replica i. */
  private peerHosts(): string[] {
    return this.opts.rendered.args.filter((a) => a.startsWith('--cluster.peer=')).map((a) => a.slice('--cluster.peer='.length));
  }

  /**
   * Maps an address a replica is reached by in the cluster (`<pod>.<headless>.<ns>.svc:<port>`) to the local one;
   * undefined when it names no replica.
   */
  public mapAddress(address: string): string | undefined {
    const match = /^(.+):(\d+)$/.exec(address);
    if (!match) {
      return undefined;
    }
    const index = this.peerHosts().findIndex((p) => p.replace(/:\d+$/, '') === match[1]);
    const member = this.members[index];
    if (!member) {
      return undefined;
    }
    const port = Number(match[2]) === WEB_PORT ? member.webPort : Number(match[2]) === CLUSTER_PORT ? member.clusterPort : undefined;
    return port === undefined ? undefined : hostPort(member.host, port);
  }

  private async plan(): Promise<void> {
    const { rendered, family, workDir } = this.opts;
    const peers = this.peerHosts();
    if (peers.length < 2) {
      throw new Error(`the rendered arguments list ${peers.length} --cluster.peer; expected one per replica`);
    }
    for (let i = 0; i < peers.length; i++) {
      const host = loopbackHost(family, i);
      if (!new RegExp(`-${i}\\.[^:]+:${CLUSTER_PORT}$`).test(peers[i])) {
        throw new Error(`peer ${i} is ${peers[i]}, expected the pod <name>-${i} on port ${CLUSTER_PORT}`);
      }
      const webPort = await freePort(host);
      let clusterPort = await freePort(host);
      while (clusterPort === webPort) {
        clusterPort = await freePort(host);
      }
      this.members.push({ index: i, host, webPort, clusterPort, args: [], url: `http://${hostPort(host, webPort)}` });
    }
    this.projectConfigVolume();
    for (const member of this.members) {
      fs.mkdirSync(path.join(workDir, `storage-${member.index}`), { recursive: true });
      const rewrites: ArgRewrite[] = [];
      const args = rendered.args.map((arg) => {
        const local = this.localArg(arg, member);
        if (local !== arg) {
          rewrites.push({ rendered: arg, local });
        }
        return local;
      });
      (member as { args: string[] }).args = args;
      this.rewrites.push(rewrites);
    }
  }

  /** `$(VAR)` expanded from the container's env, as the kubelet does (only `status.podIP` is known here). */
  private expand(value: string, member: LocalMember): string {
    return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => {
      const env = this.opts.rendered.env.find((e) => e.name === name);
      if (env?.value !== undefined) {
        return String(env.value);
      }
      if (env?.value_from?.field_ref?.field_path === 'status.podIP') {
        return member.host;
      }
      return whole;
    });
  }

  private localArg(arg: string, member: LocalMember): string {
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const value = eq < 0 ? '' : this.expand(arg.slice(eq + 1), member);
    const samePort = (v: string, port: number, local: number) => {
      if (!v.endsWith(`:${port}`)) {
        throw new Error(`${flag} is ${v}, expected port ${port}`);
      }
      return `${v.slice(0, -String(port).length)}${local}`;
    };
    switch (flag) {
      case '--config.file':
        return `${flag}=${this.localPath(value)}`;
      case '--storage.path':
        if (value !== STORAGE_MOUNT) {
          throw new Error(`--storage.path is ${value}, expected ${STORAGE_MOUNT}`);
        }
        return `${flag}=${path.join(this.opts.workDir, `storage-${member.index}`)}`;
      case '--web.listen-address':
        samePort(value, WEB_PORT, member.webPort);
        return `${flag}=${hostPort(member.host, member.webPort)}`;
      case '--cluster.listen-address':
        samePort(value, CLUSTER_PORT, member.clusterPort);
        return `${flag}=${hostPort(member.host, member.clusterPort)}`;
      case '--cluster.advertise-address':
        // The pod IP is already expanded: only the port is mapped, so an unbracketed IPv6 address stays broken.
        return `${flag}=${samePort(value, CLUSTER_PORT, member.clusterPort)}`;
      case '--cluster.peer': {
        const local = this.mapAddress(value);
        if (local === undefined) {
          throw new Error(`--cluster.peer=${value} names no replica`);
        }
        return `${flag}=${local}`;
      }
      default:
        return eq < 0 ? arg : `${flag}=${value}`;
    }
  }

  /** A path under the configuration mount, in the local projection of the volume. */
  private localPath(mounted: string): string {
    if (!mounted.startsWith(`${CONFIG_MOUNT}/`)) {
      throw new Error(`${mounted} is not under the configuration mount ${CONFIG_MOUNT}`);
    }
    return path.join(this.configDir, mounted.slice(CONFIG_MOUNT.length + 1));
  }

  /** Lays out the configuration volume as the StatefulSet projects it. */
  private projectConfigVolume(): void {
    const { configSources, configSecretData } = this.opts.rendered;
    for (const source of configSources) {
      for (const secret of source.secret ?? []) {
        // The configuration Secret is named by a reference to it (`${kubernetes_secret_v1....name}`).
        const data: Record<string, string> | undefined = String(secret.name).startsWith('${kubernetes_secret_v1.')
          ? configSecretData
          : this.opts.secrets[secret.name];
        if (data === undefined) {
          throw new Error(`the configuration volume projects Secret ${secret.name}: pass its values in \`secrets\``);
        }
        for (const item of secret.items ?? []) {
          if (data[item.key] === undefined) {
            throw new Error(`Secret ${secret.name} has no key ${item.key}`);
          }
          const file = path.join(this.configDir, item.path);
          fs.mkdirSync(path.dirname(file), { recursive: true });
          // The configuration refers to the other files by their mount path.
          fs.writeFileSync(file, data[item.key].split(`${CONFIG_MOUNT}/`).join(`${this.configDir}/`));
        }
      }
    }
  }

  /** Starts replica `i` (again, after a kill: same address, ports and storage). */
  public start(i: number): LocalProcess {
    const member = this.members[i];
    member.process = new LocalProcess(this.opts.alertmanager, member.args, path.join(this.opts.workDir, `member-${i}.log`));
    return member.process;
  }

  /** The replicas' recent output, for a failure message. */
  public logs(): string {
    return this.members.map((m) => `--- replica ${m.index} (${m.url}, pid ${m.process?.pid ?? '-'}):\n${m.process?.tail() ?? ''}`).join('\n');
  }

  /** Stops every running replica by its PID. */
  public async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m.process?.stop()));
  }

  /** `/api/v2/status` of replica i; aborts a {@link waitFor} when the replica's process has exited. */
  public async status(i: number): Promise<any> {
    const member = this.members[i];
    if (member.process !== undefined && !member.process.alive) {
      throw new WaitAborted(`replica ${i} exited:\n${member.process.tail(5)}`);
    }
    return (await httpJson('GET', `${member.url}/api/v2/status`)).body;
  }
}

export interface LocalPrometheusOptions {
  readonly prometheus: Engine;
  readonly host: string;
  readonly workDir: string;
  /** The rule file, as synthesized. */
  readonly rulesYaml: string;
  /** The `alerting:` section the library renders (static discovery). */
  readonly alerting: any;
  /** `scrape_configs` entries the library renders. */
  readonly scrapeConfigs: any[];
  /** Maps a replica's cluster address to its local one (see {@link LocalAlertmanagerCluster.mapAddress}). */
  readonly mapAddress: (address: string) => string | undefined;
}

/**
 * Prometheus loaded with the rendered rules, `alerting:` section and scrape config. Only the replicas' addresses in
 * `static_configs` are mapped to the local ones; the `global:` section (not rendered by the library) is the test's:
 * 1 s scrape and evaluation intervals, so rules evaluate within seconds, and alerts are re-sent every 2 s.
 */
export class LocalPrometheus {
  public static async start(opts: LocalPrometheusOptions): Promise<LocalPrometheus> {
    const mapTargets = (section: any): any =>
      JSON.parse(JSON.stringify(section), (key, value) => {
        if (key === 'targets' && Array.isArray(value)) {
          return value.map((t: string) => {
            const local = opts.mapAddress(t);
            if (local === undefined) {
              throw new Error(`target ${t} names no replica`);
            }
            return local;
          });
        }
        return value;
      });
    const dir = path.join(opts.workDir, 'prometheus');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'rules.yaml'), opts.rulesYaml);
    const config = {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [path.join(dir, 'rules.yaml')],
      alerting: mapTargets(opts.alerting),
      scrape_configs: opts.scrapeConfigs.map(mapTargets),
    };
    fs.writeFileSync(path.join(dir, 'prometheus.yml'), JSON.stringify(config, undefined, 2));
    const port = await freePort(opts.host);
    const proc = new LocalProcess(
      opts.prometheus,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=${hostPort(opts.host, port)}`,
        // Firing alerts are re-sent every 2 s instead of every minute, so an alert that fired before the
        // Alertmanagers were discovered reaches them within the test.
        '--rules.alert.resend-delay=2s',
      ],
      path.join(opts.workDir, 'prometheus.log'),
    );
    return new LocalPrometheus(proc, opts.host, port, config);
  }

  public readonly url: string;
  public readonly config: any;

  private constructor(public readonly process: LocalProcess, host: string, port: number, config: any) {
    this.url = `http://${hostPort(host, port)}`;
    this.config = config;
  }

  /** `GET /api/v1/<endpoint>`'s `data`. */
  public async api(endpoint: string): Promise<any> {
    const res = await httpJson('GET', `${this.url}/api/v1/${endpoint}`);
    if (res.status !== 200 || res.body?.status !== 'success') {
      throw new Error(`GET /api/v1/${endpoint}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    return res.body.data;
  }

  /** The instant-query result of `expr`. */
  public async query(expr: string): Promise<any[]> {
    return (await this.api(`query?query=${encodeURIComponent(expr)}`)).result;
  }
}
