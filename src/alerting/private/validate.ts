import { IConstruct } from 'constructs';
import { AlarmSeverity } from '../../core/alarms';
import { AlertRuleGroup, MonitoredWorkload, WorkloadKind } from '../../core/alert-routing';
import { Duration } from '../../core/duration';
import { Platform, PlatformKind } from '../../core/platform';
import { isBranded } from '../../core/private/brand';
import { ValidationError } from '../../core/private/errors';
import { parseImage, unpinnedImageProblem } from '../../core/private/image';
import { isDnsLabel, isDnsSubdomain, isLabelValue, isQuantity } from '../../core/private/kubernetes';
import { validateSecretRef } from '../../core/private/secrets';
import { PropValidator, formatValue, isUnresolved, platformName } from '../../core/private/validation';
import { SecretRef, SecretRefKind } from '../../core/secret-ref';
import type { HaAlertmanagerProps } from '../ha-alertmanager';
import { AlertmanagerDiscovery } from '../options';
import { Receiver, ReceiverKind } from '../receiver';
import { InhibitRule, Matcher, Route } from '../route';
import { WATCHDOG_DROP_RECEIVER, routesWatchdog } from './config';
import { ReceiverDescription } from './descriptions';
import { DEFAULT_IMAGE, DEFAULT_REPLICAS, MAX_NAME_LENGTH } from './plan';
import { BUILT_IN_GROUPS, KIND_NAME } from './prometheus';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const HOST_PORT = /^[^\s:]+:\d{1,5}$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Every problem of an HaAlertmanager's props, thrown at once. A platform other than Kubernetes, and a replica count
 * given as a token, are thrown alone: nothing else can be checked without them.
 */
export function validateHaAlertmanager(scope: IConstruct, props: HaAlertmanagerProps): void {
  const platform: Platform | undefined = props?.platform;
  if (platform?.kind !== PlatformKind.KUBERNETES) {
    throw new ValidationError('HaAlertmanager', scope.node.path, [
      `\`platform\` must be a Kubernetes platform: HaAlertmanager renders only on Kubernetes for now, got the ${platform?.kind !== undefined ? platformName(platform.kind) : 'missing'} platform. Use Platform.kubernetes({ namespaceName }) (the AWS rendering, on Amazon Managed Service for Prometheus, is not available yet).`,
    ]);
  }
  const v = new PropValidator('HaAlertmanager', scope);
  const replicas = props.replicas ?? DEFAULT_REPLICAS;
  if (isUnresolved(replicas)) {
    // The peer list has one entry per replica: the count must be known now.
    v.fail('`replicas` must be known at synth time (each replica is listed as a gossip peer), got a token.');
    v.throwIfInvalid();
  }
  v.integer('replicas', replicas, 2, undefined, 'so alerts are still delivered while one replica is down');
  if (props.name !== undefined) {
    const name = props.name;
    v.require(
      'name',
      name,
      () => typeof name === 'string' && isDnsLabel(name, MAX_NAME_LENGTH),
      `must be a DNS label of at most ${MAX_NAME_LENGTH} characters (lower-case letters, digits and "-"), as pods are named <name>-<index>`,
    );
  }
  const namespaceName = (platform as { namespaceName?: unknown }).namespaceName;
  v.require(
    'platform.namespaceName',
    namespaceName,
    () => typeof namespaceName === 'string' && isDnsLabel(namespaceName),
    'must be a namespace name (a DNS label: lower-case letters, digits and "-")',
  );

  validateImage(v, props.image ?? DEFAULT_IMAGE);
  validateStorageAndResources(v, props);
  if (props.externalUrl !== undefined) {
    const url = props.externalUrl;
    v.require('externalUrl', url, () => typeof url === 'string' && /^https?:\/\/[^\s]+$/.test(url), 'must be an http:// or https:// URL');
  }
  validateApiClients(v, props.apiClients);
  if (props.clusterTls !== undefined) {
    const tls = props.clusterTls;
    if (!isRecord(tls)) {
      v.require('clusterTls', tls, false, 'must be an object like { secretName: "alertmanager-tls" }');
    } else {
      v.require('clusterTls.secretName', tls.secretName, () => typeof tls.secretName === 'string' && isDnsSubdomain(tls.secretName), 'must be a Kubernetes Secret name');
      if (tls.configKey !== undefined) {
        const key = tls.configKey;
        v.require('clusterTls.configKey', key, () => typeof key === 'string' && SECRET_KEY.test(key), 'must be a Secret key (letters, digits, "-", "_" and ".")');
      }
    }
  }
  booleanProp(v, 'allowSingleZone', props.allowSingleZone);
  booleanProp(v, 'watchdog', props.watchdog);

  const receivers: unknown = props.receivers ?? [];
  if ((props.watchdog ?? true) && !(props.route !== undefined && routesWatchdog(props.route))) {
    const names = Array.isArray(receivers) ? receivers.filter((r) => isBranded(r, 'Receiver')).map((r) => (r as Receiver).name) : [];
    v.require(
      'receivers',
      receivers,
      () => names.every((name) => name !== WATCHDOG_DROP_RECEIVER),
      `must not name a receiver "${WATCHDOG_DROP_RECEIVER}": it drops the unrouted Watchdog alert`,
    );
  }
  const described = validateReceivers(v, receivers);
  if (props.route !== undefined) {
    validateRoute(v, 'route', props.route, described.map((r) => r.name), true);
  }
  validateInhibitRules(v, props.inhibitRules);
  v.throwIfInvalid();
}

/** A workload registered with `monitorWorkload`: thrown at once, naming the workload. */
export function validateMonitoredWorkload(scope: IConstruct, workload: MonitoredWorkload): void {
  const v = new PropValidator('HaAlertmanager', scope);
  v.enumValue('workload.kind', workload?.kind, WorkloadKind, 'WorkloadKind');
  v.require('workload.namespaceName', workload?.namespaceName, typeof workload?.namespaceName === 'string', 'must be a namespace name');
  v.require('workload.name', workload?.name, typeof workload?.name === 'string', 'must be a workload name');
  v.throwIfInvalid();
  const min = workload.minReplicas ?? 2;
  if (!isUnresolved(min) && (!Number.isInteger(min) || min < 1)) {
    throw new Error(
      `HaAlertmanager "${scope.node.path}": \`minReplicas\` of ${KIND_NAME[workload.kind]} ${workload.namespaceName}/${workload.name} must be a whole number of at least 1, got ${formatValue(min)}`,
    );
  }
}

/** Prometheus alert names follow the metric-name rule. */
const ALERT_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * Every problem of a rule group given to `addAlertRules`, thrown at once: each would otherwise surface only when
 * Prometheus loads the rule file (`promtool check rules` rejects it), far from the construct that registered it.
 */
export function validateAlertRuleGroup(scope: IConstruct, group: AlertRuleGroup): void {
  const v = new PropValidator('HaAlertmanager', scope);
  if (!isRecord(group)) {
    v.require('group', group, false, 'must be an AlertRuleGroup ({ name, namespaceName, rules })').throwIfInvalid();
  }
  const name = group.name;
  v.require('group.name', name, () => typeof name === 'string' && name.trim().length > 0, 'must be a non-empty group name');
  if (typeof name === 'string') {
    v.require('group.name', name, !BUILT_IN_GROUPS.includes(name), `must differ from the built-in groups (${BUILT_IN_GROUPS.join(', ')})`);
  }
  const ns = group.namespaceName;
  v.require('group.namespaceName', ns, () => typeof ns === 'string' && isDnsLabel(ns), 'must be a namespace name (a DNS label: lower-case letters, digits and "-")');
  const rules = group.rules;
  if (!Array.isArray(rules) || rules.length === 0) {
    v.require('group.rules', rules, false, 'must be a list of at least one AlertRule').throwIfInvalid();
  }
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = `group.rules[${i}]`;
    if (!isRecord(rule)) {
      v.require(at, rule, false, 'must be an AlertRule ({ name, expression, severity, summary, description })');
      return;
    }
    v.require(`${at}.name`, rule.name, () => typeof rule.name === 'string' && ALERT_NAME.test(rule.name), 'must be an alert name of letters, digits, "_" and ":", not starting with a digit');
    v.require(`${at}.expression`, rule.expression, () => typeof rule.expression === 'string' && rule.expression.trim().length > 0, 'must be a non-empty PromQL expression');
    v.duration(`${at}.pendingFor`, rule.pendingFor, { max: Duration.days(1) });
    v.enumValue(`${at}.severity`, rule.severity, AlarmSeverity, 'AlarmSeverity');
    if (rule.severity === undefined) {
      v.require(`${at}.severity`, rule.severity, false, 'must be AlarmSeverity.CRITICAL or AlarmSeverity.WARNING');
    }
    for (const key of ['summary', 'description'] as const) {
      const text = rule[key];
      v.require(`${at}.${key}`, text, () => typeof text === 'string' && text.trim().length > 0, 'must be a non-empty sentence');
    }
    const labels = rule.labels ?? {};
    if (!isRecord(labels)) {
      v.require(`${at}.labels`, labels, false, 'must be a map of label names to values');
    } else {
      for (const [key, value] of Object.entries(labels)) {
        v.require(`${at}.labels`, key, LABEL_NAME.test(key) && !key.startsWith('__'), 'must have label names of letters, digits and "_", not starting with a digit or "__"');
        v.require(`${at}.labels.${key}`, key, key !== 'severity' && key !== 'namespace', 'is set by the library (from `severity` and the group\'s `namespaceName`)', 'Remove it.');
        v.require(`${at}.labels.${key}`, value, typeof value === 'string', 'must be a string');
      }
      // promtool (--lint=duplicate-rules) refuses two rules with the same name and labels in one group.
      const identity = `${String(rule.name)} ${JSON.stringify(Object.entries(labels).sort())}`;
      v.require(`${at}.name`, rule.name, !seen.has(identity), 'must differ from the other rules of the group, or their labels must (Prometheus reports duplicate rules)');
      seen.add(identity);
    }
  });
  v.throwIfInvalid();
}

/** The discovery argument of `prometheusAlertingConfig` (plain JavaScript may pass any string). */
export function validateDiscovery(scope: IConstruct, discovery: AlertmanagerDiscovery): void {
  new PropValidator('HaAlertmanager', scope).enumValue('discovery', discovery, AlertmanagerDiscovery, 'AlertmanagerDiscovery').throwIfInvalid();
}

function validateImage(v: PropValidator, image: unknown): void {
  if (typeof image !== 'string') {
    v.require('image', image, false, 'must be an image reference like "quay.io/prometheus/alertmanager:v0.28.1"');
    return;
  }
  // The same rule as every other image of the library (a malformed tag or digest is not pinned either).
  v.require(
    'image',
    image,
    unpinnedImageProblem(image) === undefined,
    'must name a fixed version (a tag other than "latest", or a digest) so every replica runs the same Alertmanager',
    `Pin a release, e.g. "${DEFAULT_IMAGE}".`,
  );
  const version = parseImage(image).tag?.match(/^v?(\d+)\.(\d+)(\.\d+)?$/);
  if (version && Number(version[1]) === 0 && Number(version[2]) < 26) {
    v.require('image', image, false, 'must be Alertmanager 0.26 or later (the cluster uses --cluster.label, webhooks use url_file)');
  }
}

function validateStorageAndResources(v: PropValidator, props: HaAlertmanagerProps): void {
  const storage = props.storage ?? {};
  if (!isRecord(storage)) {
    v.require('storage', storage, false, 'must be an object like { size: "1Gi" }');
  } else {
    if (storage.size !== undefined) {
      const size = storage.size;
      v.require('storage.size', size, () => typeof size === 'string' && isQuantity(size), 'must be a Kubernetes quantity such as "1Gi"');
    }
    if (storage.storageClassName !== undefined) {
      const className = storage.storageClassName;
      v.require('storage.storageClassName', className, () => typeof className === 'string' && isDnsSubdomain(className), 'must be a storage class name');
    }
  }
  for (const [key, example] of [['cpu', '500m'], ['memory', '256Mi'], ['ephemeralStorage', '256Mi']] as const) {
    const value = props[key];
    if (value !== undefined) {
      v.require(key, value, () => typeof value === 'string' && isQuantity(value) && !/^0+(\.0+)?[a-zA-Z]*$/.test(value), `must be a positive Kubernetes quantity such as "${example}"`);
    }
  }
}

function validateApiClients(v: PropValidator, clients: unknown): void {
  if (clients === undefined) {
    return;
  }
  if (!Array.isArray(clients)) {
    v.require('apiClients', clients, false, 'must be a list of clients like [{ podLabels: { "app.kubernetes.io/name": "prometheus" } }]');
    return;
  }
  clients.forEach((client, i) => {
    if (!isRecord(client)) {
      v.require(`apiClients[${i}]`, client, false, 'must be an object with namespaceLabels and/or podLabels');
      return;
    }
    for (const key of ['namespaceLabels', 'podLabels'] as const) {
      const labels = (client as Record<string, unknown>)[key];
      if (labels !== undefined) {
        v.require(
          `apiClients[${i}].${key}`,
          labels,
          () => isRecord(labels) && Object.entries(labels as object).every(([k, value]) => isLabelKey(k) && typeof value === 'string' && isLabelValue(value)),
          'must map Kubernetes label keys ("app.kubernetes.io/name") to label values',
        );
      }
    }
  });
}

/** The valid receivers' descriptions, after checking each receiver and their names. */
function validateReceivers(v: PropValidator, receivers: unknown): ReceiverDescription[] {
  if (!Array.isArray(receivers)) {
    wrongShape(v, 'receivers', receivers, 'must list the receivers, e.g. [Receiver.pagerDuty(...)]');
    return [];
  }
  v.require('receivers', receivers, () => receivers.length > 0, 'must list at least one receiver, so alerts reach someone', 'Add e.g. Receiver.pagerDuty(...).');
  const described: ReceiverDescription[] = [];
  const seen = new Map<string, number>();
  receivers.forEach((receiver, i) => {
    if (!isBranded(receiver, 'Receiver')) {
      // Never echoed: a hand-made receiver object may carry a credential.
      v.fail(`\`receivers[${i}]\` must be a Receiver (Receiver.pagerDuty, .slack, .webhook or .email), got ${typeOf(receiver)} (not shown).`);
      return;
    }
    const d = (receiver as Receiver)._describe();
    described.push(d);
    validateReceiver(v, `receivers[${i}]`, d);
    if (isUnresolved(d.name)) {
      return;
    }
    const first = seen.get(d.name);
    if (first !== undefined) {
      v.fail(`\`receivers[${i}].name\` ${JSON.stringify(d.name)} is already used by \`receivers[${first}]\`: receiver names must be unique. Rename one of them.`);
    } else {
      seen.set(d.name, i);
    }
  });
  return described;
}

function validateReceiver(v: PropValidator, prop: string, d: ReceiverDescription): void {
  v.require(`${prop}.name`, d.name, () => typeof d.name === 'string' && d.name.trim().length > 0, 'must not be empty');
  for (const credential of d.credentials) {
    validateSecretRef(v, `${prop}.${credential.prop}`, credential.value, [SecretRefKind.KUBERNETES, SecretRefKind.TERRAFORM_VARIABLE], 'by an Alertmanager on Kubernetes');
  }
  booleanProp(v, `${prop}.sendResolved`, d.sendResolved);
  switch (d.kind) {
    case ReceiverKind.SLACK:
      v.require(`${prop}.channel`, d.channel, () => typeof d.channel === 'string' && d.channel.trim().length > 0, 'must name a channel ("#alerts") or user ("@oncall")');
      stringProp(v, `${prop}.title`, d.title);
      stringProp(v, `${prop}.text`, d.text);
      break;
    case ReceiverKind.WEBHOOK:
      v.integer(`${prop}.maxAlerts`, d.maxAlerts, 0);
      break;
    case ReceiverKind.EMAIL:
      v.require(`${prop}.to`, d.to, () => typeof d.to === 'string' && EMAIL.test(d.to), 'must be an email address');
      v.require(`${prop}.fromAddress`, d.fromAddress, () => typeof d.fromAddress === 'string' && EMAIL.test(d.fromAddress), 'must be an email address');
      v.require(`${prop}.smarthost`, d.smarthost, () => typeof d.smarthost === 'string' && HOST_PORT.test(d.smarthost), 'must be "host:port", e.g. "smtp.example.com:587"');
      stringProp(v, `${prop}.authUsername`, d.authUsername);
      if (d.hasAuthPassword && d.authUsername === undefined) {
        v.fail(`\`${prop}.authPassword\` needs \`${prop}.authUsername\`: Alertmanager authenticates only with a user name. Set authUsername.`);
      }
      booleanProp(v, `${prop}.requireTls`, d.requireTls);
      break;
    default:
      break;
  }
}

function validateRoute(v: PropValidator, prop: string, route: unknown, receiverNames: string[], root: boolean): void {
  if (!isBranded(route, 'Route')) {
    wrongShape(v, prop, route, 'must be a Route, e.g. Route.to(\'oncall\')');
    return;
  }
  const d = (route as Route)._describe();
  v.require(
    `${prop}.receiver`,
    d.receiver,
    () => receiverNames.includes(d.receiver),
    `must name one of the receivers (${receiverNames.map((n) => JSON.stringify(n)).join(', ') || 'none defined'})`,
    'Add the receiver to `receivers` or fix the name.',
  );
  if (root && Array.isArray(d.matchers) && d.matchers.length > 0 && d.matchers.every((m) => isBranded(m, 'Matcher'))) {
    v.fail(
      `\`${prop}.matchers\` must be empty: the root route receives every alert, got [${d.matchers.map((m) => m.toString()).join(', ')}]. Put matchers on a nested route in \`routes\`.`,
    );
  }
  if (root && d.continueMatching !== undefined) {
    v.fail(`\`${prop}.continueMatching\` must not be set on the root route: it has no siblings. Set it on a nested route.`);
  } else {
    booleanProp(v, `${prop}.continueMatching`, d.continueMatching);
  }
  validateMatchers(v, `${prop}.matchers`, d.matchers);
  validateLabelNames(v, `${prop}.groupBy`, d.groupBy, true);
  validateTiming(v, `${prop}.groupWait`, d.groupWait, true);
  validateTiming(v, `${prop}.groupInterval`, d.groupInterval, false);
  validateTiming(v, `${prop}.repeatInterval`, d.repeatInterval, false);
  if (d.routes !== undefined && !Array.isArray(d.routes)) {
    wrongShape(v, `${prop}.routes`, d.routes, 'must be a list of routes');
    return;
  }
  (d.routes ?? []).forEach((child, i) => validateRoute(v, `${prop}.routes[${i}]`, child, receiverNames, false));
}

/** A route timing, written into the configuration: a whole number of seconds (at least 1 unless `allowZero`), known at synth time. */
function validateTiming(v: PropValidator, prop: string, value: Duration | undefined, allowZero: boolean): void {
  if (value !== undefined && Duration.isDuration(value) && value.isUnresolved) {
    v.fail(`\`${prop}\` must be known at synth time (it is written into the Alertmanager configuration), got a token.`);
    return;
  }
  v.duration(prop, value, allowZero ? {} : { min: Duration.seconds(1) });
}

function validateMatchers(v: PropValidator, prop: string, matchers: unknown): void {
  if (matchers === undefined) {
    return;
  }
  if (!Array.isArray(matchers)) {
    wrongShape(v, prop, matchers, 'must be a list of matchers, e.g. [Matcher.equal(\'severity\', \'critical\')]');
    return;
  }
  matchers.forEach((m, i) => {
    if (!isBranded(m, 'Matcher')) {
      wrongShape(v, `${prop}[${i}]`, m, 'must be a Matcher, e.g. Matcher.equal(\'severity\', \'critical\')');
      return;
    }
    const d = (m as Matcher)._describe();
    v.require(`${prop}[${i}]`, d.label, () => typeof d.label === 'string' && LABEL_NAME.test(d.label), 'must match a label name (letters, digits and "_", not starting with a digit)');
    v.require(`${prop}[${i}]`, d.value, () => typeof d.value === 'string', 'must compare with a string value');
  });
}

function validateLabelNames(v: PropValidator, prop: string, labels: unknown, allowAll: boolean): void {
  if (labels === undefined) {
    return;
  }
  v.require(
    prop,
    labels,
    () =>
      Array.isArray(labels) &&
      labels.every((l) => (typeof l === 'string' && LABEL_NAME.test(l)) || (allowAll && l === '...')) &&
      (!allowAll || !labels.includes('...') || labels.length === 1),
    allowAll ? 'must list label names (letters, digits and "_"), or be exactly ["..."] to group by every label' : 'must list label names (letters, digits and "_")',
  );
}

function validateInhibitRules(v: PropValidator, rules: unknown): void {
  if (rules === undefined) {
    return;
  }
  if (!Array.isArray(rules)) {
    wrongShape(v, 'inhibitRules', rules, 'must be a list of InhibitRule.of(...)');
    return;
  }
  rules.forEach((rule, i) => {
    const prop = `inhibitRules[${i}]`;
    if (!isBranded(rule, 'InhibitRule')) {
      wrongShape(v, prop, rule, 'must be an InhibitRule, e.g. InhibitRule.of({ sourceMatchers, targetMatchers, equal })');
      return;
    }
    const d = (rule as InhibitRule)._describe();
    // A list must not be empty; anything else that is not a list is reported by validateMatchers.
    const empty = (matchers: unknown) => matchers === undefined || (Array.isArray(matchers) && matchers.length === 0);
    v.require(`${prop}.sourceMatchers`, d.sourceMatchers, () => !empty(d.sourceMatchers), 'must not be empty: an empty source would mute on any alert');
    v.require(`${prop}.targetMatchers`, d.targetMatchers, () => !empty(d.targetMatchers), 'must not be empty: an empty target would mute every alert');
    validateMatchers(v, `${prop}.sourceMatchers`, d.sourceMatchers);
    validateMatchers(v, `${prop}.targetMatchers`, d.targetMatchers);
    validateLabelNames(v, `${prop}.equal`, d.equal, false);
  });
}

/** A Kubernetes label key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = key.slice(slash + 1);
  return (prefix === undefined || isDnsSubdomain(prefix)) && /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name);
}

function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function booleanProp(v: PropValidator, prop: string, value: unknown): void {
  if (value !== undefined) {
    v.require(prop, value, typeof value === 'boolean', 'must be true or false');
  }
}

function stringProp(v: PropValidator, prop: string, value: unknown): void {
  if (value !== undefined) {
    v.require(prop, value, typeof value === 'string', 'must be a string');
  }
}

/** Records that `value` has the wrong shape, showing the library's objects in it by what they are, not by their state. */
function wrongShape(v: PropValidator, prop: string, value: unknown, requirement: string): void {
  if (!isUnresolved(value)) {
    v.fail(`\`${prop}\` ${requirement}, got ${shown(value)}.`);
  }
}

/** The library's alerting objects as their factories name them (`Route.to("oncall")`, `severity="critical"`). */
function nameOf(value: unknown): string | undefined {
  if (isBranded(value, 'Matcher')) {
    return (value as Matcher).toString();
  }
  if (isBranded(value, 'Route')) {
    return `Route.to(${JSON.stringify((value as Route)._describe().receiver)})`;
  }
  if (isBranded(value, 'Receiver')) {
    return `the Receiver ${JSON.stringify((value as Receiver).name)}`;
  }
  if (isBranded(value, 'InhibitRule')) {
    return 'an InhibitRule';
  }
  return SecretRef.isSecretRef(value) ? (value as SecretRef).toString() : undefined;
}

function shown(value: unknown): string {
  const named = nameOf(value);
  if (named !== undefined) {
    return named;
  }
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value, (_key, inner) => nameOf(inner) ?? (Duration.isDuration(inner) ? (inner as Duration).toHumanString() : inner));
    } catch {
      return formatValue(value);
    }
  }
  return formatValue(value);
}

/** What kind of value it is, without showing it. */
function typeOf(value: unknown): string {
  if (value === undefined || value === null) {
    return formatValue(value);
  }
  return Array.isArray(value) ? 'a list' : `a value of type ${typeof value}`;
}
