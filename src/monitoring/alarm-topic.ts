import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { IAlarmDestination } from '../core/alarms';
import { accountContext, encryptionKey } from '../core/private/kms';
import { awsTags, physicalName } from '../core/private/naming';
import { PropValidator } from '../core/private/validation';

/**
 * Props of {@link AlarmTopic}.
 */
export interface AlarmTopicProps {
  /**
   * Email addresses subscribed to the topic (each must confirm the subscription from the email AWS sends).
   * @default - none
   */
  readonly emails?: string[];
  /**
   * HTTPS endpoints subscribed to the topic, e.g. PagerDuty's or Opsgenie's CloudWatch integration URL.
   * @default - none
   */
  readonly httpsEndpoints?: string[];
  /**
   * Whether the HTTPS endpoints confirm subscriptions on their own (PagerDuty's and Opsgenie's do); Terraform
   * then waits for the confirmation.
   * @default false
   */
  readonly httpsEndpointsAutoConfirm?: boolean;
  /**
   * ARN of a KMS key that encrypts the topic. Its key policy must let `cloudwatch.amazonaws.com` use
   * `kms:Decrypt` and `kms:GenerateDataKey*`, or alarms cannot publish.
   * @default - a customer-managed key with rotation, whose policy admits CloudWatch
   */
  readonly encryptionKeyArn?: string;
  /**
   * The topic name.
   * @default - derived from the construct path
   */
  readonly topicName?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * An encrypted SNS topic that alarms notify, with optional email and HTTPS (PagerDuty) subscriptions.
 *
 * ```ts
 * const oncall = new AlarmTopic(this, 'oncall', { emails: ['oncall@example.com'] });
 * const platform = Platform.aws({ network, alarms: oncall });
 * ```
 */
export class AlarmTopic extends Construct implements IAlarmDestination {
  /** The SNS topic. */
  public readonly topic: SnsTopic;
  /** The topic's ARN. */
  public readonly topicArn: string;
  /** The KMS key created for the topic, unless one was given. */
  public readonly encryptionKey?: KmsKey;
  /** The subscriptions. */
  public readonly subscriptions: SnsTopicSubscription[] = [];

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const v = new PropValidator('AlarmTopic', this);
    (props.emails ?? []).forEach((email, i) =>
      v.require(`emails[${i}]`, email, EMAIL.test(email), 'must be an email address'),
    );
    (props.httpsEndpoints ?? []).forEach((url, i) =>
      v.require(`httpsEndpoints[${i}]`, url, url.startsWith('https://'), 'must be an https:// URL (plain HTTP would send alarms unencrypted)'),
    );
    if (props.topicName !== undefined) {
      v.require('topicName', props.topicName, /^[A-Za-z0-9_-]{1,256}$/.test(props.topicName), 'must be 1 to 256 letters, digits, hyphens or underscores');
    }
    v.throwIfInvalid();

    const name = props.topicName ?? physicalName(this, undefined, { maxLength: 256 });
    const ctx = accountContext(this);

    let keyArn = props.encryptionKeyArn;
    if (!keyArn) {
      this.encryptionKey = encryptionKey(this, 'Key', ctx, {
        description: `Encrypts the alarm topic ${name}`,
        statements: [
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            // No aws:SourceAccount condition here: AWS documents this statement without one, and an unmatched
            // condition would drop every notification silently. The topic policy limits who may publish.
          },
        ],
        tags: awsTags(this, name),
      });
      keyArn = this.encryptionKey.arn;
    }

    this.topic = new SnsTopic(this, 'Topic', {
      name,
      kmsMasterKeyId: keyArn,
      tags: awsTags(this, name),
    });
    this.topicArn = this.topic.arn;

    new SnsTopicPolicy(this, 'Policy', {
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: this.topic.arn,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    });

    (props.emails ?? []).forEach((email, i) => {
      this.subscriptions.push(
        new SnsTopicSubscription(this, `Email${i + 1}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email }),
      );
    });
    (props.httpsEndpoints ?? []).forEach((url, i) => {
      this.subscriptions.push(
        new SnsTopicSubscription(this, `Https${i + 1}`, {
          topicArn: this.topic.arn,
          protocol: 'https',
          endpoint: url,
          endpointAutoConfirms: props.httpsEndpointsAutoConfirm ?? false,
        }),
      );
    });
  }

  /** The topic ARN, used as every alarm's alarm and OK action. */
  public get alarmActionArns(): string[] {
    return [this.topicArn];
  }
}
