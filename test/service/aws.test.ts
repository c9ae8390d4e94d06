import 'cdktf/lib/testing/adapters/jest';
import { execFileSync, spawnSync } from 'child_process';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { DefaultTokenResolver, StringConcat, TerraformVariable, Testing, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { IMAGE, SECRET_ARN, TOPIC, errorOf, existingNetwork, named, only, resources, synthAws, userDataOf } from './fixtures';
import {
  AlarmDestination,
  AwsCompute,
  CapabilityKind,
  DatabaseEngine,
  DeploymentColor,
  Duration,
  HealthCheck,
  HealthCheckedLoadBalancer,
  ILoadBalancer,
  LoadBalancerTarget,
  LoadBalancerTargetOptions,
  MultiAzNetwork,
  MultiAzService,
  MultiAzServiceProps,
  Platform,
  PlatformKind,
  ReplicatedDatabase,
  Rollout,
  SecretRef,
  Workload,
} from '../../src';

describe('MultiAzService on AWS: defaults', () => {
  const { json, text, service } = synthAws();
  const asg = only(json, 'aws_autoscaling_group');
  const lt = only(json, 'aws_launch_template');
  const script = userDataOf(lt);

  test('one replica per zone of the 3-zone network, over the private subnets of every zone', () => {
    expect(service.minReplicas).toBe(3);
    expect(text).toHaveResourceWithProperties(AutoscalingGroup, {
      min_size: 3,
      max_size: 3,
      vpc_zone_identifier: ['subnet-priv-a', 'subnet-priv-b', 'subnet-priv-c'],
      availability_zone_distribution: { capacity_distribution_strategy: 'balanced-best-effort' },
    });
    expect(asg.desired_capacity).toBeUndefined();
  });

  test('ELB health checks; grace and warm-up are the health check grace (60 s): instances go InService already healthy', () => {
    expect(asg).toMatchObject({ health_check_type: 'ELB', health_check_grace_period: 60, default_instance_warmup: 60 });
  });

  test('a fixed group name and a launch hook: instances join the target group only once the script completes it', () => {
    expect(asg.name).toBe('stack-api');
    expect(asg.name_prefix).toBeUndefined();
    // Boot time (180 s) + health check grace (60 s) for the script, plus 120 s for cloud-init and the completion call.
    expect(asg.initial_lifecycle_hook).toEqual([
      { name: 'workload-healthy', lifecycle_transition: 'autoscaling:EC2_INSTANCE_LAUNCHING', heartbeat_timeout: 360, default_result: 'ABANDON' },
    ]);
  });

  test('the initial hook (ForceNew) is ignored after creation; a standalone hook of the same name carries later changes', () => {
    expect(asg.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ['initial_lifecycle_hook'] });
    expect(resources(json, 'aws_autoscaling_lifecycle_hook')).toEqual([
      {
        autoscaling_group_name: expect.stringMatching(/^\$\{aws_autoscaling_group\.api_AutoScalingGroup_\w+\.name\}$/),
        name: 'workload-healthy',
        lifecycle_transition: 'autoscaling:EC2_INSTANCE_LAUNCHING',
        heartbeat_timeout: 360,
        default_result: 'ABANDON',
      },
    ]);
  });

  test('the group depends on the instance role\'s policy and managed policy: the first instances boot with their permissions', () => {
    expect(asg.depends_on).toEqual([
      expect.stringMatching(/^aws_iam_role_policy\.api_Policy_\w+$/),
      expect.stringMatching(/^aws_iam_role_policy_attachment\.api_SsmManagedInstanceCore_\w+$/),
    ]);
  });

  test('user data: polls the health check locally after starting the container, then completes the launch hook', () => {
    const run = script.indexOf('docker run');
    const poll = script.indexOf('until probe; do');
    expect(run).toBeGreaterThan(0);
    expect(poll).toBeGreaterThan(run);
    expect(script).toContain(
      'probe() { local code; code=$(curl -sS -o /dev/null -w \'%{http_code}\' --max-time 5 \'http://127.0.0.1:3000/health\') || return 1; ' +
        '{ [ "$code" -ge 200 ] && [ "$code" -le 399 ]; }; }',
    );
    expect(script).toContain('if [ "$SECONDS" -ge 240 ]; then');
    expect(script).toContain(
      'until out=$(aws autoscaling complete-lifecycle-action --region "$REGION" --instance-id "$INSTANCE_ID" \\\n' +
        '    --auto-scaling-group-name \'stack-api\' --lifecycle-hook-name \'workload-healthy\' --lifecycle-action-result "$1" 2>&1); do',
    );
    expect(script.trimEnd().endsWith('done\ncomplete_launch CONTINUE')).toBe(true);
    // Any failure (a failed pull, the deadline passing) abandons the launch at once.
    expect(script).toContain('trap \'status=$?; if [ "$status" -ne 0 ] && [ -n "${INSTANCE_ID:-}" ]; then complete_launch ABANDON || true; fi\' EXIT');
    expect(script.indexOf('trap ')).toBeLessThan(script.indexOf('dnf install'));
  });

  test('user data: valid bash (bash -n)', () => {
    expect(() => execFileSync('bash', ['-n'], { input: script, stdio: ['pipe', 'pipe', 'pipe'] })).not.toThrow();
  });

  describe('user data: the launch hook completion under set -u', () => {
    const fn = /\ncomplete_launch\(\) \{\n[\s\S]*?\n\}\n/.exec(script)![0];
    const trap = script.split('\n').find((l) => l.startsWith('trap '))!;
    const run = (body: string) => spawnSync('bash', ['-c', `set -euo pipefail\nsleep() { :; }\n${fn}\n${body}`], { encoding: 'utf8' });

    test('a failure before the instance id is known exits with the failure, without calling the API or an unbound variable', () => {
      const r = run(`aws() { echo called; }\n${trap}\nfalse`);
      expect(r.status).toBe(1);
      expect(r.stdout).not.toContain('called');
      expect(r.stderr).not.toContain('unbound variable');
    });

    test('"No active Lifecycle Action found" (a group without the hook) is final, not retried', () => {
      const r = run(
        'T=$(mktemp)\naws() { echo call >> "$T"; echo "An error occurred (ValidationError): No active Lifecycle Action found with instance ID i-1" >&2; return 254; }\n' +
          'INSTANCE_ID=i-1; REGION=eu-west-1\ncomplete_launch CONTINUE\necho "calls=$(wc -l < "$T")"; rm -f "$T"',
      );
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('calls=1\n');
    });

    test('other errors are retried, then fail', () => {
      const r = run('T=$(mktemp)\naws() { echo call >> "$T"; echo "Throttling" >&2; return 254; }\nINSTANCE_ID=i-1; REGION=eu-west-1\ncomplete_launch CONTINUE || echo "failed after $(wc -l < "$T")"; rm -f "$T"');
      expect(r.stdout).toBe('failed after 10\n');
    });
  });

  test('attached to the load balancer target group it registered, waiting for healthy capacity on creation', () => {
    expect(asg.target_group_arns).toEqual([expect.stringMatching(/^\$\{aws_lb_target_group\.edge_TargetGroupApi_\w+\.arn\}$/)]);
    expect(asg).toMatchObject({ min_elb_capacity: 3, wait_for_capacity_timeout: '15m' });
    expect(service.targets.map((t) => [t.id, t.port, t.weight])).toEqual([['api', 3000, 1]]);
  });

  test('a numbered launch template version (rollback needs one), replaced create-before-destroy', () => {
    expect(asg.launch_template).toEqual({
      id: expect.stringMatching(/^\$\{aws_launch_template\.api_LaunchTemplate_\w+\.id\}$/),
      version: expect.stringMatching(/latest_version\}$/),
    });
    expect(asg.lifecycle).toMatchObject({ create_before_destroy: true });
  });

  test('rolling instance refresh: never below 100% healthy, up to 200%, rolled back on the target alarms and capacity', () => {
    expect(asg.instance_refresh).toEqual({
      strategy: 'Rolling',
      preferences: {
        min_healthy_percentage: 100,
        max_healthy_percentage: 200,
        instance_warmup: '60',
        auto_rollback: true,
        alarm_specification: {
          alarms: [
            expect.stringMatching(/edge_Alarms_ApiUnhealthyHosts_\w+\.alarm_name/),
            expect.stringMatching(/edge_Alarms_ApiNoHealthyHosts_\w+\.alarm_name/),
            expect.stringMatching(/edge_Alarms_ApiTarget5xx_\w+\.alarm_name/),
            'stack-api-InServiceInstances',
          ],
        },
      },
    });
    expect(asg.instance_maintenance_policy).toEqual({ min_healthy_percentage: 100, max_healthy_percentage: 200 });
  });

  test('capacity rebalancing, group metrics every minute, oldest instances terminated first', () => {
    expect(asg).toMatchObject({
      capacity_rebalance: true,
      metrics_granularity: '1Minute',
      termination_policies: ['OldestLaunchTemplate', 'OldestInstance'],
    });
    expect(asg.enabled_metrics).toEqual(expect.arrayContaining(['GroupInServiceInstances', 'GroupDesiredCapacity', 'GroupTotalInstances']));
  });

  test('tags propagated to the instances at launch', () => {
    expect(asg.tag).toEqual(
      expect.arrayContaining([
        { key: 'Name', value: 'stack-api', propagate_at_launch: true },
        { key: 'ft:construct-path', value: 'stack/api', propagate_at_launch: true },
        { key: 'ft:managed-by', value: 'cdktf-fault-tolerance', propagate_at_launch: true },
        { key: 'ft:track', value: 'stable', propagate_at_launch: true },
      ]),
    );
  });

  test('launch template: IMDSv2 only with hop limit 1, detailed monitoring, no public address', () => {
    expect(text).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' },
      monitoring: { enabled: true },
      network_interfaces: [
        expect.objectContaining({ associate_public_ip_address: 'false', device_index: 0, delete_on_termination: 'true' }),
      ],
      update_default_version: true,
      instance_type: 't3.small',
    });
    expect(lt.vpc_security_group_ids).toBeUndefined();
  });

  test('launch template: an encrypted 20 GiB gp3 root volume', () => {
    expect(lt.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { volume_size: 20, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } },
    ]);
  });

  test('launch template: the latest Amazon Linux 2023 for the architecture, as an image id', () => {
    expect(json.data.aws_ssm_parameter).toEqual({
      [Object.keys(json.data.aws_ssm_parameter)[0]]: { name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
    });
    expect(lt.image_id).toMatch(/^\$\{data\.aws_ssm_parameter\.api_AmazonLinux2023_\w+\.insecure_value\}$/);
  });

  test('launch template: instances, volumes and interfaces tagged', () => {
    expect(lt.tag_specifications.map((t: any) => t.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
    expect(lt.tag_specifications[0].tags).toMatchObject({ 'Name': 'stack-api', 'ft:track': 'stable' });
  });

  test('user data installs Docker and runs the container hardened, restarted always, logs to CloudWatch', () => {
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    expect(script).toContain('set -euo pipefail');
    expect(script).toContain('retry dnf install -y docker');
    expect(script).toContain('systemctl enable --now docker');
    expect(script).toContain(`retry docker pull '${IMAGE}'`);
    for (const flag of [
      '--restart always',
      '--init',
      '--read-only',
      '--tmpfs /tmp:rw,noexec,nosuid,nodev,size=64m',
      '--cap-drop ALL',
      '--security-opt no-new-privileges',
      '--user 65534:65534',
      '--publish 3000:3000',
      '--env-file /etc/cdktf-fault-tolerance/service.env',
      '--stop-timeout 30',
      '--log-driver awslogs',
      '--log-opt awslogs-group=\'/cdktf-fault-tolerance/services/stack-api\'',
    ]) {
      expect(script).toContain(flag);
    }
    expect(script).not.toContain('--cpus');
    expect(script).not.toContain('--memory');
  });

  test('user data: IMDSv2 token for the instance id and region, a root-only environment file', () => {
    expect(script).toContain('X-aws-ec2-metadata-token-ttl-seconds: 300');
    expect(script).toContain('install -d -m 0700 /etc/cdktf-fault-tolerance');
    expect(script).toContain('umask 077');
  });

  test('a security group admitting only the load balancer\'s security group on the service port', () => {
    const ingress = resources(json, 'aws_vpc_security_group_ingress_rule').filter((r) => String(r.security_group_id).includes('api_SecurityGroup'));
    expect(ingress).toEqual([
      expect.objectContaining({
        ip_protocol: 'tcp',
        from_port: 3000,
        to_port: 3000,
        referenced_security_group_id: expect.stringMatching(/edge_SecurityGroup_\w+\.id/),
      }),
    ]);
    expect(ingress[0].cidr_ipv4).toBeUndefined();
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { description: 'From load balancer stack/edge on port 3000' });
  });

  test('egress: HTTPS anywhere and DNS inside the VPC only (no VPC-wide TCP)', () => {
    const egress = resources(json, 'aws_vpc_security_group_egress_rule').filter((r) => String(r.security_group_id).includes('api_SecurityGroup'));
    expect(egress.map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4]).sort()).toEqual([
      ['tcp', 443, 443, '0.0.0.0/0'],
      ['tcp', 53, 53, '10.0.0.0/16'],
      ['udp', 53, 53, '10.0.0.0/16'],
    ]);
    for (const r of egress) {
      expect(r.description.length).toBeGreaterThan(10);
    }
  });

  test('security group: in the VPC, a name prefix, replaced create-before-destroy', () => {
    const sg = named(json, 'aws_security_group', 'api_SecurityGroup');
    expect(sg).toMatchObject({ vpc_id: 'vpc-1', name_prefix: 'stack-api-', lifecycle: { create_before_destroy: true } });
    expect(sg.description).toBe('Service stack/api: from its load balancer only; HTTPS out, DNS inside the VPC');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  test('instance role: Systems Manager for operations, logs of its own group, its own launch hook, nothing else', () => {
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: expect.stringMatching(/^arn:\$\{data\.aws_partition\.api_Partition_\w+\.partition\}:iam::aws:policy\/AmazonSSMManagedInstanceCore$/),
    });
    const role = only(json, 'aws_iam_role');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const policy = JSON.parse(only(json, 'aws_iam_role_policy').policy);
    expect(policy.Statement).toEqual([
      {
        Sid: 'WriteContainerLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: expect.stringMatching(/aws_cloudwatch_log_group\.api_LogGroup_\w+\.arn\}:log-stream:\*$/),
      },
      {
        Sid: 'CompleteLaunchHook',
        Effect: 'Allow',
        Action: 'autoscaling:CompleteLifecycleAction',
        Resource: [
          expect.stringMatching(
            /^arn:\$\{data\.aws_partition\.api_Partition_\w+\.partition\}:autoscaling:\$\{data\.aws_region\.api_Region_\w+\.region\}:\$\{data\.aws_caller_identity\.api_Account_\w+\.account_id\}:autoScalingGroup:\*:autoScalingGroupName\/stack-api$/,
          ),
        ],
      },
    ]);
    expect(only(json, 'aws_iam_instance_profile').role).toMatch(/aws_iam_role\.api_Role_\w+\.name/);
  });

  test('container logs: a log group kept 365 days, encrypted with a rotated key of its own', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/cdktf-fault-tolerance/services/stack-api',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/aws_kms_key\.api_LogEncryptionKey_\w+\.arn/),
    });
    const key = only(json, 'aws_kms_key');
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(JSON.parse(key.policy).Statement.map((s: any) => s.Sid)).toEqual(['AccountAdministration', 'CloudWatchLogsEncryption']);
    expect(service.aws!.logGroup).toBeDefined();
    expect(service.aws!.logEncryptionKey).toBeDefined();
  });

  test('alarms: CPU high (warning) and in-service below the minimum (critical), notifying the platform\'s topic', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'stack-api-CpuUtilization',
      namespace: 'AWS/EC2',
      metric_name: 'CPUUtilization',
      statistic: 'Average',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 80,
      evaluation_periods: 5,
      period: 60,
      dimensions: { AutoScalingGroupName: expect.stringMatching(/aws_autoscaling_group\.api_AutoScalingGroup_\w+\.name/) },
      alarm_actions: [TOPIC],
      tags: expect.objectContaining({ 'ft:severity': 'warning' }),
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'stack-api-InServiceInstances',
      namespace: 'AWS/AutoScaling',
      metric_name: 'GroupInServiceInstances',
      statistic: 'Minimum',
      comparison_operator: 'LessThanThreshold',
      threshold: 3,
      evaluation_periods: 5,
      ok_actions: [TOPIC],
      tags: expect.objectContaining({ 'ft:severity': 'critical' }),
    });
  });

  test('the load balancer\'s target alarms are reused, not duplicated', () => {
    const keys = service.alarms.map((a) => a.key);
    expect(keys).toEqual(['InServiceInstances', 'CpuUtilization', 'ApiUnhealthyHosts', 'ApiNoHealthyHosts', 'ApiTarget5xx']);
    const unhealthy = resources(json, 'aws_cloudwatch_metric_alarm').filter((a) => a.metric_name === 'UnHealthyHostCount');
    expect(unhealthy).toHaveLength(1);
  });

  test('no scaling policies without `scaling`', () => {
    expect(resources(json, 'aws_autoscaling_policy')).toEqual([]);
    expect(service.aws!.scalingPolicies).toEqual([]);
  });

  test('exposes what it created', () => {
    expect(service.aws!.autoScalingGroups[0]).toBe(service.aws!.autoScalingGroups[0]);
    expect(service.aws!.launchTemplates[0]).toBe(service.aws!.launchTemplates[0]);
    expect(service.aws!.autoScalingGroups).toHaveLength(1);
    expect(service.aws!.securityGroup).toBeDefined();
    expect(service.aws!.role).toBeDefined();
    expect(service.aws!.instanceProfile).toBeDefined();
    expect(service.securityGroupId).toMatch(/TfToken/);
    expect(service.kubernetes).toBeUndefined();
    expect(service.name).toBe('stack-api');
    expect(service.port).toBe(3000);
  });

  test('resilience facts: 3 zones, 3 replicas, detection from the health check, failover by the load balancer', () => {
    const facts = service.resilienceFacts();
    expect(facts).toMatchObject({
      capability: CapabilityKind.SERVICE,
      platform: PlatformKind.AWS,
      zones: 3,
      replicas: 3,
      acceptedSinglePointsOfFailure: [],
    });
    expect(facts.failureDetection!.toSeconds()).toBe(25);
    expect(facts.failover!.toSeconds()).toBe(5);
  });
});

describe('MultiAzService on AWS: options', () => {
  test('replicas', () => {
    const { json } = synthAws({ replicas: 5 });
    expect(only(json, 'aws_autoscaling_group')).toMatchObject({ min_size: 5, max_size: 5, min_elb_capacity: 5 });
  });

  test('zones: the first zones of the network only; replicas default to max(2, zones)', () => {
    const { json, service } = synthAws({ zones: 2 });
    expect(only(json, 'aws_autoscaling_group')).toMatchObject({ min_size: 2, vpc_zone_identifier: ['subnet-priv-a', 'subnet-priv-b'] });
    expect(service.resilienceFacts()).toMatchObject({ zones: 2, replicas: 2 });
  });

  test('a Graviton instance type runs the arm64 image', () => {
    const { json } = synthAws({ instanceType: 'm7g.large' });
    expect(only(json, 'aws_launch_template').instance_type).toBe('m7g.large');
    expect(Object.values(json.data.aws_ssm_parameter)).toEqual([{ name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64' }]);
  });

  test('rootVolumeSize', () => {
    const { json } = synthAws({ rootVolumeSize: 50 });
    expect(only(json, 'aws_launch_template').block_device_mappings[0].ebs.volume_size).toBe(50);
  });

  test('instanceBootTime and the health check grace period add up', () => {
    const { json } = synthAws({ instanceBootTime: Duration.seconds(90), healthCheck: HealthCheck.http('/ready', { gracePeriod: Duration.seconds(30) }) });
    const asg = only(json, 'aws_autoscaling_group');
    expect(asg).toMatchObject({ health_check_grace_period: 30, default_instance_warmup: 30 });
    expect(asg.initial_lifecycle_hook[0].heartbeat_timeout).toBe(300);
    expect(only(json, 'aws_autoscaling_lifecycle_hook').heartbeat_timeout).toBe(300);
    const script = userDataOf(only(json, 'aws_launch_template'));
    expect(script).toContain('if [ "$SECONDS" -ge 120 ]; then');
    expect(script).toContain('\'http://127.0.0.1:3000/ready\'');
  });

  test('the health check goes to the target group', () => {
    const { json } = synthAws({ healthCheck: HealthCheck.http('/ready', { interval: Duration.seconds(5), timeout: Duration.seconds(2) }) });
    expect(only(json, 'aws_lb_target_group').health_check).toMatchObject({ path: '/ready', interval: 5, timeout: 2, port: 'traffic-port' });
  });

  test('a separate health-check port is admitted from the load balancer too', () => {
    const { json } = synthAws({ healthCheck: HealthCheck.http('/health', { port: 9000 }) });
    const ingress = resources(json, 'aws_vpc_security_group_ingress_rule').filter((r) => String(r.security_group_id).includes('api_SecurityGroup'));
    expect(ingress.map((r) => r.from_port).sort()).toEqual([3000, 9000]);
  });

  test('allowVpcEgress: true opens TCP to any port inside the VPC', () => {
    const { text } = synthAws({ allowVpcEgress: true });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      ip_protocol: 'tcp',
      from_port: 0,
      to_port: 65535,
      cidr_ipv4: '10.0.0.0/16',
      description: 'TCP to any port inside the VPC (allowVpcEgress)',
    });
  });

  test('internetEgress: false keeps HTTPS inside the VPC (VPC endpoints)', () => {
    // The image comes from ECR, which an interface endpoint reaches (an image outside AWS is refused: test/promises).
    const { text } = synthAws({ internetEgress: false, workload: Workload.container({ image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.4.2', port: 3000 }) });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { from_port: 443, cidr_ipv4: '10.0.0.0/16' });
    expect(text).not.toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { cidr_ipv4: '0.0.0.0/0' });
  });

  test('logRetention and logEncryptionKeyArn (no key is created)', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const { json } = synthAws({ logRetention: Duration.days(90), logEncryptionKeyArn: key });
    expect(only(json, 'aws_cloudwatch_log_group')).toMatchObject({ retention_in_days: 90, kms_key_id: key });
    expect(resources(json, 'aws_kms_key')).toEqual([]);
  });

  test('tags on every resource and propagated to instances', () => {
    const { json } = synthAws({ tags: { team: 'payments' } });
    expect(only(json, 'aws_launch_template').tags).toMatchObject({ team: 'payments' });
    expect(only(json, 'aws_autoscaling_group').tag).toContainEqual({ key: 'team', value: 'payments', propagate_at_launch: true });
    expect(named(json, 'aws_security_group', 'api_SecurityGroup').tags).toMatchObject({ team: 'payments' });
  });

  test('name', () => {
    const { json, service } = synthAws({ name: 'payments-api' });
    expect(service.name).toBe('payments-api');
    expect(only(json, 'aws_cloudwatch_log_group').name).toBe('/cdktf-fault-tolerance/services/payments-api');
  });

  test('shutdownGracePeriod is Docker\'s stop timeout', () => {
    const { json } = synthAws({ shutdownGracePeriod: Duration.seconds(45) });
    expect(userDataOf(only(json, 'aws_launch_template'))).toContain('--stop-timeout 45');
  });

  test('alarms: tuned or turned off', () => {
    const { json, service } = synthAws({ alarms: { cpuUtilization: { threshold: 90 }, inServiceInstances: { enabled: false } } });
    const own = resources(json, 'aws_cloudwatch_metric_alarm').filter((a) => a.alarm_name.startsWith('stack-api-'));
    expect(own.map((a) => [a.alarm_name, a.threshold])).toEqual([['stack-api-CpuUtilization', 90]]);
    expect(only(json, 'aws_autoscaling_group').instance_refresh.preferences.alarm_specification.alarms).toHaveLength(3);
    expect(service.alarms.map((a) => a.key)).not.toContain('InServiceInstances');
  });

  test('scaling: target tracking on CPU and on requests per target (load balancer and target group suffixes)', () => {
    const scaling = { minReplicas: 3, maxReplicas: 12, targetCpuUtilization: 50, targetRequestsPerTarget: 1000 };
    const { json, text, service } = synthAws({ scaling });
    expect(only(json, 'aws_autoscaling_group')).toMatchObject({ min_size: 3, max_size: 12 });
    expect(only(json, 'aws_autoscaling_group').desired_capacity).toBeUndefined();
    expect(text).toHaveResourceWithProperties(AutoscalingPolicy, {
      name: 'cpu-target-tracking',
      policy_type: 'TargetTrackingScaling',
      autoscaling_group_name: expect.stringMatching(/api_AutoScalingGroup_\w+\.name/),
      target_tracking_configuration: { predefined_metric_specification: { predefined_metric_type: 'ASGAverageCPUUtilization' }, target_value: 50 },
    });
    expect(text).toHaveResourceWithProperties(AutoscalingPolicy, {
      name: 'requests-target-tracking',
      target_tracking_configuration: {
        predefined_metric_specification: {
          predefined_metric_type: 'ALBRequestCountPerTarget',
          resource_label: expect.stringMatching(/^\$\{aws_lb\.edge_LoadBalancer_\w+\.arn_suffix\}\/\$\{aws_lb_target_group\.edge_TargetGroupApi_\w+\.arn_suffix\}$/),
        },
        target_value: 1000,
      },
    });
    expect(service.aws!.scalingPolicies).toHaveLength(2);
    expect(service.minReplicas).toBe(3);
  });

  test('scaling without a target tracks CPU at 60%', () => {
    const { json } = synthAws({ scaling: { minReplicas: 2, maxReplicas: 4 } });
    expect(resources(json, 'aws_autoscaling_policy').map((p) => p.target_tracking_configuration.target_value)).toEqual([60]);
  });

  test('scaling on requests only: no CPU policy', () => {
    const { json } = synthAws({ scaling: { minReplicas: 2, maxReplicas: 4, targetRequestsPerTarget: 500 } });
    expect(resources(json, 'aws_autoscaling_policy').map((p) => p.name)).toEqual(['requests-target-tracking']);
  });

  test('container: cpu and memory limit the container; command, args, environment', () => {
    const { json } = synthAws({
      workload: Workload.container({
        image: IMAGE,
        port: 3000,
        cpu: '1500m',
        memory: '1Gi',
        command: ['node', '--enable-source-maps'],
        args: ['server.js'],
        environment: { NODE_ENV: 'production', GREETING: 'it\'s fine' },
        user: 10001,
      }),
    });
    const script = userDataOf(only(json, 'aws_launch_template'));
    expect(script).toContain('--cpus 1.5');
    expect(script).toContain('--memory 1073741824');
    expect(script).toContain('--memory-swap 1073741824');
    expect(script).toContain('--user 10001:10001');
    expect(script).toContain(`--entrypoint 'node' \\\n  '${IMAGE}' \\\n  '--enable-source-maps' \\\n  'server.js'`);
    expect(script).toContain('printf \'%s\\n\' \'NODE_ENV=production\' >> /etc/cdktf-fault-tolerance/service.env');
    expect(script).toContain('printf \'%s\\n\' \'GREETING=it\'\\\'\'s fine\' >> /etc/cdktf-fault-tolerance/service.env');
  });

  test('secrets: read at boot from Secrets Manager into the root-only environment file; the role may read exactly them', () => {
    const { json } = synthAws({
      workload: Workload.container({
        image: IMAGE,
        port: 3000,
        secrets: { DB_PASSWORD: SecretRef.awsSecretsManager(SECRET_ARN, 'password'), API_KEY: SecretRef.awsSecretsManager(SECRET_ARN) },
      }),
    });
    const script = userDataOf(only(json, 'aws_launch_template'));
    expect(script).toContain(`value=$(retry secret '${SECRET_ARN}' | json_key 'password')`);
    expect(script).toContain(`value=$(retry secret '${SECRET_ARN}')`);
    expect(script).toContain('printf \'%s=%s\\n\' DB_PASSWORD "$value" >> /etc/cdktf-fault-tolerance/service.env');
    expect(script).toContain('single_line API_KEY "$value"');
    const policy = JSON.parse(only(json, 'aws_iam_role_policy').policy);
    expect(policy.Statement).toContainEqual({ Sid: 'ReadDeclaredSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [SECRET_ARN] });
  });

  test('an ECR image: the instance logs in, and may pull exactly that repository', () => {
    const image = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/api:1.4.2';
    const { json } = synthAws({ workload: Workload.container({ image, port: 3000 }) });
    const script = userDataOf(only(json, 'aws_launch_template'));
    expect(script).toContain('docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com');
    const policy = JSON.parse(only(json, 'aws_iam_role_policy').policy);
    expect(policy.Statement).toContainEqual({ Sid: 'EcrLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' });
    expect(policy.Statement).toContainEqual({
      Sid: 'PullDeclaredImages',
      Effect: 'Allow',
      Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: [expect.stringMatching(/^arn:\$\{data\.aws_partition\.\w+\.partition\}:ecr:eu-west-1:123456789012:repository\/acme\/api$/)],
    });
  });

  test('a reference in the environment: the script is encoded by Terraform, literal parts untouched', () => {
    let text = '';
    text = Testing.synthScope((scope) => {
      const network = MultiAzNetwork.fromExisting(scope, 'network', {
        vpcId: 'vpc-1',
        vpcCidrBlock: '10.0.0.0/16',
        privateSubnets: [
          { subnetId: 'a', zone: 'eu-west-1a' },
          { subnetId: 'b', zone: 'eu-west-1b' },
        ],
        isolatedSubnets: [
          { subnetId: 'c', zone: 'eu-west-1a' },
          { subnetId: 'd', zone: 'eu-west-1b' },
        ],
      });
      const platform = Platform.aws({ network, compute: AwsCompute.EC2 });
      const db = new ReplicatedDatabase(scope, 'db', { platform, engine: DatabaseEngine.postgres('16.4') });
      new MultiAzService(scope, 'api', {
        platform,
        workload: Workload.container({ image: IMAGE, port: 3000, environment: { DB_HOST: db.writerEndpoint, LITERAL: '"${x}"\\n' } }),
      });
    });
    const lt = only(JSON.parse(text), 'aws_launch_template');
    expect(lt.user_data).toMatch(/^\$\{base64encode\(join\("", \[base64decode\("[A-Za-z0-9+/=]+"\), aws_db_instance\.db_Instance_\w+\.address, base64decode\("[A-Za-z0-9+/=]+"\)\]\)\)\}$/);
    const literal = Buffer.from(/base64decode\("([^"]+)"\)\]/.exec(lt.user_data)![1], 'base64').toString('utf8');
    expect(literal).toContain('LITERAL="${x}"\\n');
  });

  test('a machine image: its own script runs first, then the launch hook waits for the health check; no container logs', () => {
    const { json, service } = synthAws({ workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080, userData: '#!/bin/bash\nsystemctl start app\n' }) });
    const lt = only(json, 'aws_launch_template');
    expect(lt.image_id).toBe('ami-0123456789abcdef0');
    const script = userDataOf(lt);
    expect(script).toContain(
      "cat > /etc/cdktf-fault-tolerance/user-data <<'CDKTF_FAULT_TOLERANCE_USER_SCRIPT_END'\n#!/bin/bash\nsystemctl start app\nCDKTF_FAULT_TOLERANCE_USER_SCRIPT_END\n" +
        'chmod 0700 /etc/cdktf-fault-tolerance/user-data\n/etc/cdktf-fault-tolerance/user-data\n',
    );
    expect(script.indexOf('/etc/cdktf-fault-tolerance/user-data\n\n')).toBeLessThan(script.indexOf('until probe'));
    expect(script).toContain("'http://127.0.0.1:8080/health'");
    expect(script).toContain('if [ "$SECONDS" -ge 120 ]; then');
    expect(script.trimEnd().endsWith('complete_launch CONTINUE')).toBe(true);
    expect(lt.block_device_mappings[0].device_name).toMatch(/data\.aws_ami\.api_MachineImage_\w+\.root_device_name/);
    expect(Object.values(json.data.aws_ami)).toEqual([{ filter: [{ name: 'image-id', values: ['ami-0123456789abcdef0'] }] }]);
    expect(resources(json, 'aws_cloudwatch_log_group')).toEqual([]);
    expect(JSON.parse(only(json, 'aws_iam_role_policy').policy).Statement.map((s: any) => s.Sid)).toEqual(['CompleteLaunchHook']);
    const asg = only(json, 'aws_autoscaling_group');
    expect(asg.health_check_grace_period).toBe(60);
    expect(asg.initial_lifecycle_hook[0]).toMatchObject({ heartbeat_timeout: 300, default_result: 'ABANDON' });
    expect(service.port).toBe(8080);
  });

  test('a machine image without a script: the user data only waits for the health check and completes the hook', () => {
    const { json } = synthAws({ workload: Workload.machineImage({ imageId: 'ami-0123456789abcdef0', port: 8080 }), healthCheck: HealthCheck.tcp() }, { loadBalancer: false });
    const script = userDataOf(only(json, 'aws_launch_template'));
    expect(script).not.toContain('user-data');
    expect(script).toContain("probe() { timeout 5 bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080'; }");
    expect(script).toContain('complete_launch CONTINUE');
  });

  test('healthy HTTP codes and an HTTPS check on its own port are probed as the load balancer does', () => {
    const { json } = synthAws({ healthCheck: HealthCheck.https('/ok', { port: 9443, healthyHttpCodes: '200,204-206' }) });
    expect(userDataOf(only(json, 'aws_launch_template'))).toContain(
      "code=$(curl -sS -k -o /dev/null -w '%{http_code}' --max-time 5 'https://127.0.0.1:9443/ok') || return 1; " +
        '{ [ "$code" -eq 200 ] || { [ "$code" -ge 204 ] && [ "$code" -le 206 ]; }; }; }',
    );
  });

  test('without a load balancer: EC2 health checks, no target, a warning, no detection time', () => {
    const { json, service } = synthAws({}, { loadBalancer: false });
    const asg = only(json, 'aws_autoscaling_group');
    expect(asg.health_check_type).toBe('EC2');
    expect(asg.target_group_arns).toBeUndefined();
    expect(asg.min_elb_capacity).toBeUndefined();
    expect(service.targets).toEqual([]);
    expect(service.resilienceFacts().failureDetection).toBeUndefined();
    expect(service.node.metadata.map((m) => m.data)).toContainEqual(expect.stringContaining('has no load balancer'));
  });

  test('db.allowFrom(service) admits the service\'s security group', () => {
    const text = Testing.synthScope((scope) => {
      const network = MultiAzNetwork.fromExisting(scope, 'network', {
        vpcId: 'vpc-1',
        vpcCidrBlock: '10.0.0.0/16',
        privateSubnets: [
          { subnetId: 'a', zone: 'eu-west-1a' },
          { subnetId: 'b', zone: 'eu-west-1b' },
        ],
        isolatedSubnets: [
          { subnetId: 'c', zone: 'eu-west-1a' },
          { subnetId: 'd', zone: 'eu-west-1b' },
        ],
      });
      const platform = Platform.aws({ network, alarms: AlarmDestination.fromArns(TOPIC), compute: AwsCompute.EC2 });
      const db = new ReplicatedDatabase(scope, 'db', { platform, engine: DatabaseEngine.postgres('16.4') });
      const api = new MultiAzService(scope, 'api', { platform, workload: Workload.container({ image: IMAGE, port: 3000 }) });
      db.allowFrom(api);
    });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      from_port: 5432,
      referenced_security_group_id: expect.stringMatching(/aws_security_group\.api_SecurityGroup_\w+\.id/),
    });
  });

  test('a token replica count is passed through', () => {
    const text = Testing.synthScope((scope) => {
      const count = new TerraformVariable(scope, 'count', { type: 'number' });
      const platform = Platform.aws({ network: existingNetwork(scope), compute: AwsCompute.EC2 });
      const edge = new HealthCheckedLoadBalancer(scope, 'edge', { platform, allowPlainHttp: true });
      new MultiAzService(scope, 'api', { platform, loadBalancer: edge, replicas: count.numberValue, workload: Workload.container({ image: IMAGE, port: 3000 }) });
    });
    expect(only(JSON.parse(text), 'aws_autoscaling_group').min_size).toBe('${var.count}');
  });
});

/** A load balancer of one's own: records what the service asks of it and hands back fixed target groups. */
class OwnLoadBalancer extends Construct implements ILoadBalancer {
  public readonly platformKind = PlatformKind.AWS;
  public readonly healthCheck = HealthCheck.http('/ready');
  public readonly maxTargets = 2;
  public readonly countsRequests = false;
  public readonly targets: LoadBalancerTarget[] = [];
  public readonly requests: Array<{ id: string; options: LoadBalancerTargetOptions }> = [];

  public addTarget(id: string, options: LoadBalancerTargetOptions): LoadBalancerTarget {
    this.requests.push({ id, options });
    const target: LoadBalancerTarget = {
      id,
      port: options.port,
      weight: options.weight ?? 1,
      healthCheck: options.healthCheck ?? this.healthCheck,
      targetGroupArn: `arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/${id}/0123456789abcdef`,
      alarms: [],
    };
    this.targets.push(target);
    return target;
  }
}

describe('MultiAzService behind a load balancer of one\'s own (ILoadBalancer)', () => {
  let own!: OwnLoadBalancer;
  let service!: MultiAzService;
  const text = Testing.synthScope((scope) => {
    own = new OwnLoadBalancer(scope, 'own');
    service = new MultiAzService(scope, 'api', {
      platform: Platform.aws({ network: existingNetwork(scope), compute: AwsCompute.EC2 }),
      workload: Workload.container({ image: IMAGE, port: 3000 }),
      loadBalancer: own,
      rollout: Rollout.canary({ weight: 20 }),
    });
  });
  const json = JSON.parse(text);

  test('each group registers as a target with its weight, the load balancer\'s health check and the service\'s security group', () => {
    expect(own.requests.map((r) => [r.id, r.options.port, r.options.weight, r.options.healthCheck?.path])).toEqual([
      ['api', 3000, 80, '/ready'],
      ['api-canary', 3000, 20, '/ready'],
    ]);
    for (const { options } of own.requests) {
      expect(options.targetSecurityGroup!.owner).toBe(service);
      const resolver = new DefaultTokenResolver(new StringConcat());
      expect(Tokenization.resolve(options.targetSecurityGroup!.securityGroupId, { scope: service, resolver })).toBe(
        `\${aws_security_group.${service.aws!.securityGroup.friendlyUniqueId}.id}`,
      );
    }
  });

  test('the Auto Scaling groups attach to the target groups it returned, with ELB health checks', () => {
    expect(named(json, 'aws_autoscaling_group', 'api_AutoScalingGroup')).toMatchObject({
      health_check_type: 'ELB',
      target_group_arns: ['arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef'],
    });
    expect(named(json, 'aws_autoscaling_group', 'api_AutoScalingGroupCanary').target_group_arns).toEqual([
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api-canary/0123456789abcdef',
    ]);
    expect(service.targets).toEqual(own.targets);
  });

  test('its limits are respected: no room for a third target, no scaling on requests it does not count', () => {
    const error = (props: Partial<MultiAzServiceProps>) =>
      errorOf((stack) => {
        const lb = new OwnLoadBalancer(stack, 'own');
        lb.addTarget('other', { port: 80 });
        new MultiAzService(stack, 'api', { platform: Platform.aws({ network: existingNetwork(stack), compute: AwsCompute.EC2 }), workload: Workload.container({ image: IMAGE, port: 3000 }), loadBalancer: lb, ...props });
      });
    expect(error({ rollout: Rollout.blueGreen({ active: DeploymentColor.BLUE }) })).toBe(
      'MultiAzService "stack/api": `rollout` Rollout.blueGreen({ active: BLUE }) needs 2 weighted targets (one per group) on `loadBalancer` "stack/own", ' +
        'which has room for 1 more (it forwards to at most 2). Put the service behind another load balancer.',
    );
    expect(error({ scaling: { minReplicas: 2, maxReplicas: 4, targetRequestsPerTarget: 100 } })).toBe(
      'MultiAzService "stack/api": `scaling.targetRequestsPerTarget` needs a load balancer that counts the requests of each target (an Application Load Balancer), ' +
        'but `loadBalancer` "stack/own" does not. Use `targetCpuUtilization`.',
    );
  });
});
