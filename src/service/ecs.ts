import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Annotations, Fn, ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { SharedRendering, createLogGroup, createSecurityGroup, ecrRepository, logGroupName } from './aws-shared';
import { GroupGraphs, registerServiceGraphs } from './private/graphs';
import { AwsServicePlan, ReplicaGroup, fargateTaskSize } from './private/plan';
import { ServiceEcsResources } from './resources';
import { AlarmSeverity, MonitoredAlarm } from '../core/alarms';
import { Duration } from '../core/duration';
import { LoadBalancerTarget, TargetType } from '../core/load-balancer';
import { AlarmFactory } from '../core/private/alarm-factory';
import { accountContext } from '../core/private/kms';
import { renderedPath } from '../core/private/moves';
import { awsTags, claimPhysicalName, fitDescription, physicalName } from '../core/private/naming';
import { SecretRefDescription } from '../core/private/secrets';
import { SecretRefKind } from '../core/secret-ref';

/** The name of the one container of every task. */
export const CONTAINER_NAME = 'app';
/** The task volume mounted on `/tmp`: the only writable path of the read-only container (Fargate ephemeral storage). */
const TMP_VOLUME = 'tmp';

/** What {@link renderEcsService} created, and the load balancer targets it registered (one per group). */
export interface EcsServiceRendering {
  readonly resources: ServiceEcsResources;
  readonly targets: LoadBalancerTarget[];
}

/** What the groups of a service share while they are rendered. */
interface Rendering extends SharedRendering {
  readonly factory: AlarmFactory;
  readonly cluster: EcsCluster;
  readonly securityGroup: ReturnType<typeof createSecurityGroup>;
  readonly executionRole: IamRole;
  readonly taskRole: IamRole;
  /** What the tasks need before the first one starts: the execution role's policy. */
  readonly permissions: ITerraformDependable[];
  readonly taskDefinitions: EcsTaskDefinition[];
  readonly services: EcsService[];
  readonly scalingTargets: AppautoscalingTarget[];
  readonly scalingPolicies: AppautoscalingPolicy[];
  readonly targets: LoadBalancerTarget[];
  readonly graphs: GroupGraphs[];
}

/**
 * Renders a service on ECS Fargate: a cluster with Container Insights; one security group (created first, so the
 * load balancer can link to it), task and execution roles and a log group; per replica group a task definition and
 * an ECS service over the private subnets of every zone, registered with the load balancer, deployed 100/200 with
 * the circuit breaker and the alarms rolling back; Application Auto Scaling; alarms.
 */
export function renderEcsService(scope: Construct, plan: AwsServicePlan): EcsServiceRendering {
  const tags = awsTags(scope, plan.name, plan.tags);
  const ctx = accountContext(scope, { region: true });
  const factory = new AlarmFactory(scope, plan.alarmDestination, plan.alarms);
  const shared: SharedRendering = { scope, plan, tags, ctx };

  const securityGroup = createSecurityGroup(scope, plan, tags);
  const logs = createLogGroup(shared);
  // Container Insights publishes the running task count per service (the running-task alarm and the dashboard).
  const clusterName = physicalName(scope, undefined, { maxLength: 255 });
  claimPhysicalName(scope, 'aws_ecs_cluster', 'name', clusterName);
  const cluster = new EcsCluster(scope, 'Cluster', {
    name: clusterName,
    setting: [{ name: 'containerInsights', value: 'enabled' }],
    tags,
  });
  const { executionRole, taskRole, permissions } = createRoles(shared, logs.group.arn);

  const r: Rendering = {
    ...shared,
    factory,
    cluster,
    securityGroup,
    executionRole,
    taskRole,
    permissions,
    taskDefinitions: [],
    services: [],
    scalingTargets: [],
    scalingPolicies: [],
    targets: [],
    graphs: [],
  };
  for (const group of plan.groups) {
    renderGroup(r, group);
  }
  registerServiceGraphs(scope, plan, r.graphs, 'Running tasks');

  if (!plan.loadBalancer) {
    Annotations.of(scope).addWarning(
      `MultiAzService "${scope.node.path}" has no load balancer: on Fargate its health check is not evaluated, and a task is replaced only when ` +
        'its container exits. Pass `loadBalancer` so unhealthy tasks leave rotation and are replaced.',
    );
  }
  return {
    resources: {
      cluster,
      securityGroup,
      taskRole,
      executionRole,
      logGroup: logs.group,
      logEncryptionKey: logs.key,
      taskDefinitions: r.taskDefinitions,
      services: r.services,
      scalingTargets: r.scalingTargets,
      scalingPolicies: r.scalingPolicies,
      alarms: factory.alarms,
    },
    targets: r.targets,
  };
}

/** The trust policy of a role ECS tasks of this account assume (confused-deputy conditions on the source). */
function tasksTrustPolicy(r: SharedRendering): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnLike: { 'aws:SourceArn': `arn:${r.ctx.partition}:ecs:${r.ctx.region}:${r.ctx.accountId}:*` },
          StringEquals: { 'aws:SourceAccount': r.ctx.accountId },
        },
      },
    ],
  });
}

/**
 * The two roles of the tasks, each with least privilege. The execution role is what ECS uses to start a task: write
 * the container logs to the service's log group, read exactly the declared secrets, pull the declared ECR
 * repository (no AWS managed policy: `AmazonECSTaskExecutionRolePolicy` allows every repository and log group). The
 * task role is the application's own: no permission until you attach one.
 */
function createRoles(r: SharedRendering, logGroupArn: string): { executionRole: IamRole; taskRole: IamRole; permissions: ITerraformDependable[] } {
  const executionRole = new IamRole(r.scope, 'ExecutionRole', {
    description: fitDescription(`ECS starts the tasks of ${renderedPath(r.scope)} with it: logs, declared secrets, image pull`, 1000),
    assumeRolePolicy: tasksTrustPolicy(r),
    tags: r.tags,
  });
  const taskRole = new IamRole(r.scope, 'TaskRole', {
    description: fitDescription(`The application of ${renderedPath(r.scope)}: no permission until one is attached`, 1000),
    assumeRolePolicy: tasksTrustPolicy(r),
    tags: r.tags,
  });

  const secrets = r.plan.groups.flatMap((g) => Object.values(g.workload.container?.secrets ?? {}));
  const unique = (values: string[]) => [...new Set(values)];
  const secretArns = unique(secrets.flatMap((s) => (s.kind === SecretRefKind.AWS_SECRETS_MANAGER ? [s.secretArn] : [])));
  const parameterArns = unique(secrets.flatMap((s) => (s.kind === SecretRefKind.AWS_SSM_PARAMETER ? [s.parameterArn] : [])));
  const repositories = unique(
    r.plan.groups.flatMap((g) => {
      const ecr = ecrRepository(g.workload.container?.image);
      return ecr ? [`arn:${r.ctx.partition}:ecr:${ecr.region}:${ecr.account}:repository/${ecr.repository}`] : [];
    }),
  );
  const statements: Array<Record<string, unknown>> = [
    { Sid: 'WriteContainerLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroupArn}:log-stream:*` },
  ];
  if (secretArns.length > 0) {
    statements.push({ Sid: 'ReadDeclaredSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArns });
  }
  if (parameterArns.length > 0) {
    statements.push({ Sid: 'ReadDeclaredParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: parameterArns });
  }
  if (repositories.length > 0) {
    statements.push(
      // GetAuthorizationToken has no resource-level permissions.
      { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Sid: 'PullDeclaredImages', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: repositories },
    );
  }
  const policy = new IamRolePolicy(r.scope, 'ExecutionPolicy', {
    role: executionRole.id,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  });
  return { executionRole, taskRole, permissions: [policy] };
}

/** How ECS reads a secret: a Secrets Manager ARN (with `:<json key>::` for one key) or a parameter ARN. */
function valueFrom(secret: SecretRefDescription): string {
  switch (secret.kind) {
    case SecretRefKind.AWS_SECRETS_MANAGER:
      return secret.jsonKey !== undefined ? `${secret.secretArn}:${secret.jsonKey}::` : secret.secretArn;
    case SecretRefKind.AWS_SSM_PARAMETER:
      return secret.parameterArn;
    default:
      // Validation admits only the two kinds above on Fargate.
      throw new Error(`a ${secret.kind} secret cannot be read by ECS`);
  }
}

/**
 * The container definition of a group: the image, its ports, the environment and the secrets by reference, non-root,
 * a read-only root filesystem with a writable `/tmp`, every capability dropped, an init process, logs to the
 * service's log group, and the shutdown grace period.
 */
function containerDefinitions(r: Rendering, group: ReplicaGroup): string {
  const c = group.workload.container!;
  const plan = r.plan;
  const ports = [...new Set([plan.port, ...(plan.healthCheck.port !== undefined ? [plan.healthCheck.port] : [])])];
  const definition = {
    name: CONTAINER_NAME,
    image: c.image,
    essential: true,
    ...(c.command !== undefined ? { entryPoint: c.command } : {}),
    ...(c.args !== undefined ? { command: c.args } : {}),
    portMappings: ports.map((port) => ({ containerPort: port, protocol: 'tcp' })),
    environment: Object.entries(c.environment)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, value]) => ({ name, value })),
    secrets: Object.entries(c.secrets)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, secret]) => ({ name, valueFrom: valueFrom(secret) })),
    user: `${c.user}:${c.user}`,
    readonlyRootFilesystem: true,
    mountPoints: [{ sourceVolume: TMP_VOLUME, containerPath: '/tmp', readOnly: false }],
    linuxParameters: { capabilities: { drop: ['ALL'] }, initProcessEnabled: true },
    stopTimeout: plan.shutdownGracePeriod.toSeconds(),
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': logGroupName(plan),
        'awslogs-region': r.ctx.region!,
        'awslogs-stream-prefix': group.track,
        // A full log buffer drops lines instead of blocking the application.
        'mode': 'non-blocking',
        'max-buffer-size': '25m',
      },
    },
  };
  // Values of the declaration known only at deploy time are encoded by Terraform, so a quote in them cannot break the
  // JSON; the region and the references of the library's own resources never hold one.
  const declared = [c.image, ...Object.values(c.environment), ...(c.command ?? []), ...(c.args ?? [])];
  return declared.some((value) => Token.isUnresolved(value)) ? Fn.jsonencode([definition]) : JSON.stringify([definition]);
}

function renderGroup(r: Rendering, group: ReplicaGroup): void {
  const plan = r.plan;
  const suffix = group.idSuffix;
  const groupName = suffix ? `${plan.name}-${suffix.toLowerCase()}` : plan.name;
  const groupTags = awsTags(r.scope, groupName, { ...plan.tags, 'ft:track': group.track });
  const c = group.workload.container!;
  const size = fargateTaskSize(c.cpu, c.memory)!;

  const family = physicalName(r.scope, suffix.toLowerCase() || undefined, { maxLength: 255 });
  claimPhysicalName(r.scope, 'aws_ecs_task_definition', 'family', family);
  claimPhysicalName(r.scope, 'aws_ecs_service', 'name', groupName);
  const taskDefinition = new EcsTaskDefinition(r.scope, `TaskDefinition${suffix}`, {
    family,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: String(size.cpu),
    memory: String(size.memory),
    runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
    executionRoleArn: r.executionRole.arn,
    taskRoleArn: r.taskRole.arn,
    volume: [{ name: TMP_VOLUME }],
    containerDefinitions: containerDefinitions(r, group),
    tags: groupTags,
    // The new revision is registered before the old one is deregistered.
    lifecycle: { createBeforeDestroy: true },
  });
  r.taskDefinitions.push(taskDefinition);

  let target: LoadBalancerTarget | undefined;
  if (plan.loadBalancer) {
    const id = suffix ? `${plan.targetId}-${suffix.toLowerCase()}` : plan.targetId;
    target = plan.loadBalancer.addTarget(id, {
      port: plan.port,
      healthCheck: plan.healthCheck,
      weight: group.weight,
      // Tasks register by IP address (awsvpc networking).
      targetType: TargetType.IP,
      targetSecurityGroup: { securityGroupId: r.securityGroup.id, owner: r.scope },
    });
    r.targets.push(target);
  }

  // The service by name: its deployment alarms (below) must not refer to the service itself.
  const dimensions = { ClusterName: r.cluster.name, ServiceName: groupName };
  const runningTasks = r.factory.create('runningTasks', {
    key: `${suffix}RunningTasks`,
    summary: `The ${group.track} service runs fewer tasks than its minimum of ${group.minReplicas}.`,
    action: 'Read the service\'s events and the stopped tasks\' reasons (image pull, secrets, capacity, a crashing container).',
    namespace: 'ECS/ContainerInsights',
    metricName: 'RunningTaskCount',
    dimensions,
    statistic: 'Minimum',
    comparison: 'LessThanThreshold',
    threshold: group.minReplicas,
    evaluationPeriods: 5,
    period: Duration.minutes(1),
    severity: AlarmSeverity.CRITICAL,
  });
  r.factory.create('cpuUtilization', {
    key: `${suffix}CpuUtilization`,
    summary: `The tasks of the ${group.track} service use 80% or more of their CPU.`,
    action: group.scaled
      ? 'The service is at its maximum size or scaling does not keep up: raise `scaling.maxReplicas` or `workload.cpu`.'
      : 'Raise `replicas` or `workload.cpu`, or declare `scaling`.',
    namespace: 'AWS/ECS',
    metricName: 'CPUUtilization',
    dimensions,
    statistic: 'Average',
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 80,
    evaluationPeriods: 5,
    period: Duration.minutes(1),
    severity: AlarmSeverity.WARNING,
  });
  r.factory.create('memoryUtilization', {
    key: `${suffix}MemoryUtilization`,
    summary: `The tasks of the ${group.track} service use 80% or more of their memory; a container beyond its task size is stopped.`,
    action: 'Raise `workload.memory`, or look for a memory leak in the application (the task\'s memory over time).',
    namespace: 'AWS/ECS',
    metricName: 'MemoryUtilization',
    dimensions,
    statistic: 'Average',
    comparison: 'GreaterThanOrEqualToThreshold',
    threshold: 80,
    evaluationPeriods: 5,
    period: Duration.minutes(1),
    severity: AlarmSeverity.WARNING,
  });

  // A deployment fails and rolls back when the target group's alarms or the running-task alarm fire, or when its
  // tasks never become healthy (the circuit breaker).
  const guards: MonitoredAlarm[] = [...(target?.alarms ?? []), ...(runningTasks ? [runningTasks] : [])];
  const service = new EcsService(r.scope, `Service${suffix}`, {
    name: groupName,
    cluster: r.cluster.arn,
    taskDefinition: taskDefinition.arn,
    desiredCount: group.minReplicas,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    networkConfiguration: { subnets: plan.subnets.map((s) => s.subnetId), securityGroups: [r.securityGroup.id], assignPublicIp: false },
    loadBalancer: target ? [{ targetGroupArn: target.targetGroupArn!, containerName: CONTAINER_NAME, containerPort: plan.port }] : undefined,
    healthCheckGracePeriodSeconds: target ? plan.healthCheck.gracePeriod.toSeconds() : undefined,
    deploymentMinimumHealthyPercent: 100,
    deploymentMaximumPercent: 200,
    deploymentCircuitBreaker: { enable: true, rollback: true },
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: { strategy: 'ROLLING' },
    alarms: guards.length > 0 ? { alarmNames: guards.map((a) => a.alarmName), enable: true, rollback: true } : undefined,
    // Tasks are spread over the zones again once a failed zone is back.
    availabilityZoneRebalancing: 'ENABLED',
    enableEcsManagedTags: true,
    propagateTags: 'SERVICE',
    enableExecuteCommand: false,
    waitForSteadyState: true,
    tags: groupTags,
    // The listener (or rule) forwards to the target group before ECS registers with it; the execution role may start
    // tasks; the deployment alarms exist.
    dependsOn: [...(target?.forwardedBy ? [target.forwardedBy] : []), ...r.permissions, ...guards.map((a) => a.alarm)],
    lifecycle: group.scaled ? { ignoreChanges: ['desired_count'] } : undefined,
  });
  r.services.push(service);

  if (group.scaled && plan.scaling) {
    const scalingTarget = new AppautoscalingTarget(r.scope, `ScalingTarget${suffix}`, {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${r.cluster.name}/${service.name}`,
      minCapacity: group.minReplicas,
      maxCapacity: group.maxReplicas,
      tags: groupTags,
    });
    r.scalingTargets.push(scalingTarget);
    const policy = (id: string, name: string, configuration: Record<string, unknown>) =>
      r.scalingPolicies.push(
        new AppautoscalingPolicy(r.scope, `${id}${suffix}`, {
          name,
          policyType: 'TargetTrackingScaling',
          serviceNamespace: scalingTarget.serviceNamespace,
          scalableDimension: scalingTarget.scalableDimension,
          resourceId: scalingTarget.resourceId,
          targetTrackingScalingPolicyConfiguration: configuration as any,
        }),
      );
    if (plan.scaling.targetCpuUtilization !== undefined) {
      policy('CpuScaling', 'cpu-target-tracking', {
        predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        targetValue: plan.scaling.targetCpuUtilization,
      });
    }
    if (plan.scaling.targetRequestsPerTarget !== undefined && target) {
      policy('RequestScaling', 'requests-target-tracking', {
        predefinedMetricSpecification: {
          predefinedMetricType: 'ALBRequestCountPerTarget',
          resourceLabel: `${target.loadBalancerArnSuffix}/${target.targetGroupArnSuffix}`,
        },
        targetValue: plan.scaling.targetRequestsPerTarget,
      });
    }
  }

  r.graphs.push({
    track: group.track,
    target,
    replicas: { metricNamespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', dimensions, statistic: 'Minimum' },
    utilization: [
      { metricNamespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions, statistic: 'Average', what: 'CPU' },
      { metricNamespace: 'AWS/ECS', metricName: 'MemoryUtilization', dimensions, statistic: 'Average', what: 'memory' },
    ],
  });
}
