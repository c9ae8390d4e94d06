import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { awsStack, byPath, experimentPolicyOf, experimentsOf, templates } from './stacks';
import {
  AlarmSeverity,
  Duration,
  FaultExperimentKind,
  FaultExperimentRegistry,
  FaultExperiments,
  PlatformKind,
  ResilienceTarget,
} from '../../src';
import { FIS_ACTIONS } from '../../src/fault-injection/private/fis-catalogue';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const target = ResilienceTarget.survive({ zoneLoss: 1, maxDetection: Duration.seconds(30) });

function actionsOf(template: any): Record<string, any> {
  return Object.fromEntries(template.action.map((a: any) => [a.name, a]));
}
function targetsOf(template: any): Record<string, any> {
  return Object.fromEntries(template.target.map((t: any) => [t.name, t]));
}
function params(action: any): Record<string, string> {
  return Object.fromEntries((action.parameter ?? []).map((p: any) => [p.key, p.value]));
}

describe('FaultExperiments on AWS: what is derived from the seed web application', () => {
  const { stack, api, db } = awsStack();
  const { experiments, json } = experimentsOf(stack, { target });
  const fis = templates(json);

  test('one FIS template per experiment: zone loss, instance loss, database failover, CPU stress', () => {
    expect(Object.keys(fis).sort()).toEqual(['cpu-stress-api', 'database-failover-db', 'instance-loss-api', 'zone-loss']);
    expect(experiments.experiments.map((e) => [e.name, e.kind, e.platform])).toEqual([
      ['zone-loss', FaultExperimentKind.ZONE_LOSS, PlatformKind.AWS],
      ['instance-loss-api', FaultExperimentKind.INSTANCE_LOSS, PlatformKind.AWS],
      ['database-failover-db', FaultExperimentKind.DATABASE_FAILOVER, PlatformKind.AWS],
      ['cpu-stress-api', FaultExperimentKind.CPU_STRESS, PlatformKind.AWS],
    ]);
  });

  test('zone loss: each hypothesis names its numbers from the facts', () => {
    expect(experiments.experiments[0].hypothesis).toBe(
      'With 1 zone (eu-west-1a) lost for 10min (instances stopped, subnets cut off, no new capacity there): ' +
        '`api` keeps ≥ 2 of 3 instances serving, takes the failed instances out of rotation within 25s, and relaunches the lost capacity in the other zones; ' +
        '`edge` keeps serving from 2 zones; `db` fails over within 2min if its primary is in that zone, losing no acknowledged write; ' +
        'no alarm that says users are affected fires.',
    );
    expect(experiments.experiments[0].blastRadius).toBe('1 zone (eu-west-1a)');
    expect(fis['zone-loss'].description).toBe(`zone-loss: ${experiments.experiments[0].hypothesis}`);
  });

  test('zone loss is composed like "AZ Availability: Power Interruption": stop, refuse capacity, cut off subnets, fail over', () => {
    const actions = actionsOf(fis['zone-loss']);
    expect(Object.values(actions).map((a: any) => a.action_id)).toEqual([
      'aws:ec2:stop-instances',
      'aws:ec2:asg-insufficient-instance-capacity-error',
      'aws:network:disrupt-connectivity',
      'aws:rds:reboot-db-instances',
    ]);
    expect(params(actions['stop-group-1-zone-1'])).toEqual({ startInstancesAfterDuration: 'PT10M', completeIfInstancesTerminated: 'true' });
    expect(params(actions['refuse-capacity-group-1'])).toEqual({ availabilityZoneIdentifiers: 'eu-west-1a', duration: 'PT10M', percentage: '100' });
    expect(params(actions['cut-off-network-1-zone-1'])).toEqual({ scope: 'all', duration: 'PT10M' });
    expect(params(actions['fail-over-database-1'])).toEqual({ forceFailover: 'true' });
    expect(fis['zone-loss'].experiment_options).toEqual({ account_targeting: 'single-account', empty_target_resolution_mode: 'skip' });
  });

  test('zone targeting: instances by the group\'s tags in the lost zone and the VPC; subnets by the network\'s tag; the database by AZ', () => {
    const targets = targetsOf(fis['zone-loss']);
    expect(targets['group-1-instances-zone-1']).toEqual({
      name: 'group-1-instances-zone-1',
      resource_type: 'aws:ec2:instance',
      selection_mode: 'ALL',
      resource_tag: [
        { key: 'ft:construct-path', value: 'shop/api' },
        { key: 'ft:track', value: 'stable' },
      ],
      filter: [
        { path: 'Placement.AvailabilityZone', values: ['eu-west-1a'] },
        { path: 'State.Name', values: ['running'] },
        { path: 'VpcId', values: [expect.stringMatching(/^\$\{aws_vpc\.network_Vpc_\w+\.id\}$/)] },
      ],
    });
    expect(targets['group-1']).toEqual(expect.objectContaining({ resource_type: 'aws:ec2:autoscaling-group', resource_arns: [expect.stringMatching(/^\$\{aws_autoscaling_group\.api_AutoScalingGroup_\w+\.arn\}$/)] }));
    expect(targets['network-1-subnets-zone-1']).toEqual(
      expect.objectContaining({
        resource_type: 'aws:ec2:subnet',
        resource_tag: [{ key: 'ft:construct-path', value: 'shop/network' }],
        filter: [{ path: 'AvailabilityZone', values: ['eu-west-1a'] }, { path: 'VpcId', values: [expect.stringMatching(/aws_vpc\.network_Vpc/)] }],
      }),
    );
    expect(targets['database-1']).toEqual(
      expect.objectContaining({
        resource_type: 'aws:rds:db',
        resource_tag: [{ key: 'ft:construct-path', value: 'shop/db' }, { key: 'Name', value: db.name }],
        parameters: { availabilityZoneIdentifiers: 'eu-west-1a' },
      }),
    );
  });

  test('instance loss: one running instance of the primary group terminated', () => {
    const t = fis['instance-loss-api'];
    expect(t.action).toEqual([expect.objectContaining({ action_id: 'aws:ec2:terminate-instances', target: { key: 'Instances', value: 'one-instance' } })]);
    expect(t.target).toEqual([expect.objectContaining({ selection_mode: 'COUNT(1)', resource_type: 'aws:ec2:instance' })]);
    expect(t.experiment_options.empty_target_resolution_mode).toBe('fail');
    expect(experiments.experiments[1].hypothesis).toBe(
      'With 1 of 3 instances of `api` terminated: `api` keeps ≥ 2 instances serving, the failed target leaves rotation within 25s, ' +
        'and the Auto Scaling group replaces it; no alarm that says users are affected fires.',
    );
  });

  test('database failover: the Multi-AZ primary, by ARN, rebooted with a forced failover', () => {
    const t = fis['database-failover-db'];
    expect(t.target).toEqual([{ name: 'database', resource_type: 'aws:rds:db', selection_mode: 'ALL', resource_arns: [expect.stringMatching(/^\$\{aws_db_instance\.db_Instance_\w+\.arn\}$/)] }]);
    expect(params(t.action[0])).toEqual({ forceFailover: 'true' });
    expect(experiments.experiments[2].hypothesis).toBe(
      'With `db` failed over to its standby in another zone: writes resume within 2min and no acknowledged write is lost; no alarm that says users are affected fires.',
    );
  });

  test('CPU stress: AWSFIS-Run-CPU-Stress in the provider\'s partition and region, for the fault\'s duration', () => {
    const p = params(fis['cpu-stress-api'].action[0]);
    expect(p.documentArn).toMatch(/^arn:\$\{data\.aws_partition\.FaultExperiments_Partition_\w+\.partition\}:ssm:\$\{data\.aws_region\.FaultExperiments_Region_\w+\.region\}::document\/AWSFIS-Run-CPU-Stress$/);
    expect(JSON.parse(p.documentParameters)).toEqual({ DurationSeconds: '600', InstallDependencies: 'True' });
    expect(p.duration).toBe('PT10M');
  });

  test('stop conditions: the alarms that say users are affected, never the capacity alarm the fault trips on purpose', () => {
    for (const t of Object.values(fis)) {
      expect(t.stop_condition).toEqual([
        { source: 'aws:cloudwatch:alarm', value: expect.stringMatching(/aws_cloudwatch_metric_alarm\.edge_Alarms_Elb5xx_/) },
        { source: 'aws:cloudwatch:alarm', value: expect.stringMatching(/aws_cloudwatch_metric_alarm\.edge_Alarms_ApiNoHealthyHosts_/) },
        { source: 'aws:cloudwatch:alarm', value: expect.stringMatching(/aws_cloudwatch_metric_alarm\.edge_Alarms_ApiTarget5xx_/) },
        { source: 'aws:cloudwatch:alarm', value: expect.stringMatching(/aws_cloudwatch_metric_alarm\.db_Alarms_FreeStorageSpace_/) },
      ]);
    }
    expect(experiments.experiments[0].stopConditions).toEqual(['shop-edge-Elb5xx', 'shop-edge-ApiNoHealthyHosts', 'shop-edge-ApiTarget5xx', 'shop-db-FreeStorageSpace']);
    expect(JSON.stringify(Object.values(fis))).not.toContain('InServiceInstances');
  });

  test('logging: every template logs (schema 2) to one KMS-encrypted log group kept a year', () => {
    for (const t of Object.values(fis)) {
      expect(t.log_configuration).toEqual({
        log_schema_version: 2,
        cloudwatch_logs_configuration: { log_group_arn: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.FaultExperiments_LogGroup_\w+\.arn\}:\*$/) },
      });
    }
    const [group] = byPath(json, 'aws_cloudwatch_log_group', 'FaultExperiments/LogGroup');
    expect(group).toEqual(expect.objectContaining({
      name: '/cdktf-fault-tolerance/fault-experiments/shop-faultexperiments',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/aws_kms_key\.FaultExperiments_LogEncryptionKey_\w+\.arn/),
    }));
    const [key] = byPath(json, 'aws_kms_key', 'FaultExperiments/LogEncryptionKey');
    expect(key.enable_key_rotation).toBe(true);
  });

  test('one role per experiment, assumable only by AWS FIS of this account', () => {
    const roles = byPath(json, 'aws_iam_role', 'FaultExperiments_Role');
    expect(roles).toHaveLength(4);
    for (const role of roles) {
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'fis.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': expect.stringMatching(/data\.aws_caller_identity/) },
            ArnLike: { 'aws:SourceArn': expect.stringMatching(/^arn:\$\{data\.aws_partition\.[^}]+\}:fis:\$\{data\.aws_region\.[^}]+\}:\$\{data\.aws_caller_identity\.[^}]+\}:experiment\/\*$/) },
          },
        },
      ]);
    }
    expect(new Set(Object.values(fis).map((t) => t.role_arn)).size).toBe(4);
  });

  describe('least privilege', () => {
    const ids = ['ZoneLoss', 'InstanceLossApi', 'DatabaseFailoverDb', 'CpuStressApi'];
    const names = ['zone-loss', 'instance-loss-api', 'database-failover-db', 'cpu-stress-api'];
    const readOnly = /^(ec2:Describe|ec2:GetManagedPrefixListEntries|rds:Describe|autoscaling:Describe|tag:GetResources|ssm:ListCommands|logs:Describe)/;
    // Without resource-level permissions (Service Authorization Reference): `*` is the only resource they take.
    const noResourceLevel = ['ssm:CancelCommand', 'logs:CreateLogDelivery'];

    test.each(ids.map((id, i) => [id, names[i]]))('%s: no `*` action, and only the permissions the FIS actions reference lists for its own actions', (id, name) => {
      const policy = experimentPolicyOf(json, id);
      const allowed = new Set([
        ...fis[name].action.flatMap((a: any) => FIS_ACTIONS[a.action_id].permissions),
        'logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups', 'ssm:CancelCommand',
      ]);
      const granted = policy.Statement.flatMap((s: any) => [s.Action].flat());
      for (const action of granted) {
        expect(action).not.toContain('*');
        expect(allowed.has(action)).toBe(true);
      }
    });

    test.each(ids)('%s: every mutating permission is scoped: by ARN, by the stack\'s tags, or by FIS condition keys', (id) => {
      const policy = experimentPolicyOf(json, id);
      for (const s of policy.Statement) {
        const actions: string[] = [s.Action].flat();
        if (actions.every((a) => readOnly.test(a) || noResourceLevel.includes(a)) || s.Sid === 'DeliverLogsToLogGroup') {
          continue;
        }
        const resources: string[] = [s.Resource].flat();
        const byArn = resources.every((r) => /\$\{aws_/.test(r) || /document\/AWSFIS-Run-CPU-Stress$/.test(r));
        const byTag = JSON.stringify(s.Condition ?? {}).match(/ResourceTag\/ft:construct-path|managedByFIS|ec2:FisTargetArns|ec2:Vpc|kms:ViaService/);
        expect({ sid: s.Sid, scoped: byArn || Boolean(byTag) }).toEqual({ sid: s.Sid, scoped: true });
      }
    });

    test('instance actions are scoped to this stack\'s group by its tags', () => {
      const policy = experimentPolicyOf(json, 'InstanceLossApi');
      expect(policy.Statement).toContainEqual({
        Sid: 'Action1Terminate',
        Effect: 'Allow',
        Action: 'ec2:TerminateInstances',
        Resource: expect.stringMatching(/:instance\/\*$/),
        Condition: { StringEquals: { 'aws:ResourceTag/ft:construct-path': 'shop/api', 'aws:ResourceTag/ft:track': 'stable' } },
      });
    });

    test('capacity errors are injected only into this stack\'s Auto Scaling group, by FIS condition keys', () => {
      const policy = experimentPolicyOf(json, 'ZoneLoss');
      expect(policy.Statement).toContainEqual({
        Sid: 'Action2InjectCapacityErrors',
        Effect: 'Allow',
        Action: 'ec2:InjectApiError',
        Resource: '*',
        Condition: {
          'StringEquals': { 'ec2:FisActionId': 'aws:ec2:asg-insufficient-instance-capacity-error' },
          'ForAllValues:ArnEquals': { 'ec2:FisTargetArns': [expect.stringMatching(/^\$\{aws_autoscaling_group\.api_AutoScalingGroup_\w+\.arn\}$/)] },
        },
      });
    });
  });

  test('the fault_experiments output lists each template id, hypothesis and stop conditions for CI', () => {
    expect(json.output.fault_experiments.value['zone-loss']).toEqual({
      template_id: expect.stringMatching(/^\$\{aws_fis_experiment_template\.FaultExperiments_ExperimentZoneLoss_\w+\.id\}$/),
      kind: 'zone_loss',
      hypothesis: experiments.experiments[0].hypothesis,
      blast_radius: '1 zone (eu-west-1a)',
      stop_conditions: ['shop-edge-Elb5xx', 'shop-edge-ApiNoHealthyHosts', 'shop-edge-ApiTarget5xx', 'shop-db-FreeStorageSpace'],
    });
  });

  test('experiments are registered for the resilience report', () => {
    expect(FaultExperimentRegistry.of(stack).experiments).toEqual(experiments.experiments);
    expect(experiments.experiments[0].resourcePaths).toEqual(['shop/FaultExperiments/ExperimentZoneLoss']);
    expect(experiments.experiments[0].constructPaths).toEqual(['shop/api', 'shop/network', 'shop/db', 'shop/edge']);
  });

  test('the stack is valid Terraform: validate and plan offline, FIS provider-side checks included', () => {
    expect(stack).toBeValidTerraformOffline();
  });
});

describe('FaultExperiments on AWS: options', () => {
  test('the blast radius follows the target: 2 zones when zoneLoss is 2 (of 3), one action per lost zone', () => {
    const { stack } = awsStack();
    const { experiments, json } = experimentsOf(stack, { target: ResilienceTarget.survive({ zoneLoss: 2 }), kinds: [FaultExperimentKind.ZONE_LOSS] });
    const t = templates(json)['zone-loss'];
    expect(t.action.map((a: any) => a.name)).toEqual([
      'stop-group-1-zone-1', 'stop-group-1-zone-2', 'refuse-capacity-group-1', 'cut-off-network-1-zone-1', 'cut-off-network-1-zone-2', 'fail-over-database-1',
    ]);
    expect(params(actionsOf(t)['refuse-capacity-group-1']).availabilityZoneIdentifiers).toBe('eu-west-1a,eu-west-1b');
    expect(experiments.experiments[0].hypothesis).toContain('With 2 zones (eu-west-1a, eu-west-1b) lost');
    expect(experiments.experiments[0].hypothesis).toContain('`api` keeps ≥ 1 of 3 instances serving');
  });

  test('zoneLoss 0: no zone experiment, and a warning says why', () => {
    const { stack } = awsStack();
    const experiments = FaultExperiments.of(stack, { target: ResilienceTarget.survive({ zoneLoss: 0 }) });
    expect(experiments.experiments.map((e) => e.kind)).not.toContain(FaultExperimentKind.ZONE_LOSS);
    expect(experiments.node.metadata.map((m) => m.data)).toContain(
      'FaultExperiments "shop/FaultExperiments": No zone experiment: the resilience target tolerates the loss of no zone (`zoneLoss: 0`).',
    );
  });

  test('`zones` picks the zone to lose', () => {
    const { stack } = awsStack();
    const { json } = experimentsOf(stack, { zones: ['eu-west-1c'], kinds: [FaultExperimentKind.ZONE_LOSS] });
    const t = templates(json)['zone-loss'];
    expect(targetsOf(t)['group-1-instances-zone-1'].filter[0]).toEqual({ path: 'Placement.AvailabilityZone', values: ['eu-west-1c'] });
  });

  test('zones looked up at deploy time are targeted by reference and named by position in the hypothesis', () => {
    const { stack } = awsStack({ lookupZones: true });
    const { experiments, json } = experimentsOf(stack, { kinds: [FaultExperimentKind.ZONE_LOSS] });
    expect(experiments.experiments[0].hypothesis).toContain('With 1 zone (zone 1 of the network) lost');
    const t = templates(json)['zone-loss'];
    expect(targetsOf(t)['group-1-instances-zone-1'].filter[0].values).toEqual([expect.stringMatching(/^\$\{element\(data\.aws_availability_zones\.network_AvailabilityZones_\w+\.names, 0\)\}$/)]);
  });

  test('Aurora: the cluster fails over to a reader (by writer zone in the zone experiment)', () => {
    const { stack } = awsStack({ aurora: true });
    const { json } = experimentsOf(stack, { kinds: [FaultExperimentKind.ZONE_LOSS, FaultExperimentKind.DATABASE_FAILOVER] });
    const fis = templates(json);
    expect(fis['database-failover-db'].action[0].action_id).toBe('aws:rds:failover-db-cluster');
    expect(fis['database-failover-db'].target[0].resource_type).toBe('aws:rds:cluster');
    expect(targetsOf(fis['zone-loss'])['database-1']).toEqual(expect.objectContaining({ resource_type: 'aws:rds:cluster', parameters: { writerAvailabilityZoneIdentifiers: 'eu-west-1a' } }));
  });

  test('`exclude` leaves a construct out with its reason: no failover, and the zone experiment does not touch it', () => {
    const { stack, db } = awsStack();
    const { experiments, json } = experimentsOf(stack, { exclude: [{ construct: db, reason: 'the staging database has no standby to spare' }] });
    expect(experiments.experiments.map((e) => e.name)).toEqual(['zone-loss', 'instance-loss-api', 'cpu-stress-api']);
    expect(templates(json)['zone-loss'].action.map((a: any) => a.action_id)).not.toContain('aws:rds:reboot-db-instances');
  });

  test('`kinds` chooses the experiments; `faultDuration` their length', () => {
    const { stack } = awsStack();
    const { experiments, json } = experimentsOf(stack, { kinds: [FaultExperimentKind.CPU_STRESS], faultDuration: Duration.minutes(5) });
    expect(experiments.experiments.map((e) => e.name)).toEqual(['cpu-stress-api']);
    expect(params(templates(json)['cpu-stress-api'].action[0]).duration).toBe('PT5M');
  });

  test('more than 5 stop conditions become one composite alarm (FIS takes 5)', () => {
    const { stack } = awsStack();
    const arns = ['a', 'b'].map((n) => `arn:aws:cloudwatch:eu-west-1:123456789012:alarm:business-${n}`);
    const { experiments, json } = experimentsOf(stack, { stopConditionAlarmArns: arns, kinds: [FaultExperimentKind.INSTANCE_LOSS] });
    const [composite] = Object.values<any>(json.resource.aws_cloudwatch_composite_alarm);
    expect(composite.alarm_rule).toBe(
      'ALARM("shop-edge-Elb5xx") OR ALARM("shop-edge-ApiNoHealthyHosts") OR ALARM("shop-edge-ApiTarget5xx") OR ALARM("shop-db-FreeStorageSpace") OR ' +
        `ALARM("${arns[0]}") OR ALARM("${arns[1]}")`,
    );
    expect(composite.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\.oncall_Topic/)]);
    expect(templates(json)['instance-loss-api'].stop_condition).toEqual([{ source: 'aws:cloudwatch:alarm', value: expect.stringMatching(/aws_cloudwatch_composite_alarm\.FaultExperiments_StopConditionAlarm_\w+\.arn/) }]);
    expect(experiments.experiments[0].stopConditions).toEqual(['shop-faultexperiments-user-impact']);
  });

  test('an experiment without a stop condition is an error', () => {
    const { stack } = awsStack({ alarms: false });
    expect(() => FaultExperiments.of(stack)).toThrow(
      'FaultExperiments "shop/FaultExperiments": the AWS experiments ["zone-loss", "instance-loss-api", "database-failover-db", "cpu-stress-api"] have no stop ' +
        'condition: no construct they involve reports an alarm that says users are affected (are the critical alarms turned off?). An experiment that ' +
        'cannot be stopped is not run: turn the alarms on, or pass `stopConditionAlarmArns`.',
    );
  });

  test('`logEncryptionKeyArn`, `logRetention`, `tags` and `outputs: false`', () => {
    const { stack } = awsStack();
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const { json } = experimentsOf(stack, { logEncryptionKeyArn: key, logRetention: Duration.days(30), tags: { team: 'sre' }, outputs: false });
    const [group] = byPath(json, 'aws_cloudwatch_log_group', 'FaultExperiments/LogGroup');
    expect(group).toEqual(expect.objectContaining({ kms_key_id: key, retention_in_days: 30 }));
    expect(byPath(json, 'aws_kms_key', 'FaultExperiments/LogEncryptionKey')).toEqual([]);
    expect(templates(json)['zone-loss'].tags.team).toBe('sre');
    expect(json.output?.fault_experiments).toBeUndefined();
  });

  test('declared once per stack: of() returns it, and props twice are refused', () => {
    const { stack } = awsStack();
    const first = FaultExperiments.of(stack, { target });
    expect(FaultExperiments.of(stack)).toBe(first);
    expect(() => FaultExperiments.of(stack, { target })).toThrow(
      'FaultExperiments.of("shop"): the experiments are already declared on this stack; pass their props once, in the first call.',
    );
  });

  test('a stack without constructs that report fault targets gets a warning, not resources', () => {
    const { stack } = awsStack();
    const empty = new (stack.constructor as any)(Testing.app(), 'empty');
    const experiments = FaultExperiments.of(empty);
    expect(experiments.experiments).toEqual([]);
    expect(experiments.node.metadata.map((m) => m.data)).toEqual([
      'FaultExperiments "empty/FaultExperiments": no experiment was derived: no construct of the stack reports fault targets. Declare FaultExperiments last in the stack.',
    ]);
  });

  test('warning alarms are not stop conditions; the same alarm raised to critical is', () => {
    const warning = FaultExperiments.of(awsStack().stack, { kinds: [FaultExperimentKind.INSTANCE_LOSS] });
    expect(warning.experiments[0].stopConditions).not.toContain('shop-edge-ApiUnhealthyHosts');
    const { stack } = awsStack({ unhealthyHostsSeverity: AlarmSeverity.CRITICAL });
    const critical = FaultExperiments.of(stack, { kinds: [FaultExperimentKind.INSTANCE_LOSS] });
    expect(critical.experiments[0].stopConditions).toContain('shop-edge-ApiUnhealthyHosts');
  });
});
