import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { FIS_QUOTAS, fisActionProblems, fisTargetProblems } from './fis-catalogue';
import { FaultExperimentsPlan } from './plan';
import { Duration, TimeUnit } from '../../core/duration';
import { FaultExperimentKind } from '../../core/fault-experiments';
import { PlatformKind } from '../../core/platform';
import { validateRemovalPolicy } from '../../core/private/retention';
import { KnownProps, RenamedProps, checkStruct, requireKnown } from '../../core/private/runtime';
import { validateNoPlainSecrets } from '../../core/private/secrets';
import { PropValidator, formatValue, isUnresolved } from '../../core/private/validation';
import type { FaultExperimentsProps } from '../fault-experiments';

export const KIND = 'FaultExperiments';

const ALARM_ARN = /^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$/;
/** A cron schedule as Chaos Mesh reads it (robfig/cron): 5 fields, or a descriptor such as `@daily` or `@every 24h`. */
const CRON = /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every \d+(ns|us|µs|ms|s|m|h)(\d+(ns|us|µs|ms|s|m|h))*|(\S+\s+){4}\S+)$/;

/** Why a reason does not say why, or undefined: at least 10 characters and two words. */
function reasonProblem(reason: unknown): string | undefined {
  if (typeof reason !== 'string') {
    return 'must be a sentence saying why';
  }
  const words = reason.trim().match(/[A-Za-z0-9][A-Za-z0-9'’-]*/g) ?? [];
  return reason.trim().length < 10 || words.length < 2 ? 'must be a sentence of at least 10 characters and two words saying why' : undefined;
}

/** Every prop of FaultExperimentsProps: others are refused, with "did you mean". */
const FAULT_EXPERIMENTS_PROPS: KnownProps<FaultExperimentsProps> = {
  target: true,
  kinds: true,
  zones: true,
  faultDuration: true,
  exclude: true,
  stopConditionAlarmArns: true,
  logRetention: true,
  logEncryptionKeyArn: true,
  schedule: true,
  outputs: true,
  tags: true,
  removalPolicy: true,
};

/** Names a user may reach for, from AWS FIS, Chaos Mesh or other tools. */
const FAULT_EXPERIMENTS_RENAMED: RenamedProps = {
  duration: 'Use `faultDuration` (a Duration).',
  experiments: 'Use `kinds` (a list of FaultExperimentKind values).',
  stopConditions: 'Use `stopConditionAlarmArns` (CloudWatch alarm ARNs).',
  cron: 'Use `schedule` (a cron schedule of 5 fields).',
  excludes: 'Use `exclude` (a list of `{ construct, reason }`).',
  zoneLoss: 'Use `target: ResilienceTarget.survive({ zoneLoss })`.',
};

/** Every problem of the props, reported at once. */
export function validateFaultExperiments(scope: IConstruct, input: FaultExperimentsProps): void {
  const v = new PropValidator(KIND, scope);
  if (!checkStruct<FaultExperimentsProps>(v, '', input, FAULT_EXPERIMENTS_PROPS, { example: '{ target: ResilienceTarget.survive({ zoneLoss: 1 }) }', renamed: FAULT_EXPERIMENTS_RENAMED })) {
    v.throwIfInvalid();
    return;
  }
  const props = input;
  validateNoPlainSecrets(v, scope, props);
  validateRemovalPolicy(v, props.removalPolicy, { snapshots: false, what: 'the experiments\' log group' });
  requireKnown(v, scope, 'kinds', props.kinds, 'it decides which experiments are rendered');
  requireKnown(v, scope, 'zones', props.zones, 'it decides how many zones a zone experiment loses; a zone name may be a token');
  requireKnown(v, scope, 'exclude', props.exclude, 'it decides which constructs are tested');
  requireKnown(v, scope, 'stopConditionAlarmArns', props.stopConditionAlarmArns, 'it decides how many stop conditions each template has; an ARN may be a token');
  requireKnown(v, scope, 'schedule', props.schedule, 'it is checked as a cron schedule at synth time, as Chaos Mesh reads it');
  requireKnown(v, scope, 'outputs', props.outputs, 'it decides whether the output is rendered');
  requireKnown(v, scope, 'tags', props.tags, 'the library adds its own tags to them; a tag value may be a token');
  let zoneLoss = 1;
  const target = props.target;
  if (target !== undefined) {
    const ok = target !== null && typeof target === 'object' && Number.isInteger(target.zoneLoss) && target.zoneLoss >= 0 && target.zoneLoss <= 5;
    v.require('target', target, ok, 'must be a resilience target with a whole `zoneLoss` from 0 to 5', 'Pass `ResilienceTarget.survive({ zoneLoss: 1 })`.');
    if (ok) {
      zoneLoss = target.zoneLoss;
    }
  }
  if (props.kinds !== undefined && !Token.isUnresolved(props.kinds)) {
    if (!Array.isArray(props.kinds)) {
      v.require('kinds', props.kinds, false, 'must be a list of FaultExperimentKind values');
    } else {
      props.kinds.forEach((k, i) => v.enumValue(`kinds[${i}]`, k, FaultExperimentKind as unknown as Record<string, string>, 'FaultExperimentKind'));
    }
  }
  if (props.zones !== undefined && !Token.isUnresolved(props.zones)) {
    if (!Array.isArray(props.zones) || props.zones.some((z) => typeof z !== 'string' || z.trim().length === 0)) {
      v.require('zones', props.zones, false, 'must be a list of zone names such as "eu-west-1a"');
    } else if (new Set(props.zones).size !== props.zones.length) {
      v.require('zones', props.zones, false, 'must not list a zone twice');
    } else {
      v.require(
        'zones',
        props.zones,
        props.zones.length <= zoneLoss,
        `lists ${props.zones.length} ${props.zones.length === 1 ? 'zone' : 'zones'}, but the target tolerates the loss of ${zoneLoss}: an experiment never ` +
          'injects more than the target says the stack tolerates',
        `List at most ${zoneLoss} ${zoneLoss === 1 ? 'zone' : 'zones'}, or raise \`target.zoneLoss\`.`,
      );
    }
  }
  v.duration('faultDuration', props.faultDuration, {
    unit: TimeUnit.SECONDS,
    min: Duration.minutes(1),
    max: Duration.hours(12),
    why: '(FIS actions last 1 minute to 12 hours)',
  });
  if (props.exclude !== undefined && !Token.isUnresolved(props.exclude)) {
    if (!Array.isArray(props.exclude)) {
      v.require('exclude', props.exclude, false, 'must be a list of `{ construct, reason }`');
    } else {
      props.exclude.forEach((o, i) => {
        const isConstruct = o !== null && typeof o === 'object' && typeof (o.construct as any)?.node?.path === 'string';
        v.require(`exclude[${i}].construct`, isConstruct ? o.construct.node.path : o, isConstruct, 'must be a construct of the stack');
        const problem = o !== null && typeof o === 'object' ? reasonProblem(o.reason) : 'must be a sentence saying why';
        if (problem) {
          v.require(`exclude[${i}].reason`, o?.reason, false, problem, 'E.g. `\'the sandbox database has no standby\'`.');
        }
      });
    }
  }
  if (props.stopConditionAlarmArns !== undefined && !Token.isUnresolved(props.stopConditionAlarmArns)) {
    if (!Array.isArray(props.stopConditionAlarmArns)) {
      v.require('stopConditionAlarmArns', props.stopConditionAlarmArns, false, 'must be a list of CloudWatch alarm ARNs');
    } else {
      props.stopConditionAlarmArns.forEach((arn, i) =>
        v.require(`stopConditionAlarmArns[${i}]`, arn, typeof arn === 'string' && (isUnresolved(arn) || ALARM_ARN.test(arn)), 'must be a CloudWatch alarm ARN like "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:name"'),
      );
    }
  }
  v.logRetention('logRetention', props.logRetention);
  v.kmsKeyArn('logEncryptionKeyArn', props.logEncryptionKeyArn);
  if (props.schedule !== undefined && !isUnresolved(props.schedule)) {
    v.require(
      'schedule',
      props.schedule,
      typeof props.schedule === 'string' && CRON.test(props.schedule.trim()),
      'must be a cron schedule of 5 fields (e.g. "0 10 * * 2", Tuesdays at 10:00) or a descriptor such as "@weekly" or "@every 168h"',
    );
  }
  if (props.outputs !== undefined && !isUnresolved(props.outputs)) {
    v.require('outputs', props.outputs, typeof props.outputs === 'boolean', 'must be true or false');
  }
  if (props.tags !== undefined && !isUnresolved(props.tags)) {
    const ok = props.tags !== null && typeof props.tags === 'object' && !Array.isArray(props.tags) && Object.values(props.tags).every((t) => typeof t === 'string');
    v.require('tags', props.tags, ok, 'must map tag keys to string values');
  }
  v.throwIfInvalid();
}

/**
 * Every problem of the experiments derived from the stack: FIS actions and targets unknown to the catalogue, fixed
 * FIS quotas exceeded, AWS experiments without a stop condition.
 */
export function validatePlannedExperiments(scope: IConstruct, plan: FaultExperimentsPlan): void {
  const v = new PropValidator(KIND, scope);
  for (const e of plan.experiments) {
    if (!e.fis) {
      continue;
    }
    const types = new Map(e.fis.targets.map((t) => [t.name, t.resourceType]));
    for (const action of e.fis.actions) {
      for (const problem of fisActionProblems({ ...action, targetResourceType: action.targetName ? types.get(action.targetName) : undefined })) {
        v.fail(`experiment \`${e.name}\`: ${problem}.`);
      }
    }
    for (const target of e.fis.targets) {
      for (const problem of fisTargetProblems(target)) {
        v.fail(`experiment \`${e.name}\`: ${problem}.`);
      }
    }
    // Every action of a generated template starts at once.
    const limit = Math.min(FIS_QUOTAS.actions, FIS_QUOTAS.parallelActions);
    if (e.fis.actions.length > limit) {
      v.fail(
        `experiment \`${e.name}\` needs ${e.fis.actions.length} actions, more than the ${limit} FIS runs in parallel (a fixed quota): ` +
          `exclude constructs with \`exclude\`, or declare the experiment on a smaller stack. Its actions: ${formatValue(e.fis.actions.map((a) => a.name))}.`,
      );
    }
  }
  const aws = plan.experiments.filter((e) => e.platform === PlatformKind.AWS);
  if (aws.length > 0 && plan.stopConditionAlarms.length + plan.stopConditionAlarmArns.length === 0) {
    v.fail(
      `the AWS experiments ${formatValue(aws.map((e) => e.name))} have no stop condition: no construct they involve reports an alarm that says users ` +
        'are affected (are the critical alarms turned off?). An experiment that cannot be stopped is not run: turn the alarms on, or pass ' +
        '`stopConditionAlarmArns`.',
    );
  }
  v.throwIfInvalid();
}
