/*
 * The AWS FIS actions this library emits (and the ones a user may add), written from the AWS FIS User Guide:
 * "AWS FIS Actions reference" (fis-actions-reference) for action ids, parameters, resource types and permissions;
 * "Targets for AWS FIS" (targets) for resource types and target parameters; "Use Systems Manager SSM documents with
 * AWS FIS" (actions-ssm-agent) for AWSFIS-Run-CPU-Stress; "Quotas and limitations" for the limits. The target keys
 * the Terraform AWS provider accepts come from hashicorp/terraform-provider-aws
 * internal/service/fis/experiment_template.go (validExperimentTemplateActionTargetKey).
 *
 * Every action and target the fault experiments render is checked against this catalogue at synth: an unknown
 * action, parameter, target key or resource type is an error, never an experiment that fails when it is started.
 */

/** How a parameter's value must look. */
export enum FisParameterKind {
  /** An ISO 8601 duration (`PT10M`), within the action's bounds. */
  DURATION = 'DURATION',
  /** `true` or `false`. */
  BOOLEAN = 'BOOLEAN',
  /** A whole number from 1 to 100. */
  PERCENTAGE = 'PERCENTAGE',
  /** One of `values`. */
  ENUM = 'ENUM',
  /** A comma-separated list of zone names or zone ids. */
  ZONES = 'ZONES',
  /** A JSON object (SSM document parameters). */
  JSON = 'JSON',
  /** An ARN. */
  ARN = 'ARN',
  /** Free text. */
  TEXT = 'TEXT',
}

/** One parameter of a FIS action. */
export interface FisParameterSpec {
  readonly kind: FisParameterKind;
  readonly required: boolean;
  /** ENUM: the accepted values. */
  readonly values?: readonly string[];
  /** DURATION: bounds in seconds. */
  readonly minSeconds?: number;
  readonly maxSeconds?: number;
}

/** One FIS action. */
export interface FisActionSpec {
  readonly id: string;
  /** The resource type of its target, if it takes one. */
  readonly resourceType?: string;
  /** The key of its target in the action's `targets` map (`Instances`, `Subnets`, ...). */
  readonly targetKey?: string;
  readonly parameters: Readonly<Record<string, FisParameterSpec>>;
  /** The IAM permissions the experiment role needs, as the reference lists them. */
  readonly permissions: readonly string[];
  /** Whether the Terraform AWS provider accepts its target key (it validates the key against a fixed list). */
  readonly terraform: boolean;
}

const MINUTE = 60;
const TWELVE_HOURS = 12 * 3600;
const duration = (required: boolean, minSeconds = MINUTE, maxSeconds = TWELVE_HOURS): FisParameterSpec => ({
  kind: FisParameterKind.DURATION,
  required,
  minSeconds,
  maxSeconds,
});
const optional = (kind: FisParameterKind): FisParameterSpec => ({ kind, required: false });
const required = (kind: FisParameterKind): FisParameterSpec => ({ kind, required: true });

/** The catalogue, by action id. */
export const FIS_ACTIONS: Readonly<Record<string, FisActionSpec>> = Object.fromEntries(
  ([
    {
      id: 'aws:ec2:stop-instances',
      resourceType: 'aws:ec2:instance',
      targetKey: 'Instances',
      parameters: { startInstancesAfterDuration: duration(false), completeIfInstancesTerminated: optional(FisParameterKind.BOOLEAN) },
      permissions: ['ec2:StopInstances', 'ec2:StartInstances', 'ec2:DescribeInstances', 'kms:CreateGrant'],
      terraform: true,
    },
    {
      id: 'aws:ec2:terminate-instances',
      resourceType: 'aws:ec2:instance',
      targetKey: 'Instances',
      parameters: {},
      permissions: ['ec2:TerminateInstances', 'ec2:DescribeInstances'],
      terraform: true,
    },
    {
      id: 'aws:ec2:reboot-instances',
      resourceType: 'aws:ec2:instance',
      targetKey: 'Instances',
      parameters: {},
      permissions: ['ec2:RebootInstances', 'ec2:DescribeInstances'],
      terraform: true,
    },
    {
      id: 'aws:ec2:asg-insufficient-instance-capacity-error',
      resourceType: 'aws:ec2:autoscaling-group',
      targetKey: 'AutoScalingGroups',
      parameters: {
        duration: duration(true),
        availabilityZoneIdentifiers: required(FisParameterKind.ZONES),
        percentage: optional(FisParameterKind.PERCENTAGE),
      },
      permissions: ['ec2:InjectApiError', 'autoscaling:DescribeAutoScalingGroups'],
      terraform: true,
    },
    {
      id: 'aws:ec2:api-insufficient-instance-capacity-error',
      resourceType: 'aws:iam:role',
      targetKey: 'Roles',
      parameters: {
        duration: duration(true),
        availabilityZoneIdentifiers: required(FisParameterKind.ZONES),
        percentage: required(FisParameterKind.PERCENTAGE),
      },
      permissions: ['ec2:InjectApiError'],
      terraform: true,
    },
    {
      // "Amazon ECS actions" of the reference: stops the target tasks (ECS StopTask); no parameters. The permissions
      // are the reference's; the AWS managed policy AWSFaultInjectionSimulatorECSAccess grants the same ones
      // (ecs:DescribeTasks and ecs:StopTask on task/*/*, ecs:ListTasks, tag:GetResources).
      id: 'aws:ecs:stop-task',
      resourceType: 'aws:ecs:task',
      targetKey: 'Tasks',
      parameters: {},
      permissions: ['ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:StopTask', 'tag:GetResources'],
      terraform: true,
    },
    {
      id: 'aws:network:disrupt-connectivity',
      resourceType: 'aws:ec2:subnet',
      targetKey: 'Subnets',
      parameters: {
        scope: { kind: FisParameterKind.ENUM, required: false, values: ['all', 'availability-zone', 'dynamodb', 'prefix-list', 's3', 's3express', 'vpc'] },
        duration: duration(true),
        prefixListIdentifier: optional(FisParameterKind.TEXT),
      },
      permissions: [
        'ec2:CreateNetworkAcl',
        'ec2:CreateNetworkAclEntry',
        'ec2:CreateTags',
        'ec2:DeleteNetworkAcl',
        'ec2:DescribeManagedPrefixLists',
        'ec2:DescribeNetworkAcls',
        'ec2:DescribeSubnets',
        'ec2:DescribeVpcs',
        'ec2:GetManagedPrefixListEntries',
        'ec2:ReplaceNetworkAclAssociation',
      ],
      terraform: true,
    },
    {
      id: 'aws:rds:failover-db-cluster',
      resourceType: 'aws:rds:cluster',
      targetKey: 'Clusters',
      parameters: {},
      permissions: ['rds:FailoverDBCluster', 'rds:DescribeDBClusters', 'tag:GetResources'],
      terraform: true,
    },
    {
      id: 'aws:rds:reboot-db-instances',
      resourceType: 'aws:rds:db',
      targetKey: 'DBInstances',
      parameters: { forceFailover: optional(FisParameterKind.BOOLEAN) },
      permissions: ['rds:RebootDBInstance', 'rds:DescribeDBInstances', 'tag:GetResources'],
      terraform: true,
    },
    {
      id: 'aws:ssm:send-command',
      resourceType: 'aws:ec2:instance',
      targetKey: 'Instances',
      parameters: {
        documentArn: required(FisParameterKind.ARN),
        documentVersion: optional(FisParameterKind.TEXT),
        documentParameters: optional(FisParameterKind.JSON),
        duration: duration(true),
      },
      permissions: ['ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand'],
      terraform: true,
    },
    {
      id: 'aws:fis:wait',
      parameters: { duration: duration(true) },
      permissions: [],
      terraform: true,
    },
    {
      id: 'aws:cloudwatch:assert-alarm-state',
      parameters: { alarmArns: required(FisParameterKind.TEXT), alarmStates: required(FisParameterKind.TEXT) },
      permissions: ['cloudwatch:DescribeAlarms'],
      terraform: true,
    },
    {
      id: 'aws:ebs:pause-volume-io',
      resourceType: 'aws:ec2:ebs-volume',
      targetKey: 'Volumes',
      parameters: { duration: duration(true, 1) },
      permissions: ['ec2:DescribeVolumes', 'ec2:PauseVolumeIO', 'tag:GetResources'],
      terraform: true,
    },
    {
      id: 'aws:elasticache:replicationgroup-interrupt-az-power',
      resourceType: 'aws:elasticache:replicationgroup',
      targetKey: 'ReplicationGroups',
      parameters: { duration: duration(true) },
      permissions: ['elasticache:InterruptClusterAzPower', 'elasticache:DescribeReplicationGroups', 'tag:GetResources'],
      terraform: true,
    },
    {
      // The provider refuses the target key `ManagedResources`: a zonal autoshift cannot be declared in Terraform
      // (AWS provider 6.25) and is run from the console or CLI instead.
      id: 'aws:arc:start-zonal-autoshift',
      resourceType: 'aws:arc:zonal-shift-managed-resource',
      targetKey: 'ManagedResources',
      parameters: {
        duration: duration(true),
        availabilityZoneIdentifier: required(FisParameterKind.TEXT),
        managedResourceTypes: required(FisParameterKind.TEXT),
        zonalAutoshiftStatus: { kind: FisParameterKind.ENUM, required: false, values: ['ENABLED', 'DISABLED', 'ANY'] },
      },
      permissions: [
        'arc-zonal-shift:StartZonalShift',
        'arc-zonal-shift:GetManagedResource',
        'arc-zonal-shift:UpdateZonalShift',
        'arc-zonal-shift:CancelZonalShift',
        'arc-zonal-shift:ListManagedResources',
        'autoscaling:DescribeTags',
        'tag:GetResources',
      ],
      terraform: false,
    },
  ] as FisActionSpec[]).map((a) => [a.id, a]),
);

/**
 * The parameters each resource type accepts in a target (`targets` page, "Resource parameters"); a type not
 * listed accepts none.
 */
export const FIS_TARGET_PARAMETERS: Readonly<Record<string, Readonly<Record<string, { readonly required: boolean }>>>> = {
  'aws:ec2:ebs-volume': { availabilityZoneIdentifier: { required: false } },
  'aws:ec2:subnet': { availabilityZoneIdentifier: { required: false }, vpc: { required: false } },
  'aws:ecs:task': { cluster: { required: false }, service: { required: false } },
  'aws:rds:cluster': { writerAvailabilityZoneIdentifiers: { required: false } },
  'aws:rds:db': { availabilityZoneIdentifiers: { required: false } },
  'aws:elasticache:replicationgroup': { availabilityZoneIdentifier: { required: true } },
};

/** The resource types FIS supports (`targets` page, "Resource types"). */
export const FIS_RESOURCE_TYPES: readonly string[] = [
  'aws:arc:zonal-shift-managed-resource',
  'aws:dsql:cluster',
  'aws:dynamodb:global-table',
  'aws:ec2:autoscaling-group',
  'aws:ec2:ebs-volume',
  'aws:ec2:instance',
  'aws:ec2:spot-instance',
  'aws:ec2:subnet',
  'aws:ec2:transit-gateway',
  'aws:ec2:vpc-endpoint',
  'aws:ecs:cluster',
  'aws:ecs:task',
  'aws:eks:cluster',
  'aws:eks:nodegroup',
  'aws:eks:pod',
  'aws:elasticache:replicationgroup',
  'aws:iam:role',
  'aws:kinesis:stream',
  'aws:lambda:function',
  'aws:memorydb:multi-region-cluster',
  'aws:rds:cluster',
  'aws:rds:db',
  'aws:s3:bucket',
];

/** The action target keys the Terraform AWS provider accepts (validExperimentTemplateActionTargetKey). */
export const TERRAFORM_TARGET_KEYS: readonly string[] = [
  'AutoScalingGroups', 'Buckets', 'Cluster', 'Clusters', 'DBInstances', 'Instances', 'Nodegroups', 'Pods',
  'ReplicationGroups', 'Roles', 'SpotInstances', 'Subnets', 'Tables', 'Tasks', 'TransitGateways', 'Volumes',
];

/** FIS limits ("Quotas and limitations"): fixed ones are errors, adjustable ones warnings. */
export const FIS_QUOTAS = {
  /** Stop conditions per experiment template (not adjustable). */
  stopConditions: 5,
  /** Actions per experiment template (not adjustable). */
  actions: 20,
  /** Parallel actions per experiment (not adjustable). */
  parallelActions: 10,
  /** Experiment and action duration, in seconds (not adjustable). */
  durationSeconds: TWELVE_HOURS,
  /** Target instances of stop-instances, terminate-instances, reboot-instances and send-command (adjustable). */
  instancesPerAction: 5,
  /** Target subnets of disrupt-connectivity (adjustable). */
  subnetsPerAction: 5,
};

/** One action as rendered: what the catalogue checks. */
export interface FisActionUse {
  readonly name: string;
  readonly actionId: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** The key of the action's target, if any. */
  readonly targetKey?: string;
  /** The resource type of the template target the action uses, if any. */
  readonly targetResourceType?: string;
}

/** One template target as rendered. */
export interface FisTargetUse {
  readonly name: string;
  readonly resourceType: string;
  readonly parameters?: Readonly<Record<string, string>>;
}

const ISO_DURATION = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/;

/** The seconds of an ISO 8601 duration of hours, minutes and seconds (`PT1H30M`), or undefined. */
export function isoDurationSeconds(value: string): number | undefined {
  const m = ISO_DURATION.exec(value);
  if (!m || value === 'PT') {
    return undefined;
  }
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** An ISO 8601 duration for a number of seconds: `PT10M`, `PT1H30M`, `PT90S`. */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

const isToken = (value: string): boolean => value.includes('${') || value.includes('TfToken[');

function parameterProblem(action: string, name: string, value: string, spec: FisParameterSpec): string | undefined {
  if (isToken(value)) {
    return undefined; // known only at deploy time
  }
  const where = `action \`${action}\` parameter \`${name}\``;
  switch (spec.kind) {
    case FisParameterKind.DURATION: {
      const seconds = isoDurationSeconds(value);
      const min = spec.minSeconds ?? MINUTE;
      const max = spec.maxSeconds ?? TWELVE_HOURS;
      return seconds === undefined || seconds < min || seconds > max
        ? `${where} must be an ISO 8601 duration from ${isoDuration(min)} to ${isoDuration(max)}, got ${JSON.stringify(value)}`
        : undefined;
    }
    case FisParameterKind.BOOLEAN:
      return value === 'true' || value === 'false' ? undefined : `${where} must be "true" or "false", got ${JSON.stringify(value)}`;
    case FisParameterKind.PERCENTAGE:
      return /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 100
        ? undefined
        : `${where} must be a whole number from 1 to 100, got ${JSON.stringify(value)}`;
    case FisParameterKind.ENUM:
      return spec.values!.includes(value) ? undefined : `${where} must be one of ${spec.values!.join(', ')}, got ${JSON.stringify(value)}`;
    case FisParameterKind.ZONES:
      return value.split(',').every((z) => z.trim().length > 0) ? undefined : `${where} must list zones separated by commas, got ${JSON.stringify(value)}`;
    case FisParameterKind.JSON:
      try {
        const parsed = JSON.parse(value);
        return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
          ? undefined
          : `${where} must be a JSON object, got ${JSON.stringify(value)}`;
      } catch {
        return `${where} must be a JSON object, got ${JSON.stringify(value)}`;
      }
    case FisParameterKind.ARN:
      return /^arn:aws[a-z-]*:/.test(value) ? undefined : `${where} must be an ARN, got ${JSON.stringify(value)}`;
    case FisParameterKind.TEXT:
      return value.length > 0 ? undefined : `${where} must not be empty`;
  }
}

/** Every problem of one action against the catalogue: unknown action, parameters, target key or resource type. */
export function fisActionProblems(action: FisActionUse): string[] {
  const spec = FIS_ACTIONS[action.actionId];
  if (!spec) {
    return [
      `action \`${action.name}\` uses ${JSON.stringify(action.actionId)}, which is not in the FIS action catalogue ` +
        `(${Object.keys(FIS_ACTIONS).join(', ')})`,
    ];
  }
  const problems: string[] = [];
  if (!spec.terraform) {
    problems.push(
      `action \`${action.name}\` (${spec.id}) needs the target key ${spec.targetKey}, which the Terraform AWS provider refuses: ` +
        'start it from the console or the AWS CLI instead',
    );
  }
  for (const [name, value] of Object.entries(action.parameters)) {
    const p = spec.parameters[name];
    if (!p) {
      const known = Object.keys(spec.parameters);
      problems.push(
        `action \`${action.name}\` (${spec.id}) has no parameter \`${name}\`` + (known.length > 0 ? `; it takes ${known.join(', ')}` : '; it takes none'),
      );
      continue;
    }
    const problem = parameterProblem(action.name, name, value, p);
    if (problem) {
      problems.push(problem);
    }
  }
  for (const [name, p] of Object.entries(spec.parameters)) {
    if (p.required && !(name in action.parameters)) {
      problems.push(`action \`${action.name}\` (${spec.id}) needs the parameter \`${name}\``);
    }
  }
  if (spec.targetKey !== action.targetKey) {
    problems.push(
      spec.targetKey
        ? `action \`${action.name}\` (${spec.id}) needs a target under the key ${spec.targetKey}, got ${action.targetKey ?? 'none'}`
        : `action \`${action.name}\` (${spec.id}) takes no target, got ${action.targetKey}`,
    );
  } else if (action.targetKey !== undefined && !TERRAFORM_TARGET_KEYS.includes(action.targetKey)) {
    problems.push(`action \`${action.name}\` uses the target key ${action.targetKey}, which the Terraform AWS provider refuses`);
  }
  if (spec.resourceType && action.targetResourceType && spec.resourceType !== action.targetResourceType) {
    problems.push(`action \`${action.name}\` (${spec.id}) acts on ${spec.resourceType}, but its target is of type ${action.targetResourceType}`);
  }
  return problems;
}

/** Every problem of one target: unknown resource type, unknown or missing target parameters. */
export function fisTargetProblems(target: FisTargetUse): string[] {
  if (!FIS_RESOURCE_TYPES.includes(target.resourceType)) {
    return [`target \`${target.name}\` has the resource type ${JSON.stringify(target.resourceType)}, which FIS does not support`];
  }
  const problems: string[] = [];
  const accepted = FIS_TARGET_PARAMETERS[target.resourceType] ?? {};
  for (const name of Object.keys(target.parameters ?? {})) {
    if (!(name in accepted)) {
      const known = Object.keys(accepted);
      problems.push(
        `target \`${target.name}\` (${target.resourceType}) has no parameter \`${name}\`` + (known.length > 0 ? `; it takes ${known.join(', ')}` : '; it takes none'),
      );
    }
  }
  for (const [name, p] of Object.entries(accepted)) {
    if (p.required && !(name in (target.parameters ?? {}))) {
      problems.push(`target \`${target.name}\` (${target.resourceType}) needs the parameter \`${name}\``);
    }
  }
  return problems;
}
