/*
 * The arguments of the alerting factories (Receiver, Route, InhibitRule, Matcher) as they arrive at run time: only
 * known options, thrown at once as one error naming the factory. Values (label names, receiver names, credentials,
 * addresses) are judged by the HaAlertmanager they are given to, which names the prop (`receivers[1].to`) and never
 * echoes a credential.
 */
import { KnownProps, checkStruct, isRecord } from '../../core/private/runtime';
import { PropValidator, isUnresolved } from '../../core/private/validation';
import type {
  EmailReceiverOptions,
  PagerDutyReceiverOptions,
  SlackReceiverOptions,
  WebhookReceiverOptions,
} from '../receiver';
import type { InhibitRuleOptions, RouteOptions } from '../route';

const PAGERDUTY: KnownProps<PagerDutyReceiverOptions> = { sendResolved: true };
const SLACK: KnownProps<SlackReceiverOptions> = { sendResolved: true, channel: true, title: true, text: true };
const WEBHOOK: KnownProps<WebhookReceiverOptions> = { sendResolved: true, maxAlerts: true };
const EMAIL: KnownProps<EmailReceiverOptions> = {
  sendResolved: true,
  to: true,
  fromAddress: true,
  smarthost: true,
  authUsername: true,
  authPassword: true,
  requireTls: true,
};
const ROUTE: KnownProps<RouteOptions> = {
  matchers: true,
  groupBy: true,
  groupWait: true,
  groupInterval: true,
  repeatInterval: true,
  continueMatching: true,
  routes: true,
};
const INHIBIT: KnownProps<InhibitRuleOptions> = { sourceMatchers: true, targetMatchers: true, equal: true };

const RECEIVER_OPTIONS: Record<string, [KnownProps<any>, string, boolean]> = {
  'Receiver.pagerDuty': [PAGERDUTY, '{ sendResolved: true }', false],
  'Receiver.slack': [SLACK, "{ channel: '#alerts' }", true],
  'Receiver.webhook': [WEBHOOK, '{ maxAlerts: 10 }', false],
  'Receiver.email': [EMAIL, "{ to: 'ops@example.com', fromAddress: 'am@example.com', smarthost: 'smtp.example.com:587' }", true],
};

/** A receiver factory's name and options. */
export function checkReceiverArguments(factory: keyof typeof RECEIVER_OPTIONS & string, name: unknown, options: unknown): void {
  const v = new PropValidator(factory);
  v.require('name', name, typeof name === 'string', 'must be the receiver\'s name, which routes refer to');
  const [known, example, required] = RECEIVER_OPTIONS[factory];
  checkStruct(v, 'options', options, known, { example, required, renamed: { password: 'Use `authPassword` with a SecretRef.', from: 'Use `fromAddress`.' } });
  v.throwIfInvalid();
}

/** `Route.to(receiver, options)`. */
export function checkRouteArguments(receiver: unknown, options: unknown): void {
  const v = new PropValidator('Route.to');
  v.require('receiver', receiver, typeof receiver === 'string', 'must be the name of a receiver');
  if (checkStruct(v, 'options', options, ROUTE, { example: "{ matchers: [Matcher.equal('severity', 'critical')] }", renamed: { continue: 'Use `continueMatching`.', match: 'Use `matchers`.', receiver: 'Pass the receiver as the first argument.' } }) && isRecord(options)) {
    lists(v, options, ['matchers', 'groupBy', 'routes']);
  }
  v.throwIfInvalid();
}

/** `InhibitRule.of(options)`. */
export function checkInhibitRuleArguments(options: unknown): void {
  const v = new PropValidator('InhibitRule.of');
  if (checkStruct(v, 'options', options, INHIBIT, { example: '{ sourceMatchers: [...], targetMatchers: [...], equal: [...] }', required: true }) && isRecord(options)) {
    lists(v, options, ['sourceMatchers', 'targetMatchers', 'equal']);
  }
  v.throwIfInvalid();
}

/** A matcher factory's label and value. */
export function checkMatcherArguments(factory: string, label: unknown, value: unknown): void {
  const v = new PropValidator(factory);
  v.require('label', label, typeof label === 'string', 'must be a label name');
  v.require('value', value, typeof value === 'string', 'must be a string');
  v.throwIfInvalid();
}

/** Each of `keys` that is set must be a list (its items are judged by the HaAlertmanager). */
function lists(v: PropValidator, options: Record<string, unknown>, keys: string[]): void {
  for (const key of keys) {
    const value = options[key];
    if (value !== undefined && !isUnresolved(value)) {
      v.require(`options.${key}`, value, Array.isArray(value), 'must be a list');
    }
  }
}
