import { checkReceiverArguments } from './private/arguments';
import { brand } from '../core/private/brand';
import { SecretRef } from '../core/secret-ref';
import type { ReceiverCredential, ReceiverDescription } from './private/descriptions';

/**
 * The integrations a {@link Receiver} notifies.
 */
export enum ReceiverKind {
  /** PagerDuty Events API v2 (`pagerduty_configs`). */
  PAGERDUTY = 'PAGERDUTY',
  /** A Slack incoming webhook (`slack_configs`). */
  SLACK = 'SLACK',
  /** A generic HTTP webhook (`webhook_configs`). */
  WEBHOOK = 'WEBHOOK',
  /** Email over SMTP (`email_configs`). */
  EMAIL = 'EMAIL',
}

/**
 * Options every receiver shares.
 */
export interface ReceiverOptions {
  /**
   * Also notify when the alerts of a notification are resolved, so on-call knows the incident is over.
   * @default true
   */
  readonly sendResolved?: boolean;
}

/**
 * Options of {@link Receiver.pagerDuty}.
 */
export interface PagerDutyReceiverOptions extends ReceiverOptions {}

/**
 * Options of {@link Receiver.slack}.
 */
export interface SlackReceiverOptions extends ReceiverOptions {
  /** The channel (`#alerts`) or user (`@oncall`) notified. */
  readonly channel: string;
  /**
   * The message title, a Go template.
   * @default - Alertmanager's `slack.default.title` template
   */
  readonly title?: string;
  /**
   * The message text, a Go template.
   * @default - Alertmanager's `slack.default.text` template
   */
  readonly text?: string;
}

/**
 * Options of {@link Receiver.webhook}.
 */
export interface WebhookReceiverOptions extends ReceiverOptions {
  /**
   * The most alerts sent in one webhook message.
   * @default 0 - every alert of the group
   */
  readonly maxAlerts?: number;
}

/**
 * Options of {@link Receiver.email}.
 */
export interface EmailReceiverOptions extends ReceiverOptions {
  /** The address notified. */
  readonly to: string;
  /** The sender address (Alertmanager's `from`). */
  readonly fromAddress: string;
  /** The SMTP server, `host:port` (e.g. `smtp.example.com:587`). */
  readonly smarthost: string;
  /**
   * The SMTP user name.
   * @default - no SMTP authentication
   */
  readonly authUsername?: string;
  /**
   * The SMTP password (read from a file, `auth_password_file`); requires `authUsername`.
   * @default - no SMTP authentication
   */
  readonly authPassword?: SecretRef;
  /**
   * Require STARTTLS. Turning it off sends alerts and SMTP credentials in clear text.
   * @default true
   */
  readonly requireTls?: boolean;
}

/**
 * Where an Alertmanager sends notifications. Credentials are {@link SecretRef}s, never strings.
 *
 * ```ts
 * Receiver.pagerDuty('oncall', SecretRef.kubernetes('pagerduty', 'routing-key'));
 * Receiver.slack('team', SecretRef.kubernetes('slack', 'webhook-url'), { channel: '#alerts' });
 * ```
 */
export class Receiver {
  /** PagerDuty (Events API v2) with the integration's routing key, read from a file (`routing_key_file`). */
  public static pagerDuty(name: string, routingKey: SecretRef, options: PagerDutyReceiverOptions = {}): Receiver {
    checkReceiverArguments('Receiver.pagerDuty', name, options);
    const o = options ?? {};
    return new Receiver({
      kind: ReceiverKind.PAGERDUTY,
      name,
      sendResolved: o.sendResolved,
      credentials: [credential('routingKey', 'routing-key', 'routing_key_file', routingKey)],
    });
  }

  /** A Slack incoming webhook, its URL read from a file (`api_url_file`). */
  public static slack(name: string, apiUrl: SecretRef, options: SlackReceiverOptions): Receiver {
    checkReceiverArguments('Receiver.slack', name, options);
    const o = options ?? ({} as SlackReceiverOptions);
    return new Receiver({
      kind: ReceiverKind.SLACK,
      name,
      sendResolved: o.sendResolved,
      channel: o.channel,
      title: o.title,
      text: o.text,
      credentials: [credential('apiUrl', 'api-url', 'api_url_file', apiUrl)],
    });
  }

  /**
   * A generic webhook (Alertmanager's JSON payload POSTed to a URL), the URL read from a file (`url_file`): webhook
   * URLs often embed a token.
   */
  public static webhook(name: string, url: SecretRef, options: WebhookReceiverOptions = {}): Receiver {
    checkReceiverArguments('Receiver.webhook', name, options);
    const o = options ?? {};
    return new Receiver({
      kind: ReceiverKind.WEBHOOK,
      name,
      sendResolved: o.sendResolved,
      maxAlerts: o.maxAlerts,
      credentials: [credential('url', 'url', 'url_file', url)],
    });
  }

  /** Email over SMTP with STARTTLS, the password read from a file (`auth_password_file`). */
  public static email(name: string, options: EmailReceiverOptions): Receiver {
    checkReceiverArguments('Receiver.email', name, options);
    const o = options ?? ({} as EmailReceiverOptions);
    return new Receiver({
      kind: ReceiverKind.EMAIL,
      name,
      sendResolved: o.sendResolved,
      to: o.to,
      fromAddress: o.fromAddress,
      smarthost: o.smarthost,
      authUsername: o.authUsername,
      hasAuthPassword: o.authPassword !== undefined,
      requireTls: o.requireTls,
      credentials: o.authPassword !== undefined ? [credential('authPassword', 'auth-password', 'auth_password_file', o.authPassword)] : [],
    });
  }

  /** The receiver's name, which routes refer to. */
  public readonly name: string;
  /** The integration notified. */
  public readonly kind: ReceiverKind;

  private readonly description: ReceiverDescription;

  private constructor(description: ReceiverDescription) {
    this.name = description.name;
    this.kind = description.kind;
    this.description = description;
    brand(this, 'Receiver');
  }

  /**
   * What the receiver notifies and how, for the validation and the renderers.
   * @internal
   */
  public _describe(): ReceiverDescription {
    return this.description;
  }
}

function credential(prop: string, field: string, configField: string, value: unknown): ReceiverCredential {
  return { prop, field, configField, value };
}
