import 'cdktf/lib/testing/adapters/jest';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, DefaultTokenResolver, StringConcat, TerraformStack, TerraformVariable, Testing, Tokenization } from 'cdktf';
import { CERT, IMAGE, SECRET_ARN, awsError, existingNetwork, named, only, resources, synthAws } from './fixtures';
import {
  AlarmTopic,
  AwsCompute,
  CapabilityKind,
  DatabaseEngine,
  DeploymentColor,
  Duration,
  HealthCheck,
  HealthCheckedLoadBalancer,
  MultiAzNetwork,
  MultiAzService,
  Platform,
  PlatformKind,
  ReplicatedDatabase,
  ResilienceChecks,
  ResilienceTarget,
  Rollout,
  SecretRef,
  Workload,
} from '../../src';
import { FARGATE_TASK_SIZES, fargateTaskSize } from '../../src/service/private/plan';

const FARGATE = { compute: AwsCompute.FARGATE };
const PARAMETER_ARN = 'arn:aws:ssm:eu-west-1:123456789012:parameter/api/token';
const AWS = 'MultiAzService "stack/api": ';

/** The one container definition of a task definition. */
function containerOf(taskDefinition: any): any {
  const definitions = JSON.parse(taskDefinition.container_definitions);
  expect(definitions).toHaveLength(1);
  return definitions[0];
}

/** The policy document of an inline role policy. */
function policyOf(policy: any): any {
  return JSON.parse(policy.policy);
}

describe('MultiAzService on Fargate: defaults', () => {
  const { json, text, service } = synthAws({}, FARGATE);
  const td = only(json, 'aws_ecs_task_definition');
  const container = containerOf(td);
  const svc = only(json, 'aws_ecs_service');

  test('a container on AWS runs on Fargate unless the platform says otherwise; EC2 resources are not created', () => {
    let byDefault!: MultiAzService;
    Testing.synthScope((scope) => {
      byDefault = new MultiAzService(scope, 'api', { platform: Platform.aws({ network: existingNetwork(scope) }), workload: Workload.container({ image: IMAGE, port: 3000 }) });
    });
    expect(byDefault.ecs).toBeDefined();
    expect(byDefault.aws).toBeUndefined();
    expect(service.aws).toBeUndefined();
    expect(resources(json, 'aws_autoscaling_group')).toEqual([]);
    expect(resources(json, 'aws_launch_template')).toEqual([]);
  });

  test('a cluster with Container Insights', () => {
    expect(text).toHaveResourceWithProperties(EcsCluster, { name: 'stack-api', setting: [{ name: 'containerInsights', value: 'enabled' }] });
  });

  test('task definition: Fargate, awsvpc, the smallest task size, separate task and execution roles', () => {
    expect(td).toMatchObject({
      family: 'stack-api',
      requires_compatibilities: ['FARGATE'],
      network_mode: 'awsvpc',
      cpu: '256',
      memory: '512',
      runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'X86_64' },
      execution_role_arn: expect.stringMatching(/aws_iam_role\.api_ExecutionRole_\w+\.arn/),
      task_role_arn: expect.stringMatching(/aws_iam_role\.api_TaskRole_\w+\.arn/),
      volume: [{ name: 'tmp' }],
      lifecycle: { create_before_destroy: true },
    });
  });

  test('hardening: non-root, read-only root filesystem with a writable /tmp, no capabilities, an init process, not privileged', () => {
    expect(container).toMatchObject({
      name: 'app',
      image: IMAGE,
      essential: true,
      user: '65534:65534',
      readonlyRootFilesystem: true,
      mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
      linuxParameters: { capabilities: { drop: ['ALL'] }, initProcessEnabled: true },
      portMappings: [{ containerPort: 3000, protocol: 'tcp' }],
      stopTimeout: 30,
    });
    expect(container.privileged).toBeUndefined();
    expect(container.linuxParameters.capabilities.add).toBeUndefined();
    expect(container.environment).toEqual([]);
    expect(container.secrets).toEqual([]);
  });

  test('logging: awslogs to the service\'s log group (KMS-encrypted, kept a year), non-blocking', () => {
    expect(container.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/cdktf-fault-tolerance/services/stack-api',
        'awslogs-region': expect.stringMatching(/^\$\{data\.aws_region\.api_Region_\w+\.region\}$/),
        'awslogs-stream-prefix': 'stable',
        'mode': 'non-blocking',
        'max-buffer-size': '25m',
      },
    });
    expect(only(json, 'aws_cloudwatch_log_group')).toMatchObject({
      name: '/cdktf-fault-tolerance/services/stack-api',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/aws_kms_key\.api_LogEncryptionKey_\w+\.arn/),
    });
    expect(only(json, 'aws_kms_key').enable_key_rotation).toBe(true);
  });

  test('least privilege: the execution role writes its own log streams only; the task role has no permission; no managed policy', () => {
    const execution = named(json, 'aws_iam_role', 'api_ExecutionRole');
    for (const role of [execution, named(json, 'aws_iam_role', 'api_TaskRole')]) {
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            ArnLike: { 'aws:SourceArn': expect.stringMatching(/^arn:\$\{data\.aws_partition\.api_Partition_\w+\.partition\}:ecs:\$\{data\.aws_region\.api_Region_\w+\.region\}:\$\{data\.aws_caller_identity\.api_Account_\w+\.account_id\}:\*$/) },
            StringEquals: { 'aws:SourceAccount': expect.stringMatching(/aws_caller_identity\.api_Account_\w+\.account_id/) },
          },
        },
      ]);
    }
    const policy = only(json, 'aws_iam_role_policy');
    expect(policy.role).toMatch(/aws_iam_role\.api_ExecutionRole_\w+\.id/);
    expect(policyOf(policy).Statement).toEqual([
      {
        Sid: 'WriteContainerLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.api_LogGroup_\w+\.arn\}:log-stream:\*$/),
      },
    ]);
    expect(resources(json, 'aws_iam_role_policy_attachment')).toEqual([]);
  });

  test('zone spread: one task per zone of the 3-zone network, in the private subnets of every zone, without public addresses', () => {
    expect(svc).toMatchObject({
      name: 'stack-api',
      desired_count: 3,
      launch_type: 'FARGATE',
      platform_version: 'LATEST',
      network_configuration: {
        subnets: ['subnet-priv-a', 'subnet-priv-b', 'subnet-priv-c'],
        security_groups: [expect.stringMatching(/aws_security_group\.api_SecurityGroup_\w+\.id/)],
        assign_public_ip: false,
      },
      availability_zone_rebalancing: 'ENABLED',
    });
    expect(service.resilienceFacts()).toEqual({
      capability: CapabilityKind.SERVICE,
      platform: PlatformKind.AWS,
      zones: 3,
      replicas: 3,
      failureDetection: Duration.seconds(25),
      failover: Duration.seconds(5),
      acceptedSinglePointsOfFailure: [],
    });
  });

  test('deployments: 100% healthy up to 200%, the circuit breaker with rollback, rolled back on the target and task alarms', () => {
    expect(svc).toMatchObject({
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_controller: { type: 'ECS' },
      deployment_configuration: { strategy: 'ROLLING' },
      alarms: {
        alarm_names: ['stack-edge-ApiUnhealthyHosts', 'stack-edge-ApiNoHealthyHosts', 'stack-edge-ApiTarget5xx', 'stack-api-RunningTasks'],
        enable: true,
        rollback: true,
      },
      wait_for_steady_state: true,
    });
  });

  test('registered with its target group by IP, after the listener forwards to it, with the health check\'s grace', () => {
    expect(svc.load_balancer).toEqual([
      { target_group_arn: expect.stringMatching(/aws_lb_target_group\.edge_TargetGroupApi_\w+\.arn/), container_name: 'app', container_port: 3000 },
    ]);
    expect(svc.health_check_grace_period_seconds).toBe(60);
    expect(only(json, 'aws_lb_target_group').target_type).toBe('ip');
    expect(svc.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_lb_listener\.edge_HttpsListener_\w+$/),
        expect.stringMatching(/^aws_iam_role_policy\.api_ExecutionPolicy_\w+$/),
        expect.stringMatching(/^aws_cloudwatch_metric_alarm\.api_Alarms_RunningTasks_\w+$/),
      ]),
    );
  });

  test('a security group that admits only the load balancer, on the service port', () => {
    const ingress = resources(json, 'aws_vpc_security_group_ingress_rule').filter((r) => /api_SecurityGroup/.test(r.security_group_id));
    expect(ingress).toEqual([
      expect.objectContaining({ from_port: 3000, to_port: 3000, referenced_security_group_id: expect.stringMatching(/edge_SecurityGroup/) }),
    ]);
    const egress = resources(json, 'aws_vpc_security_group_egress_rule').filter((r) => /api_SecurityGroup/.test(r.security_group_id));
    expect(egress.map((r) => [r.ip_protocol, r.from_port, r.cidr_ipv4]).sort()).toEqual([
      ['tcp', 443, '0.0.0.0/0'],
      ['tcp', 53, '10.0.0.0/16'],
      ['udp', 53, '10.0.0.0/16'],
    ]);
  });

  test('alarms: running tasks below the minimum (critical), CPU and memory (warning), by cluster and service', () => {
    const alarms = service.ecs!.alarms.map((a) => [a.key, a.severity]);
    expect(alarms).toEqual([
      ['RunningTasks', 'CRITICAL'],
      ['CpuUtilization', 'WARNING'],
      ['MemoryUtilization', 'WARNING'],
    ]);
    const running = named(json, 'aws_cloudwatch_metric_alarm', 'api_Alarms_RunningTasks');
    expect(running).toMatchObject({
      namespace: 'ECS/ContainerInsights',
      metric_name: 'RunningTaskCount',
      statistic: 'Minimum',
      comparison_operator: 'LessThanThreshold',
      threshold: 3,
      evaluation_periods: 5,
      period: 60,
      dimensions: { ClusterName: expect.stringMatching(/aws_ecs_cluster\.api_Cluster_\w+\.name/), ServiceName: 'stack-api' },
    });
    expect(named(json, 'aws_cloudwatch_metric_alarm', 'api_Alarms_MemoryUtilization')).toMatchObject({ namespace: 'AWS/ECS', metric_name: 'MemoryUtilization', threshold: 80 });
    expect(service.alarms.map((a) => a.key)).toEqual(['RunningTasks', 'CpuUtilization', 'MemoryUtilization', 'ApiUnhealthyHosts', 'ApiNoHealthyHosts', 'ApiTarget5xx']);
  });

  test('no Application Auto Scaling without `scaling`; the service is tagged and propagates its tags to the tasks', () => {
    expect(resources(json, 'aws_appautoscaling_target')).toEqual([]);
    expect(svc).toMatchObject({ enable_ecs_managed_tags: true, propagate_tags: 'SERVICE', enable_execute_command: false });
    expect(svc.tags).toMatchObject({ 'Name': 'stack-api', 'ft:track': 'stable' });
    expect(svc.lifecycle).toBeUndefined();
  });

  test('securityGroupId is the tasks\' security group, so a database admits the service', () => {
    const resolve = (value: string) => Tokenization.resolve(value, { scope: service, resolver: new DefaultTokenResolver(new StringConcat()) });
    expect(resolve(service.securityGroupId)).toBe(resolve(service.ecs!.securityGroup.id));
    expect(resolve(service.securityGroupId)).toMatch(/^\$\{aws_security_group\.api_SecurityGroup_\w+\.id\}$/);
  });
});

describe('MultiAzService on Fargate: options', () => {
  test('secrets by reference: Secrets Manager (a JSON key) and Parameter Store; the execution role reads exactly those', () => {
    const { json } = synthAws(
      {
        workload: Workload.container({
          image: IMAGE,
          port: 3000,
          environment: { NODE_ENV: 'production' },
          secrets: { DB_PASSWORD: SecretRef.awsSecretsManager(SECRET_ARN, 'password'), API_TOKEN: SecretRef.awsSsmParameter(PARAMETER_ARN) },
        }),
      },
      FARGATE,
    );
    const container = containerOf(only(json, 'aws_ecs_task_definition'));
    expect(container.secrets).toEqual([
      { name: 'API_TOKEN', valueFrom: PARAMETER_ARN },
      { name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:password::` },
    ]);
    expect(container.environment).toEqual([{ name: 'NODE_ENV', value: 'production' }]);
    expect(JSON.stringify(container.environment)).not.toContain('secret');
    expect(policyOf(only(json, 'aws_iam_role_policy')).Statement.slice(1)).toEqual([
      { Sid: 'ReadDeclaredSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [SECRET_ARN] },
      { Sid: 'ReadDeclaredParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [PARAMETER_ARN] },
    ]);
  });

  test('an image in Amazon ECR: the execution role pulls that repository only', () => {
    const { json } = synthAws({ workload: Workload.container({ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/api:1.4.2', port: 3000 }) }, FARGATE);
    expect(policyOf(only(json, 'aws_iam_role_policy')).Statement.slice(1)).toEqual([
      { Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      {
        Sid: 'PullDeclaredImages',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: [expect.stringMatching(/^arn:\$\{data\.aws_partition\.api_Partition_\w+\.partition\}:ecr:eu-west-1:123456789012:repository\/acme\/api$/)],
      },
    ]);
  });

  test('command, arguments, user and the shutdown grace period', () => {
    const { json } = synthAws(
      {
        workload: Workload.container({ image: IMAGE, port: 3000, command: ['node'], args: ['server.js', '--port=3000'], user: 10001 }),
        shutdownGracePeriod: Duration.seconds(90),
      },
      FARGATE,
    );
    expect(containerOf(only(json, 'aws_ecs_task_definition'))).toMatchObject({ entryPoint: ['node'], command: ['server.js', '--port=3000'], user: '10001:10001', stopTimeout: 90 });
  });

  test('cpu and memory: the smallest Fargate task size with at least as much', () => {
    const { json } = synthAws({ workload: Workload.container({ image: IMAGE, port: 3000, cpu: '1500m', memory: '3Gi' }) }, FARGATE);
    expect(only(json, 'aws_ecs_task_definition')).toMatchObject({ cpu: '2048', memory: '4096' });
  });

  test.each([
    [undefined, undefined, 256, 512],
    ['250m', '256Mi', 256, 512],
    ['250m', '2Gi', 256, 2048],
    ['250m', '3Gi', 512, 3072],
    ['1', '1Gi', 1024, 2048],
    ['2', '20Gi', 4096, 20480],
    ['8', '17Gi', 8192, 20480],
    ['16', '120Gi', 16384, 122880],
  ])('fargateTaskSize(%s, %s) is %s CPU units and %s MiB', (cpu, memory, units, mib) => {
    expect(fargateTaskSize(cpu, memory)).toEqual({ cpu: units, memory: mib });
  });

  test('every Fargate task size is reachable and is the size it asks for', () => {
    for (const size of FARGATE_TASK_SIZES) {
      for (const memory of size.memory) {
        const asked = fargateTaskSize(`${size.cpu / 1024}`, `${memory}Mi`)!;
        expect(asked.cpu).toBeLessThanOrEqual(size.cpu);
        expect(asked.memory).toBe(memory);
      }
    }
    expect(fargateTaskSize('17', undefined)).toBeUndefined();
    expect(fargateTaskSize(undefined, '121Gi')).toBeUndefined();
  });

  test('scaling: an Application Auto Scaling target and target tracking on CPU and on requests per task', () => {
    const scaling = { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 50, targetRequestsPerTarget: 1000 };
    const { json, text, service } = synthAws({ scaling }, FARGATE);
    expect(text).toHaveResourceWithProperties(AppautoscalingTarget, {
      service_namespace: 'ecs',
      scalable_dimension: 'ecs:service:DesiredCount',
      resource_id: expect.stringMatching(/^service\/\$\{aws_ecs_cluster\.api_Cluster_\w+\.name\}\/\$\{aws_ecs_service\.api_Service_\w+\.name\}$/),
      min_capacity: 3,
      max_capacity: 12,
    });
    const policies = resources(json, 'aws_appautoscaling_policy');
    const summary = policies.map((p) => {
      const configuration = p.target_tracking_scaling_policy_configuration;
      return [p.name, p.policy_type, configuration.predefined_metric_specification.predefined_metric_type, configuration.target_value];
    });
    expect(summary).toEqual([
      ['cpu-target-tracking', 'TargetTrackingScaling', 'ECSServiceAverageCPUUtilization', 50],
      ['requests-target-tracking', 'TargetTrackingScaling', 'ALBRequestCountPerTarget', 1000],
    ]);
    expect(policies[1].target_tracking_scaling_policy_configuration.predefined_metric_specification.resource_label).toMatch(
      /^\$\{aws_lb\.edge_LoadBalancer_\w+\.arn_suffix\}\/\$\{aws_lb_target_group\.edge_TargetGroupApi_\w+\.arn_suffix\}$/,
    );
    // The scaling policies own the task count: Terraform does not reset it.
    expect(only(json, 'aws_ecs_service')).toMatchObject({ desired_count: 3, lifecycle: { ignore_changes: ['desired_count'] } });
    expect(service.ecs!.scalingTargets).toHaveLength(1);
  });

  test('blue/green: two full-size services behind weighted target groups (active 100, idle 0), each with its own task definition', () => {
    const next = Workload.container({ image: 'ghcr.io/acme/api:1.5.0', port: 3000 });
    const { json, service } = synthAws({ rollout: Rollout.blueGreen({ active: DeploymentColor.GREEN, standby: next }) }, FARGATE);
    expect(service.targets.map((t) => [t.id, t.weight])).toEqual([['api-blue', 0], ['api-green', 100]]);
    const services = resources(json, 'aws_ecs_service').map((s) => [s.name, s.desired_count]).sort();
    expect(services).toEqual([['stack-api-blue', 3], ['stack-api-green', 3]]);
    const images = resources(json, 'aws_ecs_task_definition').map((td) => [td.family, containerOf(td).image]).sort();
    expect(images).toEqual([['stack-api-blue', 'ghcr.io/acme/api:1.5.0'], ['stack-api-green', IMAGE]]);
  });

  test('canary: a stable service and a canary service of 2 tasks, weighted, each rolled back on its own target group\'s alarms', () => {
    const next = Workload.container({ image: 'ghcr.io/acme/api:1.5.0', port: 3000 });
    const { json, service } = synthAws({ rollout: Rollout.canary({ weight: 10, workload: next }) }, FARGATE);
    expect(service.targets.map((t) => [t.id, t.weight])).toEqual([['api', 90], ['api-canary', 10]]);
    const canary = named(json, 'aws_ecs_service', 'api_ServiceCanary');
    expect(canary).toMatchObject({ name: 'stack-api-canary', desired_count: 2 });
    expect(canary.alarms.alarm_names).toEqual(['stack-edge-Api-canaryUnhealthyHosts', 'stack-edge-Api-canaryNoHealthyHosts', 'stack-edge-Api-canaryTarget5xx', 'stack-api-CanaryRunningTasks']);
    expect(containerOf(named(json, 'aws_ecs_task_definition', 'api_TaskDefinitionCanary'))).toMatchObject({ image: 'ghcr.io/acme/api:1.5.0' });
    expect(containerOf(named(json, 'aws_ecs_task_definition', 'api_TaskDefinitionCanary')).logConfiguration.options['awslogs-stream-prefix']).toBe('canary');
  });

  test('two of three zones', () => {
    const { json, service } = synthAws({ zones: 2 }, FARGATE);
    expect(only(json, 'aws_ecs_service').network_configuration.subnets).toEqual(['subnet-priv-a', 'subnet-priv-b']);
    expect(service.resilienceFacts()).toMatchObject({ zones: 2, replicas: 2 });
  });

  test('an alarm turned off is not a deployment guard', () => {
    const { json } = synthAws({ alarms: { runningTasks: { enabled: false } } }, FARGATE);
    expect(only(json, 'aws_ecs_service').alarms.alarm_names).not.toContain('stack-api-RunningTasks');
    expect(resources(json, 'aws_cloudwatch_metric_alarm').map((a) => a.alarm_name)).not.toContain('stack-api-RunningTasks');
  });

  test('a separate health-check port is published too', () => {
    const { json } = synthAws({ healthCheck: HealthCheck.http('/ready', { port: 8081 }) }, FARGATE);
    expect(containerOf(only(json, 'aws_ecs_task_definition')).portMappings).toEqual([
      { containerPort: 3000, protocol: 'tcp' },
      { containerPort: 8081, protocol: 'tcp' },
    ]);
  });

  test('a value known only at deploy time in the environment: Terraform encodes the container definitions', () => {
    const text = Testing.synthScope((scope) => {
      const host = new TerraformVariable(scope, 'db_host', { type: 'string' });
      new MultiAzService(scope, 'api', {
        platform: Platform.aws({ network: existingNetwork(scope) }),
        workload: Workload.container({ image: IMAGE, port: 3000, environment: { DB_HOST: host.stringValue } }),
      });
    });
    const definitions = only(JSON.parse(text), 'aws_ecs_task_definition').container_definitions;
    expect(definitions).toMatch(/^\$\{jsonencode\(\[\{/);
    expect(definitions).toContain('"DB_HOST"');
    expect(definitions).toContain('var.db_host');
  });

  test('without a load balancer: no target, no grace period, and a warning', () => {
    const { json, service } = synthAws({}, { ...FARGATE, loadBalancer: false });
    const svc = only(json, 'aws_ecs_service');
    expect(svc.load_balancer).toBeUndefined();
    expect(svc.health_check_grace_period_seconds).toBeUndefined();
    expect(svc.alarms.alarm_names).toEqual(['stack-api-RunningTasks']);
    expect(service.node.metadata.map((m) => m.data)).toContainEqual(expect.stringContaining('on Fargate its health check is not evaluated'));
  });

  test('the database admits the tasks\' security group', () => {
    const { json } = synthAws({}, FARGATE);
    const text = Testing.synthScope((scope) => {
      const platform = Platform.aws({ network: existingNetwork(scope) });
      const edge = new HealthCheckedLoadBalancer(scope, 'edge', { platform, certificateArn: CERT });
      const api = new MultiAzService(scope, 'api', { platform, workload: Workload.container({ image: IMAGE, port: 3000 }), loadBalancer: edge });
      const db = new ReplicatedDatabase(scope, 'db', { platform: Platform.aws({ network: MultiAzNetwork.fromExisting(scope, 'iso', { vpcId: 'vpc-1', vpcCidrBlock: '10.0.0.0/16', isolatedSubnets: [{ subnetId: 'i-a', zone: 'eu-west-1a' }, { subnetId: 'i-b', zone: 'eu-west-1b' }] }) }), engine: DatabaseEngine.postgres('16') });
      db.allowFrom(api);
    });
    expect(json).toBeDefined();
    const ingress = resources(JSON.parse(text), 'aws_vpc_security_group_ingress_rule').filter((r) => /db_SecurityGroup/.test(r.security_group_id));
    expect(ingress).toEqual([expect.objectContaining({ from_port: 5432, referenced_security_group_id: expect.stringMatching(/api_SecurityGroup/) })]);
  });
});

describe('MultiAzService on Fargate: validation', () => {
  const fargateError = (props: Parameters<typeof awsError>[0]) => awsError(props, AwsCompute.FARGATE);

  test('Fargate runs containers, not machine images', () => {
    expect(fargateError({ workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080 }) })).toBe(
      `${AWS}\`workload\` is a machine image (ami-0123456789abcdef0), which Fargate cannot run: Fargate runs containers. Use \`Workload.container({ image, port })\`, or \`Platform.aws({ network, compute: AwsCompute.EC2 })\`.`,
    );
    expect(fargateError({ rollout: Rollout.canary({ weight: 10, workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 3000 }) }) })).toBe(
      `${AWS}\`rollout.workload\` is a machine image (ami-0123456789abcdef0), which Fargate cannot run. Use \`Workload.container({ image, port })\`.`,
    );
  });

  test('EC2-only props are refused on Fargate, each with what to do instead', () => {
    expect(fargateError({ instanceType: 't3.small', rootVolumeSize: 30, instanceBootTime: Duration.minutes(2) })).toBe(
      'MultiAzService "stack/api" has 3 invalid props:\n' +
        '  - `instanceType` applies to EC2 instances, but the service runs on Fargate, got "t3.small". Size the task with `workload.cpu` and `workload.memory`, or run on instances with `Platform.aws({ compute: AwsCompute.EC2 })`.\n' +
        '  - `rootVolumeSize` applies to EC2 instances, but the service runs on Fargate, got 30. A task gets 20 GiB of encrypted ephemeral storage; remove it, or run on instances with `Platform.aws({ compute: AwsCompute.EC2 })`.\n' +
        '  - `instanceBootTime` applies to EC2 instances, but the service runs on Fargate, got 2min. A task starts in about a minute; give the health check a longer `gracePeriod` if the application needs more.',
    );
  });

  test('the shutdown grace period: at most 2 minutes on Fargate', () => {
    expect(fargateError({ shutdownGracePeriod: Duration.minutes(3) })).toBe(
      `${AWS}\`shutdownGracePeriod\` must be a whole number of seconds from 1s to 2min (ECS on Fargate stops a container at most 2 minutes after SIGTERM), got 3min.`,
    );
    expect(() => awsError({ shutdownGracePeriod: Duration.minutes(3) })).toThrow('expected an error');
  });

  test('cpu and memory beyond the largest Fargate task', () => {
    expect(fargateError({ workload: Workload.container({ image: IMAGE, port: 3000, cpu: '32', memory: '64Gi' }) })).toBe(
      `${AWS}\`workload.cpu\` and \`workload.memory\` ("32", "64Gi") ask for more than a Fargate task offers: at most 16 vCPU and 120 GiB. Ask for less, or run on instances with \`Platform.aws({ compute: AwsCompute.EC2 })\`.`,
    );
  });

  test('the alarms of the other compute', () => {
    expect(fargateError({ alarms: { inServiceInstances: { threshold: 1 } } })).toBe(
      `${AWS}\`alarms.inServiceInstances\` only exists on EC2 instances, but the service runs on Fargate, got {"threshold":1}. Use \`alarms.cpuUtilization\`, \`alarms.runningTasks\`, \`alarms.memoryUtilization\`.`,
    );
    expect(awsError({ alarms: { runningTasks: { enabled: false } } })).toBe(
      `${AWS}\`alarms.runningTasks\` only exists on Fargate, but the service runs on EC2 instances, got {"enabled":false}. Use \`alarms.cpuUtilization\`, \`alarms.inServiceInstances\`.`,
    );
  });

  test('secrets: Parameter Store on Fargate only, Kubernetes Secrets never', () => {
    expect(awsError({ workload: Workload.container({ image: IMAGE, port: 3000, secrets: { T: SecretRef.awsSsmParameter(PARAMETER_ARN) } }) })).toBe(
      `${AWS}\`workload.secrets["T"]\` is SecretRef.awsSsmParameter("${PARAMETER_ARN}"), which cannot be used on AWS: instances read their secrets from AWS Secrets Manager at boot. Use SecretRef.awsSecretsManager(secretArn, jsonKey).`,
    );
    expect(fargateError({ workload: Workload.container({ image: IMAGE, port: 3000, secrets: { T: SecretRef.kubernetes('creds', 't') } }) })).toBe(
      `${AWS}\`workload.secrets["T"]\` is SecretRef.kubernetes("creds", "t"), which cannot be used on Fargate: ECS reads the secrets of a task from AWS Secrets Manager or Systems Manager Parameter Store. Use SecretRef.awsSecretsManager(secretArn, jsonKey) or SecretRef.awsSsmParameter(parameterArn).`,
    );
    expect(fargateError({ workload: Workload.container({ image: IMAGE, port: 3000, secrets: { T: SecretRef.awsSsmParameter('api/token') } }) })).toBe(
      `${AWS}\`workload.secrets["T"].parameterArn\` must be a Systems Manager parameter ARN like "arn:aws:ssm:eu-west-1:123456789012:parameter/api/db-password", got "api/token".`,
    );
  });

  test('an unknown compute, from plain JavaScript', () => {
    expect(awsError({}, 'LAMBDA' as any)).toBe(`${AWS}\`platform.compute\` must be one of AwsCompute.FARGATE, AwsCompute.EC2, got "LAMBDA".`);
  });
});

/** An AWS stack on Fargate: network, topic, two services behind one ALB by route, one canary with secrets and scaling. */
function fargateStack(): TerraformStack {
  const app = Testing.stubVersion(new App({ stackTraces: false }));
  const stack = new TerraformStack(app, 'fargate');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const network = new MultiAzNetwork(stack, 'network', { zones: 3 });
  const oncall = new AlarmTopic(stack, 'oncall', { emails: ['oncall@example.com'] });
  const aws = Platform.aws({ network, alarms: oncall });
  const edge = new HealthCheckedLoadBalancer(stack, 'edge', { platform: aws, certificateArn: CERT });
  const db = new ReplicatedDatabase(stack, 'db', { platform: aws, engine: DatabaseEngine.postgres('16') });
  const api = new MultiAzService(stack, 'api', {
    platform: aws,
    workload: Workload.container({
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/api:1.4.2',
      port: 3000,
      cpu: '1',
      memory: '2Gi',
      environment: { DB_HOST: db.writerEndpoint },
      secrets: { DB_PASSWORD: SecretRef.awsSecretsManager(SECRET_ARN, 'password'), API_TOKEN: SecretRef.awsSsmParameter(PARAMETER_ARN) },
    }),
    loadBalancer: edge.addRoute('api', { hostHeaders: ['api.example.com'] }),
    rollout: Rollout.canary({ weight: 10, workload: Workload.container({ image: 'ghcr.io/acme/api:1.5.0', port: 3000 }) }),
    scaling: { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 50, targetRequestsPerTarget: 1000 },
  });
  db.allowFrom(api);
  new MultiAzService(stack, 'web', {
    platform: aws,
    workload: Workload.container({ image: 'ghcr.io/acme/web:2.0.0', port: 8080 }),
    loadBalancer: edge.addRoute('web', { pathPatterns: ['/*'] }),
    rollout: Rollout.blueGreen({ active: DeploymentColor.BLUE }),
  });
  return stack;
}

describe('MultiAzService on Fargate: checks and Terraform', () => {
  test('the resilience checks: no error, no warning from the services (FT-ECS-1 to 3 see 3 tasks in 3 zones, the circuit breaker)', () => {
    const stack = fargateStack();
    const target = ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) });
    const report = ResilienceChecks.of(stack, { target, writeReports: false, printSummary: false }).evaluate();
    expect(report.errors.map((f) => `${f.ruleId} ${f.constructPath}: ${f.detail}`)).toEqual([]);
    expect(report.warnings.filter((f) => /\/(api|web)(\/|$)/.test(f.constructPath)).map((f) => `${f.ruleId} ${f.constructPath}: ${f.detail}`)).toEqual([]);
  });

  test('the checks read the rendered services: one task too few and no circuit breaker are found', () => {
    const stack = fargateStack();
    const blue = (stack.node.findChild('web') as MultiAzService).ecs!.services[0];
    blue.addOverride('desired_count', 1);
    blue.addOverride('deployment_circuit_breaker', []);
    const report = ResilienceChecks.of(stack, { writeReports: false, printSummary: false }).evaluate();
    expect(report.errors.map((f) => [f.ruleId, f.detail])).toEqual([['FT-ECS-1', '`desired_count` is 1']]);
    expect(report.warnings.filter((f) => f.ruleId === 'FT-ECS-2').map((f) => f.detail)).toEqual(['no `deployment_circuit_breaker` block']);
  });

  test('terraform validate and plan accept it', () => {
    expect(fargateStack()).toBeValidTerraformOffline();
  });

  test('a token replica count is passed through to desired_count', () => {
    const text = Testing.synthScope((scope) => {
      const count = new TerraformVariable(scope, 'count', { type: 'number' });
      const platform = Platform.aws({ network: existingNetwork(scope) });
      const edge = new HealthCheckedLoadBalancer(scope, 'edge', { platform, certificateArn: CERT });
      new MultiAzService(scope, 'api', { platform, replicas: count.numberValue, workload: Workload.container({ image: IMAGE, port: 3000 }), loadBalancer: edge });
    });
    expect(text).toHaveResourceWithProperties(EcsService, { desired_count: expect.stringMatching(/^\$\{var\.count\}$/) });
    expect(text).toHaveResource(EcsTaskDefinition);
  });
});
