/*
 * The Alertmanager configuration (`alertmanager.yml`) as an object, from the descriptions of the receivers, the
 * routing tree and the inhibit rules. Pure: no YAML library (see ./yaml), no resources.
 */
import { Duration } from '../../core/duration';
import { isBranded } from '../../core/private/brand';
import { SecretRefDescription } from '../../core/private/secrets';
import { SecretRef, SecretRefKind } from '../../core/secret-ref';
import { ReceiverKind } from '../receiver';
import { InhibitRule, MatchOperator, Matcher, Route } from '../route';
import { ReceiverCredential, ReceiverDescription } from './descriptions';

/** Where the configuration Secret (and every credential) is mounted. */
export const CONFIG_DIR = '/etc/alertmanager/config';
/** The configuration file's key in the Secret and its name in {@link CONFIG_DIR}. */
export const CONFIG_FILE = 'alertmanager.yml';

/** Root-route defaults, rendered explicitly so the configuration says what it does. */
export const ROOT_DEFAULTS = {
  groupBy: ['alertname', 'namespace'],
  groupWait: Duration.seconds(30),
  groupInterval: Duration.minutes(5),
  repeatInterval: Duration.hours(4),
};

/** The inhibit rule used when none are given: a critical alert mutes the warning of the same alert and namespace. */
export const DEFAULT_INHIBIT_RULES: InhibitRule[] = [
  InhibitRule.of({
    sourceMatchers: [Matcher.equal('severity', 'critical')],
    targetMatchers: [Matcher.equal('severity', 'warning')],
    equal: ['alertname', 'namespace'],
  }),
];

/** The receiver without integrations that takes the `Watchdog` alert when no route of the user does. */
export const WATCHDOG_DROP_RECEIVER = 'watchdog-unrouted';

/** One credential file: where it is mounted, and where its content comes from. */
export interface CredentialFile {
  readonly receiverIndex: number;
  readonly credential: ReceiverCredential;
  readonly ref: SecretRefDescription;
  /** The absolute path the configuration refers to. */
  readonly path: string;
  /** For a Terraform variable: the key in the configuration Secret. */
  readonly configSecretKey?: string;
}

/** Every credential of `receivers` (only valid SecretRefs), with the file it is mounted as. */
export function credentialFiles(receivers: ReceiverDescription[]): CredentialFile[] {
  const files: CredentialFile[] = [];
  receivers.forEach((receiver, receiverIndex) => {
    for (const credential of receiver.credentials) {
      if (!SecretRef.isSecretRef(credential.value)) {
        continue;
      }
      const ref = (credential.value as SecretRef)._describe();
      if (ref.kind === SecretRefKind.KUBERNETES) {
        files.push({ receiverIndex, credential, ref, path: `${CONFIG_DIR}/secrets/${ref.secretName}/${ref.key}` });
      } else {
        const key = `receiver-${receiverIndex}-${credential.field}`;
        files.push({ receiverIndex, credential, ref, path: `${CONFIG_DIR}/credentials/${key}`, configSecretKey: key });
      }
    }
  });
  return files;
}

/** A duration in Prometheus/Alertmanager syntax, in the largest whole unit: `30s`, `5m`, `4h`. */
export function promDuration(duration: Duration): string {
  const seconds = duration.toSeconds();
  if (seconds > 0 && seconds % 3600 === 0) {
    return `${seconds / 3600}h`;
  }
  if (seconds > 0 && seconds % 60 === 0) {
    return `${seconds / 60}m`;
  }
  return `${seconds}s`;
}

/** Whether a route of the tree matches `alertname="Watchdog"`. Reads a malformed tree without failing (it is validated elsewhere). */
export function routesWatchdog(route: unknown): boolean {
  if (!isBranded(route, 'Route')) {
    return false;
  }
  const d = (route as Route)._describe();
  const here =
    Array.isArray(d.matchers) &&
    d.matchers.some((m) => {
      const matcher = isBranded(m, 'Matcher') ? m._describe() : undefined;
      return matcher?.label === 'alertname' && matcher.operator === MatchOperator.EQUALS && matcher.value === 'Watchdog';
    });
  return here || (Array.isArray(d.routes) && d.routes.some(routesWatchdog));
}

function renderRoute(route: Route, root: boolean): Record<string, unknown> {
  const d = route._describe();
  const groupBy = d.groupBy ?? (root ? ROOT_DEFAULTS.groupBy : undefined);
  const groupWait = d.groupWait ?? (root ? ROOT_DEFAULTS.groupWait : undefined);
  const groupInterval = d.groupInterval ?? (root ? ROOT_DEFAULTS.groupInterval : undefined);
  const repeatInterval = d.repeatInterval ?? (root ? ROOT_DEFAULTS.repeatInterval : undefined);
  const rendered: Record<string, unknown> = { receiver: d.receiver };
  if (groupBy !== undefined) {
    rendered.group_by = [...groupBy];
  }
  if (groupWait !== undefined) {
    rendered.group_wait = promDuration(groupWait);
  }
  if (groupInterval !== undefined) {
    rendered.group_interval = promDuration(groupInterval);
  }
  if (repeatInterval !== undefined) {
    rendered.repeat_interval = promDuration(repeatInterval);
  }
  if (d.matchers !== undefined && d.matchers.length > 0) {
    rendered.matchers = d.matchers.map((m) => m.toString());
  }
  if (d.continueMatching !== undefined) {
    rendered.continue = d.continueMatching;
  }
  if (d.routes !== undefined && d.routes.length > 0) {
    rendered.routes = d.routes.map((r) => renderRoute(r, false));
  }
  return rendered;
}

function renderInhibitRule(rule: InhibitRule): Record<string, unknown> {
  const d = rule._describe();
  return {
    source_matchers: d.sourceMatchers.map((m) => m.toString()),
    target_matchers: d.targetMatchers.map((m) => m.toString()),
    ...(d.equal !== undefined && d.equal.length > 0 ? { equal: [...d.equal] } : {}),
  };
}

/** One receiver's configuration; `file` gives the mounted file of each of its credentials. */
function renderReceiver(d: ReceiverDescription, file: (credential: ReceiverCredential) => string): Record<string, unknown> {
  const sendResolved = d.sendResolved ?? true;
  const fileOf = (prop: string): string => {
    const credential = d.credentials.find((c) => c.prop === prop);
    return credential !== undefined ? file(credential) : '';
  };
  switch (d.kind) {
    case ReceiverKind.PAGERDUTY:
      return { name: d.name, pagerduty_configs: [{ routing_key_file: fileOf('routingKey'), send_resolved: sendResolved }] };
    case ReceiverKind.SLACK:
      return {
        name: d.name,
        slack_configs: [
          {
            api_url_file: fileOf('apiUrl'),
            channel: d.channel,
            send_resolved: sendResolved,
            ...(d.title !== undefined ? { title: d.title } : {}),
            ...(d.text !== undefined ? { text: d.text } : {}),
          },
        ],
      };
    case ReceiverKind.WEBHOOK:
      return {
        name: d.name,
        webhook_configs: [{ url_file: fileOf('url'), send_resolved: sendResolved, ...(d.maxAlerts !== undefined ? { max_alerts: d.maxAlerts } : {}) }],
      };
    case ReceiverKind.EMAIL:
      return {
        name: d.name,
        email_configs: [
          {
            to: d.to,
            from: d.fromAddress,
            smarthost: d.smarthost,
            ...(d.authUsername !== undefined ? { auth_username: d.authUsername } : {}),
            ...(d.hasAuthPassword ? { auth_password_file: fileOf('authPassword') } : {}),
            require_tls: d.requireTls ?? true,
            send_resolved: sendResolved,
          },
        ],
      };
  }
}

/**
 * The Alertmanager configuration, as an object. With `watchdog` and no route of the user for
 * `alertname="Watchdog"`, a first nested route drops it (a receiver without integrations), so it never pages.
 */
export function renderAlertmanagerConfig(
  route: Route,
  receivers: ReceiverDescription[],
  inhibitRules: InhibitRule[],
  watchdog: boolean,
  files: CredentialFile[],
): Record<string, unknown> {
  const rendered = renderRoute(route, true);
  const renderedReceivers: Record<string, unknown>[] = receivers.map((receiver, i) =>
    renderReceiver(receiver, (credential) => files.find((f) => f.receiverIndex === i && f.credential === credential)?.path ?? ''),
  );
  if (watchdog && !routesWatchdog(route)) {
    rendered.routes = [{ receiver: WATCHDOG_DROP_RECEIVER, matchers: ['alertname="Watchdog"'] }, ...((rendered.routes as unknown[]) ?? [])];
    renderedReceivers.push({ name: WATCHDOG_DROP_RECEIVER });
  }
  const config: Record<string, unknown> = { route: rendered, receivers: renderedReceivers };
  if (inhibitRules.length > 0) {
    config.inhibit_rules = inhibitRules.map(renderInhibitRule);
  }
  return config;
}
