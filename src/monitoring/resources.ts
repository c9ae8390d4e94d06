import type { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import type { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import type { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';

/**
 * What an `AlarmTopic` creates on AWS.
 */
export interface AlarmTopicAwsResources {
  /** The SNS topic. */
  readonly topic: SnsTopic;
  /** The topic policy: CloudWatch alarms of this account may publish, and only over TLS. */
  readonly topicPolicy: SnsTopicPolicy;
  /**
   * The KMS key created for the topic.
   * @default - none when `encryptionKeyArn` is given
   */
  readonly encryptionKey?: KmsKey;
  /** The email subscriptions, then the HTTPS subscriptions, in the order given. */
  readonly subscriptions: SnsTopicSubscription[];
}

/**
 * What a `HealthDashboard` creates on AWS.
 */
export interface HealthDashboardAwsResources {
  /** The CloudWatch dashboard. */
  readonly dashboard: CloudwatchDashboard;
}
