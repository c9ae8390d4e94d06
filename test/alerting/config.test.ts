import 'cdktf/lib/testing/adapters/jest';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { HEARTBEAT, NESTED_WATCHDOG_ROUTE, RECEIVER_OPTIONS, ROUTING_TREE } from './cases';
import { PAGERDUTY, SLACK, minimalProps, synth } from './support';
import { AlertmanagerDiscovery, Duration, Matcher, MatchOperator, Receiver, ReceiverKind, Route, SecretRef } from '../../src';
import { promDuration } from '../../src/alerting/private/config';

/** The parsed configuration; without the Watchdog drop route unless `watchdog` is set (see its own tests). */
function config(props = minimalProps()): any {
  return parse(synth({ watchdog: false, ...props }).alertmanager.configYaml);
}

describe('Alertmanager configuration', () => {
  describe('the Watchdog alert', () => {
    const drop = { receiver: 'watchdog-unrouted', matchers: ['alertname="Watchdog"'] };

    test('without a route of the user, a first nested route drops it (a receiver without integrations): it never pages', () => {
      const c = parse(synth(minimalProps({ route: Route.to('oncall', { routes: [Route.to('oncall', { matchers: [Matcher.equal('severity', 'critical')] })] }) })).alertmanager.configYaml);
      expect(c.route.routes).toEqual([drop, { receiver: 'oncall', matchers: ['severity="critical"'] }]);
      expect(c.receivers[c.receivers.length - 1]).toEqual({ name: 'watchdog-unrouted' });
    });

    test('a route of the user for alertname="Watchdog" (at any depth) takes it to their heartbeat receiver instead', () => {
      const c = parse(synth(minimalProps({ receivers: [PAGERDUTY, HEARTBEAT], route: NESTED_WATCHDOG_ROUTE })).alertmanager.configYaml);
      expect(JSON.stringify(c)).not.toContain('watchdog-unrouted');
      expect(c.route.routes[0].routes[0]).toEqual({ receiver: 'heartbeat', matchers: ['alertname="Watchdog"'], repeat_interval: '1m' });
    });

    test('`watchdog: false` adds neither the route nor the rule', () => {
      const { alertmanager } = synth(minimalProps({ watchdog: false }));
      expect(alertmanager.configYaml).not.toContain('Watchdog');
      expect(alertmanager.rulesYaml()).not.toContain('Watchdog');
    });
  });

  test('round trip: the YAML parses back to exactly the declared routes, receivers and inhibit rules', () => {
    expect(config(minimalProps(ROUTING_TREE))).toEqual({
      route: {
        receiver: 'team',
        group_by: ['alertname', 'service'],
        group_wait: '45s',
        group_interval: '10m',
        repeat_interval: '3h',
        routes: [
          { receiver: 'oncall', matchers: ['severity="critical"'], continue: true, repeat_interval: '30m' },
          {
            receiver: 'team',
            matchers: ['namespace=~"shop|payments"', 'team!="platform"'],
            group_by: ['...'],
            routes: [{ receiver: 'oncall', matchers: ['env!~"dev.*"'], continue: false }],
          },
        ],
      },
      receivers: [
        { name: 'oncall', pagerduty_configs: [{ routing_key_file: '/etc/alertmanager/config/secrets/pagerduty/routing-key', send_resolved: true }] },
        {
          name: 'team',
          slack_configs: [{ api_url_file: '/etc/alertmanager/config/secrets/slack/webhook-url', channel: '#alerts', send_resolved: true }],
        },
      ],
      inhibit_rules: [
        { source_matchers: ['alertname="NodeDown"'], target_matchers: ['alertname=~"Pod.*"'], equal: ['node'] },
        { source_matchers: ['severity="critical"'], target_matchers: ['severity="info"'] },
      ],
    });
  });

  test('the root route renders the defaults it inherits to children: group by alertname and namespace, 30s, 5m, 4h', () => {
    expect(config(minimalProps({ route: Route.to('oncall') })).route).toEqual({
      receiver: 'oncall',
      group_by: ['alertname', 'namespace'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
    });
  });

  test('nested routes render only what they set (the rest is inherited)', () => {
    const nested = config(minimalProps({ route: Route.to('oncall', { routes: [Route.to('oncall', { matchers: [Matcher.equal('a', 'b')] })] }) }));
    expect(nested.route.routes).toEqual([{ receiver: 'oncall', matchers: ['a="b"'] }]);
  });

  test('an empty inhibitRules list turns inhibition off', () => {
    expect(config(minimalProps({ inhibitRules: [] }))).not.toHaveProperty('inhibit_rules');
  });

  test('a group_wait of 0 is allowed and rendered as 0s', () => {
    expect(config(minimalProps({ route: Route.to('oncall', { groupWait: Duration.seconds(0) }) })).route.group_wait).toBe('0s');
  });

  test('credentials are only ever file paths in the configuration', () => {
    const yaml = synth(minimalProps({ receivers: [PAGERDUTY, SLACK] })).alertmanager.configYaml;
    expect(yaml).not.toMatch(/routing_key:|api_url:|auth_password:|\burl:/);
  });
});

describe('receivers', () => {
  test('PagerDuty: routing_key_file, resolved notifications on by default and switchable', () => {
    expect(PAGERDUTY.kind).toBe(ReceiverKind.PAGERDUTY);
    expect(config(minimalProps({ receivers: [RECEIVER_OPTIONS.pagerDuty] })).receivers[0]).toEqual({
      name: 'p',
      pagerduty_configs: [{ routing_key_file: '/etc/alertmanager/config/secrets/pd/key', send_resolved: false }],
    });
  });

  test('Slack: api_url_file and channel; title and text when given', () => {
    const slack = RECEIVER_OPTIONS.slack;
    expect(slack.kind).toBe(ReceiverKind.SLACK);
    expect(config(minimalProps({ receivers: [slack] })).receivers[0]).toEqual({
      name: 's',
      slack_configs: [
        { api_url_file: '/etc/alertmanager/config/secrets/slack/url', channel: '@oncall', send_resolved: true, title: '{{ .CommonLabels.alertname }}', text: 'x' },
      ],
    });
  });

  test('webhook: url_file, max_alerts when given', () => {
    const hook = Receiver.webhook('w', SecretRef.kubernetes('hooks', 'url'));
    expect(hook.kind).toBe(ReceiverKind.WEBHOOK);
    expect(config(minimalProps({ receivers: [hook] })).receivers[0]).toEqual({
      name: 'w',
      webhook_configs: [{ url_file: '/etc/alertmanager/config/secrets/hooks/url', send_resolved: true }],
    });
    expect(config(minimalProps({ receivers: [RECEIVER_OPTIONS.webhook] })).receivers[0].webhook_configs[0].max_alerts).toBe(5);
  });

  test('email: STARTTLS required by default, auth_password_file with a user name', () => {
    const mail = Receiver.email('m', { to: 'ops@example.com', fromAddress: 'am@example.com', smarthost: 'smtp.example.com:587' });
    expect(mail.kind).toBe(ReceiverKind.EMAIL);
    expect(config(minimalProps({ receivers: [mail] })).receivers[0]).toEqual({
      name: 'm',
      email_configs: [{ to: 'ops@example.com', from: 'am@example.com', smarthost: 'smtp.example.com:587', require_tls: true, send_resolved: true }],
    });
    expect(config(minimalProps({ receivers: [RECEIVER_OPTIONS.email] })).receivers[0].email_configs[0]).toEqual({
      to: 'ops@example.com',
      from: 'am@example.com',
      smarthost: 'smtp.example.com:465',
      auth_username: 'am',
      auth_password_file: '/etc/alertmanager/config/secrets/smtp/password',
      require_tls: false,
      send_resolved: true,
    });
  });
});

describe('value types', () => {
  test('Matcher: the four operators, values quoted and escaped', () => {
    expect(Matcher.equal('severity', 'critical').toString()).toBe('severity="critical"');
    expect(Matcher.notEqual('a', 'b').toString()).toBe('a!="b"');
    expect(Matcher.regex('a', 'b|c').toString()).toBe('a=~"b|c"');
    expect(Matcher.notRegex('a', 'b.*').toString()).toBe('a!~"b.*"');
    expect(Matcher.equal('msg', 'say "hi" \\ bye').toString()).toBe('msg="say \\"hi\\" \\\\ bye"');
    expect(Matcher.regex('a', 'b')._describe().operator).toBe(MatchOperator.MATCHES_REGEX);
  });

  test('enum values equal their member names, so plain JavaScript can pass the name', () => {
    for (const e of [ReceiverKind, MatchOperator, AlertmanagerDiscovery]) {
      expect(Object.entries(e).every(([member, value]) => member === value)).toBe(true);
    }
  });

  test('variant classes keep their state private: only a receiver\'s name and kind are public', () => {
    expect(Object.keys(Matcher.equal('a', 'b')).filter((k) => k !== 'description')).toEqual([]);
    expect((Matcher.equal('a', 'b') as any).operator).toBeUndefined();
    expect((Route.to('x') as any).receiver).toBeUndefined();
    expect(Object.keys(PAGERDUTY).filter((k) => k !== 'description')).toEqual(['name', 'kind']);
    const email = Receiver.email('m', { to: 'ops@example.com', fromAddress: 'am@example.com', smarthost: 'smtp.example.com:587' })._describe();
    expect(email).toEqual(expect.objectContaining({ kind: ReceiverKind.EMAIL, fromAddress: 'am@example.com', hasAuthPassword: false, credentials: [] }));
  });

  test('Route.to keeps the receiver and the options', () => {
    const route = Route.to('oncall', { groupBy: ['alertname'] });
    expect(route._describe().receiver).toBe('oncall');
    expect(route._describe().groupBy).toEqual(['alertname']);
    expect(Object.values(Route.to('x')._describe()).filter((value) => value !== undefined)).toEqual(['x']);
  });

  test('durations render in the largest whole unit', () => {
    expect(promDuration(Duration.seconds(30))).toBe('30s');
    expect(promDuration(Duration.seconds(90))).toBe('90s');
    expect(promDuration(Duration.seconds(120))).toBe('2m');
    expect(promDuration(Duration.minutes(90))).toBe('90m');
    expect(promDuration(Duration.days(1))).toBe('24h');
    expect(promDuration(Duration.seconds(0))).toBe('0s');
  });

  test('Matcher: escapes only what Alertmanager escapes (backslash, double quote, newline); a tab stays a tab', () => {
    expect(Matcher.equal('team', 'a\tb').toString()).toBe('team="a\tb"');
    expect(Matcher.equal('team', 'a\tb').toString()).not.toContain('\\t');
    expect(Matcher.equal('m', 'line1\nline2').toString()).toBe('m="line1\\nline2"');
    expect(Matcher.equal('m', '\u0001\u007f\r').toString()).toBe('m="\u0001\u007f\r"');
  });

  test('property: any matcher value survives a YAML round trip and reads back as Alertmanager\'s parsers read it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        const rendered = Matcher.equal('label', value).toString();
        const back = parse(`m: ${JSON.stringify(rendered)}`).m as string;
        return back === rendered && readMatcherValue(back.slice('label='.length)) === value;
      }),
    );
  });
});

/**
 * A double-quoted matcher value read back the way both of Alertmanager's matcher parsers read it: `\\`, `\"` and `\n`
 * are escapes, every other character (a tab, a control character) stands for itself. Undefined when it is not one
 * quoted token.
 */
function readMatcherValue(quoted: string): string | undefined {
  if (!quoted.startsWith('"') || !quoted.endsWith('"') || quoted.length < 2) {
    return undefined;
  }
  let out = '';
  const body = quoted.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      return undefined;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i];
    if (next === '\\' || next === '"') {
      out += next;
    } else if (next === 'n') {
      out += '\n';
    } else {
      return undefined;
    }
  }
  return out;
}
