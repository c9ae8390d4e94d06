import 'cdktf/lib/testing/adapters/jest';
import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { TerraformStack } from 'cdktf';
import { only, violations } from './helpers';
import { AlarmTopic, FindingLevel } from '../../src';

function alarm(s: TerraformStack, id: string, config: Partial<CloudwatchMetricAlarmConfig> = {}): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(s, id, {
    alarmName: id,
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    metricName: 'HTTPCode_ELB_5XX_Count',
    namespace: 'AWS/ApplicationELB',
    period: 60,
    statistic: 'Sum',
    threshold: 5,
    alarmActions: ['arn:aws:sns:eu-west-1:123456789012:oncall'],
    ...config,
  });
}

describe('FT-MON-1: alarm that notifies nobody', () => {
  test('Noncompliance 1: no alarm actions (a warning)', () => {
    const f = only('FT-MON-1', (s) => alarm(s, 'errors', { alarmActions: undefined }));
    expect(f.detail).toBe('`alarm_actions` is empty');
    expect(f.level).toBe(FindingLevel.WARNING);
  });
  test('Noncompliance 2: actions disabled', () => {
    expect(violations('FT-MON-1', (s) => alarm(s, 'errors', { actionsEnabled: false }))).toEqual(['FT-MON-1:errors']);
  });
  test('Compliance: actions, an AlarmTopic, or an alarm that feeds a composite alarm', () => {
    expect(
      violations('FT-MON-1', (s) => {
        alarm(s, 'errors');
        const topic = new AlarmTopic(s, 'oncall', { emails: ['oncall@example.com'] });
        alarm(s, 'latency', { alarmActions: topic.alarmActionArns });
        const child = alarm(s, 'child', { alarmActions: undefined });
        new CloudwatchCompositeAlarm(s, 'composite', {
          alarmName: 'composite',
          alarmRule: `ALARM(${child.alarmName})`,
          alarmActions: topic.alarmActionArns,
        });
      }),
    ).toEqual([]);
  });
});
