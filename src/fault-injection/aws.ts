import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FisExperimentTemplate } from '@cdktf/provider-aws/lib/fis-experiment-template';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { FIS_QUOTAS } from './private/fis-catalogue';
import { experimentPolicy, experimentTrustPolicy } from './private/iam';
import { PARTITION_PLACEHOLDER, REGION_PLACEHOLDER } from './private/kinds/cpu-stress';
import { ExperimentPlan, FaultExperimentsPlan, FisTemplatePlan } from './private/plan';
import { FaultExperimentsAwsResources } from './resources';
import { AccountContext, accountContext, cloudWatchLogsStatement, encryptionKey } from '../core/private/kms';
import { renderedPath } from '../core/private/moves';
import { awsTags, claimPhysicalName, fitDescription } from '../core/private/naming';
import { statefulLifecycle } from '../core/private/retention';

/** The experiment log schema version FIS writes (experiment logging, "Log schema"). */
const LOG_SCHEMA_VERSION = 2;

/** The stop conditions every experiment gets: at most 5 alarm ARNs, and a composite alarm when there are more. */
interface StopConditions {
  readonly arns: string[];
  readonly names: string[];
  readonly composite?: CloudwatchCompositeAlarm;
}

function stopConditions(scope: Construct, plan: FaultExperimentsPlan, tags: Record<string, string>): StopConditions {
  const alarms = plan.stopConditionAlarms;
  const arns = [...alarms.map((a) => a.alarm.arn), ...plan.stopConditionAlarmArns];
  const names = [...alarms.map((a) => a.alarmName), ...plan.stopConditionAlarmArns.map((arn) => arn.split(':alarm:')[1] ?? arn)];
  if (arns.length <= FIS_QUOTAS.stopConditions) {
    return { arns, names };
  }
  // FIS takes at most 5 stop conditions: one composite alarm is in ALARM as soon as any of them is.
  const name = `${plan.name}-user-impact`;
  const actions = [...new Set(alarms.flatMap((a) => a.alarm.alarmActionsInput ?? []))];
  // Composite and metric alarms share one namespace per account and region.
  claimPhysicalName(scope, 'aws_cloudwatch_metric_alarm', 'alarm_name', name);
  const composite = new CloudwatchCompositeAlarm(scope, 'StopConditionAlarm', {
    alarmName: name,
    alarmDescription: fitDescription(`Users are affected: stops every fault experiment of ${renderedPath(scope)} (any of ${names.length} alarms).`, 1024),
    alarmRule: [...alarms.map((a) => `ALARM("${a.alarmName}")`), ...plan.stopConditionAlarmArns.map((arn) => `ALARM("${arn}")`)].join(' OR '),
    actionsEnabled: true,
    alarmActions: actions.length > 0 ? actions : undefined,
    okActions: actions.length > 0 ? actions : undefined,
    tags,
  });
  return { arns: [composite.arn], names: [name], composite };
}

/** The template with the partition and region of the provider in its parameters (the SSM document ARN). */
function resolvePlaceholders(template: FisTemplatePlan, ctx: AccountContext): FisTemplatePlan {
  const resolve = (value: string) => value.split(PARTITION_PLACEHOLDER).join(ctx.partition).split(REGION_PLACEHOLDER).join(ctx.region ?? '');
  return {
    ...template,
    actions: template.actions.map((a) => ({ ...a, parameters: Object.fromEntries(Object.entries(a.parameters).map(([k, v]) => [k, resolve(v)])) })),
  };
}

/**
 * Renders the AWS experiments: one encrypted log group they all log to; per experiment a role that only AWS FIS of
 * this account may assume, allowed exactly the experiment's actions on this stack's resources, and the experiment
 * template (actions, tag- or ARN-selected targets, the stop conditions, logging); the `fault_experiments` output.
 */
export function renderAwsExperiments(
  scope: Construct,
  plan: FaultExperimentsPlan,
  experiments: readonly ExperimentPlan[],
): FaultExperimentsAwsResources {
  const ctx = accountContext(scope, { region: true });
  const tags = awsTags(scope, plan.name, plan.tags);
  const logGroupName = `/cdktf-fault-tolerance/fault-experiments/${plan.name}`;
  const key = plan.logEncryptionKeyArn
    ? undefined
    : encryptionKey(scope, 'LogEncryptionKey', ctx, {
      description: `Encrypts the fault experiment logs of ${renderedPath(scope)}`,
      statements: [cloudWatchLogsStatement(ctx, logGroupName)],
      tags,
      retain: plan.retention.retain,
    });
  claimPhysicalName(scope, 'aws_cloudwatch_log_group', 'name', logGroupName);
  const logGroup = new CloudwatchLogGroup(scope, 'LogGroup', {
    name: logGroupName,
    retentionInDays: plan.logRetentionDays,
    kmsKeyId: plan.logEncryptionKeyArn ?? key!.arn,
    tags,
    lifecycle: statefulLifecycle(plan.retention.retain),
  });
  const stops = stopConditions(scope, plan, tags);

  const templates: FisExperimentTemplate[] = [];
  const roles: IamRole[] = [];
  const policies: IamRolePolicy[] = [];
  for (const e of experiments) {
    const fis = resolvePlaceholders(e.fis!, ctx);
    const experimentTags = awsTags(scope, `${plan.name}-${e.name}`, { ...plan.tags, 'ft:experiment': e.name, 'ft:experiment-kind': e.kind.toLowerCase() });
    const role = new IamRole(scope, `Role${e.id}`, {
      description: fitDescription(`AWS FIS experiment ${e.name} of ${renderedPath(scope)}: only its actions, on this stack's resources`, 1000),
      assumeRolePolicy: JSON.stringify(experimentTrustPolicy(ctx)),
      maxSessionDuration: 43200,
      tags: experimentTags,
    });
    const policy = new IamRolePolicy(scope, `Policy${e.id}`, {
      role: role.id,
      policy: JSON.stringify(experimentPolicy(fis, ctx)),
    });
    const template = new FisExperimentTemplate(scope, `Experiment${e.id}`, {
      description: fis.description,
      roleArn: role.arn,
      action: fis.actions.map((a) => ({
        name: a.name,
        actionId: a.actionId,
        description: a.description,
        parameter: Object.entries(a.parameters).map(([k, value]) => ({ key: k, value })),
        target: a.targetName && a.targetKey ? { key: a.targetKey, value: a.targetName } : undefined,
      })),
      target: fis.targets.map((t) => ({
        name: t.name,
        resourceType: t.resourceType,
        selectionMode: t.selectionMode,
        resourceArns: t.resourceArns,
        resourceTag: t.resourceTags ? Object.entries(t.resourceTags).map(([k, value]) => ({ key: k, value })) : undefined,
        filter: t.filters?.map((f) => ({ path: f.path, values: f.values })),
        parameters: t.parameters && Object.keys(t.parameters).length > 0 ? { ...t.parameters } : undefined,
      })),
      stopCondition: stops.arns.map((value) => ({ source: 'aws:cloudwatch:alarm', value })),
      logConfiguration: {
        logSchemaVersion: LOG_SCHEMA_VERSION,
        cloudwatchLogsConfiguration: { logGroupArn: `${logGroup.arn}:*` },
      },
      experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: fis.emptyTargetResolution },
      tags: experimentTags,
      // The role must be allowed everything before an experiment can be started with it.
      dependsOn: [policy],
    });
    templates.push(template);
    roles.push(role);
    policies.push(policy);
  }

  let output: TerraformOutput | undefined;
  if (plan.outputs) {
    output = new TerraformOutput(scope, 'Output', {
      description: 'The fault experiments: each one\'s FIS experiment template id, hypothesis and stop conditions (aws fis start-experiment --experiment-template-id).',
      value: Object.fromEntries(
        experiments.map((e, i) => [
          e.name,
          {
            template_id: templates[i].id,
            kind: e.kind.toLowerCase(),
            hypothesis: e.hypothesis,
            blast_radius: e.blastRadius,
            stop_conditions: stops.names,
          },
        ]),
      ),
    });
    output.overrideLogicalId('fault_experiments');
  }
  return { templates, roles, policies, logGroup, logEncryptionKey: key, stopConditionAlarm: stops.composite, output };
}

/** The names of the alarms that stop the AWS experiments (the composite alarm's when there are more than 5). */
export function stopConditionNames(plan: FaultExperimentsPlan): string[] {
  const names = [...plan.stopConditionAlarms.map((a) => a.alarmName), ...plan.stopConditionAlarmArns.map((arn) => arn.split(':alarm:')[1] ?? arn)];
  return names.length <= FIS_QUOTAS.stopConditions ? names : [`${plan.name}-user-impact`];
}
