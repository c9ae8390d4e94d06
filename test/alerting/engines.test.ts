import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { CASES } from './cases';
import { Subject, caseStack, renderedOf, subjects } from './rendered';
import { errorOf, minimalProps } from './support';
import { AlertmanagerDiscovery, Receiver, Route } from '../../src';
import { matcherEscape } from '../../src/alerting/private/escape';
import { Engine, EngineName, enginesRequired, expectSuccess, expectSuccessAsync, findEngines, runEngine } from '../engines/engines';

/*
 * The rendered Alertmanager configuration, rules and command line of every HaAlertmanager in the examples and in the
 * unit tests' configurations (cases.ts), checked by the real amtool, alertmanager and promtool
 * (test/engines/install.sh installs the versions the README names).
 */
jest.setTimeout(30_000);

const NEEDED: EngineName[] = ['amtool', 'alertmanager', 'promtool'];
const engines = findEngines();
const missing = NEEDED.filter((n) => engines.found[n] === undefined);
if (missing.length === 0) {
  process.stdout.write(`real engines: ${NEEDED.map((n) => `${n} ${engines.found[n]!.version} (${engines.found[n]!.path})`).join(', ')}\n`);
} else {
  process.stdout.write(
    `real engines missing, the amtool/promtool checks of the alerting output are ${enginesRequired() ? 'FAILING (FT_REQUIRE_ENGINES=1)' : 'SKIPPED'}: ${missing.map((n) => `${n}: ${engines.missing[n]}`).join('; ')}\n`,
  );
}

if (missing.length > 0 && enginesRequired()) {
  test('the real engines are installed (test/engines/install.sh)', () => {
    throw new Error(missing.map((n) => `${n}: ${engines.missing[n]}`).join('\n'));
  });
}

(missing.length === 0 ? describe : describe.skip)('the alerting output passes the real amtool, alertmanager and promtool', () => {
  const amtool = engines.found.amtool as Engine;
  const alertmanager = engines.found.alertmanager as Engine;
  const promtool = engines.found.promtool as Engine;
  // Synthesized even without engines, so the skipped tests are listed per configuration (describe.each refuses an empty table).
  const all = subjects();
  const names = all.map((s) => s.name);
  let dir: string;
  const byName = (name: string) => all.find((s) => s.name === name)!;
  /** The subject's files in a folder of its own: alertmanager.yml, rules.yaml, prometheus-{static,dns}.yml. */
  const files = (s: Subject) => {
    const folder = path.join(dir, String(names.indexOf(s.name)));
    if (!fs.existsSync(folder)) {
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'alertmanager.yml'), s.configYaml);
      fs.writeFileSync(path.join(folder, 'rules.yaml'), s.rulesYaml);
      for (const discovery of [AlertmanagerDiscovery.STATIC, AlertmanagerDiscovery.DNS]) {
        const prometheus = {
          rule_files: ['rules.yaml'],
          alerting: s.alertmanager.prometheusAlertingConfig(discovery),
          scrape_configs: [s.alertmanager.prometheusScrapeConfig()],
        };
        fs.writeFileSync(path.join(folder, `prometheus-${discovery}.yml`), JSON.stringify(prometheus, undefined, 2));
      }
    }
    return folder;
  };
  /**
   * The receivers amtool routes an alert with `labels` to, in order. The labels are passed double-quoted and escaped
   * as Alertmanager escapes them, so a tab or a quote in a value is read as written. Fails when Alertmanager reports
   * that its two matcher parsers read the configuration or the labels differently.
   */
  const route = async (folder: string, labels: Record<string, string>) => {
    const run = await expectSuccessAsync(amtool, [
      'config',
      'routes',
      'test',
      `--config.file=${path.join(folder, 'alertmanager.yml')}`,
      ...Object.entries(labels).map(([k, v]) => `${k}="${matcherEscape(v)}"`),
    ]);
    expect(run.output).not.toMatch(/disagreement|incompatible/);
    return run.stdout.trim().split(',');
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-engines-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('every example HaAlertmanager and every configuration of the unit tests is checked', () => {
    expect(names).toEqual(expect.arrayContaining(['kubernetes-web-app/kubernetes-web-app/alerting', ...Object.keys(CASES)]));
    process.stdout.write(`real engines: checking ${names.length} HaAlertmanager configurations: ${names.join('; ')}\n`);
  });

  describe.each(names)('%s', (name) => {
    test('amtool check-config accepts the configuration in the Secret, both matcher parsers agreeing', () => {
      const s = byName(name);
      const run = expectSuccess(amtool, ['check-config', path.join(files(s), 'alertmanager.yml')]);
      expect(run.output).toContain('SUCCESS');
      expect(run.output).not.toMatch(/disagreement|incompatible/);
      expect(run.output).toContain(`- ${parse(s.configYaml).receivers.length} receivers`);
    });

    test('alertmanager accepts every flag of the rendered command line', () => {
      // Flags are parsed before --version exits: an unknown flag (e.g. --cluster.label before 0.26) fails here.
      const run = expectSuccess(alertmanager, [...byName(name).args, '--version']);
      expect(run.output).toMatch(/^alertmanager, version /);
    });

    test('amtool config routes test: every documented route reaches its receivers', async () => {
      const s = byName(name);
      const folder = files(s);
      expect(s.routes.length).toBeGreaterThan(0);
      const routed = await Promise.all(s.routes.map(async ([labels]) => ({ labels, receivers: await route(folder, labels) })));
      expect(routed).toEqual(s.routes.map(([labels, receivers]) => ({ labels, receivers })));
    });

    test('the Watchdog alert of the rules goes where the README says, and no other rule\'s alert is dropped', async () => {
      const s = byName(name);
      const folder = files(s);
      const config = parse(s.configYaml);
      const rules = parse(s.rulesYaml).groups.flatMap((g: any) => g.rules);
      const watchdog = rules.find((r: any) => r.alert === 'Watchdog');
      if (s.watchdog === undefined) {
        expect(watchdog).toBeUndefined();
      } else {
        expect(await route(folder, { alertname: 'Watchdog', ...watchdog.labels })).toEqual([s.watchdog]);
        if (s.watchdog === 'watchdog-unrouted') {
          // A receiver without integrations: the alert is dropped, never paged.
          expect(config.receivers.find((r: any) => r.name === 'watchdog-unrouted')).toEqual({ name: 'watchdog-unrouted' });
        }
      }
      const routed = await Promise.all(
        rules
          .filter((r: any) => r.alert !== 'Watchdog')
          .map(async (rule: any) => {
            const labels = { alertname: rule.alert, ...rule.labels };
            return { labels, dropped: (await route(folder, labels)).filter((r) => r === 'watchdog-unrouted' || r === '') };
          }),
      );
      expect(routed.length).toBeGreaterThan(3);
      expect(routed.filter((r) => r.dropped.length > 0)).toEqual([]);
    });

    test('promtool check rules --lint=all --lint-fatal accepts the rules in the ConfigMap', () => {
      const run = expectSuccess(promtool, ['check', 'rules', '--lint=all', '--lint-fatal', path.join(files(byName(name)), 'rules.yaml')]);
      expect(run.output).toMatch(/SUCCESS: \d+ rules found/);
    });

    test.each([AlertmanagerDiscovery.STATIC, AlertmanagerDiscovery.DNS])('promtool check config: a prometheus.yml of the rendered alerting (%s discovery), scrape and rules', (discovery) => {
      const run = expectSuccess(promtool, ['check', 'config', '--lint=all', '--lint-fatal', path.join(files(byName(name)), `prometheus-${discovery}.yml`)]);
      expect(run.output).toContain('SUCCESS: 1 rule files found');
    });
  });

  describe('IPv6 addresses are written the way Alertmanager reads them', () => {
    /** The configuration of an email receiver with `smarthost`, as the library renders it. */
    const emailConfig = (smarthost: string) =>
      caseStack({
        props: () =>
          minimalProps({
            receivers: [Receiver.email('oncall', { to: 'ops@example.com', fromAddress: 'am@example.com', smarthost })],
            route: Route.to('oncall'),
          }),
      } as any).alertmanager.configYaml;

    test('a bracketed IPv6 smarthost is accepted by the library and by amtool check-config', () => {
      const folder = fs.mkdtempSync(path.join(dir, 'ipv6-'));
      fs.writeFileSync(path.join(folder, 'alertmanager.yml'), emailConfig('[2001:db8::25]:587'));
      expectSuccess(amtool, ['check-config', path.join(folder, 'alertmanager.yml')]);
    });

    test('an unbracketed one is refused by the library, as amtool refuses it', () => {
      const folder = fs.mkdtempSync(path.join(dir, 'ipv6-'));
      // The library's own output with the brackets removed: what the library refuses to render.
      fs.writeFileSync(path.join(folder, 'alertmanager.yml'), emailConfig('[2001:db8::25]:587').replace('[2001:db8::25]:587', '2001:db8::25:587'));
      const run = runEngine(amtool, ['check-config', path.join(folder, 'alertmanager.yml')]);
      expect(run.status).not.toBe(0);
      expect(run.output).toContain('too many colons in address');
      expect(errorOf(minimalProps({ receivers: [Receiver.email('oncall', { to: 'ops@example.com', fromAddress: 'am@example.com', smarthost: '2001:db8::25:587' })], route: Route.to('oncall') }))).toContain(
        '`receivers[0].smarthost` must be "host:port", e.g. "smtp.example.com:587"',
      );
    });
  });

  describe('a broken configuration fails with the engine\'s own message', () => {
    test('a route to an unknown receiver, slipped past validation by an override on the Secret: amtool check-config', () => {
      const { stack, alertmanager: am } = caseStack(CASES['minimal (defaults)']);
      // The construct would refuse Route.to('nobody'); an escape-hatch override is not validated.
      const broken = am.configYaml.replace(/^ {2}receiver: oncall$/m, '  receiver: nobody');
      expect(broken).not.toBe(am.configYaml);
      am.kubernetes!.configSecret.addOverride('data', { 'alertmanager.yml': broken });
      const folder = fs.mkdtempSync(path.join(dir, 'broken-'));
      fs.writeFileSync(path.join(folder, 'alertmanager.yml'), renderedOf(stack, am).configYaml);
      expect(() => expectSuccess(amtool, ['check-config', path.join(folder, 'alertmanager.yml')])).toThrow('FAILED: undefined receiver "nobody" used in route');
      expect(errorOf(minimalProps({ route: Route.to('nobody') }))).toContain('`route.receiver` must name one of the receivers ("oncall")');
    });

    test('a rule with a PromQL syntax error, slipped in by an override on the ConfigMap: promtool check rules', () => {
      const { stack, alertmanager: am } = caseStack(CASES['minimal (defaults)']);
      am.kubernetes!.rulesConfigMap.addOverride('data', { 'rules.yaml': am.rulesYaml().replace('== 0', '== ') });
      const folder = fs.mkdtempSync(path.join(dir, 'broken-'));
      fs.writeFileSync(path.join(folder, 'rules.yaml'), renderedOf(stack, am).rulesYaml);
      const run = runEngine(promtool, ['check', 'rules', path.join(folder, 'rules.yaml')]);
      expect(run.status).toBe(1);
      expect(run.output).toMatch(/FAILED:[\s\S]*unexpected end of input/);
    });
  });
});
