import { stringify } from 'yaml';
import { ReceiverCredential } from './credentials';
import { Duration } from '../../core/duration';
import { SecretRefDescription, validateSecretRef } from '../../core/private/secrets';
import { PropValidator, isUnresolved } from '../../core/private/validation';
import { SecretRef, SecretRefKind } from '../../core/secret-ref';
import { Receiver, ReceiverKind, SlackReceiverOptions, EmailReceiverOptions, WebhookReceiverOptions } from '../receiver';
import { InhibitRule, MatchOperator, Matcher, Route } from '../route';

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
  {
    sourceMatchers: [Matcher.equal('severity', 'critical')],
    targetMatchers: [Matcher.equal('severity', 'warning')],
    equal: ['alertname', 'namespace'],
  },
];

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const HOST_PORT = /^[^\s:]+:\d{1,5}$/;

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
export function credentialFiles(receivers: Receiver[]): CredentialFile[] {
  const files: CredentialFile[] = [];
  receivers.forEach((receiver, receiverIndex) => {
    for (const credential of receiver._credentials) {
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

/** YAML without line folding (a folded token or PromQL expression would break). */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

function renderRoute(route: Route, root: boolean): Record<string, unknown> {
  const o = route.options;
  const groupBy = o.groupBy ?? (root ? ROOT_DEFAULTS.groupBy : undefined);
  const groupWait = o.groupWait ?? (root ? ROOT_DEFAULTS.groupWait : undefined);
  const groupInterval = o.groupInterval ?? (root ? ROOT_DEFAULTS.groupInterval : undefined);
  const repeatInterval = o.repeatInterval ?? (root ? ROOT_DEFAULTS.repeatInterval : undefined);
  const rendered: Record<string, unknown> = { receiver: route.receiver };
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
  if (o.matchers !== undefined && o.matchers.length > 0) {
    rendered.matchers = o.matchers.map((m) => m.toString());
  }
  if (o.continueMatching !== undefined) {
    rendered.continue = o.continueMatching;
  }
  if (o.routes !== undefined && o.routes.length > 0) {
    rendered.routes = o.routes.map((r) => renderRoute(r, false));
  }
  return rendered;
}

function renderInhibitRule(rule: InhibitRule): Record<string, unknown> {
  return {
    source_matchers: rule.sourceMatchers.map((m) => m.toString()),
    target_matchers: rule.targetMatchers.map((m) => m.toString()),
    ...(rule.equal !== undefined && rule.equal.length > 0 ? { equal: [...rule.equal] } : {}),
  };
}

/** The receiver without integrations that takes the `Watchdog` alert when no route of the user does. */
export const WATCHDOG_DROP_RECEIVER = 'watchdog-unrouted';

/** Whether a route of the tree matches `alertname="Watchdog"`. */
export function routesWatchdog(route: Route): boolean {
  const o = route.options;
  const here = (o.matchers ?? []).some((m) => m.label === 'alertname' && m.operator === MatchOperator.EQUALS && m.value === 'Watchdog');
  return here || (o.routes ?? []).some(routesWatchdog);
}

/**
 * The Alertmanager configuration (as an object; see {@link toYaml}). With `watchdog` and no route of the user for
 * `alertname="Watchdog"`, a first nested route drops it (a receiver without integrations), so it never pages.
 */
export function renderAlertmanagerConfig(
  route: Route,
  receivers: Receiver[],
  inhibitRules: InhibitRule[],
  watchdog = false,
): Record<string, unknown> {
  const files = credentialFiles(receivers);
  const rendered = renderRoute(route, true);
  const renderedReceivers: Record<string, unknown>[] = receivers.map((receiver, i) =>
    receiver._render((credential) => files.find((f) => f.receiverIndex === i && f.credential === credential)!.path),
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

function validateDuration(v: PropValidator, prop: string, value: Duration | undefined, allowZero: boolean): void {
  if (value === undefined) {
    return;
  }
  if (value.isUnresolved) {
    v.fail(`\`${prop}\` must be known at synth time (it is written into the Alertmanager configuration), got a token.`);
    return;
  }
  v.require(
    prop,
    value,
    () => value.toMilliseconds() % 1000 === 0 && (allowZero || value.toSeconds() > 0),
    `must be a whole number of seconds${allowZero ? '' : ' greater than 0'}`,
  );
}

function validateMatchers(v: PropValidator, prop: string, matchers: Matcher[] | undefined): void {
  (matchers ?? []).forEach((m, i) => {
    v.require(`${prop}[${i}]`, m.label, () => LABEL_NAME.test(m.label), 'must match a label name (letters, digits and "_", not starting with a digit)');
  });
}

function validateLabelNames(v: PropValidator, prop: string, labels: string[] | undefined, allowAll: boolean): void {
  if (labels === undefined) {
    return;
  }
  v.require(
    prop,
    labels,
    () => labels.every((l) => LABEL_NAME.test(l) || (allowAll && l === '...')) && (!allowAll || !labels.includes('...') || labels.length === 1),
    allowAll ? 'must list label names (letters, digits and "_"), or be exactly ["..."] to group by every label' : 'must list label names (letters, digits and "_")',
  );
}

function validateRoute(v: PropValidator, prop: string, route: Route, receiverNames: string[], root: boolean): void {
  const o = route.options;
  v.require(
    `${prop}.receiver`,
    route.receiver,
    () => receiverNames.includes(route.receiver),
    `must name one of the receivers (${receiverNames.map((n) => JSON.stringify(n)).join(', ') || 'none defined'})`,
    'Add the receiver to `receivers` or fix the name.',
  );
  if (root && o.matchers !== undefined && o.matchers.length > 0) {
    v.fail(
      `\`${prop}.matchers\` must be empty: the root route receives every alert, got [${o.matchers.map((m) => m.toString()).join(', ')}]. Put matchers on a nested route in \`routes\`.`,
    );
  }
  if (root && o.continueMatching !== undefined) {
    v.fail(`\`${prop}.continueMatching\` must not be set on the root route: it has no siblings. Set it on a nested route.`);
  }
  validateMatchers(v, `${prop}.matchers`, o.matchers);
  validateLabelNames(v, `${prop}.groupBy`, o.groupBy, true);
  validateDuration(v, `${prop}.groupWait`, o.groupWait, true);
  validateDuration(v, `${prop}.groupInterval`, o.groupInterval, false);
  validateDuration(v, `${prop}.repeatInterval`, o.repeatInterval, false);
  (o.routes ?? []).forEach((child, i) => validateRoute(v, `${prop}.routes[${i}]`, child, receiverNames, false));
}

function validateCredential(v: PropValidator, prop: string, value: unknown): void {
  validateSecretRef(v, prop, value, [SecretRefKind.KUBERNETES, SecretRefKind.TERRAFORM_VARIABLE], 'by an Alertmanager on Kubernetes');
}

function validateReceiver(v: PropValidator, prop: string, receiver: Receiver): void {
  v.require(`${prop}.name`, receiver.name, () => typeof receiver.name === 'string' && receiver.name.trim().length > 0, 'must not be empty');
  for (const credential of receiver._credentials) {
    validateCredential(v, `${prop}.${credential.prop}`, credential.value);
  }
  switch (receiver.kind) {
    case ReceiverKind.SLACK: {
      const o = receiver._options as SlackReceiverOptions;
      v.require(`${prop}.channel`, o.channel, () => typeof o.channel === 'string' && o.channel.trim().length > 0, 'must name a channel ("#alerts") or user ("@oncall")');
      break;
    }
    case ReceiverKind.WEBHOOK: {
      const o = receiver._options as WebhookReceiverOptions;
      v.integer(`${prop}.maxAlerts`, o.maxAlerts, 0);
      break;
    }
    case ReceiverKind.EMAIL: {
      const o = receiver._options as EmailReceiverOptions;
      v.require(`${prop}.to`, o.to, () => typeof o.to === 'string' && EMAIL.test(o.to), 'must be an email address');
      v.require(`${prop}.from`, o.from, () => typeof o.from === 'string' && EMAIL.test(o.from), 'must be an email address');
      v.require(`${prop}.smarthost`, o.smarthost, () => typeof o.smarthost === 'string' && HOST_PORT.test(o.smarthost), 'must be "host:port", e.g. "smtp.example.com:587"');
      if (o.authPassword !== undefined && o.authUsername === undefined) {
        v.fail(`\`${prop}.authPassword\` needs \`${prop}.authUsername\`: Alertmanager authenticates only with a user name. Set authUsername.`);
      }
      break;
    }
    default:
      break;
  }
}

/** Validates receivers, the routing tree and inhibit rules, with problems named as the user wrote them. */
export function validateAlertmanagerConfig(
  v: PropValidator,
  receivers: Receiver[],
  route: Route | undefined,
  inhibitRules: InhibitRule[] | undefined,
): void {
  v.require('receivers', receivers, () => receivers.length > 0, 'must list at least one receiver, so alerts reach someone', 'Add e.g. Receiver.pagerDuty(...).');
  const seen = new Map<string, number>();
  receivers.forEach((receiver, i) => {
    validateReceiver(v, `receivers[${i}]`, receiver);
    if (isUnresolved(receiver.name)) {
      return;
    }
    const first = seen.get(receiver.name);
    if (first !== undefined) {
      v.fail(`\`receivers[${i}].name\` ${JSON.stringify(receiver.name)} is already used by \`receivers[${first}]\`: receiver names must be unique. Rename one of them.`);
    } else {
      seen.set(receiver.name, i);
    }
  });
  if (route !== undefined) {
    validateRoute(v, 'route', route, receivers.map((r) => r.name), true);
  }
  (inhibitRules ?? []).forEach((rule, i) => {
    const prop = `inhibitRules[${i}]`;
    v.require(`${prop}.sourceMatchers`, rule.sourceMatchers, () => (rule.sourceMatchers ?? []).length > 0, 'must not be empty: an empty source would mute on any alert');
    v.require(`${prop}.targetMatchers`, rule.targetMatchers, () => (rule.targetMatchers ?? []).length > 0, 'must not be empty: an empty target would mute every alert');
    validateMatchers(v, `${prop}.sourceMatchers`, rule.sourceMatchers);
    validateMatchers(v, `${prop}.targetMatchers`, rule.targetMatchers);
    validateLabelNames(v, `${prop}.equal`, rule.equal, false);
  });
}
