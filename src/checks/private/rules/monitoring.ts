import { FindingLevel } from '../../findings';
import { COMPLIANT, Rule, check, unresolvable } from '../rule';
import { isUnresolved, readBool, readList } from '../values';

export const MONITORING_RULES: Rule[] = [
  {
    id: 'FT-MON-1',
    level: FindingLevel.WARNING,
    info: 'The CloudWatch alarm notifies nobody.',
    explanation:
      'An alarm without `alarm_actions` changes state in the console and nobody hears about it: the failure it detects goes ' +
      'unnoticed until users report it. Point `alarm_actions` (and `ok_actions`) at an SNS topic that pages someone, e.g. ' +
      '`Platform.aws({ network, alarms: new AlarmTopic(...) })`. Alarms that only feed a composite alarm are exempt.',
    resourceTypes: ['aws_cloudwatch_metric_alarm', 'aws_cloudwatch_composite_alarm'],
    evaluate: (alarm, stack) => {
      const feedsComposite = stack
        .ofType('aws_cloudwatch_composite_alarm')
        .some((c) => c !== alarm && (stack.refersTo(c.config.alarm_rule, alarm) || mentionsName(c.config.alarm_rule, alarm.config.alarm_name)));
      if (feedsComposite) {
        return COMPLIANT;
      }
      const enabled = readBool(alarm.config, 'actions_enabled');
      if (isUnresolved(enabled)) {
        return unresolvable(enabled);
      }
      if (enabled === false) {
        return check(false, '`actions_enabled` is false');
      }
      const actions = readList(alarm.config, 'alarm_actions');
      if (isUnresolved(actions)) {
        return unresolvable(actions);
      }
      return check((actions ?? []).length > 0, '`alarm_actions` is empty');
    },
  },
];

/** Whether a composite alarm rule names an alarm literally: `ALARM("name")` or `ALARM(name)`. */
function mentionsName(rule: unknown, name: unknown): boolean {
  return typeof rule === 'string' && typeof name === 'string' && name.length > 0 && (rule.includes(`"${name}"`) || rule.includes(`(${name})`));
}
