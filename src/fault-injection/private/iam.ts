import { FisActionPlan, FisTargetPlan, FisTemplatePlan } from './plan';
import type { AccountContext } from '../../core/private/kms';

/** One IAM policy statement. */
export interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** Conditions that a resource carries each of `tags` (the fault target's tags, set by this stack). */
function tagged(tags: Record<string, string> | undefined, key: 'aws:ResourceTag' | 'ec2:ResourceTag' = 'aws:ResourceTag'): Statement['Condition'] {
  const entries = Object.entries(tags ?? {});
  return entries.length > 0 ? { StringEquals: Object.fromEntries(entries.map(([k, v]) => [`${key}/${k}`, v])) } : undefined;
}

function arn(ctx: AccountContext, service: string, resource: string, region: string | undefined = ctx.region): string {
  return `arn:${ctx.partition}:${service}:${region ?? ''}:${ctx.accountId}:${resource}`;
}

/**
 * The statements one action needs, and nothing more: its documented permissions (`fis-catalogue.ts`), each mutating
 * one scoped to the target's resources, by ARN or by the tags this stack set on them. Only read-only calls without
 * resource-level permissions (Describe*, List*, tag:GetResources) and `ec2:InjectApiError` (scoped by FIS condition
 * keys instead) have `*` as resource. No statement ever has a wildcard action.
 */
function actionStatements(action: FisActionPlan, target: FisTargetPlan | undefined, ctx: AccountContext, sid: string): Statement[] {
  const source = target?.source;
  switch (action.actionId) {
    case 'aws:ec2:stop-instances':
      return [
        { Sid: `${sid}StopStart`, Effect: 'Allow', Action: ['ec2:StopInstances', 'ec2:StartInstances'], Resource: arn(ctx, 'ec2', 'instance/*'), Condition: tagged(target?.resourceTags) },
        { Sid: `${sid}Describe`, Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
        {
          // Restarting an instance with encrypted volumes needs a grant on the volumes' key, for EC2 only.
          Sid: `${sid}RestartEncryptedVolumes`,
          Effect: 'Allow',
          Action: 'kms:CreateGrant',
          Resource: arn(ctx, 'kms', 'key/*'),
          Condition: { StringEquals: { 'kms:ViaService': `ec2.${ctx.region}.amazonaws.com` }, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        },
      ];
    case 'aws:ec2:terminate-instances':
      return [
        { Sid: `${sid}Terminate`, Effect: 'Allow', Action: 'ec2:TerminateInstances', Resource: arn(ctx, 'ec2', 'instance/*'), Condition: tagged(target?.resourceTags) },
        { Sid: `${sid}Describe`, Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
      ];
    case 'aws:ec2:reboot-instances':
      return [
        { Sid: `${sid}Reboot`, Effect: 'Allow', Action: 'ec2:RebootInstances', Resource: arn(ctx, 'ec2', 'instance/*'), Condition: tagged(target?.resourceTags) },
        { Sid: `${sid}Describe`, Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
      ];
    case 'aws:ecs:stop-task': {
      // Tasks of this stack's cluster only, carrying the service's tags (it propagates them to its tasks).
      const tasks = arn(ctx, 'ecs', `task/${source?.clusterName ?? '*'}/*`);
      return [
        { Sid: `${sid}StopTasks`, Effect: 'Allow', Action: 'ecs:StopTask', Resource: tasks, Condition: tagged(target?.resourceTags) },
        { Sid: `${sid}DescribeTasks`, Effect: 'Allow', Action: 'ecs:DescribeTasks', Resource: tasks },
        { Sid: `${sid}FindTasks`, Effect: 'Allow', Action: ['ecs:ListTasks', 'tag:GetResources'], Resource: '*' },
      ];
    }
    case 'aws:ec2:asg-insufficient-instance-capacity-error':
      return [
        {
          // InjectApiError has no resource-level permissions: FIS's condition keys scope it to this action and group.
          Sid: `${sid}InjectCapacityErrors`,
          Effect: 'Allow',
          Action: 'ec2:InjectApiError',
          Resource: '*',
          Condition: {
            'StringEquals': { 'ec2:FisActionId': action.actionId },
            'ForAllValues:ArnEquals': { 'ec2:FisTargetArns': target?.resourceArns ?? [] },
          },
        },
        { Sid: `${sid}DescribeGroups`, Effect: 'Allow', Action: 'autoscaling:DescribeAutoScalingGroups', Resource: '*' },
      ];
    case 'aws:network:disrupt-connectivity': {
      const vpc = source?.vpcId ? arn(ctx, 'ec2', `vpc/${source.vpcId}`) : arn(ctx, 'ec2', 'vpc/*');
      const acl = arn(ctx, 'ec2', 'network-acl/*');
      return [
        // FIS clones each subnet's network ACL, tags the clone managedByFIS=true, adds deny entries, swaps it in, and
        // later swaps the original back and deletes the clone: every write is on a clone it tagged, in this VPC.
        { Sid: `${sid}CreateAclInVpc`, Effect: 'Allow', Action: 'ec2:CreateNetworkAcl', Resource: vpc },
        { Sid: `${sid}CreateTaggedAcl`, Effect: 'Allow', Action: 'ec2:CreateNetworkAcl', Resource: acl, Condition: { StringEquals: { 'aws:RequestTag/managedByFIS': 'true' } } },
        {
          Sid: `${sid}TagNewAcl`,
          Effect: 'Allow',
          Action: 'ec2:CreateTags',
          Resource: acl,
          Condition: { StringEquals: { 'ec2:CreateAction': 'CreateNetworkAcl', 'aws:RequestTag/managedByFIS': 'true' } },
        },
        {
          Sid: `${sid}EditOwnAcl`,
          Effect: 'Allow',
          Action: ['ec2:CreateNetworkAclEntry', 'ec2:DeleteNetworkAcl'],
          Resource: [acl, vpc],
          Condition: { StringEquals: { 'ec2:ResourceTag/managedByFIS': 'true' } },
        },
        {
          Sid: `${sid}SwapAclOfStackSubnets`,
          Effect: 'Allow',
          Action: 'ec2:ReplaceNetworkAclAssociation',
          Resource: arn(ctx, 'ec2', 'subnet/*'),
          Condition: tagged(target?.resourceTags),
        },
        {
          Sid: `${sid}SwapAclsOfVpc`,
          Effect: 'Allow',
          Action: 'ec2:ReplaceNetworkAclAssociation',
          Resource: acl,
          Condition: source?.vpcId ? { ArnEquals: { 'ec2:Vpc': vpc } } : undefined,
        },
        {
          Sid: `${sid}Describe`,
          Effect: 'Allow',
          Action: ['ec2:DescribeManagedPrefixLists', 'ec2:DescribeNetworkAcls', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'],
          Resource: '*',
        },
        { Sid: `${sid}ReadPrefixLists`, Effect: 'Allow', Action: 'ec2:GetManagedPrefixListEntries', Resource: arn(ctx, 'ec2', 'prefix-list/*') },
      ];
    }
    case 'aws:rds:reboot-db-instances':
      return [
        target?.resourceArns
          ? { Sid: `${sid}Reboot`, Effect: 'Allow', Action: 'rds:RebootDBInstance', Resource: target.resourceArns }
          : { Sid: `${sid}Reboot`, Effect: 'Allow', Action: 'rds:RebootDBInstance', Resource: arn(ctx, 'rds', 'db:*'), Condition: tagged(target?.resourceTags) },
        { Sid: `${sid}Describe`, Effect: 'Allow', Action: ['rds:DescribeDBInstances', 'tag:GetResources'], Resource: '*' },
      ];
    case 'aws:rds:failover-db-cluster':
      return [
        target?.resourceArns
          ? { Sid: `${sid}Failover`, Effect: 'Allow', Action: 'rds:FailoverDBCluster', Resource: target.resourceArns }
          : { Sid: `${sid}Failover`, Effect: 'Allow', Action: 'rds:FailoverDBCluster', Resource: arn(ctx, 'rds', 'cluster:*'), Condition: tagged(target?.resourceTags) },
        { Sid: `${sid}Describe`, Effect: 'Allow', Action: ['rds:DescribeDBClusters', 'tag:GetResources'], Resource: '*' },
      ];
    case 'aws:ssm:send-command':
      return [
        // A statement's conditions apply to every resource in it: the document and the instances get one each.
        { Sid: `${sid}SendDocument`, Effect: 'Allow', Action: 'ssm:SendCommand', Resource: action.parameters.documentArn },
        { Sid: `${sid}SendToInstances`, Effect: 'Allow', Action: 'ssm:SendCommand', Resource: arn(ctx, 'ec2', 'instance/*'), Condition: tagged(target?.resourceTags) },
        { Sid: `${sid}FollowCommands`, Effect: 'Allow', Action: ['ssm:ListCommands', 'ssm:CancelCommand'], Resource: '*' },
      ];
    default:
      // validatePlannedExperiments refuses actions the catalogue does not know; a known one without a policy here is a bug.
      throw new Error(`FaultExperiments: no least-privilege policy for ${action.actionId}`);
  }
}

/**
 * The experiment role's policy: every action's statements (`Sid` prefixed with the action's position), and the log
 * delivery to the experiments' log group.
 */
export function experimentPolicy(template: FisTemplatePlan, ctx: AccountContext): { Version: string; Statement: Statement[] } {
  const targets = new Map(template.targets.map((t) => [t.name, t]));
  const statements: Statement[] = template.actions.flatMap((action, i) =>
    actionStatements(action, action.targetName ? targets.get(action.targetName) : undefined, ctx, `Action${i + 1}`),
  );
  statements.push(
    // Vended log delivery has no resource-level permissions; the log group's resource policy is written by CloudWatch
    // Logs when missing, which the documentation says needs these on log-group:* of the account and region.
    { Sid: 'DeliverLogs', Effect: 'Allow', Action: 'logs:CreateLogDelivery', Resource: '*' },
    {
      Sid: 'DeliverLogsToLogGroup',
      Effect: 'Allow',
      Action: ['logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
      Resource: arn(ctx, 'logs', 'log-group:*'),
    },
  );
  return { Version: '2012-10-17', Statement: statements };
}

/** The role's trust policy: AWS FIS, for experiments of this account and region only. */
export function experimentTrustPolicy(ctx: AccountContext): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'fis.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': ctx.accountId },
          ArnLike: { 'aws:SourceArn': arn(ctx, 'fis', 'experiment/*') },
        },
      },
    ],
  };
}
