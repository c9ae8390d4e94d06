import 'cdktf/lib/testing/adapters/jest';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AlarmDestination, AlarmRegistry, AlarmSeverity, Duration } from '../../src';
import { AlarmDefinition, AlarmFactory, validateAlarmOptions } from '../../src/core/private/alarm-factory';
import { PropValidator } from '../../src/core/private/validation';

const ELB_5XX: AlarmDefinition = {
  key: 'Elb5xx',
  summary: 'The load balancer answers 5XX itself.',
  action: 'Check that healthy targets exist in every zone.',
  namespace: 'AWS/ApplicationELB',
  metricName: 'HTTPCode_ELB_5XX_Count',
  dimensions: { LoadBalancer: 'app/x/1' },
  statistic: 'Sum',
  comparison: 'GreaterThanOrEqualToThreshold',
  threshold: 10,
  evaluationPeriods: 3,
  period: Duration.minutes(1),
  severity: AlarmSeverity.CRITICAL,
};

describe('AlarmFactory', () => {
  test('creates a named alarm with a description that says what to do and actions on alarm and OK', () => {
    let factory!: AlarmFactory;
    const text = Testing.synthScope((scope) => {
      const owner = new Construct(scope, 'edge');
      factory = new AlarmFactory(owner, AlarmDestination.fromArns('arn:aws:sns:eu-west-1:1:oncall'));
      factory.create('elb5xx', ELB_5XX);
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'stack-edge-Elb5xx',
      alarm_description:
        '[CRITICAL] The load balancer answers 5XX itself. Check that healthy targets exist in every zone. (construct: stack/edge)',
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HTTPCode_ELB_5XX_Count',
      dimensions: { LoadBalancer: 'app/x/1' },
      statistic: 'Sum',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 10,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
      period: 60,
      treat_missing_data: 'notBreaching',
      alarm_actions: ['arn:aws:sns:eu-west-1:1:oncall'],
      ok_actions: ['arn:aws:sns:eu-west-1:1:oncall'],
      tags: expect.objectContaining({ 'ft:severity': 'critical' }),
    });
    expect(factory.alarms.map((a) => [a.key, a.notifies])).toEqual([['Elb5xx', true]]);
  });

  test('percentiles become extended statistics', () => {
    const text = Testing.synthScope((scope) => {
      new AlarmFactory(new Construct(scope, 'edge'), undefined).create('latency', { ...ELB_5XX, key: 'Latency', statistic: 'p99' });
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { extended_statistic: 'p99' });
    const [alarm]: any[] = Object.values(JSON.parse(text).resource.aws_cloudwatch_metric_alarm);
    expect(alarm.statistic).toBeUndefined();
  });

  test('user options change the threshold, periods, severity, or turn the alarm off', () => {
    const text = Testing.synthScope((scope) => {
      const factory = new AlarmFactory(new Construct(scope, 'edge'), undefined, {
        elb5xx: { threshold: 1, evaluationPeriods: 5, datapointsToAlarm: 2, period: Duration.seconds(30), severity: AlarmSeverity.WARNING },
        other: { enabled: false },
      });
      factory.create('elb5xx', ELB_5XX);
      expect(factory.create('other', { ...ELB_5XX, key: 'Other' })).toBeUndefined();
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      threshold: 1,
      evaluation_periods: 5,
      datapoints_to_alarm: 2,
      period: 30,
      alarm_description: expect.stringMatching(/^\[WARNING\]/),
    });
    expect(Object.keys(JSON.parse(text).resource.aws_cloudwatch_metric_alarm)).toHaveLength(1);
  });

  test('without a destination the alarm has no actions and the registry says it notifies nobody', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const owner = new Construct(stack, 'edge');
    new AlarmFactory(owner, undefined).create('elb5xx', ELB_5XX);
    const [alarm] = AlarmRegistry.of(stack).alarms;
    expect(alarm.notifies).toBe(false);
    expect(alarm.constructPath).toBe('stack/edge');
    expect(AlarmRegistry.of(owner).alarmsOf(owner)).toHaveLength(1);
    expect(AlarmRegistry.of(stack).alarmsOf(new Construct(stack, 'other'))).toHaveLength(0);
    const json = JSON.parse(Testing.synth(stack));
    const resource: any = Object.values(json.resource.aws_cloudwatch_metric_alarm)[0];
    expect(resource.alarm_actions).toBeUndefined();
  });

  test('alarm options are validated', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const v = new PropValidator('HealthCheckedLoadBalancer', stack);
    validateAlarmOptions(v, 'alarms', {
      elb5xx: { evaluationPeriods: 0, period: Duration.seconds(45), threshold: NaN },
      target5xx: { evaluationPeriods: 2, datapointsToAlarm: 3 },
    });
    expect(() => v.throwIfInvalid()).toThrow(
      'HealthCheckedLoadBalancer "stack" has 4 invalid props:\n' +
        '  - `alarms.elb5xx.evaluationPeriods` must be a whole number from 1 to 100, got 0.\n' +
        '  - `alarms.elb5xx.threshold` must be a finite number, got NaN.\n' +
        '  - `alarms.elb5xx.period` must be 10 s, 30 s or a whole number of minutes, got 45s.\n' +
        '  - `alarms.target5xx.datapointsToAlarm` must be a whole number from 1 to 2 and at most `evaluationPeriods`, got 3.',
    );
  });
});
