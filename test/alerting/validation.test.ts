import 'cdktf/lib/testing/adapters/jest';
import { Lazy, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import * as fc from 'fast-check';
import { PAGERDUTY, SLACK, errorOf, minimalProps } from './support';
import { Duration, HaAlertmanager, InhibitRule, Matcher, MultiAzNetwork, Platform, Receiver, Route, SecretRef } from '../../src';
import { ValidationError } from '../../src/core/private/errors';

const PREFIX = 'HaAlertmanager "stack/alerting": ';

describe('HaAlertmanager validation: exact messages', () => {
  test('fewer than 2 replicas', () => {
    expect(errorOf(minimalProps({ replicas: 1 }))).toBe(
      `${PREFIX}\`replicas\` must be a whole number of at least 2 so alerts are still delivered while one replica is down, got 1.`,
    );
  });

  test('a fractional replica count', () => {
    expect(errorOf(minimalProps({ replicas: 2.5 }))).toBe(
      `${PREFIX}\`replicas\` must be a whole number of at least 2 so alerts are still delivered while one replica is down, got 2.5.`,
    );
  });

  test('a replica count given as a token', () => {
    expect(errorOf(minimalProps({ replicas: Lazy.numberValue({ produce: () => 3 }) }))).toBe(
      `${PREFIX}\`replicas\` must be known at synth time, not a Terraform token (each replica is listed as a gossip peer), got a Terraform token. Pass a literal value.`,
    );
  });

  test('the AWS platform: HaAlertmanager is Kubernetes-only for now', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const network = MultiAzNetwork.fromExisting(stack, 'network', {
      vpcId: 'vpc-1',
      vpcCidrBlock: '10.0.0.0/16',
      privateSubnets: [
        { subnetId: 'subnet-a', zone: 'eu-west-1a' },
        { subnetId: 'subnet-b', zone: 'eu-west-1b' },
      ],
    });
    expect(errorOf(minimalProps({ platform: Platform.aws({ network }) }), stack)).toBe(
      `${PREFIX}\`platform\` must be a Kubernetes platform: HaAlertmanager renders only on Kubernetes for now, got the AWS platform. Use Platform.kubernetes({ namespaceName }) (the AWS rendering, on Amazon Managed Service for Prometheus, is not available yet).`,
    );
  });

  test('a route to an undefined receiver', () => {
    expect(errorOf(minimalProps({ route: Route.to('nobody') }))).toBe(
      `${PREFIX}\`route.receiver\` must name one of the receivers ("oncall"), got "nobody". Add the receiver to \`receivers\` or fix the name.`,
    );
  });

  test('a nested route to an undefined receiver is named by its path', () => {
    const route = Route.to('oncall', { routes: [Route.to('team'), Route.to('oncall', { routes: [Route.to('slak')] })] });
    expect(errorOf(minimalProps({ receivers: [PAGERDUTY, SLACK], route }))).toBe(
      `${PREFIX}\`route.routes[1].routes[0].receiver\` must name one of the receivers ("oncall", "team"), got "slak". Add the receiver to \`receivers\` or fix the name.`,
    );
  });

  test('an inline (plain string) credential is rejected, and never echoed', () => {
    const message = errorOf(minimalProps({ receivers: [Receiver.pagerDuty('oncall', 'R0UT1NGKEY' as any)] }));
    expect(message).toBe(
      `${PREFIX}\`receivers[0].routingKey\` must be a SecretRef, got a plain string (not shown). Secrets never belong in code: use SecretRef.kubernetes(secretName, key) or SecretRef.terraformVariable(variable) with a sensitive variable without a default.`,
    );
    expect(message).not.toContain('R0UT1NGKEY');
  });

  test('an inline SMTP password and a missing Slack URL are rejected the same way', () => {
    const mail = Receiver.email('mail', {
      to: 'ops@example.com',
      fromAddress: 'am@example.com',
      smarthost: 'smtp.example.com:587',
      authUsername: 'am',
      authPassword: { value: 'hunter2' } as any,
    });
    const slack = Receiver.slack('team', undefined as any, { channel: '#a' });
    const message = errorOf(minimalProps({ receivers: [mail, slack] }));
    expect(message).toContain('`receivers[0].authPassword` must be a SecretRef, got a value of type object (not shown).');
    expect(message).toContain('`receivers[1].apiUrl` must be a SecretRef, got nothing.');
    expect(message).not.toContain('hunter2');
  });

  test('a Terraform variable that is not sensitive', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const key = new TerraformVariable(stack, 'pd_key', { type: 'string' });
    expect(errorOf(minimalProps({ receivers: [Receiver.pagerDuty('oncall', SecretRef.terraformVariable(key))] }), stack)).toBe(
      `${PREFIX}\`receivers[0].routingKey\` must reference a TerraformVariable declared with \`sensitive: true\`, got SecretRef.terraformVariable(var.pd_key), which is not sensitive. Mark it sensitive so Terraform keeps the value out of plans and logs.`,
    );
  });

  test('an invalid Kubernetes Secret name or key', () => {
    expect(errorOf(minimalProps({ receivers: [Receiver.pagerDuty('oncall', SecretRef.kubernetes('PagerDuty', 'routing/key'))] }))).toBe(
      [
        'HaAlertmanager "stack/alerting" has 2 invalid props:',
        '  - `receivers[0].routingKey.secretName` must be a Kubernetes Secret name (lower-case letters, digits, "-" and "."), got "PagerDuty".',
        '  - `receivers[0].routingKey.key` must be a Secret key (letters, digits, "-", "_" and "."), got "routing/key".',
      ].join('\n'),
    );
  });

  test('an image tagged latest', () => {
    expect(errorOf(minimalProps({ image: 'quay.io/prometheus/alertmanager:latest' }))).toBe(
      `${PREFIX}\`image\` must name a fixed version (a tag other than "latest", or a digest) so every replica runs the same Alertmanager, got "quay.io/prometheus/alertmanager:latest". Pin a release, e.g. "quay.io/prometheus/alertmanager:v0.28.1".`,
    );
  });

  test('an untagged image (a registry port is not a tag)', () => {
    expect(errorOf(minimalProps({ image: 'registry.example.com:5000/alertmanager' }))).toBe(
      `${PREFIX}\`image\` must name a fixed version (a tag other than "latest", or a digest) so every replica runs the same Alertmanager, got "registry.example.com:5000/alertmanager". Pin a release, e.g. "quay.io/prometheus/alertmanager:v0.28.1".`,
    );
  });

  test('a malformed digest is not a pinned version (the shared image rule)', () => {
    expect(errorOf(minimalProps({ image: 'quay.io/prometheus/alertmanager@sha256:xyz' }))).toBe(
      `${PREFIX}\`image\` must be a valid image reference, [registry/]repository[:tag][@digest] with a lower-case repository: its digest is malformed (expected "@sha256:" and 64 hex digits), got "quay.io/prometheus/alertmanager@sha256:xyz". E.g. "quay.io/prometheus/alertmanager:v0.28.1".`,
    );
    expect(() => errorOf(minimalProps({ image: `quay.io/prometheus/alertmanager@sha256:${'a'.repeat(64)}` }))).toThrow();
  });

  test('an Alertmanager older than 0.26', () => {
    expect(errorOf(minimalProps({ image: 'quay.io/prometheus/alertmanager:v0.25.0' }))).toBe(
      `${PREFIX}\`image\` must be Alertmanager 0.26 or later (the cluster uses --cluster.label, webhooks use url_file), got "quay.io/prometheus/alertmanager:v0.25.0".`,
    );
  });

  test('duplicate receiver names', () => {
    const other = Receiver.slack('oncall', SecretRef.kubernetes('slack', 'url'), { channel: '#a' });
    expect(errorOf(minimalProps({ receivers: [PAGERDUTY, SLACK, other] }))).toBe(
      `${PREFIX}\`receivers[2].name\` "oncall" is already used by \`receivers[0]\`: receiver names must be unique. Rename one of them.`,
    );
  });

  test('no receivers', () => {
    expect(errorOf(minimalProps({ receivers: [] }))).toBe(
      `${PREFIX}\`receivers\` must list at least one receiver, so alerts reach someone, got []. Add e.g. Receiver.pagerDuty(...).`,
    );
  });

  test('an empty receiver name', () => {
    const blank = Receiver.webhook(' ', SecretRef.kubernetes('h', 'u'));
    expect(errorOf(minimalProps({ receivers: [PAGERDUTY, blank] }))).toBe(`${PREFIX}\`receivers[1].name\` must not be empty, got " ".`);
  });

  test('an invalid or too long name', () => {
    expect(errorOf(minimalProps({ name: 'Alert_Manager' }))).toBe(
      `${PREFIX}\`name\` must be a DNS label of at most 52 characters (lower-case letters, digits and "-", a letter first: it names the Services), as pods are named <name>-<index>, got "Alert_Manager".`,
    );
    expect(errorOf(minimalProps({ name: 'a'.repeat(53) }))).toContain('`name` must be a DNS label of at most 52 characters');
    expect(() => new HaAlertmanager(new TerraformStack(Testing.app(), 's'), 'a', minimalProps({ name: 'a'.repeat(52) }))).not.toThrow();
  });

  test('an invalid namespace', () => {
    expect(errorOf(minimalProps({ platform: Platform.kubernetes({ namespaceName: 'Monitoring' }) }))).toBe(
      `${PREFIX}\`platform.namespaceName\` must be a namespace name (a DNS label: lower-case letters, digits and "-"), got "Monitoring".`,
    );
  });

  test('matchers or continueMatching on the root route', () => {
    expect(errorOf(minimalProps({ route: Route.to('oncall', { matchers: [Matcher.equal('severity', 'critical')] }) }))).toBe(
      `${PREFIX}\`route.matchers\` must be empty: the root route receives every alert, got [severity="critical"]. Put matchers on a nested route in \`routes\`.`,
    );
    expect(errorOf(minimalProps({ route: Route.to('oncall', { continueMatching: true }) }))).toBe(
      `${PREFIX}\`route.continueMatching\` must not be set on the root route: it has no siblings. Set it on a nested route.`,
    );
  });

  test('route timings: zero intervals, fractions of a second, tokens', () => {
    expect(errorOf(minimalProps({ route: Route.to('oncall', { groupInterval: Duration.seconds(0) }) }))).toBe(
      `${PREFIX}\`route.groupInterval\` must be a whole number of seconds of at least 1s, got 0s.`,
    );
    expect(errorOf(minimalProps({ route: Route.to('oncall', { routes: [Route.to('oncall', { repeatInterval: Duration.millis(1500) })] }) }))).toBe(
      `${PREFIX}\`route.routes[0].repeatInterval\` must be a whole number of seconds of at least 1s, got 1s 500ms.`,
    );
    expect(errorOf(minimalProps({ route: Route.to('oncall', { groupWait: Duration.millis(500) }) }))).toBe(
      `${PREFIX}\`route.groupWait\` must be a whole number of seconds, got 500ms.`,
    );
    expect(errorOf(minimalProps({ route: Route.to('oncall', { groupWait: Duration.seconds(Lazy.numberValue({ produce: () => 30 })) }) }))).toBe(
      `${PREFIX}\`route.groupWait\` must be known at synth time, not a Terraform token (it is written into the Alertmanager configuration, whose checksum rolls the pods when it changes), got a Duration of seconds given as a Terraform token. Pass a literal value.`,
    );
  });

  test('groupBy and matcher label names', () => {
    expect(errorOf(minimalProps({ route: Route.to('oncall', { groupBy: ['alertname', 'app.kubernetes.io/name'] }) }))).toBe(
      `${PREFIX}\`route.groupBy\` must list label names (letters, digits and "_"), or be exactly ["..."] to group by every label, got ["alertname", "app.kubernetes.io/name"].`,
    );
    expect(errorOf(minimalProps({ route: Route.to('oncall', { groupBy: ['...', 'alertname'] }) }))).toContain('`route.groupBy` must list label names');
    expect(errorOf(minimalProps({ route: Route.to('oncall', { routes: [Route.to('oncall', { matchers: [Matcher.equal('sev-erity', 'x')] })] }) }))).toBe(
      `${PREFIX}\`route.routes[0].matchers[0]\` must match a label name (letters, digits and "_", not starting with a digit), got "sev-erity".`,
    );
  });

  test('inhibit rules need source and target matchers and label names in equal', () => {
    expect(errorOf(minimalProps({ inhibitRules: [InhibitRule.of({ sourceMatchers: [], targetMatchers: [], equal: ['alert-name'] })] }))).toBe(
      [
        'HaAlertmanager "stack/alerting" has 3 invalid props:',
        '  - `inhibitRules[0].sourceMatchers` must not be empty: an empty source would mute on any alert, got [].',
        '  - `inhibitRules[0].targetMatchers` must not be empty: an empty target would mute every alert, got [].',
        '  - `inhibitRules[0].equal` must list label names (letters, digits and "_"), got ["alert-name"].',
      ].join('\n'),
    );
    expect(errorOf(minimalProps({ inhibitRules: [InhibitRule.of({ sourceMatchers: [Matcher.equal('1x', 'a')], targetMatchers: [Matcher.equal('b', 'c')] })] }))).toBe(
      `${PREFIX}\`inhibitRules[0].sourceMatchers[0]\` must match a label name (letters, digits and "_", not starting with a digit), got "1x".`,
    );
  });

  test('receiver options: Slack channel, webhook maxAlerts, email addresses, smarthost, password without user', () => {
    const receivers = [
      Receiver.slack('s', SecretRef.kubernetes('slack', 'url'), { channel: '' }),
      Receiver.webhook('w', SecretRef.kubernetes('hook', 'url'), { maxAlerts: -1 }),
      Receiver.email('m', { to: 'ops', fromAddress: 'am@example.com', smarthost: 'smtp.example.com', authPassword: SecretRef.kubernetes('smtp', 'pw') }),
    ];
    expect(errorOf(minimalProps({ receivers }))).toBe(
      [
        'HaAlertmanager "stack/alerting" has 5 invalid props:',
        '  - `receivers[0].channel` must name a channel ("#alerts") or user ("@oncall"), got "".',
        '  - `receivers[1].maxAlerts` must be a whole number of at least 0, got -1.',
        '  - `receivers[2].to` must be an email address, got "ops".',
        '  - `receivers[2].smarthost` must be "host:port", e.g. "smtp.example.com:587", got "smtp.example.com".',
        '  - `receivers[2].authPassword` needs `receivers[2].authUsername`: Alertmanager authenticates only with a user name. Set authUsername.',
      ].join('\n'),
    );
  });

  test('storage, resources and externalUrl', () => {
    expect(
      errorOf(
        minimalProps({
          storage: { size: '1 GB', storageClassName: 'Fast_SSD' },
          cpu: 'lots',
          memory: '128MB',
          externalUrl: 'alerts.example.com',
        }),
      ),
    ).toBe(
      [
        'HaAlertmanager "stack/alerting" has 5 invalid props:',
        '  - `storage.size` must be a Kubernetes quantity such as "1Gi", got "1 GB".',
        '  - `storage.storageClassName` must be a storage class name, got "Fast_SSD".',
        '  - `cpu` must be a positive Kubernetes quantity such as "500m", got "lots".',
        '  - `memory` must be a positive Kubernetes quantity such as "256Mi", got "128MB".',
        '  - `externalUrl` must be an http:// or https:// URL, got "alerts.example.com".',
      ].join('\n'),
    );
  });

  test('every problem of the construct is reported at once, as a ValidationError', () => {
    let error: unknown;
    try {
      new HaAlertmanager(new TerraformStack(Testing.app(), 'stack'), 'alerting', {
        ...minimalProps({ replicas: 1, image: 'alertmanager', route: Route.to('nobody') }),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toHaveLength(3);
    expect((error as ValidationError).message).toMatch(/^HaAlertmanager "stack\/alerting" has 3 invalid props:\n {2}- `replicas`/);
  });

  test('unresolved tokens are not validated', () => {
    const token = Lazy.stringValue({ produce: () => 'x' });
    expect(() =>
      new HaAlertmanager(new TerraformStack(Testing.app(), 'stack'), 'alerting', minimalProps({ image: token, storage: { size: token } })),
    ).not.toThrow();
  });
});

describe('HaAlertmanager validation: properties', () => {
  test('any replica count below 2 is rejected; 2 to 15 render one peer per replica', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 1 }), (replicas) =>
        errorOf(minimalProps({ replicas })).includes('`replicas` must be a whole number of at least 2'),
      ),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 15 }), (replicas) => {
        const am = new HaAlertmanager(new TerraformStack(Testing.app(), 'stack'), 'alerting', minimalProps({ replicas }));
        return am.peers.length === replicas && am.peers.every((p, i) => p === `stack-alerting-${i}.stack-alerting-headless.monitoring.svc:9094`);
      }),
      { numRuns: 20 },
    );
  });

  test('a route to any name that is not a receiver is rejected, naming it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s !== 'oncall'),
        (name) => errorOf(minimalProps({ route: Route.to(name) })).includes(`\`route.receiver\` must name one of the receivers ("oncall"), got ${JSON.stringify(name)}`),
      ),
      { numRuns: 30 },
    );
  });

  test('any plain-string credential is rejected without echoing it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 16, maxLength: 40, unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789') }), (secret) => {
        const message = errorOf(minimalProps({ receivers: [Receiver.webhook('hook', secret as any)] }));
        return message.includes('`receivers[0].url` must be a SecretRef, got a plain string (not shown)') && !message.includes(secret);
      }),
      { numRuns: 30 },
    );
  });

  test('any pinned tag from 0.26 on is accepted; "latest" and no tag never are', () => {
    fc.assert(
      fc.property(fc.integer({ min: 26, max: 99 }), fc.integer({ min: 0, max: 20 }), fc.boolean(), (minor, patch, v) => {
        const image = `quay.io/prometheus/alertmanager:${v ? 'v' : ''}0.${minor}.${patch}`;
        const am = new HaAlertmanager(new TerraformStack(Testing.app(), 'stack'), 'alerting', minimalProps({ image }));
        return am.image === image;
      }),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]+(\/[a-z0-9]+){0,2}$/), fc.boolean(), (repository, latest) =>
        errorOf(minimalProps({ image: latest ? `${repository}:latest` : repository })).includes('`image` must name a fixed version'),
      ),
      { numRuns: 30 },
    );
  });

  test('receiver names must be unique, whatever they are', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0), (name) => {
        const a = Receiver.pagerDuty(name, SecretRef.kubernetes('pd', 'key'));
        const b = Receiver.webhook(name, SecretRef.kubernetes('hook', 'url'));
        return errorOf(minimalProps({ receivers: [a, b], route: Route.to(name) })).includes(
          `\`receivers[1].name\` ${JSON.stringify(name)} is already used by \`receivers[0]\``,
        );
      }),
      { numRuns: 30 },
    );
  });

  test('apiClients labels, clusterTls names and the reserved Watchdog receiver name are checked', () => {
    expect(errorOf(minimalProps({ apiClients: [{ podLabels: { 'bad key!': 'x' } }] }))).toContain('`apiClients[0].podLabels`');
    expect(errorOf(minimalProps({ clusterTls: { secretName: 'Not_A_Secret' } }))).toContain('`clusterTls.secretName`');
    expect(errorOf(minimalProps({ clusterTls: { secretName: 'tls', configKey: 'a/b' } }))).toContain('`clusterTls.configKey`');
    const reserved = Receiver.webhook('watchdog-unrouted', SecretRef.kubernetes('hooks', 'url'));
    expect(errorOf(minimalProps({ receivers: [PAGERDUTY, reserved] }))).toContain('"watchdog-unrouted"');
  });
});

describe('HaAlertmanager validation: wrong types and values from plain JavaScript', () => {
  const mail = (options: any) => Receiver.email('mail', { to: 'ops@example.com', fromAddress: 'am@example.com', smarthost: 'smtp.example.com:587', ...options });
  const cases: Array<[string, () => any, string]> = [
    ['receivers not a list', () => ({ receivers: PAGERDUTY }), '`receivers` must list the receivers, e.g. [Receiver.pagerDuty(...)], got the Receiver "oncall".'],
    [
      'a hand-made receiver object (never echoed: it may hold a credential)',
      () => ({ receivers: [{ name: 'oncall', routingKey: 'S3CR3T-R0UT1NG' }] }),
      '`receivers[0]` must be a Receiver (Receiver.pagerDuty, .slack, .webhook or .email), got a value of type object (not shown).',
    ],
    ['a route object that is not a Route', () => ({ route: { receiver: 'oncall' } }), '`route` must be a Route, e.g. Route.to(\'oncall\'), got {"receiver":"oncall"}.'],
    [
      'a nested route that is not a Route',
      () => ({ route: Route.to('oncall', { routes: [{ receiver: 'oncall' } as any] }) }),
      '`route.routes[0]` must be a Route, e.g. Route.to(\'oncall\'), got {"receiver":"oncall"}.',
    ],
    [
      'a matcher written as a string',
      () => ({ route: Route.to('oncall', { routes: [Route.to('oncall', { matchers: ['severity="critical"' as any] })] }) }),
      '`route.routes[0].matchers[0]` must be a Matcher, e.g. Matcher.equal(\'severity\', \'critical\'), got "severity=\\"critical\\"".',
    ],
    ['groupWait as a number', () => ({ route: Route.to('oncall', { groupWait: 30 as any }) }), '`route.groupWait` must be a Duration, e.g. `Duration.seconds(30)`, got 30.'],
    [
      'continueMatching as a string',
      () => ({ route: Route.to('oncall', { routes: [Route.to('oncall', { continueMatching: 'yes' as any })] }) }),
      '`route.routes[0].continueMatching` must be true or false, got "yes".',
    ],
    [
      'an inhibit rule written as a plain object',
      () => ({ inhibitRules: [{ sourceMatchers: [Matcher.equal('severity', 'critical')], targetMatchers: [Matcher.equal('severity', 'warning')] }] }),
      '`inhibitRules[0]` must be an InhibitRule, e.g. InhibitRule.of({ sourceMatchers, targetMatchers, equal }), got {"sourceMatchers":["severity=\\"critical\\""],"targetMatchers":["severity=\\"warning\\""]}.',
    ],
    ['inhibitRules not a list', () => ({ inhibitRules: 'none' }), '`inhibitRules` must be a list of InhibitRule.of(...), got "none".'],
    ['allowSingleZone as a string', () => ({ allowSingleZone: 'false' }), '`allowSingleZone` must be true or false, got "false".'],
    ['watchdog as a string', () => ({ watchdog: 'no' }), '`watchdog` must be true or false, got "no".'],
    ['image as a number', () => ({ image: 28 }), '`image` must be an image reference like "quay.io/prometheus/alertmanager:v0.28.1", got 28.'],
    ['name as a number', () => ({ name: 7 }), '`name` must be a DNS label of at most 52 characters (lower-case letters, digits and "-", a letter first: it names the Services), as pods are named <name>-<index>, got 7.'],
    ['replicas as a string', () => ({ replicas: '3' }), '`replicas` must be a whole number of at least 2 so alerts are still delivered while one replica is down, got "3".'],
    ['storage as a string', () => ({ storage: '1Gi' }), '`storage` must be an object like { size: "1Gi" }, got "1Gi".'],
    ['cpu as a number', () => ({ cpu: 1 }), '`cpu` must be a positive Kubernetes quantity such as "500m", got 1.'],
    ['no memory at all', () => ({ memory: '0Mi' }), '`memory` must be a positive Kubernetes quantity such as "256Mi", got "0Mi".'],
    ['ephemeralStorage malformed', () => ({ ephemeralStorage: '1 GB' }), '`ephemeralStorage` must be a positive Kubernetes quantity such as "256Mi", got "1 GB".'],
    ['externalUrl as a number', () => ({ externalUrl: 80 }), '`externalUrl` must be an http:// or https:// URL, got 80.'],
    [
      'apiClients not a list',
      () => ({ apiClients: { podLabels: { app: 'prometheus' } } }),
      '`apiClients` must be a list of clients like [{ podLabels: { "app.kubernetes.io/name": "prometheus" } }], got {"podLabels":{"app":"prometheus"}}.',
    ],
    ['an api client that is not an object', () => ({ apiClients: ['prometheus'] }), '`apiClients[0]` must be an object with namespaceLabels and/or podLabels, got "prometheus".'],
    [
      'api client labels as a string',
      () => ({ apiClients: [{ podLabels: 'app=prometheus' }] }),
      '`apiClients[0].podLabels` must map Kubernetes label keys ("app.kubernetes.io/name") to label values, got "app=prometheus".',
    ],
    ['clusterTls as a string', () => ({ clusterTls: 'tls' }), '`clusterTls` must be an object like { secretName: "alertmanager-tls" }, got "tls".'],
    ['sendResolved as a string', () => ({ receivers: [Receiver.pagerDuty('oncall', SecretRef.kubernetes('pd', 'key'), { sendResolved: 'yes' as any })] }), '`receivers[0].sendResolved` must be true or false, got "yes".'],
    ['webhook maxAlerts as a string', () => ({ receivers: [Receiver.webhook('hook', SecretRef.kubernetes('hook', 'url'), { maxAlerts: '5' as any })] }), '`receivers[0].maxAlerts` must be a whole number of at least 0, got "5".'],
    ['email requireTls as a string', () => ({ receivers: [mail({ requireTls: 'true' })] }), '`receivers[0].requireTls` must be true or false, got "true".'],
  ];

  // The factories refuse a wrong argument themselves, naming the factory: the mistake is reported where it is made.
  const factories: Array<[string, () => unknown, string]> = [
    ['routes not a list', () => Route.to('oncall', { routes: Route.to('oncall') as any }), 'Route.to: `options.routes` must be a list, got a Route.'],
    ['a matcher value that is not a string', () => Matcher.equal('code', 500 as any), 'Matcher.equal: `value` must be a string, got 500.'],
    ['groupBy as one string', () => Route.to('oncall', { groupBy: 'alertname' as any }), 'Route.to: `options.groupBy` must be a list, got "alertname".'],
    [
      'inhibit rule matchers that are not a list',
      () => InhibitRule.of({ sourceMatchers: Matcher.equal('a', 'b') as any, targetMatchers: [Matcher.equal('c', 'd')] }),
      'InhibitRule.of: `options.sourceMatchers` must be a list, got a="b".',
    ],
    ['Slack without options', () => Receiver.slack('team', SecretRef.kubernetes('slack', 'url'), undefined as any), 'Receiver.slack: `options` must be an object like { channel: \'#alerts\' }, got nothing.'],
    ['email `from` (renamed fromAddress)', () => mail({ fromAddress: undefined, from: 'am@example.com' }), 'Receiver.email: `options.from` is not a known prop, got "am@example.com". Use `fromAddress`.'],
    ['a receiver name that is not a string', () => Receiver.pagerDuty(7 as any, SecretRef.kubernetes('pd', 'key')), 'Receiver.pagerDuty: `name` must be the receiver\'s name, which routes refer to, got 7.'],
    ['a misspelled route option', () => Route.to('oncall', { groupby: ['alertname'] } as any), 'Route.to: `options.groupby` is not a known prop, got ["alertname"]. Did you mean `options.groupBy`?'],
  ];
  test.each(factories)('a factory refuses it: %s', (_name, make, message) => {
    expect(make).toThrow(message);
  });

  test.each(cases)('%s', (_name, overrides, problem) => {
    const message = errorOf(() => minimalProps(overrides()));
    expect(message).toBe(PREFIX + problem);
    expect(message).not.toContain('S3CR3T');
  });
});
