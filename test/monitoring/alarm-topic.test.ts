import 'cdktf/lib/testing/adapters/jest';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { TerraformStack, Testing } from 'cdktf';
import { AlarmDestination, AlarmTopic, AlarmTopicProps } from '../../src';

function synth(props: AlarmTopicProps = {}) {
  let topic!: AlarmTopic;
  const text = Testing.synthScope((scope) => {
    topic = new AlarmTopic(scope, 'oncall', props);
  });
  return { text, json: JSON.parse(text), topic };
}

describe('AlarmTopic', () => {
  test('a KMS-encrypted topic named after the construct, with a rotating key that admits CloudWatch', () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(SnsTopic, {
      name: 'stack-oncall',
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.\w+\.arn\}$/),
    });
    expect(text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    const keyPolicy = JSON.parse((Object.values(json.resource.aws_kms_key)[0] as any).policy);
    expect(keyPolicy.Statement[1]).toEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
  });

  test('the topic policy lets CloudWatch of this account publish and denies unencrypted transport', () => {
    const { json } = synth();
    const policy = JSON.parse((Object.values(json.resource.aws_sns_topic_policy)[0] as any).policy);
    expect(policy.Statement.map((s: any) => [s.Sid, s.Effect])).toEqual([
      ['CloudWatchAlarmsPublish', 'Allow'],
      ['DenyInsecureTransport', 'Deny'],
    ]);
    expect(policy.Statement[0].Condition.StringEquals['aws:SourceAccount']).toMatch(/^\$\{data\.aws_caller_identity\.\w+\.account_id\}$/);
  });

  test('email and HTTPS subscriptions', () => {
    const { text, topic } = synth({
      emails: ['oncall@example.com'],
      httpsEndpoints: ['https://events.pagerduty.com/integration/abc/enqueue'],
      httpsEndpointsAutoConfirm: true,
    });
    expect(text).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'email', endpoint: 'oncall@example.com' });
    expect(text).toHaveResourceWithProperties(SnsTopicSubscription, {
      protocol: 'https',
      endpoint: 'https://events.pagerduty.com/integration/abc/enqueue',
      endpoint_auto_confirms: true,
    });
    expect(topic.subscriptions).toHaveLength(2);
  });

  test('a given key and topic name are used, and no key is created', () => {
    const { text, json, topic } = synth({ encryptionKeyArn: 'arn:aws:kms:eu-west-1:1:key/k', topicName: 'pager' });
    expect(text).toHaveResourceWithProperties(SnsTopic, { name: 'pager', kms_master_key_id: 'arn:aws:kms:eu-west-1:1:key/k' });
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(topic.encryptionKey).toBeUndefined();
  });

  test('alarm actions are the topic ARN', () => {
    const { topic } = synth();
    expect(topic.alarmActionArns).toEqual([topic.topicArn]);
    expect(AlarmDestination.fromArns('arn:a', 'arn:b').alarmActionArns).toEqual(['arn:a', 'arn:b']);
  });

  test('invalid emails, plain-HTTP endpoints and topic names are reported together', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new AlarmTopic(stack, 'oncall', { emails: ['oncall'], httpsEndpoints: ['http://x'], topicName: 'a b' })).toThrow(
      'AlarmTopic "stack/oncall" has 3 invalid props:\n' +
        '  - `emails[0]` must be an email address, got "oncall".\n' +
        '  - `httpsEndpoints[0]` must be an https:// URL (plain HTTP would send alarms unencrypted), got "http://x".\n' +
        '  - `topicName` must be 1 to 256 letters, digits, hyphens or underscores, got "a b".',
    );
  });
});
