import 'cdktf/lib/testing/adapters/jest';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformVariable, Testing } from 'cdktf';
import { resolve } from 'cdktf/lib/_tokens';
import { Construct } from 'constructs';
import { POSTGRES_PARAMETERS, DbSynth, TOPIC, byName, ref, resource, resources, synthDb } from './helpers';
import { AlarmRegistry, AlarmSeverity, CapabilityKind, DatabaseEngine, DatabaseRemovalPolicy, DatabaseStorageType, Duration, IAwsConnectable, MultiAzNetwork, Platform, PlatformKind, ReplicatedDatabase, Replication, ReplicationTopology } from '../../src';

const GIB = 1024 ** 3;
const KEY_ARN = 'arn:aws:kms:eu-west-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

function postgres(props: Partial<Parameters<typeof synthDb>[0]> = {}, extra?: Parameters<typeof synthDb>[1]): DbSynth {
  return synthDb({ engine: DatabaseEngine.postgres('16.4'), ...props }, extra);
}

/** The resolved value of a token, as it is synthesized. */
function resolved(db: ReplicatedDatabase, value: unknown): unknown {
  return resolve(db, value);
}

/** A client construct with a security group, like a service. */
class Client extends Construct implements IAwsConnectable {
  public readonly securityGroupId: string;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.securityGroupId = `sg-${id}`;
  }
}

describe('ReplicatedDatabase defaults (PostgreSQL, Multi-AZ)', () => {
  const { json, text, db } = postgres();
  const instance = resource(json, 'aws_db_instance', 'db_Instance');
  const keyArn = ref(json, 'aws_kms_key', 'db_EncryptionKey', 'arn');

  test('one Multi-AZ RDS instance of PostgreSQL 16.4 on db.m7g.large, named after the construct path', () => {
    expect(resources(json, 'aws_db_instance')).toHaveLength(1);
    expect(text).toHaveResourceWithProperties(DbInstance, {
      identifier: 'stack-db',
      engine: 'postgres',
      engine_version: '16.4',
      instance_class: 'db.m7g.large',
      multi_az: true,
    });
    expect(instance.availability_zone).toBeUndefined();
    expect(db.replication.topology).toBe(ReplicationTopology.MULTI_AZ);
  });

  test('20 GiB of encrypted gp3 storage that autoscales up to 200 GiB', () => {
    expect(instance).toMatchObject({ allocated_storage: 20, max_allocated_storage: 200, storage_type: 'gp3', storage_encrypted: true, kms_key_id: keyArn });
    expect(instance.iops).toBeUndefined();
  });

  test('in the isolated subnets of every zone, behind its own security group, never publicly accessible', () => {
    expect(text).toHaveResourceWithProperties(DbSubnetGroup, {
      name: 'stack-db',
      subnet_ids: [1, 2, 3].map((i) => ref(json, 'aws_subnet', `IsolatedSubnet${i}`, 'id')),
    });
    expect(instance).toMatchObject({
      db_subnet_group_name: ref(json, 'aws_db_subnet_group', 'db_SubnetGroup', 'name'),
      vpc_security_group_ids: [ref(json, 'aws_security_group', 'db_SecurityGroup', 'id')],
      publicly_accessible: false,
      port: 5432,
    });
  });

  test('the security group has no inline rules, admits nobody until allowFrom, and allows no egress', () => {
    const sg = resource(json, 'aws_security_group', 'db_SecurityGroup');
    expect(sg).toMatchObject({ name: 'stack-db', vpc_id: ref(json, 'aws_vpc', 'network_Vpc', 'id') });
    expect(sg.description).toBe('Database stack/db: admits only the clients given to allowFrom');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(resources(json, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    expect(resources(json, 'aws_vpc_security_group_egress_rule')).toEqual([]);
    expect(resolved(db, db.securityGroupId)).toBe(resolved(db, db.aws!.securityGroup.id));
  });

  test('no password in configuration or state: RDS manages it in Secrets Manager, encrypted with the key', () => {
    expect(instance).toMatchObject({ username: 'dbadmin', manage_master_user_password: true, master_user_secret_kms_key_id: keyArn });
    expect(instance.password).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/"password"/);
  });

  test('TLS enforced (rds.force_ssl = 1), DDL and slow statements logged, in a parameter group of the postgres16 family', () => {
    expect(text).toHaveResourceWithProperties(DbParameterGroup, {
      name_prefix: 'stack-db-',
      family: 'postgres16',
      parameter: POSTGRES_PARAMETERS,
      lifecycle: { create_before_destroy: true },
    });
    expect(instance.parameter_group_name).toBe(ref(json, 'aws_db_parameter_group', 'db_ParameterGroup', 'name'));
  });

  test('7 days of automated backups (point-in-time recovery); RDS picks the windows', () => {
    expect(instance).toMatchObject({ backup_retention_period: 7, delete_automated_backups: false });
    expect(instance.backup_window).toBeUndefined();
    expect(instance.maintenance_window).toBeUndefined();
    expect(db.pointInTimeRecoveryWindow.toDays()).toBe(7);
  });

  test('deletion protection, prevent_destroy and a final snapshot', () => {
    expect(instance).toMatchObject({
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
      skip_final_snapshot: false,
      final_snapshot_identifier: 'stack-db-final',
    });
  });

  test("a KMS key with rotation, kept 30 days after deletion, protected from destroy, usable by CloudWatch Logs for the database's own log groups only", () => {
    expect(text).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      lifecycle: { prevent_destroy: true },
    });
    const policy = JSON.parse(resource(json, 'aws_kms_key', 'db_EncryptionKey').policy);
    expect(policy.Statement.map((s: any) => s.Sid)).toEqual(['AccountAdministration', 'CloudWatchLogsEncryption']);
    expect(policy.Statement[1].Principal.Service).toMatch(/^logs\.\$\{data\.aws_region\.db_Region_\w+\.region\}\.amazonaws\.com$/);
    // Only this database's log groups (and its replicas'), not every RDS log group of the account.
    expect(policy.Statement[1].Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']).toEqual([
      expect.stringMatching(/:log-group:\/aws\/rds\/\*\/stack-db\/\*$/),
      expect.stringMatching(/:log-group:\/aws\/rds\/\*\/stack-db-\*\/\*$/),
    ]);
    expect(resolved(db, db.aws!.encryptionKeyArn)).toBe(keyArn);
  });

  test('Performance Insights on, encrypted with the key, kept 7 days', () => {
    expect(instance).toMatchObject({
      performance_insights_enabled: true,
      performance_insights_kms_key_id: keyArn,
      performance_insights_retention_period: 7,
    });
  });

  test('Enhanced Monitoring every 60 s with a role only RDS monitoring of this account can assume', () => {
    expect(instance).toMatchObject({ monitoring_interval: 60, monitoring_role_arn: ref(json, 'aws_iam_role', 'db_MonitoringRole', 'arn') });
    expect(text).toHaveResourceWithProperties(IamRole, { name: 'stack-db-monitoring' });
    const trust = JSON.parse(resource(json, 'aws_iam_role', 'db_MonitoringRole').assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'monitoring.rds.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': expect.stringMatching(/^\$\{data\.aws_caller_identity\.\w+\.account_id\}$/) } },
      },
    ]);
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: expect.stringMatching(/^arn:\$\{data\.aws_partition\.\w+\.partition\}:iam::aws:policy\/service-role\/AmazonRDSEnhancedMonitoringRole$/),
    });
  });

  test('postgresql and upgrade logs exported to encrypted log groups kept 365 days, created before the instance', () => {
    expect(instance.enabled_cloudwatch_logs_exports).toEqual(['postgresql', 'upgrade']);
    for (const type of ['postgresql', 'upgrade']) {
      expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: `/aws/rds/instance/stack-db/${type}`, retention_in_days: 365, kms_key_id: keyArn });
    }
    expect(instance.depends_on).toEqual([
      expect.stringMatching(/^aws_cloudwatch_log_group\.db_PostgresqlLogGroup_/),
      expect.stringMatching(/^aws_cloudwatch_log_group\.db_UpgradeLogGroup_/),
      expect.stringMatching(/^aws_iam_role_policy_attachment\.db_MonitoringRolePolicy_/),
    ]);
    expect(db.aws!.logGroups).toHaveLength(2);
  });

  test('IAM authentication, automatic minor upgrades, tags copied to snapshots, the RSA 2048 CA, no major upgrades', () => {
    expect(instance).toMatchObject({
      iam_database_authentication_enabled: true,
      auto_minor_version_upgrade: true,
      allow_major_version_upgrade: false,
      copy_tags_to_snapshot: true,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
    });
  });

  test('the library tags on every taggable resource', () => {
    expect(instance.tags).toEqual({ 'Name': 'stack-db', 'ft:construct-path': 'stack/db', 'ft:managed-by': 'cdktf-fault-tolerance' });
  });

  test('CPU, free storage, freeable memory and connections alarms, notifying the platform destination', () => {
    const alarms = byName(json, 'aws_cloudwatch_metric_alarm');
    expect(Object.keys(alarms).map((k) => k.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'db_Alarms_CpuUtilization',
      'db_Alarms_DatabaseConnections',
      'db_Alarms_FreeStorageSpace',
      'db_Alarms_FreeableMemory',
    ]);
    const dims = { DBInstanceIdentifier: 'stack-db' };
    const common = { namespace: 'AWS/RDS', dimensions: dims, alarm_actions: [TOPIC], ok_actions: [TOPIC] };
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      ...common,
      metric_name: 'CPUUtilization',
      statistic: 'Average',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 80,
      period: 300,
      evaluation_periods: 3,
      tags: expect.objectContaining({ 'ft:severity': 'warning' }),
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      ...common,
      metric_name: 'FreeStorageSpace',
      statistic: 'Minimum',
      comparison_operator: 'LessThanThreshold',
      threshold: Math.round(20 * GIB * 0.05),
      period: 60,
      evaluation_periods: 5,
      tags: expect.objectContaining({ 'ft:severity': 'critical' }),
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      ...common,
      metric_name: 'FreeableMemory',
      statistic: 'Average',
      comparison_operator: 'LessThanThreshold',
      threshold: Math.round(8 * GIB * 0.1),
      period: 300,
      evaluation_periods: 3,
    });
    // db.m7g.large has 8 GiB: PostgreSQL's default max_connections is 8 GiB / 9531392 = 901; the alarm fires at 80 %.
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      ...common,
      metric_name: 'DatabaseConnections',
      statistic: 'Maximum',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 720,
      period: 60,
      evaluation_periods: 5,
    });
    expect(db.alarms.map((a) => [a.key, a.severity, a.notifies])).toEqual([
      ['CpuUtilization', AlarmSeverity.WARNING, true],
      ['FreeableMemory', AlarmSeverity.WARNING, true],
      ['DatabaseConnections', AlarmSeverity.WARNING, true],
      ['FreeStorageSpace', AlarmSeverity.CRITICAL, true],
    ]);
    expect(AlarmRegistry.of(db).alarmsOf(db)).toHaveLength(4);
  });

  test('outputs: writer and reader endpoints, port and the secret ARN', () => {
    const address = ref(json, 'aws_db_instance', 'db_Instance', 'address');
    const outputs = Object.fromEntries(Object.entries(json.output).map(([k, v]: [string, any]) => [k.replace(/_[0-9A-F]{8}$/, ''), v.value]));
    expect(outputs).toEqual({
      db_WriterEndpoint: address,
      db_ReaderEndpoint: address,
      db_Port: 5432,
      db_MasterUserSecretArn: expect.stringMatching(/^\$\{aws_db_instance\.db_Instance_\w+\.master_user_secret\[0\]\.secret_arn\}$/),
    });
  });

  test('exposes what it created', () => {
    expect(db.aws!.instance).toBeDefined();
    expect(db.aws!.cluster).toBeUndefined();
    expect(db.aws!.clusterInstances).toEqual([]);
    expect(db.aws!.readReplicas).toEqual([]);
    expect(db.aws!.crossRegionReplica).toBeUndefined();
    expect(db.aws!.parameterGroup).toBeDefined();
    expect(db.aws!.clusterParameterGroup).toBeUndefined();
    expect(db.port).toBe(5432);
    expect(resolved(db, db.writerEndpoint)).toBe(ref(json, 'aws_db_instance', 'db_Instance', 'address'));
    expect(resolved(db, db.readerEndpoint)).toBe(ref(json, 'aws_db_instance', 'db_Instance', 'address'));
    expect(resolved(db, db.masterUserSecretArn)).toMatch(/master_user_secret\[0\]\.secret_arn/);
    expect(db.readReplicaEndpoints).toEqual([]);
    expect(db.recoveryPointObjective.toSeconds()).toBe(60);
    expect(db.crossRegionRecoveryPoint).toBeUndefined();
  });

  test('resilience facts: 2 zones, primary and standby, failover within 120 s, nothing lost', () => {
    expect(db.resilienceFacts()).toEqual({
      capability: CapabilityKind.DATABASE,
      platform: PlatformKind.AWS,
      zones: 2,
      replicas: 2,
      failover: Duration.seconds(120),
      recoveryPoint: Duration.seconds(0),
      acceptedSinglePointsOfFailure: [],
    });
  });

  test('snapshot of the minimal configuration', () => {
    expect(text).toMatchSnapshot();
  });
});

describe('ReplicatedDatabase.allowFrom', () => {
  test('admits a client construct by security-group reference on the database port, once', () => {
    let rules: any[] = [];
    const { json, text } = postgres({}, (scope, db) => {
      const api = new Client(scope, 'api');
      rules = [db.allowFrom(api), db.allowFrom(api)];
    });
    expect(rules[0]).toBe(rules[1]);
    expect(resources(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(1);
    expect(Object.keys(byName(json, 'aws_vpc_security_group_ingress_rule'))[0]).toMatch(/^db_AllowFrom-api_/);
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: ref(json, 'aws_security_group', 'db_SecurityGroup', 'id'),
      referenced_security_group_id: 'sg-api',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      description: 'api connects to the database on port 5432',
    });
    const rule = resources(json, 'aws_vpc_security_group_ingress_rule')[0];
    expect(rule.cidr_ipv4).toBeUndefined();
    expect(rule.cidr_ipv6).toBeUndefined();
  });

  test('gives the client the matching egress to the database port, so it needs no VPC-wide egress', () => {
    const { json, text } = postgres({}, (scope, db) => {
      db.allowFrom(new Client(scope, 'api'));
    });
    expect(resources(json, 'aws_vpc_security_group_egress_rule')).toHaveLength(1);
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: 'sg-api',
      referenced_security_group_id: ref(json, 'aws_security_group', 'db_SecurityGroup', 'id'),
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
      description: 'To the database stack/db on port 5432',
    });
  });

  test('admits plain security groups in call order, with a custom description', () => {
    const { json, text } = postgres({ port: 6432 }, (_scope, db) => {
      db.allowFrom({ securityGroupId: 'sg-1' }, 'the bastion');
      db.allowFrom({ securityGroupId: 'sg-2' });
    });
    expect(Object.keys(byName(json, 'aws_vpc_security_group_ingress_rule')).map((k) => k.replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'db_AllowFrom1',
      'db_AllowFrom2',
    ]);
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { referenced_security_group_id: 'sg-1', description: 'the bastion', from_port: 6432 });
    expect(text).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      referenced_security_group_id: 'sg-2',
      description: 'A client connects to the database on port 6432',
    });
  });
});

describe('ReplicatedDatabase options', () => {
  test('MySQL: port 3306, error and slow query logs, require_secure_transport in the mysql8.0 family', () => {
    const { json, text } = synthDb({ engine: DatabaseEngine.mysql('8.0.40') });
    const instance = resource(json, 'aws_db_instance', 'db_Instance');
    expect(instance).toMatchObject({ engine: 'mysql', engine_version: '8.0.40', port: 3306, enabled_cloudwatch_logs_exports: ['error', 'slowquery'] });
    expect(text).toHaveResourceWithProperties(DbParameterGroup, {
      family: 'mysql8.0',
      parameter: [
        { name: 'require_secure_transport', value: '1', apply_method: 'pending-reboot' },
        { name: 'slow_query_log', value: '1', apply_method: 'pending-reboot' },
        { name: 'log_output', value: 'FILE', apply_method: 'pending-reboot' },
      ],
    });
    // MySQL's default max_connections for 8 GiB is 8 GiB / 12582880 = 682; the alarm fires at 80 %.
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'DatabaseConnections', threshold: 545 });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/rds/instance/stack-db/slowquery' });
  });

  test('readReplicas: replicas of the primary in the other zones, with lag alarms and their own log groups', () => {
    const { json, text, db } = postgres({ replication: Replication.multiAz({ readReplicas: 2 }) });
    const replicas = resources(json, 'aws_db_instance').filter((i) => i.replicate_source_db);
    expect(replicas.map((r) => [r.identifier, r.availability_zone])).toEqual([
      ['stack-db-replica-1', 'eu-west-1b'],
      ['stack-db-replica-2', 'eu-west-1c'],
    ]);
    for (const replica of replicas) {
      expect(replica).toMatchObject({
        replicate_source_db: ref(json, 'aws_db_instance', 'db_Instance_', 'identifier'),
        multi_az: false,
        skip_final_snapshot: true,
        deletion_protection: false,
        storage_type: 'gp3',
        max_allocated_storage: 200,
        parameter_group_name: ref(json, 'aws_db_parameter_group', 'db_ParameterGroup', 'name'),
        vpc_security_group_ids: [ref(json, 'aws_security_group', 'db_SecurityGroup', 'id')],
        performance_insights_enabled: true,
        monitoring_interval: 60,
        iam_database_authentication_enabled: true,
        ca_cert_identifier: 'rds-ca-rsa2048-g1',
        publicly_accessible: false,
      });
      // A replica inherits what only a source sets; setting it would fail or drift.
      for (const key of ['username', 'manage_master_user_password', 'engine', 'engine_version', 'backup_retention_period', 'kms_key_id', 'final_snapshot_identifier', 'allocated_storage']) {
        expect(replica[key]).toBeUndefined();
      }
    }
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/rds/instance/stack-db-replica-2/postgresql' });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'stack-db-ReadReplica2Lag',
      metric_name: 'ReplicaLag',
      dimensions: { DBInstanceIdentifier: 'stack-db-replica-2' },
      statistic: 'Maximum',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 60,
      evaluation_periods: 3,
      tags: expect.objectContaining({ 'ft:severity': 'warning' }),
    });
    expect(db.aws!.readReplicas).toHaveLength(2);
    expect(resolved(db, db.readerEndpoint)).toBe(ref(json, 'aws_db_instance', 'db_ReadReplica1', 'address'));
    expect(resolved(db, db.readReplicaEndpoints)).toEqual([1, 2].map((i) => ref(json, 'aws_db_instance', `db_ReadReplica${i}`, 'address')));
    expect(db.resilienceFacts()).toMatchObject({ zones: 2, replicas: 4, recoveryPoint: Duration.seconds(0) });
  });

  test('read replicas of a network whose zones are looked up at plan time go to the next zones by index', () => {
    const text = Testing.synthScope((scope) => {
      const network = new MultiAzNetwork(scope, 'network', { flowLogs: { enabled: false } });
      new ReplicatedDatabase(scope, 'db', {
        platform: Platform.aws({ network }),
        engine: DatabaseEngine.postgres('16'),
        replication: Replication.multiAz({ readReplicas: 1 }),
      });
    });
    expect(text).toHaveResourceWithProperties(DbInstance, {
      identifier: 'stack-db-replica-1',
      availability_zone: expect.stringMatching(/^\$\{element\(data\.aws_availability_zones\.\w+\.names, 1\)\}$/),
    });
  });

  test('instanceClass: thresholds follow the class memory (db.r7g.xlarge: 32 GiB)', () => {
    const { text } = postgres({ instanceClass: 'db.r7g.xlarge' });
    expect(text).toHaveResourceWithProperties(DbInstance, { instance_class: 'db.r7g.xlarge' });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'FreeableMemory', threshold: Math.round(32 * GIB * 0.1) });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'DatabaseConnections', threshold: Math.floor(Math.floor((32 * GIB) / 9531392) * 0.8) });
  });

  test('an instance class of unknown memory falls back to 256 MiB and 400 connections', () => {
    const { text } = postgres({ instanceClass: 'db.z1d.large' });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'FreeableMemory', threshold: 256 * 1024 * 1024 });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'DatabaseConnections', threshold: 400 });
  });

  test('storage: io1 with provisioned IOPS', () => {
    const { json } = postgres({ storage: { storageType: DatabaseStorageType.IO1, allocatedStorage: 400, iops: 12000 } });
    expect(resource(json, 'aws_db_instance', 'db_Instance')).toMatchObject({ storage_type: 'io1', allocated_storage: 400, iops: 12000, max_allocated_storage: 4000 });
  });

  test('storage: gp3 from 400 GiB with IOPS and throughput, autoscaling up to a chosen maximum', () => {
    const { json } = postgres({ storage: { allocatedStorage: 500, maxAllocatedStorage: 2000, iops: 15000, throughput: 750 } });
    expect(resource(json, 'aws_db_instance', 'db_Instance')).toMatchObject({
      storage_type: 'gp3', allocated_storage: 500, max_allocated_storage: 2000, iops: 15000, storage_throughput: 750,
    });
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'FreeStorageSpace').threshold).toBe(Math.round(500 * GIB * 0.05));
  });

  test('storage: maxAllocatedStorage equal to allocatedStorage turns autoscaling off; the default maximum is capped at 65,536 GiB', () => {
    expect(resource(postgres({ storage: { allocatedStorage: 100, maxAllocatedStorage: 100 } }).json, 'aws_db_instance', 'db_Instance').max_allocated_storage).toBeUndefined();
    expect(resource(postgres({ storage: { allocatedStorage: 10000 } }).json, 'aws_db_instance', 'db_Instance').max_allocated_storage).toBe(65536);
  });

  test('port, masterUsername, databaseName and identifier', () => {
    const { json, text, db } = postgres({
      port: 6543, masterUsername: 'owner', databaseName: 'shop', name: 'shop-db', replication: Replication.multiAz({ readReplicas: 1 }),
    });
    expect(resource(json, 'aws_db_instance', 'db_Instance')).toMatchObject({
      identifier: 'shop-db', port: 6543, username: 'owner', db_name: 'shop', final_snapshot_identifier: 'shop-db-final',
    });
    expect(text).toHaveResourceWithProperties(DbInstance, { identifier: 'shop-db-replica-1' });
    expect(text).toHaveResourceWithProperties(DbSubnetGroup, { name: 'shop-db' });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/rds/instance/shop-db/postgresql' });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'CPUUtilization', dimensions: { DBInstanceIdentifier: 'shop-db' } });
    expect(db.port).toBe(6543);
    expect(db.name).toBe('shop-db');
    expect(json.output[Object.keys(json.output).find((k) => k.startsWith('db_Port'))!].value).toBe(6543);
  });

  test('encryptionKeyArn: no key is created, the given key encrypts everything', () => {
    const { json, db } = postgres({ encryptionKeyArn: KEY_ARN });
    expect(resources(json, 'aws_kms_key')).toEqual([]);
    expect(json.data.aws_region).toBeUndefined();
    expect(resource(json, 'aws_db_instance', 'db_Instance')).toMatchObject({
      kms_key_id: KEY_ARN, master_user_secret_kms_key_id: KEY_ARN, performance_insights_kms_key_id: KEY_ARN,
    });
    for (const group of resources(json, 'aws_cloudwatch_log_group')) {
      expect(group.kms_key_id).toBe(KEY_ARN);
    }
    expect(db.aws!.encryptionKey).toBeUndefined();
    expect(db.aws!.encryptionKeyArn).toBe(KEY_ARN);
  });

  test('storageEncrypted: false leaves storage unencrypted but still encrypts the secret and Performance Insights', () => {
    const instance = resource(postgres({ storageEncrypted: false }).json, 'aws_db_instance', 'db_Instance');
    expect(instance.storage_encrypted).toBe(false);
    expect(instance.kms_key_id).toBeUndefined();
    expect(instance.master_user_secret_kms_key_id).toMatch(/aws_kms_key/);
    expect(instance.performance_insights_kms_key_id).toMatch(/aws_kms_key/);
  });

  test('backupRetention and the backup and maintenance windows (lower-cased)', () => {
    const { json, db } = postgres({ backupRetention: Duration.days(35), backupWindow: '01:00-02:00', maintenanceWindow: 'Sun:03:00-Sun:04:00' });
    expect(resource(json, 'aws_db_instance', 'db_Instance')).toMatchObject({
      backup_retention_period: 35, backup_window: '01:00-02:00', maintenance_window: 'sun:03:00-sun:04:00',
    });
    expect(db.pointInTimeRecoveryWindow.toDays()).toBe(35);
  });

  test('removalPolicy SNAPSHOT: deletable, but a final snapshot and the automated backups are kept', () => {
    const { json } = postgres({ removalPolicy: DatabaseRemovalPolicy.SNAPSHOT });
    const instance = resource(json, 'aws_db_instance', 'db_Instance');
    expect(instance).toMatchObject({ deletion_protection: false, skip_final_snapshot: false, final_snapshot_identifier: 'stack-db-final', delete_automated_backups: false });
    expect(instance.lifecycle).toBeUndefined();
    expect(resource(json, 'aws_kms_key', 'db_EncryptionKey').lifecycle).toBeUndefined();
  });

  test('removalPolicy DESTROY: no final snapshot, automated backups deleted', () => {
    const instance = resource(postgres({ removalPolicy: DatabaseRemovalPolicy.DESTROY }).json, 'aws_db_instance', 'db_Instance');
    expect(instance).toMatchObject({ deletion_protection: false, skip_final_snapshot: true, delete_automated_backups: true });
    expect(instance.final_snapshot_identifier).toBeUndefined();
    expect(instance.lifecycle).toBeUndefined();
  });

  test('finalSnapshotIdentifier', () => {
    expect(resource(postgres({ finalSnapshotIdentifier: 'last-words' }).json, 'aws_db_instance', 'db_Instance').final_snapshot_identifier).toBe('last-words');
  });

  test('recoveryPointObjective sets the replica-lag threshold', () => {
    const { json, db } = postgres({ recoveryPointObjective: Duration.seconds(30), replication: Replication.multiAz({ readReplicas: 1 }) });
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'ReadReplica1Lag').threshold).toBe(30);
    expect(db.recoveryPointObjective.toSeconds()).toBe(30);
  });

  test('monitoringInterval and logRetention', () => {
    const { json } = postgres({ monitoringInterval: Duration.seconds(15), logRetention: Duration.days(30) });
    expect(resource(json, 'aws_db_instance', 'db_Instance').monitoring_interval).toBe(15);
    expect(resources(json, 'aws_cloudwatch_log_group').map((g) => g.retention_in_days)).toEqual([30, 30]);
  });

  test('parameters are added after the TLS parameter and may replace a logging parameter', () => {
    const { text } = synthDb({ engine: DatabaseEngine.mysql('8.4'), parameters: { slow_query_log: '0', max_connections: '500' } });
    expect(text).toHaveResourceWithProperties(DbParameterGroup, {
      family: 'mysql8.4',
      parameter: [
        { name: 'require_secure_transport', value: '1', apply_method: 'pending-reboot' },
        { name: 'log_output', value: 'FILE', apply_method: 'pending-reboot' },
        { name: 'slow_query_log', value: '0', apply_method: 'pending-reboot' },
        { name: 'max_connections', value: '500', apply_method: 'pending-reboot' },
      ],
    });
  });

  test('alarms: options change thresholds and severities, or turn an alarm off', () => {
    const { json, db } = postgres({
      alarms: {
        cpuUtilization: { threshold: 90, severity: AlarmSeverity.CRITICAL, evaluationPeriods: 2 },
        freeableMemory: { enabled: false },
      },
    });
    const cpu = resource(json, 'aws_cloudwatch_metric_alarm', 'CpuUtilization');
    expect(cpu).toMatchObject({ threshold: 90, evaluation_periods: 2, datapoints_to_alarm: 2 });
    expect(cpu.alarm_description).toMatch(/^\[CRITICAL\]/);
    expect(db.alarms.map((a) => a.key)).toEqual(['CpuUtilization', 'DatabaseConnections', 'FreeStorageSpace']);
  });

  test('a platform without an alarm destination creates alarms that notify nobody', () => {
    const text = Testing.synthScope((scope) => {
      const network = new MultiAzNetwork(scope, 'network', { flowLogs: { enabled: false } });
      const db = new ReplicatedDatabase(scope, 'db', { platform: Platform.aws({ network }), engine: DatabaseEngine.postgres('16.4') });
      expect(db.alarms.every((a) => !a.notifies)).toBe(true);
    });
    for (const alarm of resources(JSON.parse(text), 'aws_cloudwatch_metric_alarm')) {
      expect(alarm.alarm_actions).toBeUndefined();
    }
  });

  test('outputs: false creates no Terraform outputs', () => {
    expect(postgres({ outputs: false }).json.output).toBeUndefined();
  });

  test('tags are added to every taggable resource', () => {
    const { json } = postgres({ tags: { team: 'payments' }, replication: Replication.multiAz({ readReplicas: 1 }) }, (_s, db) => db.allowFrom({ securityGroupId: 'sg-1' }));
    for (const type of [
      'aws_db_instance', 'aws_db_subnet_group', 'aws_db_parameter_group', 'aws_security_group', 'aws_kms_key', 'aws_iam_role',
      'aws_cloudwatch_log_group', 'aws_vpc_security_group_ingress_rule', 'aws_cloudwatch_metric_alarm',
    ]) {
      const owned = Object.entries(byName(json, type)).filter(([name]) => name.startsWith('db_'));
      expect(owned.length).toBeGreaterThan(0);
      for (const [, r] of owned) {
        if (type !== 'aws_cloudwatch_metric_alarm') {
          expect(r.tags).toEqual(expect.objectContaining({ 'team': 'payments', 'ft:managed-by': 'cdktf-fault-tolerance' }));
        }
      }
    }
  });

  test('an engine version given as a token is mapped to its family by Terraform', () => {
    const text = Testing.synthScope((scope) => {
      const version = new TerraformVariable(scope, 'pg_version', { type: 'string' });
      const network = new MultiAzNetwork(scope, 'network', { flowLogs: { enabled: false } });
      new ReplicatedDatabase(scope, 'db', { platform: Platform.aws({ network }), engine: DatabaseEngine.postgres(version.stringValue) });
      const mysqlVersion = new TerraformVariable(scope, 'mysql_version', { type: 'string' });
      new ReplicatedDatabase(scope, 'db2', { platform: Platform.aws({ network }), engine: DatabaseEngine.mysql(mysqlVersion.stringValue) });
    });
    expect(text).toHaveResourceWithProperties(DbParameterGroup, { family: '${join("", ["postgres", element(split(".", var.pg_version), 0)])}' });
    expect(text).toHaveResourceWithProperties(DbParameterGroup, { family: '${join("", ["mysql", join(".", slice(split(".", var.mysql_version), 0, 2))])}' });
  });

  test('snapshot of the maximal configuration', () => {
    const { text } = postgres(
      {
        engine: DatabaseEngine.postgres('17.2'),
        replication: Replication.multiAz({ readReplicas: 2 }),
        instanceClass: 'db.r7g.2xlarge',
        storage: { storageType: DatabaseStorageType.IO2, allocatedStorage: 1000, maxAllocatedStorage: 4000, iops: 20000 },
        port: 6432,
        masterUsername: 'owner',
        databaseName: 'orders',
        name: 'orders',
        backupRetention: Duration.days(30),
        backupWindow: '02:00-03:00',
        maintenanceWindow: 'sun:04:00-sun:05:00',
        removalPolicy: DatabaseRemovalPolicy.RETAIN,
        finalSnapshotIdentifier: 'orders-last',
        recoveryPointObjective: Duration.seconds(15),
        monitoringInterval: Duration.seconds(15),
        logRetention: Duration.days(731),
        parameters: { log_min_duration_statement: '500' },
        alarms: { cpuUtilization: { threshold: 70 } },
        tags: { team: 'orders' },
      },
      (scope, db) => db.allowFrom(new Client(scope, 'api')),
    );
    expect(text).toMatchSnapshot();
  });
});
