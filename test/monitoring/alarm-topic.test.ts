import 'cdktf/lib/testing/adapters/jest';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
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
    expect(topic.aws.subscriptions).toHaveLength(2);
  });

  test('a given key and topic name are used, and no key is created', () => {
    const { text, json, topic } = synth({ encryptionKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k', name: 'pager' });
    expect(text).toHaveResourceWithProperties(SnsTopic, { name: 'pager', kms_master_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/k' });
    expect(json.resource.aws_kms_key).toBeUndefined();
    expect(topic.aws.encryptionKey).toBeUndefined();
    expect(topic.name).toBe('pager');
  });

  test('a key alias ARN is accepted: SNS resolves aliases', () => {
    const { text } = synth({ encryptionKeyArn: 'arn:aws:kms:eu-west-1:123456789012:alias/alarms' });
    expect(text).toHaveResourceWithProperties(SnsTopic, { kms_master_key_id: 'arn:aws:kms:eu-west-1:123456789012:alias/alarms' });
  });

  test('what was created on AWS is exposed as `aws`', () => {
    const { json, topic } = synth({ emails: ['oncall@example.com'] });
    const id = (r: any) => r.friendlyUniqueId;
    expect(Object.keys(json.resource.aws_sns_topic)).toEqual([id(topic.aws.topic)]);
    expect(Object.keys(json.resource.aws_sns_topic_policy)).toEqual([id(topic.aws.topicPolicy)]);
    expect(Object.keys(json.resource.aws_kms_key)).toEqual([id(topic.aws.encryptionKey)]);
    expect(Object.keys(json.resource.aws_sns_topic_subscription)).toEqual(topic.aws.subscriptions.map(id));
    expect(topic.name).toBe('stack-oncall');
  });

  test('alarm actions are the topic ARN', () => {
    const { topic } = synth();
    expect(topic.alarmActionArns).toEqual([topic.topicArn]);
    const arns = ['arn:aws:sns:eu-west-1:123456789012:a', 'arn:aws:sns:eu-west-1:123456789012:b'];
    expect(AlarmDestination.fromArns(...arns).alarmActionArns).toEqual(arns);
    expect(() => AlarmDestination.fromArns('arn:a')).toThrow(
      'AlarmDestination.fromArns: `arns[0]` must be an ARN like "arn:aws:sns:eu-west-1:123456789012:oncall", got "arn:a".',
    );
    expect(() => AlarmDestination.fromArns()).toThrow('AlarmDestination.fromArns: `arns` must list at least one ARN, e.g. an SNS topic\'s, got [].');
  });

  test('invalid emails, plain-HTTP endpoints and topic names are reported together', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new AlarmTopic(stack, 'oncall', { emails: ['oncall'], httpsEndpoints: ['http://x'], name: 'a b' })).toThrow(
      'AlarmTopic "stack/oncall" has 3 invalid props:\n' +
        '  - `emails[0]` must be an email address, got "oncall".\n' +
        '  - `httpsEndpoints[0]` must be an https:// URL (plain HTTP would send alarms unencrypted), got "http://x".\n' +
        '  - `name` must be 1 to 256 letters, digits, hyphens or underscores, got "a b".',
    );
  });

  const PREFIX = 'AlarmTopic "stack/oncall": ';
  const cases: Array<[string, any, string]> = [
    ['emails as one string', { emails: 'oncall@example.com' }, '`emails` must be a list of email addresses, got "oncall@example.com".'],
    ['an email that is not a string', { emails: [42] }, '`emails[0]` must be an email address, got 42.'],
    ['httpsEndpoints as one string', { httpsEndpoints: 'https://x' }, '`httpsEndpoints` must be a list of https:// URLs, got "https://x".'],
    ['an endpoint that is not a string', { httpsEndpoints: [{ url: 'https://x' }] }, '`httpsEndpoints[0]` must be an https:// URL (plain HTTP would send alarms unencrypted), got {"url":"https://x"}.'],
    ['httpsEndpointsAutoConfirm as a string', { httpsEndpointsAutoConfirm: 'yes' }, '`httpsEndpointsAutoConfirm` must be true or false, got "yes".'],
    [
      'encryptionKeyArn a key id',
      { encryptionKeyArn: '1234abcd-12ab-34cd-56ef-1234567890ab' },
      '`encryptionKeyArn` must be a KMS key or alias ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." or "...:alias/name", got "1234abcd-12ab-34cd-56ef-1234567890ab".',
    ],
    [
      'encryptionKeyArn with a short account',
      { encryptionKeyArn: 'arn:aws:kms:eu-west-1:1:key/k' },
      '`encryptionKeyArn` must be a KMS key or alias ARN like "arn:aws:kms:eu-west-1:123456789012:key/..." or "...:alias/name", got "arn:aws:kms:eu-west-1:1:key/k".',
    ],
    ['name as a number', { name: 5 }, '`name` must be 1 to 256 letters, digits, hyphens or underscores, got 5.'],
    ['name too long', { name: 'a'.repeat(257) }, `\`name\` must be 1 to 256 letters, digits, hyphens or underscores, got "${'a'.repeat(257)}".`],
  ];
  test.each(cases)('wrong types and values (plain JavaScript): %s', (_name, props, problem) => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(() => new AlarmTopic(stack, 'oncall', props)).toThrow(PREFIX + problem);
  });

  test('values known only at deploy time are accepted', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const v = (name: string, type = 'string') => new TerraformVariable(stack, name, { type });
    expect(
      () =>
        new AlarmTopic(stack, 'oncall', {
          emails: [v('email').stringValue],
          httpsEndpoints: [v('pd').stringValue],
          encryptionKeyArn: v('key').stringValue,
          name: v('name').stringValue,
        }),
    ).not.toThrow();
  });

  test('a list given as a token is refused: each address is a subscription of its own', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const emails = new TerraformVariable(stack, 'emails', { type: 'list(string)' }).listValue;
    expect(() => new AlarmTopic(stack, 'oncall', { emails })).toThrow(
      'AlarmTopic "stack/oncall": `emails` must be known at synth time, not a Terraform token (each address is a subscription of its own; an address in it may be a token), got ${var.emails}. Pass a literal value.',
    );
  });
});
