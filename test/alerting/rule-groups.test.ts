import { TerraformStack, Testing } from 'cdktf';
import { parse } from 'yaml';
import { minimalProps } from './support';
import { AlarmSeverity, AlertRule, AlertRuleGroup, Duration, HaAlertmanager } from '../../src';

function alertmanager(): HaAlertmanager {
  return new HaAlertmanager(new TerraformStack(Testing.app(), 'stack'), 'alerting', minimalProps());
}

const RULE: AlertRule = {
  name: 'QueueBacklog',
  expression: 'queue_depth{namespace="shop"} > 1000',
  pendingFor: Duration.minutes(10),
  severity: AlarmSeverity.WARNING,
  summary: 'The queue backs up.',
  description: '{{ $value }} messages wait.',
  labels: { team: 'orders' },
};
const GROUP: AlertRuleGroup = { name: 'shop.queue', namespaceName: 'shop', rules: [RULE] };

describe('HaAlertmanager.addAlertRules', () => {
  test('a registered group is rendered after the built-in groups, with severity and namespace labels and `for` in Prometheus units', () => {
    const am = alertmanager();
    am.addAlertRules(GROUP);
    am.addAlertRules({ name: 'shop.critical', namespaceName: 'shop', rules: [{ ...RULE, name: 'QueueStuck', pendingFor: Duration.seconds(90), severity: AlarmSeverity.CRITICAL, labels: undefined }] });
    am.addAlertRules({ name: 'shop.instant', namespaceName: 'shop', rules: [{ ...RULE, pendingFor: undefined }] });
    const groups = parse(am.rulesYaml()).groups;
    expect(groups.map((g: any) => g.name)).toEqual(['cdktf-fault-tolerance.alertmanager', 'cdktf-fault-tolerance.workloads', 'shop.queue', 'shop.critical', 'shop.instant']);
    expect(groups[2].rules).toEqual([
      {
        alert: 'QueueBacklog',
        expr: 'queue_depth{namespace="shop"} > 1000',
        for: '10m',
        labels: { team: 'orders', severity: 'warning', namespace: 'shop' },
        annotations: { summary: 'The queue backs up.', description: '{{ $value }} messages wait.' },
      },
    ]);
    expect(groups[3].rules[0]).toMatchObject({ for: '90s', labels: { severity: 'critical', namespace: 'shop' } });
    expect(groups[4].rules[0].for).toBeUndefined();
  });

  test('a group registered again under its name replaces the earlier one; the registration is a copy', () => {
    const am = alertmanager();
    const labels = { team: 'orders' };
    am.addAlertRules({ ...GROUP, rules: [{ ...RULE, labels }] });
    labels.team = 'changed';
    expect(parse(am.rulesYaml()).groups[2].rules[0].labels.team).toBe('orders');
    am.addAlertRules({ ...GROUP, rules: [{ ...RULE, expression: 'vector(1)' }] });
    expect(am.alertRuleGroups).toHaveLength(1);
    expect(am.alertRuleGroups[0].rules[0].expression).toBe('vector(1)');
  });

  test('every problem of a group at once, with what promtool would otherwise refuse at load time', () => {
    const am = alertmanager();
    expect(() =>
      am.addAlertRules({
        name: 'cdktf-fault-tolerance.workloads',
        namespaceName: 'Shop',
        rules: [
          { ...RULE, name: '1bad', expression: ' ', severity: 'PAGE' as any, summary: '', labels: { 'severity': 'x', 'bad-name': 'y' } },
          RULE,
          RULE,
        ],
      }),
    ).toThrow(
      [
        'HaAlertmanager "stack/alerting" has 9 invalid props:',
        '  - `group.name` must differ from the built-in groups (cdktf-fault-tolerance.alertmanager, cdktf-fault-tolerance.workloads), got "cdktf-fault-tolerance.workloads".',
        '  - `group.namespaceName` must be a namespace name (a DNS label: lower-case letters, digits and "-"), got "Shop".',
        '  - `group.rules[0].name` must be an alert name of letters, digits, "_" and ":", not starting with a digit, got "1bad".',
        '  - `group.rules[0].expression` must be a non-empty PromQL expression, got " ".',
        '  - `group.rules[0].severity` must be one of AlarmSeverity.CRITICAL, AlarmSeverity.WARNING, got "PAGE".',
        '  - `group.rules[0].summary` must be a non-empty sentence, got "".',
        '  - `group.rules[0].labels.severity` is set by the library (from `severity` and the group\'s `namespaceName`), got "severity". Remove it.',
        '  - `group.rules[0].labels` must have label names of letters, digits and "_", not starting with a digit or "__", got "bad-name".',
        '  - `group.rules[2].name` must differ from the other rules of the group, or their labels must (Prometheus reports duplicate rules), got "QueueBacklog".',
      ].join('\n'),
    );
    expect(() => am.addAlertRules({ name: 'g', namespaceName: 'shop', rules: [] })).toThrow('`group.rules` must be a list of at least one AlertRule, got [].');
    expect(am.alertRuleGroups).toEqual([]);
  });
});
