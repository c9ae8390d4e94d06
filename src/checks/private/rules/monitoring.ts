import { FindingLevel } from '../../findings';
import { COMPLIANT, Rule, check, nonCompliant, unresolvable } from '../rule';
import { StackView, TfResource } from '../stack-view';
import { isExpression, isUnresolved, readBlocks, readBool, readList, readMap } from '../values';

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
  {
    id: 'FT-MON-2',
    level: FindingLevel.WARNING,
    info: 'No CloudWatch alarm watches the database.',
    explanation:
      'A database that runs out of storage, memory or connections, or whose replica falls behind, fails without anyone being told ' +
      'until the applications report errors. Add `aws_cloudwatch_metric_alarm`s on the instance (`DBInstanceIdentifier`) or cluster ' +
      '(`DBClusterIdentifier`): at least CPU, free storage, freeable memory and connections, and replica lag for replicas ' +
      '(ReplicatedDatabase creates them).',
    resourceTypes: ['aws_db_instance', 'aws_rds_cluster'],
    evaluate: (db, stack) => {
      if (db.config.count !== undefined || db.config.for_each !== undefined) {
        return unresolvable('`count`/`for_each`: the identifiers of its instances');
      }
      const targets = databaseTargets(db, stack);
      let unknown: string | undefined;
      for (const alarm of stack.ofType('aws_cloudwatch_metric_alarm')) {
        for (const dims of alarmDimensions(alarm)) {
          for (const [key, value] of Object.entries(dims)) {
            if (key !== 'DBInstanceIdentifier' && key !== 'DBClusterIdentifier') continue;
            if (targets.some((t) => stack.refersTo(value, t.resource) || (t.identifier !== undefined && value === t.identifier))) {
              return COMPLIANT;
            }
            if (isExpression(value) && stack.referenced(value).length === 0) {
              unknown ??= `\`${alarm.address}\` dimension \`${key}\` is \`${value}\``;
            }
          }
        }
      }
      if (unknown !== undefined) {
        return unresolvable(unknown);
      }
      const dimension = db.type === 'aws_rds_cluster' ? '`DBClusterIdentifier` (or `DBInstanceIdentifier` of one of its instances)' : '`DBInstanceIdentifier`';
      return nonCompliant(`no \`aws_cloudwatch_metric_alarm\` of this stack has a ${dimension} dimension naming it`);
    },
  },
];

/** What an alarm on a database names: the database itself, and for an Aurora cluster each of its instances. */
function databaseTargets(db: TfResource, stack: StackView): Array<{ resource: TfResource; identifier?: string }> {
  const own = db.type === 'aws_rds_cluster' ? db.config.cluster_identifier : db.config.identifier;
  const targets: Array<{ resource: TfResource; identifier?: string }> = [{ resource: db, identifier: literal(own) }];
  if (db.type === 'aws_rds_cluster') {
    for (const instance of stack.ofType('aws_rds_cluster_instance')) {
      const cluster = instance.config.cluster_identifier;
      if (stack.refersTo(cluster, db) || (literal(own) !== undefined && cluster === own)) {
        targets.push({ resource: instance, identifier: literal(instance.config.identifier) });
      }
    }
  }
  return targets;
}

function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !isExpression(value) ? value : undefined;
}

/** The dimensions of an alarm's metric and of every metric of its `metric_query` blocks. */
function alarmDimensions(alarm: TfResource): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const own = readMap(alarm.config, 'dimensions');
  if (own && !isUnresolved(own)) out.push(own);
  const queries = readBlocks(alarm.config, 'metric_query');
  if (!isUnresolved(queries)) {
    for (const query of queries) {
      const metrics = readBlocks(query, 'metric');
      if (isUnresolved(metrics)) continue;
      for (const metric of metrics) {
        const dims = readMap(metric, 'dimensions');
        if (dims && !isUnresolved(dims)) out.push(dims);
      }
    }
  }
  return out;
}

/** Whether a composite alarm rule names an alarm literally: `ALARM("name")` or `ALARM(name)`. */
function mentionsName(rule: unknown, name: unknown): boolean {
  return typeof rule === 'string' && typeof name === 'string' && name.length > 0 && (rule.includes(`"${name}"`) || rule.includes(`(${name})`));
}
