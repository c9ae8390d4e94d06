/*
 * What the variant classes of the alerting capability hold, as the validation and the renderers read it through
 * their `_describe()`. Not part of the public API (jsii cannot express the unions).
 */
import type { ReceiverKind } from '../receiver';
import type { MatchOperator, Matcher, RouteOptions } from '../route';

/** One credential of a receiver: the option name users wrote, the `*_file` field it renders to, the reference. */
export interface ReceiverCredential {
  /** The option name (`routingKey`, `apiUrl`, `url`, `authPassword`). */
  readonly prop: string;
  /** The short name used in file names (`routing-key`). */
  readonly field: string;
  /** The Alertmanager configuration field (`routing_key_file`). */
  readonly configField: string;
  /** What the user passed: a SecretRef, or (wrongly) anything else. */
  readonly value: unknown;
}

interface ReceiverBase {
  readonly name: string;
  /** Unset: resolved notifications are sent. */
  readonly sendResolved?: boolean;
  /** The credentials, each read from a mounted file. */
  readonly credentials: ReceiverCredential[];
}

export interface PagerDutyReceiverDescription extends ReceiverBase {
  readonly kind: ReceiverKind.PAGERDUTY;
}

export interface SlackReceiverDescription extends ReceiverBase {
  readonly kind: ReceiverKind.SLACK;
  readonly channel: string;
  readonly title?: string;
  readonly text?: string;
}

export interface WebhookReceiverDescription extends ReceiverBase {
  readonly kind: ReceiverKind.WEBHOOK;
  readonly maxAlerts?: number;
}

export interface EmailReceiverDescription extends ReceiverBase {
  readonly kind: ReceiverKind.EMAIL;
  readonly to: string;
  readonly fromAddress: string;
  readonly smarthost: string;
  readonly authUsername?: string;
  /** Whether an SMTP password is configured (it is one of `credentials`). */
  readonly hasAuthPassword: boolean;
  /** Unset: STARTTLS is required. */
  readonly requireTls?: boolean;
}

/** A {@link Receiver}. */
export type ReceiverDescription = PagerDutyReceiverDescription | SlackReceiverDescription | WebhookReceiverDescription | EmailReceiverDescription;

/** A {@link Matcher}. */
export interface MatcherDescription {
  readonly label: string;
  readonly operator: MatchOperator;
  readonly value: string;
}

/** A {@link Route}: its receiver and its options, unset where the user left them unset. */
export interface RouteDescription extends RouteOptions {
  readonly receiver: string;
}

/** An `InhibitRule`. */
export interface InhibitRuleDescription {
  readonly sourceMatchers: Matcher[];
  readonly targetMatchers: Matcher[];
  readonly equal?: string[];
}

/** The receiver fields that may be string tokens (written into the configuration as text, never interpreted). */
export const TOKEN_TEXT_FIELDS = ['to', 'fromAddress', 'smarthost', 'authUsername', 'channel', 'title', 'text'];
