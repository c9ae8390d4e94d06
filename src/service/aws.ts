import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingLifecycleHook } from '@cdktf/provider-aws/lib/autoscaling-lifecycle-hook';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAmi } from '@cdktf/provider-aws/lib/data-aws-ami';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import type { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Annotations, Fn, ITerraformDependable, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { createLogGroup, createSecurityGroup, ecrRepository, logGroupName } from './aws-shared';
import { GroupGraphs, registerServiceGraphs } from './private/graphs';
import { AwsServicePlan, ReplicaGroup } from './private/plan';
import { LaunchHookOptions, containerUserData, machineImageUserData } from './private/user-data';
import { ServiceAwsResources } from './resources';
import { AlarmSeverity } from '../core/alarms';
import { Duration } from '../core/duration';
import { LoadBalancerTarget } from '../core/load-balancer';
import { AlarmFactory } from '../core/private/alarm-factory';
import { AccountContext, accountContext } from '../core/private/kms';
import { renderedPath } from '../core/private/moves';
import { awsTags, claimPhysicalName, fitDescription, physicalName } from '../core/private/naming';
import { maxOf, minOf, numberText } from '../core/private/runtime';
import { SecretRefKind } from '../core/secret-ref';

/** The Amazon Linux 2023 image, by architecture, from the public Systems Manager parameters. */
const AL2023_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-';
/** The metrics the groups publish every minute (the in-service alarm reads GroupInServiceInstances). */
const GROUP_METRICS = [
  'GroupMinSize',
  'GroupMaxSize',
  'GroupDesiredCapacity',
  'GroupInServiceInstances',
  'GroupPendingInstances',
  'GroupTerminatingInstances',
  'GroupTotalInstances',
];
/** The launch lifecycle hook the start-up script completes once the workload answers its health check. */
const LAUNCH_HOOK = 'workload-healthy';

/** What the groups of a service share while they are rendered. */
interface Rendering {
  readonly scope: Construct;
  readonly plan: AwsServicePlan;
  readonly tags: Record<string, string>;
  readonly ctx: AccountContext;
  readonly factory: AlarmFactory;
  readonly securityGroup: SecurityGroup;
  readonly instanceProfile: IamInstanceProfile;
  /** What the instances' permissions consist of: a group depends on them so its first instances boot with them. */
  readonly permissions: ITerraformDependable[];
  readonly launchTemplates: LaunchTemplate[];
  readonly autoScalingGroups: AutoscalingGroup[];
  readonly scalingPolicies: AutoscalingPolicy[];
  readonly targets: LoadBalancerTarget[];
  readonly graphs: GroupGraphs[];
}

/** What {@link renderAwsService} created, and the load balancer targets it registered (one per group). */
export interface AwsServiceRendering {
  readonly resources: ServiceAwsResources;
  readonly targets: LoadBalancerTarget[];
}

/**
 * Renders a service on AWS: one security group (created first, so the load balancer can link to it), instance role
 * and log group; per replica group a launch template and an Auto Scaling group over the private subnets of every
 * zone, registered with the load balancer; alarms.
 */
export function renderAwsService(scope: Construct, plan: AwsServicePlan): AwsServiceRendering {
  const tags = awsTags(scope, plan.name, plan.tags);
  const factory = new AlarmFactory(scope, plan.alarmDestination, plan.alarms);
  const containers = plan.groups.some((g) => g.workload.container !== undefined);
  const ctx = accountContext(scope, { region: true });

  const securityGroup = createSecurityGroup(scope, plan, tags);
  const shared = { scope, plan, tags, ctx, factory, securityGroup };

  const logs = containers ? createLogGroup(shared) : undefined;
  const { role, profile, permissions } = createInstanceRole(shared, logs?.group);
  const r: Rendering = {
    ...shared,
    instanceProfile: profile,
    permissions,
    launchTemplates: [],
    autoScalingGroups: [],
    scalingPolicies: [],
    targets: [],
    graphs: [],
  };
  for (const group of plan.groups) {
    renderGroup(r, group);
  }
  registerServiceGraphs(scope, plan, r.graphs, 'In-service instances');

  if (!plan.loadBalancer) {
    Annotations.of(scope).addWarning(
      `MultiAzService "${scope.node.path}" has no load balancer: on AWS its health check is not evaluated, and instances are replaced only when ` +
        'they fail their EC2 status checks. Pass `loadBalancer` so unhealthy instances leave rotation and are replaced.',
    );
  }
  return {
    resources: {
      securityGroup,
      role,
      instanceProfile: profile,
      logGroup: logs?.group,
      logEncryptionKey: logs?.key,
      launchTemplates: r.launchTemplates,
      autoScalingGroups: r.autoScalingGroups,
      scalingPolicies: r.scalingPolicies,
      alarms: factory.alarms,
    },
    targets: r.targets,
  };
}

/**
 * The instance role: Systems Manager for operations (Session Manager instead of SSH, patching), and an inline
 * policy allowing exactly what the start-up script does: write the container logs, read the declared secrets,
 * pull from the declared ECR repository.
 */
function createInstanceRole(r: Pick<Rendering, 'scope' | 'plan' | 'tags' | 'ctx'>, logGroup: CloudwatchLogGroup | undefined): { role: IamRole; profile: IamInstanceProfile; permissions: ITerraformDependable[] } {
  const role = new IamRole(r.scope, 'Role', {
    description: fitDescription(`Instances of ${renderedPath(r.scope)}`, 1000),
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
    tags: r.tags,
  });
  const ssm = new IamRolePolicyAttachment(r.scope, 'SsmManagedInstanceCore', {
    role: role.name,
    policyArn: `arn:${r.ctx.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
  });

  const statements: Array<Record<string, unknown>> = [];
  if (logGroup) {
    statements.push({
      Sid: 'WriteContainerLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `${logGroup.arn}:log-stream:*`,
    });
  }
  const secretArns = [
    ...new Set(
      r.plan.groups.flatMap((g) =>
        Object.values(g.workload.container?.secrets ?? {})
          .flatMap((s) => (s.kind === SecretRefKind.AWS_SECRETS_MANAGER ? [s.secretArn] : [])),
      ),
    ),
  ];
  if (secretArns.length > 0) {
    statements.push({ Sid: 'ReadDeclaredSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArns });
  }
  const repositories = [
    ...new Set(
      r.plan.groups.flatMap((g) => {
        const ecr = ecrRepository(g.workload.container?.image);
        return ecr ? [`arn:${r.ctx.partition}:ecr:${ecr.region}:${ecr.account}:repository/${ecr.repository}`] : [];
      }),
    ),
  ];
  if (repositories.length > 0) {
    statements.push(
      // GetAuthorizationToken has no resource-level permissions.
      { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Sid: 'PullDeclaredImages', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: repositories },
    );
  }
  // The start-up script completes the launch lifecycle hook of its own group(s) only.
  statements.push({
    Sid: 'CompleteLaunchHook',
    Effect: 'Allow',
    Action: 'autoscaling:CompleteLifecycleAction',
    Resource: r.plan.groups.map(
      (g) => `arn:${r.ctx.partition}:autoscaling:${r.ctx.region}:${r.ctx.accountId}:autoScalingGroup:*:autoScalingGroupName/${groupNameOf(r.scope, g)}`,
    ),
  });
  const policy = new IamRolePolicy(r.scope, 'Policy', {
    role: role.id,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  });
  const profile = new IamInstanceProfile(r.scope, 'InstanceProfile', { role: role.name, tags: r.tags });
  return { role, profile, permissions: [policy, ssm] };
}

/**
 * The Auto Scaling group's fixed name: the start-up script names it to complete the launch hook, and the instance
 * role is scoped to it (a name prefix would make the group's name known only after it exists, a cycle).
 */
function groupNameOf(scope: Construct, group: ReplicaGroup): string {
  return physicalName(scope, group.idSuffix.toLowerCase() || undefined, { maxLength: 255 });
}

/** The image id and root device of a group's instances. */
function machineImageOf(r: Rendering, group: ReplicaGroup): { imageId: string; rootDevice: string } {
  const m = group.workload.machineImage;
  if (m) {
    const id = `MachineImage${group.idSuffix}`;
    const ami =
      (r.scope.node.tryFindChild(id) as DataAwsAmi | undefined) ??
      new DataAwsAmi(r.scope, id, { filter: [{ name: 'image-id', values: [m.imageId] }] });
    return { imageId: m.imageId, rootDevice: ami.rootDeviceName };
  }
  const id = 'AmazonLinux2023';
  const parameter =
    (r.scope.node.tryFindChild(id) as DataAwsSsmParameter | undefined) ??
    new DataAwsSsmParameter(r.scope, id, { name: `${AL2023_PARAMETER}${r.plan.architecture}` });
  // The parameter is a plain String: its value is an AMI id, so the launch template gets a real image id (an
  // instance refresh can roll back only to an image id, not to a parameter).
  return { imageId: parameter.insecureValue, rootDevice: '/dev/xvda' };
}

function renderGroup(r: Rendering, group: ReplicaGroup): void {
  const d = r.plan;
  const suffix = group.idSuffix;
  const groupName = suffix ? `${d.name}-${suffix.toLowerCase()}` : d.name;
  const groupTags = awsTags(r.scope, groupName, { ...d.tags, 'ft:track': group.track });
  const image = machineImageOf(r, group);

  // The instance stays Pending:Wait, unregistered from the target group, until its script sees the workload answer
  // the health check locally (boot budget plus the check's grace period) and completes the hook; it then joins
  // healthy, so the target group's alarms guard refreshes and scale-outs without firing on booting instances.
  const autoScalingGroupName = groupNameOf(r.scope, group);
  claimPhysicalName(r.scope, 'aws_autoscaling_group', 'name', autoScalingGroupName);
  const deadline = d.instanceBootTime.plus(d.healthCheck.gracePeriod).toSeconds();
  const launchHook: LaunchHookOptions = {
    groupName: autoScalingGroupName,
    hookName: LAUNCH_HOOK,
    deadlineSeconds: deadline,
    healthCheck: d.healthCheck,
    port: d.healthCheck.port ?? d.port,
  };
  const script = group.workload.container
    ? containerUserData(group.workload, {
      constructPath: renderedPath(r.scope),
      logGroupName: logGroupName(r.plan),
      ecrRegistry: ecrRepository(group.workload.container.image)?.registry,
      stopTimeoutSeconds: d.shutdownGracePeriod.toSeconds(),
      launchHook,
    })
    : machineImageUserData(group.workload, { constructPath: renderedPath(r.scope), launchHook });
  const userData = base64(script);

  const launchTemplate = new LaunchTemplate(r.scope, `LaunchTemplate${suffix}`, {
    // name_prefix takes 99 characters, the "-" included.
    namePrefix: `${physicalName(r.scope, suffix.toLowerCase() || undefined, { maxLength: 98 })}-`,
    description: fitDescription(`${renderedPath(r.scope)} (${group.track}): ${group.workload.container?.image ?? group.workload.machineImage!.imageId}`, 255),
    imageId: image.imageId,
    instanceType: d.instanceType,
    updateDefaultVersion: true,
    iamInstanceProfile: { arn: r.instanceProfile.arn },
    // IMDSv2 only, hop limit 1: the host reads its metadata; a container (one network hop further) cannot reach the
    // instance credentials, it gets only the secrets declared for it.
    metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
    monitoring: { enabled: true },
    networkInterfaces: [
      { deviceIndex: 0, associatePublicIpAddress: 'false', deleteOnTermination: 'true', securityGroups: [r.securityGroup.id] },
    ],
    blockDeviceMappings: [
      {
        deviceName: image.rootDevice,
        ebs: { volumeSize: d.rootVolumeSize, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' },
      },
    ],
    userData,
    tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({ resourceType, tags: groupTags })),
    tags: groupTags,
  });
  r.launchTemplates.push(launchTemplate);

  let target: LoadBalancerTarget | undefined;
  if (d.loadBalancer) {
    const id = suffix ? `${d.targetId}-${suffix.toLowerCase()}` : d.targetId;
    target = d.loadBalancer.addTarget(id, {
      port: d.port,
      healthCheck: d.healthCheck,
      weight: group.weight,
      // The service itself: the load balancer links to its security group on the traffic and health-check ports.
      targetSecurityGroup: { securityGroupId: r.securityGroup.id, owner: r.scope },
    });
    r.targets.push(target);
  }

  // Instances go InService already healthy: the grace period and warm-up only cover the load balancer's own checks
  // passing (healthyThreshold × interval) and the first metrics.
  const warmup = d.healthCheck.gracePeriod.toSeconds();
  const hook = {
    name: LAUNCH_HOOK,
    lifecycleTransition: 'autoscaling:EC2_INSTANCE_LAUNCHING',
    // The script's deadline plus time for cloud-init to start it and for the completion call; the hook's default
    // result replaces an instance whose script never reports.
    heartbeatTimeout: minOf(7200, maxOf(300, Token.isUnresolved(deadline) ? Token.asNumber(Op.add(deadline, 120)) : deadline + 120)),
    defaultResult: 'ABANDON',
  };
  const asg = new AutoscalingGroup(r.scope, `AutoScalingGroup${suffix}`, {
    name: autoScalingGroupName,
    minSize: group.minReplicas,
    maxSize: group.maxReplicas,
    vpcZoneIdentifier: d.subnets.map((s) => s.subnetId),
    availabilityZoneDistribution: { capacityDistributionStrategy: 'balanced-best-effort' },
    // A numbered version (not $Latest): an instance refresh can roll back only to one.
    launchTemplate: { id: launchTemplate.id, version: Token.asString(launchTemplate.latestVersion) },
    healthCheckType: target ? 'ELB' : 'EC2',
    healthCheckGracePeriod: warmup,
    defaultInstanceWarmup: warmup,
    // The initial hook holds the group's first instances (a standalone hook exists only once the group does); it is
    // ForceNew, and the group's fixed name cannot be replaced create-before-destroy, so later changes are ignored
    // here and carried by the standalone hook below (PutLifecycleHook updates the same hook in place).
    initialLifecycleHook: [hook],
    targetGroupArns: target ? [target.targetGroupArn!] : undefined,
    minElbCapacity: target ? group.minReplicas : undefined,
    waitForCapacityTimeout: '15m',
    capacityRebalance: true,
    enabledMetrics: GROUP_METRICS,
    metricsGranularity: '1Minute',
    terminationPolicies: ['OldestLaunchTemplate', 'OldestInstance'],
    instanceMaintenancePolicy: { minHealthyPercentage: 100, maxHealthyPercentage: 200 },
    tag: Object.entries(groupTags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    // The instances' permissions (completing the hook, writing logs) exist before the first instance boots.
    dependsOn: r.permissions,
    lifecycle: { createBeforeDestroy: true, ignoreChanges: ['initial_lifecycle_hook'] },
  });
  r.autoScalingGroups.push(asg);
  new AutoscalingLifecycleHook(r.scope, `LaunchHook${suffix}`, { autoscalingGroupName: asg.name, ...hook });
  const dimensions = { AutoScalingGroupName: asg.name };

  const inService = r.factory.create('inServiceInstances', {
    key: `${suffix}InServiceInstances`,
    summary: `The ${group.track} group runs fewer in-service instances than its minimum of ${numberText(group.minReplicas)}.`,
    action: 'Check the group\'s activity history for launch failures (capacity, quota, image, start-up script) and the unhealthy instances\' logs.',
    namespace: 'AWS/AutoScaling',
    metricName: 'GroupInServiceInstances',
    dimensions,
    statistic: 'Minimum',
    comparison: 'LessThanThreshold',
    threshold: group.minReplicas,
    evaluationPeriods: 5,
    period: Duration.minutes(1),
    severity: AlarmSeverity.CRITICAL,
  });
  // A refresh stops and rolls back when the target group's alarms or the in-service alarm fire. The in-service alarm
  // is named, not referenced: it refers to the group itself.
  const guards = [...(target?.alarms ?? []).map((a) => a.alarm.alarmName), ...(inService ? [inService.alarmName] : [])].slice(0, 10);
  asg.putInstanceRefresh({
    strategy: 'Rolling',
    preferences: {
      minHealthyPercentage: 100,
      maxHealthyPercentage: 200,
      instanceWarmup: numberText(warmup),
      autoRollback: true,
      alarmSpecification: guards.length > 0 ? { alarms: guards } : undefined,
      checkpointPercentages: group.checkpoint ? [group.checkpoint.percentage, 100] : undefined,
      checkpointDelay: group.checkpoint ? numberText(group.checkpoint.delay.toSeconds()) : undefined,
    },
  });

  r.graphs.push({
    track: group.track,
    target,
    replicas: { metricNamespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensions, statistic: 'Minimum' },
    utilization: [{ metricNamespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions, statistic: 'Average', what: 'CPU' }],
  });
  r.factory.create('cpuUtilization', {
    key: `${suffix}CpuUtilization`,
    summary: `The instances of the ${group.track} group use 80% or more of their CPU.`,
    action: group.scaled
      ? 'The group is at its maximum size or scaling does not keep up: raise `scaling.maxReplicas` or the instance type.'
      : 'Raise `replicas` or the instance type, or declare `scaling`.',
    namespace: 'AWS/EC2',
    metricName: 'CPUUtilization',
    dimensions,
    statistic: 'Average',
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 80,
    evaluationPeriods: 5,
    period: Duration.minutes(1),
    severity: AlarmSeverity.WARNING,
  });

  if (group.scaled && d.scaling) {
    if (d.scaling.targetCpuUtilization !== undefined) {
      r.scalingPolicies.push(
        new AutoscalingPolicy(r.scope, `CpuScaling${suffix}`, {
          name: 'cpu-target-tracking',
          autoscalingGroupName: asg.name,
          policyType: 'TargetTrackingScaling',
          targetTrackingConfiguration: {
            predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' },
            targetValue: d.scaling.targetCpuUtilization,
          },
        }),
      );
    }
    if (d.scaling.targetRequestsPerTarget !== undefined && target) {
      r.scalingPolicies.push(
        new AutoscalingPolicy(r.scope, `RequestScaling${suffix}`, {
          name: 'requests-target-tracking',
          autoscalingGroupName: asg.name,
          policyType: 'TargetTrackingScaling',
          targetTrackingConfiguration: {
            predefinedMetricSpecification: {
              predefinedMetricType: 'ALBRequestCountPerTarget',
              resourceLabel: `${target.loadBalancerArnSuffix}/${target.targetGroupArnSuffix}`,
            },
            targetValue: d.scaling.targetRequestsPerTarget,
          },
        }),
      );
    }
  }
}

/** A string token as it appears inside a larger string (`${TfToken[TOKEN.12]}`). */
const STRING_TOKEN = /\$\{TfToken\[[^\]]+\]\}/g;

/**
 * Base64 of a start-up script: at synth time when it is plain text. With references (e.g. a database endpoint in
 * the environment) Terraform encodes it (`base64encode`); the literal parts travel base64-encoded too
 * (`base64decode`), so no quote, backslash or `${` of the script is ever parsed as Terraform syntax.
 */
function base64(script: string): string {
  const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  if (!Token.isUnresolved(script)) {
    return encode(script);
  }
  const parts: string[] = [];
  let last = 0;
  for (const m of script.matchAll(STRING_TOKEN)) {
    if (m.index! > last) {
      parts.push(Fn.base64decode(encode(script.slice(last, m.index))));
    }
    parts.push(m[0]);
    last = m.index! + m[0].length;
  }
  if (last < script.length) {
    parts.push(Fn.base64decode(encode(script.slice(last))));
  }
  return Fn.base64encode(Fn.join('', parts));
}
