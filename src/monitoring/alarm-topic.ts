import { Construct } from 'constructs';
import { HealthDashboard } from './health-dashboard';
import { planAlarmTopic } from './private/plan';
import { validateAlarmTopic } from './private/validate';
import { AlarmTopicAwsResources } from './resources';
import { IAlarmDestination } from '../core/alarms';
import { RemovalPolicy } from '../core/removal-policy';
import { SecretRef } from '../core/secret-ref';

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
   * HTTPS endpoints subscribed to the topic that carry no credential. A URL that carries one (a password, a key in
   * its query such as `?apiKey=`, or a key-looking path segment such as PagerDuty's `/integration/<key>/enqueue`) is
   * refused, without being shown: pass it in `secretHttpsEndpoints`.
   * @default - none
   */
  readonly httpsEndpoints?: string[];
  /**
   * HTTPS endpoints that carry a key (PagerDuty's or Opsgenie's CloudWatch integration URL), by reference:
   * `SecretRef.terraformVariable(variable)` with a variable declared `sensitive: true` and without a default. The URL
   * is then never in the code or in `cdk.tf.json`; pass it with `TF_VAR_<name>` or a `.tfvars` file kept out of
   * version control. Like every value Terraform manages, it is stored in the Terraform state (the subscription's
   * `endpoint`): keep the state encrypted and access-controlled.
   * @default - none
   */
  readonly secretHttpsEndpoints?: SecretRef[];
  /**
   * Whether the HTTPS endpoints confirm subscriptions on their own (PagerDuty's and Opsgenie's do); Terraform
   * then waits for the confirmation.
   * @default false
   */
  readonly httpsEndpointsAutoConfirm?: boolean;
  /**
   * ARN of a KMS key (`arn:aws:kms:<region>:<account>:key/<id>`) or key alias (`...:alias/<name>`) that encrypts
   * the topic. Its key policy must let `cloudwatch.amazonaws.com` use `kms:Decrypt` and `kms:GenerateDataKey*`, or
   * alarms cannot publish (the AWS managed key `alias/aws/sns` does not).
   * @default - a customer-managed key with rotation, whose policy admits CloudWatch
   */
  readonly encryptionKeyArn?: string;
  /**
   * The topic name: 1 to 256 letters, digits, hyphens or underscores, unique in the account and region.
   * @default - derived from the stack and construct path (unique, at most 256 characters)
   */
  readonly name?: string;
  /**
   * What happens to the topic and its encryption key when Terraform would delete them (`terraform destroy`, the
   * topic removed from the code, or replaced by a rename without `Refactor.move`). `RemovalPolicy.DESTROY` lets them
   * go: every alarm then notifies a topic that no longer exists, and email subscribers must confirm again.
   * @default RemovalPolicy.RETAIN - `prevent_destroy` on the topic and the created key
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Create the stack's `HealthDashboard` (one per stack: not when the stack has one already): the state of every
   * alarm and the key metrics of every construct in one place. Turning it off loses that place; the alarms still
   * notify.
   * @default true
   */
  readonly dashboard?: boolean;
}

/**
 * An encrypted SNS topic that alarms notify, with optional email and HTTPS (PagerDuty) subscriptions.
 *
 * ```ts
 * const oncall = new AlarmTopic(this, 'oncall', { emails: ['oncall@example.com'] });
 * const platform = Platform.aws({ network, alarms: oncall });
 * ```
 */
export class AlarmTopic extends Construct implements IAlarmDestination {
  /** The topic name. */
  public readonly name: string;
  /** The topic's ARN. */
  public readonly topicArn: string;
  /** The resources created on AWS: the topic, its policy, its key and the subscriptions. */
  public readonly aws: AlarmTopicAwsResources;
  /**
   * The stack's dashboard, when this topic created it.
   * @default - undefined with `dashboard: false`, or when the stack had a dashboard already
   */
  public readonly dashboard?: HealthDashboard;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    validateAlarmTopic(this, props ?? {});
    const plan = planAlarmTopic(this, props ?? {});
    // Loaded on first use, so Kubernetes-only apps never load the SNS bindings.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderAlarmTopic } = require('./aws') as typeof import('./aws');
    this.aws = renderAlarmTopic(this, plan);
    this.name = plan.name;
    this.topicArn = this.aws.topic.arn;
    if (plan.dashboard && HealthDashboard.of(this) === undefined) {
      this.dashboard = new HealthDashboard(this, 'Dashboard');
    }
  }

  /** The topic ARN, used as every alarm's alarm and OK action. */
  public get alarmActionArns(): string[] {
    return [this.topicArn];
  }
}
