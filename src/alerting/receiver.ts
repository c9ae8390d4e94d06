import { ReceiverCredential } from './private/credentials';
import { SecretRef } from '../core/secret-ref';

/**
 * The integrations a {@link Receiver} notifies.
 */
export enum ReceiverKind {
  /** PagerDuty Events API v2 (`pagerduty_configs`). */
  PAGERDUTY = 'pagerduty',
  /** A Slack incoming webhook (`slack_configs`). */
  SLACK = 'slack',
  /** A generic HTTP webhook (`webhook_configs`). */
  WEBHOOK = 'webhook',
  /** Email over SMTP (`email_configs`). */
  EMAIL = 'email',
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
  /** The sender address. */
  readonly from: string;
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
    return new Receiver(name, ReceiverKind.PAGERDUTY, options, [
      { prop: 'routingKey', field: 'routing-key', configField: 'routing_key_file', value: routingKey },
    ]);
  }

  /** A Slack incoming webhook, its URL read from a file (`api_url_file`). */
  public static slack(name: string, apiUrl: SecretRef, options: SlackReceiverOptions): Receiver {
    return new Receiver(name, ReceiverKind.SLACK, options, [
      { prop: 'apiUrl', field: 'api-url', configField: 'api_url_file', value: apiUrl },
    ]);
  }

  /**
   * A generic webhook (Alertmanager's JSON payload POSTed to a URL), the URL read from a file (`url_file`): webhook
   * URLs often embed a token.
   */
  public static webhook(name: string, url: SecretRef, options: WebhookReceiverOptions = {}): Receiver {
    return new Receiver(name, ReceiverKind.WEBHOOK, options, [
      { prop: 'url', field: 'url', configField: 'url_file', value: url },
    ]);
  }

  /** Email over SMTP with STARTTLS, the password read from a file (`auth_password_file`). */
  public static email(name: string, options: EmailReceiverOptions): Receiver {
    const credentials: ReceiverCredential[] =
      options.authPassword !== undefined
        ? [{ prop: 'authPassword', field: 'auth-password', configField: 'auth_password_file', value: options.authPassword }]
        : [];
    return new Receiver(name, ReceiverKind.EMAIL, options, credentials);
  }

  /** The receiver's name, which routes refer to. */
  public readonly name: string;
  /** The integration notified. */
  public readonly kind: ReceiverKind;
  /** @internal */
  public readonly _options: ReceiverOptions;
  /** @internal */
  public readonly _credentials: ReceiverCredential[];

  private constructor(name: string, kind: ReceiverKind, options: ReceiverOptions, credentials: ReceiverCredential[]) {
    this.name = name;
    this.kind = kind;
    this._options = options ?? {};
    this._credentials = credentials;
  }

  /**
   * The receiver's Alertmanager configuration. `credentialFile` gives the path of the mounted file of each
   * credential.
   * @internal
   */
  public _render(credentialFile: (credential: ReceiverCredential) => string): Record<string, unknown> {
    const sendResolved = this._options.sendResolved ?? true;
    const file = (prop: string): string => credentialFile(this._credentials.find((c) => c.prop === prop)!);
    switch (this.kind) {
      case ReceiverKind.PAGERDUTY:
        return { name: this.name, pagerduty_configs: [{ routing_key_file: file('routingKey'), send_resolved: sendResolved }] };
      case ReceiverKind.SLACK: {
        const o = this._options as SlackReceiverOptions;
        return {
          name: this.name,
          slack_configs: [
            {
              api_url_file: file('apiUrl'),
              channel: o.channel,
              send_resolved: sendResolved,
              ...(o.title !== undefined ? { title: o.title } : {}),
              ...(o.text !== undefined ? { text: o.text } : {}),
            },
          ],
        };
      }
      case ReceiverKind.WEBHOOK: {
        const o = this._options as WebhookReceiverOptions;
        return {
          name: this.name,
          webhook_configs: [
            { url_file: file('url'), send_resolved: sendResolved, ...(o.maxAlerts !== undefined ? { max_alerts: o.maxAlerts } : {}) },
          ],
        };
      }
      case ReceiverKind.EMAIL: {
        const o = this._options as EmailReceiverOptions;
        return {
          name: this.name,
          email_configs: [
            {
              to: o.to,
              from: o.from,
              smarthost: o.smarthost,
              ...(o.authUsername !== undefined ? { auth_username: o.authUsername } : {}),
              ...(o.authPassword !== undefined ? { auth_password_file: file('authPassword') } : {}),
              require_tls: o.requireTls ?? true,
              send_resolved: sendResolved,
            },
          ],
        };
      }
    }
  }
}
