import 'cdktf/lib/testing/adapters/jest';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { Testing } from 'cdktf';
import { POSTGRES_PARAMETERS, ref, resource, resources, synthDb } from './helpers';
import { CapabilityKind, DatabaseEngine, DatabaseStorageType, Duration, MultiAzNetwork, Platform, PlatformKind, ReplicatedDatabase, Replication, ReplicationTopology } from '../../src';
import { closeOfflineProviders, terraformAvailable } from '../../src/proof/runner';

const GIB = 1024 ** 3;

function zonesAndTiers(json: any): Array<[string, number]> {
  return resources(json, 'aws_rds_cluster_instance').map((i) => [i.availability_zone, i.promotion_tier]);
}

describe('Aurora PostgreSQL defaults: a writer and one reader in another zone', () => {
  const { json, text, db } = synthDb({ engine: DatabaseEngine.auroraPostgres('16.4') });
  const cluster = resource(json, 'aws_rds_cluster', 'db_Cluster');
  const keyArn = ref(json, 'aws_kms_key', 'db_EncryptionKey', 'arn');

  test('Replication.aurora() is the default for Aurora engines; no RDS instance is created', () => {
    expect(db.replication.topology).toBe(ReplicationTopology.AURORA);
    expect(resources(json, 'aws_db_instance')).toEqual([]);
    expect(resources(json, 'aws_db_parameter_group')).toEqual([]);
  });

  test('an encrypted cluster with a managed master password, IAM authentication, backups and protection', () => {
    expect(text).toHaveResourceWithProperties(RdsCluster, {
      cluster_identifier: 'stack-db',
      engine: 'aurora-postgresql',
      engine_version: '16.4',
      port: 5432,
      master_username: 'dbadmin',
      manage_master_user_password: true,
      master_user_secret_kms_key_id: keyArn,
      storage_encrypted: true,
      kms_key_id: keyArn,
      db_subnet_group_name: ref(json, 'aws_db_subnet_group', 'db_SubnetGroup', 'name'),
      vpc_security_group_ids: [ref(json, 'aws_security_group', 'db_SecurityGroup', 'id')],
      iam_database_authentication_enabled: true,
      backup_retention_period: 7,
      copy_tags_to_snapshot: true,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'stack-db-final',
      delete_automated_backups: false,
      lifecycle: { prevent_destroy: true },
      enabled_cloudwatch_logs_exports: ['postgresql'],
    });
    expect(cluster.storage_type).toBeUndefined();
    expect(cluster.availability_zones).toBeUndefined();
    expect(cluster.master_password).toBeUndefined();
  });

  test('TLS enforced by a cluster parameter group of the aurora-postgresql16 family', () => {
    expect(text).toHaveResourceWithProperties(RdsClusterParameterGroup, {
      name_prefix: 'stack-db-',
      family: 'aurora-postgresql16',
      parameter: POSTGRES_PARAMETERS,
      lifecycle: { create_before_destroy: true },
    });
    expect(cluster.db_cluster_parameter_group_name).toBe(ref(json, 'aws_rds_cluster_parameter_group', 'db_ClusterParameterGroup', 'name'));
  });

  test('the writer in the first zone (tier 0), the reader in the second (tier 1), created after the writer', () => {
    expect(zonesAndTiers(json)).toEqual([['eu-west-1a', 0], ['eu-west-1b', 1]]);
    const [writer, reader] = resources(json, 'aws_rds_cluster_instance');
    expect(writer.identifier).toBe('stack-db-1');
    expect(reader.identifier).toBe('stack-db-2');
    expect(reader.depends_on).toEqual([
      expect.stringMatching(/^aws_iam_role_policy_attachment\.db_MonitoringRolePolicy_/),
      expect.stringMatching(/^aws_rds_cluster_instance\.db_Instance1_/),
    ]);
  });

  test('every instance: db.r7g.large, private, monitored, Performance Insights encrypted, the RSA 2048 CA', () => {
    for (const instance of resources(json, 'aws_rds_cluster_instance')) {
      expect(instance).toMatchObject({
        cluster_identifier: ref(json, 'aws_rds_cluster', 'db_Cluster', 'id'),
        engine: 'aurora-postgresql',
        engine_version: ref(json, 'aws_rds_cluster', 'db_Cluster', 'engine_version'),
        instance_class: 'db.r7g.large',
        publicly_accessible: false,
        auto_minor_version_upgrade: true,
        copy_tags_to_snapshot: true,
        ca_cert_identifier: 'rds-ca-rsa2048-g1',
        performance_insights_enabled: true,
        performance_insights_kms_key_id: keyArn,
        performance_insights_retention_period: 7,
        monitoring_interval: 60,
        monitoring_role_arn: ref(json, 'aws_iam_role', 'db_MonitoringRole', 'arn'),
        db_subnet_group_name: ref(json, 'aws_db_subnet_group', 'db_SubnetGroup', 'name'),
      });
    }
  });

  test('the postgresql log goes to an encrypted cluster log group created before the cluster', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/rds/cluster/stack-db/postgresql', kms_key_id: keyArn, retention_in_days: 365 });
    expect(cluster.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_group\.db_PostgresqlLogGroup_/)]);
  });

  test('writer alarms on the cluster (Role WRITER), local storage, and the maximum reader lag in milliseconds', () => {
    const writer = { DBClusterIdentifier: 'stack-db', Role: 'WRITER' };
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'CPUUtilization', dimensions: writer, threshold: 80 });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'FreeableMemory', dimensions: writer, threshold: Math.round(16 * GIB * 0.1) });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'DatabaseConnections', dimensions: writer, threshold: Math.floor(Math.floor((16 * GIB) / 9531392) * 0.8) });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      metric_name: 'FreeLocalStorage', dimensions: writer, statistic: 'Minimum', comparison_operator: 'LessThanThreshold', threshold: 2 * GIB,
    });
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'stack-db-ReplicaLag',
      metric_name: 'AuroraReplicaLagMaximum',
      dimensions: { DBClusterIdentifier: 'stack-db' },
      statistic: 'Maximum',
      threshold: 60_000,
    });
    expect(db.alarms.map((a) => a.key)).toEqual(['CpuUtilization', 'FreeableMemory', 'DatabaseConnections', 'FreeLocalStorage', 'ReplicaLag']);
    expect(resources(json, 'aws_cloudwatch_metric_alarm').some((a) => a.metric_name === 'FreeStorageSpace')).toBe(false);
  });

  test('writer and reader endpoints of the cluster', () => {
    const outputs = Object.entries(json.output).map(([k, v]: [string, any]) => [k.replace(/_[0-9A-F]{8}$/, ''), v.value]);
    expect(Object.fromEntries(outputs)).toMatchObject({
      db_WriterEndpoint: ref(json, 'aws_rds_cluster', 'db_Cluster', 'endpoint'),
      db_ReaderEndpoint: ref(json, 'aws_rds_cluster', 'db_Cluster', 'reader_endpoint'),
      db_MasterUserSecretArn: expect.stringMatching(/^\$\{aws_rds_cluster\.db_Cluster_\w+\.master_user_secret\[0\]\.secret_arn\}$/),
    });
    expect(db.aws!.cluster).toBeDefined();
    expect(db.aws!.clusterInstances).toHaveLength(2);
    expect(db.aws!.clusterParameterGroup).toBeDefined();
    expect(db.aws!.instance).toBeUndefined();
  });

  test('resilience facts: 2 zones, 2 instances, failover in about 30 s, nothing lost', () => {
    expect(db.resilienceFacts()).toEqual({
      capability: CapabilityKind.DATABASE,
      platform: PlatformKind.AWS,
      zones: 2,
      replicas: 2,
      failover: Duration.seconds(30),
      recoveryPoint: Duration.seconds(0),
      acceptedSinglePointsOfFailure: [],
    });
  });

  test('snapshot', () => {
    expect(text).toMatchSnapshot();
  });
});

describe('Aurora options', () => {
  test('readers: 2 spreads writer and readers over the 3 zones', () => {
    const { json, db } = synthDb({ engine: DatabaseEngine.auroraPostgres('16.4'), replication: Replication.aurora({ readers: 2 }) });
    expect(zonesAndTiers(json)).toEqual([['eu-west-1a', 0], ['eu-west-1b', 1], ['eu-west-1c', 2]]);
    expect(db.resilienceFacts()).toMatchObject({ zones: 3, replicas: 3 });
  });

  test('readers: 3 puts the third reader back in the writer\'s zone, promoted last', () => {
    const { json } = synthDb({ engine: DatabaseEngine.auroraPostgres('16.4'), replication: Replication.aurora({ readers: 3 }) });
    expect(zonesAndTiers(json)).toEqual([['eu-west-1a', 0], ['eu-west-1b', 1], ['eu-west-1c', 2], ['eu-west-1a', 3]]);
  });

  test('writerZone and readerZones pin the instances; readers outside the writer\'s zone are promoted first', () => {
    const { json, db } = synthDb({
      engine: DatabaseEngine.auroraPostgres('16.4'),
      replication: Replication.aurora({ writerZone: 'eu-west-1b', readerZones: ['eu-west-1b', 'eu-west-1c'] }),
    });
    expect(zonesAndTiers(json)).toEqual([['eu-west-1b', 0], ['eu-west-1b', 2], ['eu-west-1c', 1]]);
    expect(db.resilienceFacts()).toMatchObject({ zones: 2, replicas: 3 });
  });

  test('a writerZone alone moves the default readers to the zones after it', () => {
    const { json } = synthDb({ engine: DatabaseEngine.auroraPostgres('16.4'), replication: Replication.aurora({ writerZone: 'eu-west-1c' }) });
    expect(zonesAndTiers(json)).toEqual([['eu-west-1c', 0], ['eu-west-1a', 1]]);
  });

  test('Aurora MySQL: port 3306, audit, error and slow query logs, require_secure_transport ON in aurora-mysql8.0', () => {
    const { json, text } = synthDb({ engine: DatabaseEngine.auroraMysql('8.0.mysql_aurora.3.08.0') });
    expect(resource(json, 'aws_rds_cluster', 'db_Cluster')).toMatchObject({
      engine: 'aurora-mysql', port: 3306, enabled_cloudwatch_logs_exports: ['audit', 'error', 'slowquery'],
    });
    expect(text).toHaveResourceWithProperties(RdsClusterParameterGroup, {
      family: 'aurora-mysql8.0',
      parameter: [
        { name: 'require_secure_transport', value: 'ON', apply_method: 'pending-reboot' },
        { name: 'server_audit_logging', value: '1', apply_method: 'pending-reboot' },
        { name: 'server_audit_events', value: 'CONNECT,QUERY_DCL,QUERY_DDL', apply_method: 'pending-reboot' },
        { name: 'slow_query_log', value: '1', apply_method: 'pending-reboot' },
        { name: 'log_output', value: 'FILE', apply_method: 'pending-reboot' },
      ],
    });
    // Aurora MySQL allows 1000 connections on 16 GiB (db.r7g.large); the alarm fires at 80 %.
    expect(text).toHaveResourceWithProperties(CloudwatchMetricAlarm, { metric_name: 'DatabaseConnections', threshold: 800 });
  });

  test('AURORA_IO_OPTIMIZED storage, instance class, windows and removal policy', () => {
    const { json } = synthDb({
      engine: DatabaseEngine.auroraPostgres('15.8'),
      storage: { storageType: DatabaseStorageType.AURORA_IO_OPTIMIZED },
      instanceClass: 'db.r7g.xlarge',
      backupWindow: '01:00-01:30',
      maintenanceWindow: 'mon:02:00-mon:02:30',
    });
    expect(resource(json, 'aws_rds_cluster', 'db_Cluster')).toMatchObject({
      storage_type: 'aurora-iopt1', preferred_backup_window: '01:00-01:30', preferred_maintenance_window: 'mon:02:00-mon:02:30',
    });
    for (const instance of resources(json, 'aws_rds_cluster_instance')) {
      expect(instance).toMatchObject({ instance_class: 'db.r7g.xlarge', preferred_maintenance_window: 'mon:02:00-mon:02:30' });
    }
    expect(resource(json, 'aws_rds_cluster_parameter_group', 'db_ClusterParameterGroup').family).toBe('aurora-postgresql15');
  });

  test('zones looked up at plan time: readers go to the next zones by index, facts count the zones used', () => {
    let db!: ReplicatedDatabase;
    const text = Testing.synthScope((scope) => {
      const network = new MultiAzNetwork(scope, 'network', { flowLogs: { enabled: false } });
      db = new ReplicatedDatabase(scope, 'db', {
        platform: Platform.aws({ network }),
        engine: DatabaseEngine.auroraPostgres('16.4'),
        replication: Replication.aurora({ readers: 4 }),
      });
    });
    const zones = resources(JSON.parse(text), 'aws_rds_cluster_instance').map((i) => i.availability_zone.replace(/^.*names, (\d)\)\}$/, '$1'));
    expect(zones).toEqual(['0', '1', '2', '0', '1']);
    expect(db.resilienceFacts()).toMatchObject({ zones: 3, replicas: 5 });
  });
});

(terraformAvailable() ? describe : describe.skip)('Aurora, proven offline against Terraform', () => {
  jest.setTimeout(60_000);
  afterAll(() => closeOfflineProviders());

  test('a cluster with readers in other zones passes terraform validate and plan', () => {
    const { stack } = synthDb({ engine: DatabaseEngine.auroraPostgres('16.4'), replication: Replication.aurora({ readers: 2 }) });
    expect(stack).toBeValidTerraformOffline();
  });
});
