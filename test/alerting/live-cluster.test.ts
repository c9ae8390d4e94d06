import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { LIVE } from './cases';
import { caseStack, renderedOf } from './rendered';
import { alertmanagerStartProblem, enginesRequired, findEngines } from '../engines/engines';
import {
  IpFamily,
  LocalAlertmanagerCluster,
  LocalMember,
  LocalPrometheus,
  WebhookCounter,
  hostPort,
  httpJson,
  loopbackHost,
  sleep,
  waitFor,
} from '../engines/local-cluster';

/*
 * A live HaAlertmanager: three real Alertmanagers started from the synthesized StatefulSet's arguments (mapped to
 * loopback addresses as test/engines/local-cluster.ts documents), a webhook counter, and a real Prometheus loaded
 * with the rendered rules, alerting section and scrape config. Every address is on 127.0.0.0/8 (or ::1 for the
 * IPv6 run), every wait is bounded, and every process is stopped by its PID in `finally`.
 *
 * The configuration is LIVE (cases.ts): a webhook receiver and `groupWait: 1s` instead of 30 s; everything else,
 * the peer timeout included (Alertmanager's default 15 s, not set by the library), is as rendered.
 */
const GROUP_WAIT_MS = 1_000;
const PEER_TIMEOUT_MS = 15_000;
/** Slack after the last moment a duplicate could be sent, before counting notifications. */
const MARGIN_MS = 4_000;

const engines = findEngines();
const alertmanager = engines.found.alertmanager;
const prometheus = engines.found.prometheus;
const problem = !alertmanager
  ? `alertmanager: ${engines.missing.alertmanager}`
  : !prometheus
    ? `prometheus: ${engines.missing.prometheus}`
    : alertmanagerStartProblem(alertmanager);
const hasIpv6 = Object.values(os.networkInterfaces()).some((addresses) => (addresses ?? []).some((a) => a.address === '::1'));

if (problem === undefined) {
  process.stdout.write(`live cluster: alertmanager ${alertmanager!.version} and prometheus ${prometheus!.version}, on 127.0.0.0/8${hasIpv6 ? ' and ::1' : ''}\n`);
} else {
  process.stdout.write(`live cluster: the live Alertmanager cluster test is ${enginesRequired() ? 'FAILING (FT_REQUIRE_ENGINES=1)' : 'SKIPPED'}: ${problem}\n`);
}
if (!hasIpv6) {
  process.stdout.write('live cluster: ::1 is not configured on this machine: the IPv6 run is SKIPPED\n');
}

if (problem !== undefined && enginesRequired()) {
  test('the real engines are installed (test/engines/install.sh)', () => {
    throw new Error(problem);
  });
}

const families: IpFamily[] = hasIpv6 ? ['IPv4', 'IPv6'] : ['IPv4'];

(problem === undefined ? describe : describe.skip)('a live HaAlertmanager cluster (real Alertmanager and Prometheus, loopback only)', () => {
  test.concurrent.each(families)(
    '%s: the cluster forms, notifies once per alert, shares silences, survives a killed replica that rejoins; Prometheus finds every replica',
    async (family) => {
      await scenario(family);
    },
    150_000,
  );
});

async function scenario(family: IpFamily): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `ft-live-${family}-`));
  const started = Date.now();
  const timings: string[] = [];
  const webhook = new WebhookCounter(loopbackHost(family, -1));
  let cluster: LocalAlertmanagerCluster | undefined;
  let prom: LocalPrometheus | undefined;
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const begin = Date.now();
    try {
      return await fn();
    } catch (e) {
      const logs = [cluster?.logs() ?? '', prom ? `--- prometheus:\n${prom.process.tail()}` : ''].join('\n');
      throw new Error(`${family}: step "${name}" failed after ${((Date.now() - begin) / 1000).toFixed(1)} s: ${(e as Error).message}\n${logs}`);
    } finally {
      timings.push(`${name} ${((Date.now() - begin) / 1000).toFixed(1)} s`);
    }
  };

  try {
    const { stack, alertmanager: am } = caseStack({ props: () => LIVE, routes: [] });
    const rendered = renderedOf(stack, am);
    const rules = parse(rendered.rulesYaml).groups.flatMap((g: any) => g.rules);
    const exprOf = (alert: string) => rules.find((r: any) => r.alert === alert).expr as string;

    await step('plan the replicas from the rendered arguments', async () => {
      await webhook.start();
      cluster = await LocalAlertmanagerCluster.create({
        alertmanager: alertmanager!,
        rendered,
        secrets: { hooks: { url: webhook.url } },
        family,
        workDir,
      });
      expect(rendered.args.some((a) => a.startsWith('--cluster.peer-timeout'))).toBe(false);
      for (const [i, member] of cluster.members.entries()) {
        // Only the addresses, ports and mount paths differ from the rendered arguments.
        const changed = cluster.rewrites[i].map((r) => r.rendered.split('=')[0]);
        expect(changed).toEqual([
          '--config.file',
          '--storage.path',
          '--web.listen-address',
          '--cluster.listen-address',
          '--cluster.advertise-address',
          '--cluster.peer',
          '--cluster.peer',
          '--cluster.peer',
        ]);
        expect(member.args).toContain('--cluster.label=monitoring/stack-alerting');
        const addresses = member.args.filter((a) => /address|peer/.test(a)).map((a) => a.slice(a.indexOf('=') + 1).replace(/^\[?([^\]]*?)\]?:\d+$/, '$1'));
        expect(addresses.filter((h) => !(family === 'IPv6' ? h === '::1' : /^127\./.test(h)))).toEqual([]);
      }
    });
    const c = cluster!;
    const url = (m: LocalMember) => m.url;
    const postAlert = (members: LocalMember[], alertname: string) =>
      Promise.all(
        members.map(async (m) => {
          const res = await httpJson('POST', `${url(m)}/api/v2/alerts`, [
            { labels: { alertname, severity: 'warning', namespace: 'monitoring' }, annotations: { summary: 'live test' } },
          ]);
          expect({ replica: m.index, status: res.status }).toEqual({ replica: m.index, status: 200 });
        }),
      );
    /** Every member of `members` sees exactly the cluster of `members`, settled. */
    const formed = async (members: LocalMember[]) => {
      const statuses = await Promise.all(members.map((m) => c.status(m.index)));
      const names = statuses.map((s) => s.cluster.name).sort();
      const ok = statuses.every(
        (s) => s.cluster.status === 'ready' && JSON.stringify(s.cluster.peers.map((p: any) => p.name).sort()) === JSON.stringify(names),
      );
      return ok ? new Map(members.map((m, i) => [m.index, statuses[i].cluster.name as string])) : undefined;
    };
    const peersSeen = async () =>
      (await Promise.all(c.members.map((m) => (m.process?.alive ? c.status(m.index).then((s) => s.cluster.peers.length, () => 'no answer') : 'stopped')))).join(', ');
    let lastPeers = '';
    const describePeers = () => `peers seen by each replica: ${lastPeers}`;
    const formedWithin = async (members: LocalMember[], timeoutMs: number) =>
      waitFor(`replicas ${members.map((m) => m.index).join(', ')} to see each other (and only each other), settled`, timeoutMs, async () => {
        lastPeers = await peersSeen();
        return formed(members);
      }, describePeers);
    /** Which replica sent a notification: Alertmanager's external URL is its host name and listen port. */
    const sender = (payload: any) => c.members.find((m) => String(m.webPort) === new URL(payload.externalURL).port);
    /** The replica first in the notification order: the lowest cluster name. */
    const first = (names: Map<number, string>) => [...names.entries()].sort((a, b) => a[1].localeCompare(b[1]))[0][0];

    const names = await step('start 3 replicas at once; each sees 3 peers', async () => {
      c.members.forEach((m) => c.start(m.index));
      return formedWithin(c.members, 45_000);
    });
    expect(names.size).toBe(3);

    await step('Prometheus discovers every replica, scrapes it and evaluates every rule without error', async () => {
      prom = await LocalPrometheus.start({
        prometheus: prometheus!,
        host: loopbackHost(family, -1),
        workDir,
        rulesYaml: rendered.rulesYaml,
        alerting: am.prometheusAlertingConfig(),
        scrapeConfigs: [am.prometheusScrapeConfig()],
        mapAddress: (a) => c.mapAddress(a),
      });
      const p = prom;
      const expected = c.members.map((m) => `${url(m)}/api/v2/alerts`).sort();
      await waitFor('3 active Alertmanagers in Prometheus', 30_000, async () => {
        const active = (await p.api('alertmanagers')).activeAlertmanagers.map((a: any) => a.url).sort();
        return JSON.stringify(active) === JSON.stringify(expected) ? active : undefined;
      });
      await waitFor(`the ${am.scrapeJobName} targets up`, 30_000, async () => {
        const targets = (await p.api('targets')).activeTargets.filter((t: any) => t.labels.job === am.scrapeJobName);
        return targets.length === 3 && targets.every((t: any) => t.health === 'up') ? targets : undefined;
      });
      const evaluated = await waitFor(`every one of the ${rules.length} rules evaluated`, 30_000, async () => {
        const loaded = (await p.api('rules')).groups.flatMap((g: any) => g.rules);
        return loaded.length === rules.length && loaded.every((r: any) => r.health !== 'unknown') ? loaded : undefined;
      });
      expect(evaluated.filter((r: any) => r.health !== 'ok').map((r: any) => `${r.name}: ${r.lastError}`)).toEqual([]);
      // The always-firing Watchdog reaches every replica (and, routed to a receiver without integrations, nobody).
      await waitFor('the Watchdog alert on every replica', 30_000, async () => {
        const counts = await Promise.all(
          c.members.map(async (m) => (await httpJson('GET', `${url(m)}/api/v2/alerts?filter=${encodeURIComponent('alertname="Watchdog"')}`)).body.length),
        );
        return counts.every((n) => n === 1) ? counts : undefined;
      });
      expect(await p.query(exprOf('AlertmanagerClusterDegraded'))).toEqual([]);
    });

    const notifier = await step('an alert sent to all 3 replicas is notified exactly once, by the first in order', async () => {
      const sent = Date.now();
      await postAlert(c.members, 'LiveTestAlert1');
      await waitFor('the first notification', 20_000, async () => (webhook.about('LiveTestAlert1').length > 0 ? true : undefined));
      // The other replicas would send a duplicate 15 s and 30 s after it: wait past the last one.
      await sleep(Math.max(0, sent + GROUP_WAIT_MS + 2 * PEER_TIMEOUT_MS + MARGIN_MS - Date.now()));
      const received = webhook.about('LiveTestAlert1');
      expect(received).toHaveLength(1);
      expect(received[0].payload.receiver).toBe('team');
      const from = sender(received[0].payload);
      expect(from?.index).toBe(first(names));
      return from!;
    });

    const silenceId = await step('a silence created on one replica is active on all 3 and suppresses the alert there', async () => {
      const other = c.members.find((m) => m !== notifier)!;
      const silence = await httpJson('POST', `${url(other)}/api/v2/silences`, {
        matchers: [{ name: 'alertname', value: 'LiveTestSilenced', isRegex: false, isEqual: true }],
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        createdBy: 'live-cluster.test.ts',
        comment: 'gossip test',
      });
      expect(silence.status).toBe(200);
      const id = silence.body.silenceID as string;
      await waitFor(`silence ${id} on every replica`, 15_000, async () => {
        const states = await Promise.all(c.members.map(async (m) => (await httpJson('GET', `${url(m)}/api/v2/silence/${id}`)).body?.status?.state));
        return states.every((s) => s === 'active') ? states : undefined;
      });
      await postAlert(c.members, 'LiveTestSilenced');
      await waitFor('LiveTestSilenced suppressed by the silence on every replica', 15_000, async () => {
        const alerts = await Promise.all(
          c.members.map(async (m) => (await httpJson('GET', `${url(m)}/api/v2/alerts?filter=${encodeURIComponent('alertname="LiveTestSilenced"')}`)).body),
        );
        return alerts.every((a: any[]) => a.length === 1 && a[0].status.state === 'suppressed' && a[0].status.silencedBy.includes(id)) ? alerts : undefined;
      });
      return id;
    });

    const survivors = c.members.filter((m) => m !== notifier);
    await step(`kill the notifying replica ${notifier.index} (SIGKILL); the others see 2 peers and Prometheus' rules see it`, async () => {
      await notifier.process!.stop('SIGKILL');
      expect(notifier.process!.alive).toBe(false);
      await formedWithin(survivors, 30_000);
      const p = prom!;
      await waitFor('AlertmanagerReplicaDown and AlertmanagerClusterDegraded expressions to select the loss', 20_000, async () => {
        const down = await p.query(exprOf('AlertmanagerReplicaDown'));
        const degraded = await p.query(exprOf('AlertmanagerClusterDegraded'));
        return down.length === 1 && down[0].metric.instance === hostPort(notifier.host, notifier.webPort) && degraded.length === 1 && degraded[0].value[1] === '2'
          ? true
          : undefined;
      });
    });

    await step('the next alert, sent to the 2 survivors, is notified exactly once', async () => {
      const survivorNames = await formed(survivors);
      expect(survivorNames).toBeDefined();
      const sent = Date.now();
      await postAlert(survivors, 'LiveTestAlert2');
      await waitFor('the first notification', 20_000, async () => (webhook.about('LiveTestAlert2').length > 0 ? true : undefined));
      await sleep(Math.max(0, sent + GROUP_WAIT_MS + PEER_TIMEOUT_MS + MARGIN_MS - Date.now()));
      const received = webhook.about('LiveTestAlert2');
      expect(received).toHaveLength(1);
      expect(sender(received[0].payload)?.index).toBe(first(survivorNames!));
    });

    await step(`restart replica ${notifier.index}: it rejoins (3 peers everywhere) and receives the silence`, async () => {
      c.start(notifier.index);
      await formedWithin(c.members, 45_000);
      await waitFor('the silence on the restarted replica', 15_000, async () =>
        (await httpJson('GET', `${url(notifier)}/api/v2/silence/${silenceId}`)).body?.status?.state === 'active' ? true : undefined,
      );
    });

    // Exactly the two notifications: never the Watchdog (dropped by its route), never the silenced alert.
    expect(webhook.notifications.map((n) => n.payload.groupLabels.alertname)).toEqual(['LiveTestAlert1', 'LiveTestAlert2']);
  } finally {
    await prom?.process.stop();
    await cluster?.stop();
    await webhook.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
    process.stdout.write(`live cluster ${family}: ${((Date.now() - started) / 1000).toFixed(1)} s (${timings.join('; ')})\n`);
  }
}
