import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { DashboardPlan } from './private/dashboard';
import { AlarmTopicPlan } from './private/plan';
import { AlarmTopicAwsResources, HealthDashboardAwsResources } from './resources';
import { accountContext, encryptionKey as createEncryptionKey } from '../core/private/kms';
import { awsTags, claimPhysicalName } from '../core/private/naming';
import { statefulLifecycle } from '../core/private/retention';
import { SecretRefKind } from '../core/secret-ref';

/**
 * Renders an AlarmTopic: the encrypted SNS topic (and its key unless one is given), a topic policy that admits only
 * CloudWatch alarms of this account over TLS, and the subscriptions, under fixed construct ids.
 */
export function renderAlarmTopic(scope: Construct, plan: AlarmTopicPlan): AlarmTopicAwsResources {
  const ctx = accountContext(scope);

  const encryptionKey = plan.encryptionKeyArn
    ? undefined
    : createEncryptionKey(scope, 'Key', ctx, {
      description: `Encrypts the alarm topic ${plan.name}`,
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
      tags: awsTags(scope, plan.name),
      retain: plan.retention.retain,
    });

  claimPhysicalName(scope, 'aws_sns_topic', 'name', plan.name);
  const topic = new SnsTopic(scope, 'Topic', {
    name: plan.name,
    kmsMasterKeyId: encryptionKey?.arn ?? plan.encryptionKeyArn,
    tags: awsTags(scope, plan.name),
    lifecycle: statefulLifecycle(plan.retention.retain),
  });

  const topicPolicy = new SnsTopicPolicy(scope, 'Policy', {
    arn: topic.arn,
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'CloudWatchAlarmsPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: topic.arn,
          Condition: { StringEquals: { 'aws:SourceAccount': ctx.accountId } },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: topic.arn,
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    }),
  });

  const subscriptions = [
    ...plan.emails.map((email, i) => new SnsTopicSubscription(scope, `Email${i + 1}`, { topicArn: topic.arn, protocol: 'email', endpoint: email })),
    ...plan.httpsEndpoints.map(
      (url, i) =>
        new SnsTopicSubscription(scope, `Https${i + 1}`, {
          topicArn: topic.arn,
          protocol: 'https',
          endpoint: url,
          endpointAutoConfirms: plan.httpsEndpointsAutoConfirm,
        }),
    ),
    // Keyed endpoints: the URL comes from a sensitive variable, so it is never in the configuration.
    ...plan.secretHttpsEndpoints.flatMap((ref, i) =>
      ref.kind === SecretRefKind.TERRAFORM_VARIABLE
        ? [
          new SnsTopicSubscription(scope, `SecretHttps${i + 1}`, {
            topicArn: topic.arn,
            protocol: 'https',
            endpoint: ref.variable.stringValue,
            endpointAutoConfirms: plan.httpsEndpointsAutoConfirm,
          }),
        ]
        : [],
    ),
  ];
  return { topic, topicPolicy, encryptionKey, subscriptions };
}

/**
 * Renders a HealthDashboard: one CloudWatch dashboard whose body `widgets(region)` computes at synth, so every
 * alarm and graph registered by then is on it. Its metric widgets read the region of the stack's provider.
 */
export function renderHealthDashboard(scope: Construct, plan: DashboardPlan, widgets: (region: string) => any[]): HealthDashboardAwsResources {
  claimPhysicalName(scope, 'aws_cloudwatch_dashboard', 'dashboard_name', plan.name);
  const region = new DataAwsRegion(scope, 'Region');
  const dashboard = new CloudwatchDashboard(scope, 'Dashboard', {
    dashboardName: plan.name,
    dashboardBody: Lazy.stringValue({ produce: () => JSON.stringify({ start: '-PT3H', periodOverride: 'inherit', widgets: widgets(region.region) }) }),
  });
  return { dashboard };
}
