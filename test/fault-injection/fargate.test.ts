import 'cdktf/lib/testing/adapters/jest';
import { awsStack, experimentPolicyOf, experimentsOf, templates } from './stacks';
import {
  AlarmSeverity,
  AwsCompute,
  Duration,
  FaultExperimentKind,
  FaultTargetKind,
  PlatformKind,
  ResilienceTarget,
} from '../../src';
import { FIS_ACTIONS } from '../../src/fault-injection/private/fis-catalogue';

const target = ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) });
const CPU_STRESS_NOTE =
  'FaultExperiments "shop/FaultExperiments": No CPU-stress experiment for `api`: it runs on ECS Fargate, where FIS stresses a task\'s CPU only ' +
  'through an SSM agent sidecar container in the task (aws:ecs:task-cpu-stress), which the service does not run. Its instance-loss and ' +
  'zone-loss experiments still apply.';

/** The construct's annotations (warnings: it has no other). */
function warningsOf(construct: any): string[] {
  return construct.node.metadata.map((m: any) => m.data);
}

describe('FaultExperiments on ECS Fargate: what is derived from the seed web application with its service on Fargate', () => {
  const { stack, network, api } = awsStack({ compute: AwsCompute.FARGATE });
  const { experiments, json } = experimentsOf(stack, { target });
  const fis = templates(json);

  test('the service reports its ECS service: tasks by its tags in its cluster, its zones, replicas and user-impact alarms', () => {
    expect(api.ecs).toBeDefined();
    const [{ stopConditions, ...service }] = api.faultTargets();
    expect(service).toEqual({
      kind: FaultTargetKind.ECS_SERVICE,
      platform: PlatformKind.AWS,
      name: 'shop-api',
      arn: expect.stringContaining('${TfToken['),
      clusterName: 'shop-api',
      tags: { 'ft:construct-path': 'shop/api', 'ft:track': 'stable' },
      vpcId: network.vpcId,
      zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      primary: true,
      replicas: 3,
    });
    expect(stopConditions!.map((a) => [a.key, a.severity])).toEqual([['ApiNoHealthyHosts', AlarmSeverity.CRITICAL], ['ApiTarget5xx', AlarmSeverity.CRITICAL]]);
    // The running-task alarm is the capacity a fault takes away on purpose: never a stop condition.
    expect(api.alarms.map((a) => a.key)).toContain('RunningTasks');
    expect(stopConditions!.map((a) => a.key)).not.toContain('RunningTasks');
  });

  test('the tasks carry the tags that select them: the service propagates its tags, which include them', () => {
    const [service] = Object.values<any>(json.resource.aws_ecs_service);
    expect(service.propagate_tags).toBe('SERVICE');
    expect(service.tags).toEqual(expect.objectContaining({ 'ft:construct-path': 'shop/api', 'ft:track': 'stable' }));
    expect(service.name).toBe('shop-api');
    expect(Object.values<any>(json.resource.aws_ecs_cluster)[0].name).toBe('shop-api');
  });

  test('zone loss, instance loss and database failover; no CPU stress, and a warning says why', () => {
    expect(experiments.experiments.map((e) => [e.name, e.kind, e.platform])).toEqual([
      ['zone-loss', FaultExperimentKind.ZONE_LOSS, PlatformKind.AWS],
      ['instance-loss-api', FaultExperimentKind.INSTANCE_LOSS, PlatformKind.AWS],
      ['database-failover-db', FaultExperimentKind.DATABASE_FAILOVER, PlatformKind.AWS],
    ]);
    expect(Object.keys(fis).sort()).toEqual(['database-failover-db', 'instance-loss-api', 'zone-loss']);
    expect(warningsOf(experiments)).toEqual([CPU_STRESS_NOTE]);
  });

  test('instance loss: aws:ecs:stop-task on one task of the service, selected by its tags in its cluster and service', () => {
    const t = fis['instance-loss-api'];
    expect(t.action).toEqual([
      {
        name: 'stop-one-task',
        action_id: 'aws:ecs:stop-task',
        description: 'Stops one running task of api (shop-api).',
        parameter: [],
        target: { key: 'Tasks', value: 'one-task' },
      },
    ]);
    expect(t.target).toEqual([
      {
        name: 'one-task',
        resource_type: 'aws:ecs:task',
        selection_mode: 'COUNT(1)',
        resource_tag: [{ key: 'ft:construct-path', value: 'shop/api' }, { key: 'ft:track', value: 'stable' }],
        parameters: { cluster: 'shop-api', service: 'shop-api' },
      },
    ]);
    expect(t.experiment_options.empty_target_resolution_mode).toBe('fail');
    expect(experiments.experiments[1].hypothesis).toBe(
      'With 1 of 3 tasks of `api` stopped: `api` keeps ≥ 2 tasks serving, the failed target leaves rotation within 25s, ' +
        'and the ECS service replaces it; no alarm that says users are affected fires.',
    );
    expect(experiments.experiments[1].blastRadius).toBe('1 of 3 tasks of api');
  });

  test('zone loss: the lost zone\'s subnets cut off (which cuts off the tasks there), the database failed over; no instance is stopped', () => {
    const t = fis['zone-loss'];
    expect(t.action.map((a: any) => [a.name, a.action_id])).toEqual([
      ['cut-off-network-1-zone-1', 'aws:network:disrupt-connectivity'],
      ['fail-over-database-1', 'aws:rds:reboot-db-instances'],
    ]);
    expect(experiments.experiments[0].hypothesis).toBe(
      'With 1 zone (eu-west-1a) lost for 10min (subnets cut off with the tasks running there): `api` keeps ≥ 2 of 3 tasks serving, ' +
        'the load balancer takes the cut-off tasks out of rotation within 25s, and ECS replaces the tasks that fail their health checks; ' +
        '`edge` keeps serving from 2 zones; `db` fails over within 2min if its primary is in that zone, losing no acknowledged write; ' +
        'no alarm that says users are affected fires.',
    );
    expect(experiments.experiments[0].constructPaths).toEqual(['shop/api', 'shop/network', 'shop/db', 'shop/edge']);
  });

  test('stop conditions: the load balancer\'s and database\'s alarms that say users are affected', () => {
    for (const t of Object.values(fis)) {
      expect(t.stop_condition.map((c: any) => c.value)).toEqual([
        expect.stringMatching(/aws_cloudwatch_metric_alarm\.edge_Alarms_Elb5xx_/),
        expect.stringMatching(/aws_cloudwatch_metric_alarm\.edge_Alarms_ApiNoHealthyHosts_/),
        expect.stringMatching(/aws_cloudwatch_metric_alarm\.edge_Alarms_ApiTarget5xx_/),
        expect.stringMatching(/aws_cloudwatch_metric_alarm\.db_Alarms_FreeStorageSpace_/),
      ]);
    }
  });

  describe('least privilege', () => {
    test('the instance-loss role has only the permissions the FIS actions reference lists for aws:ecs:stop-task (and log delivery)', () => {
      const policy = experimentPolicyOf(json, 'InstanceLossApi');
      const granted = policy.Statement.flatMap((s: any) => [s.Action].flat());
      expect(FIS_ACTIONS['aws:ecs:stop-task'].permissions).toEqual(['ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:StopTask', 'tag:GetResources']);
      const allowed = new Set([...FIS_ACTIONS['aws:ecs:stop-task'].permissions, 'logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups']);
      for (const action of granted) {
        expect(action).not.toContain('*');
        expect(allowed.has(action)).toBe(true);
      }
      expect(granted).toEqual(expect.arrayContaining(FIS_ACTIONS['aws:ecs:stop-task'].permissions));
    });

    test('tasks are stopped only in the service\'s cluster, and only those carrying the service\'s tags', () => {
      const policy = experimentPolicyOf(json, 'InstanceLossApi');
      const tasks = expect.stringMatching(/^arn:\$\{data\.aws_partition\.\w+\.partition\}:ecs:\$\{data\.aws_region\.\w+\.region\}:\$\{data\.aws_caller_identity\.\w+\.account_id\}:task\/shop-api\/\*$/);
      expect(policy.Statement).toContainEqual({
        Sid: 'Action1StopTasks',
        Effect: 'Allow',
        Action: 'ecs:StopTask',
        Resource: tasks,
        Condition: { StringEquals: { 'aws:ResourceTag/ft:construct-path': 'shop/api', 'aws:ResourceTag/ft:track': 'stable' } },
      });
      expect(policy.Statement).toContainEqual({ Sid: 'Action1DescribeTasks', Effect: 'Allow', Action: 'ecs:DescribeTasks', Resource: tasks });
      // Only calls without a resource to scope by (listing, tag lookup, log delivery) take `*`.
      const wildcard = policy.Statement.filter((s: any) => s.Resource === '*').flatMap((s: any) => [s.Action].flat());
      expect(wildcard.sort()).toEqual(['ecs:ListTasks', 'logs:CreateLogDelivery', 'tag:GetResources']);
    });

    test('the zone-loss role has no ECS or EC2 instance permission: it only swaps network ACLs and fails the database over', () => {
      const granted: string[] = experimentPolicyOf(json, 'ZoneLoss').Statement.flatMap((s: any) => [s.Action].flat());
      const instanceOrTask = ['ec2:StopInstances', 'ec2:StartInstances', 'ec2:TerminateInstances', 'ec2:InjectApiError', 'ssm:SendCommand'];
      expect(granted.filter((a) => a.startsWith('ecs:') || instanceOrTask.includes(a))).toEqual([]);
      expect(granted).toEqual(expect.arrayContaining(['ec2:ReplaceNetworkAclAssociation', 'rds:RebootDBInstance']));
    });
  });

  test('the stack is valid Terraform: validate and plan offline, FIS provider-side checks included', () => {
    expect(stack).toBeValidTerraformOffline();
  });
});

describe('FaultExperiments on ECS Fargate: options and limits', () => {
  test('a canary\'s tasks are not stopped: instance loss targets the primary service only', () => {
    const { stack } = awsStack({ compute: AwsCompute.FARGATE, canary: true });
    const { json } = experimentsOf(stack, { target });
    const fis = templates(json);
    expect(fis['instance-loss-api'].target[0].resource_tag).toEqual([{ key: 'ft:construct-path', value: 'shop/api' }, { key: 'ft:track', value: 'stable' }]);
    expect(fis['instance-loss-api'].target[0].parameters).toEqual({ cluster: 'shop-api', service: 'shop-api' });
  });

  test('without the network, the zone experiment cannot reach the tasks: a warning says so, and the hypothesis claims nothing for them', () => {
    const { stack, network } = awsStack({ compute: AwsCompute.FARGATE });
    const { experiments, json } = experimentsOf(stack, { target, exclude: [{ construct: network, reason: 'the network is shared with another team' }] });
    expect(warningsOf(experiments)).toContain(
      'FaultExperiments "shop/FaultExperiments": The AWS zone experiment does not reach `api` (ECS Fargate): its tasks are lost with a zone only ' +
        'when the zone\'s subnets are cut off, and no MultiAzNetwork of the stack reports its subnets. Declare the network in the same stack.',
    );
    const zone = experiments.experiments.find((e) => e.name === 'zone-loss')!;
    expect(zone.hypothesis).not.toContain('`api`');
    expect(zone.constructPaths).not.toContain('shop/api');
    expect(templates(json)['zone-loss'].action.map((a: any) => a.action_id)).toEqual(['aws:rds:reboot-db-instances']);
  });
});
