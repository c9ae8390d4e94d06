import 'cdktf/lib/testing/adapters/jest';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { TOPIC, byName, ref, resource, resources, synthK8sDb } from './helpers';
import {
  AlarmDestination,
  AlarmSeverity,
  AuroraGlobalReplicationOptions,
  DatabaseEngine,
  DatabaseFailoverMode,
  DatabaseRemovalPolicy,
  Duration,
  INetwork,
  MultiAzNetwork,
  Platform,
  ReplicatedDatabase,
  ReplicatedDatabaseProps,
  Replication,
} from '../../src';
import { closeOfflineProviders, terraformAvailable } from '../../src/proof/runner';

const DR_TOPIC = 'arn:aws:sns:eu-central-1:123456789012:oncall';
const DR_KEY = 'arn:aws:kms:eu-central-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

/** A network that exists in a region: isolated subnets in zones a, b and c. */
function network(stack: TerraformStack, id: string, region: string): INetwork {
  return MultiAzNetwork.fromExisting(stack, id, {
    vpcId: `vpc-${region}`,
    vpcCidrBlock: '10.0.0.0/16',
    isolatedSubnets: ['a', 'b', 'c'].map((z) => ({ subnetId: `subnet-${region}-${z}`, zone: `${region}${z}` })),
  });
}

/** The Terraform reference to a data source attribute: `${data.type.name.attr}`. */
function dataRef(json: any, type: string, part: string, attribute: string): string {
  const names = Object.keys(json.data?.[type] ?? {}).filter((name) => name.includes(part));
  if (names.length !== 1) {
    throw new Error(`expected one data.${type} named like ${part}, found ${names.join(', ') || 'none'}`);
  }
  return `\${data.${type}.${names[0]}.${attribute}}`;
}

interface Fixture {
  readonly stack: TerraformStack;
  readonly db: ReplicatedDatabase;
  readonly dr: AwsProvider;
  readonly json: any;
}

function global(options: Partial<AuroraGlobalReplicationOptions> = {}, props: Partial<ReplicatedDatabaseProps> = {}): Fixture {
  const stack = new TerraformStack(Testing.stubVersion(new App({ stackTraces: false })), 'stack');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const dr = new AwsProvider(stack, 'dr', { region: 'eu-central-1', alias: 'dr' });
  const db = new ReplicatedDatabase(stack, 'db', {
    platform: Platform.aws({ network: network(stack, 'network', 'eu-west-1'), alarms: AlarmDestination.fromArns(TOPIC) }),
    engine: DatabaseEngine.auroraPostgres('16.4'),
    replication: Replication.auroraGlobal({ provider: dr, network: network(stack, 'dr-network', 'eu-central-1'), ...options }),
    ...props,
  });
  return { stack, db, dr, json: JSON.parse(Testing.synth(stack, true)) };
}

function globalError(options: Partial<AuroraGlobalReplicationOptions>, props: Partial<ReplicatedDatabaseProps> = {}): string {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const dr = new AwsProvider(stack, 'dr', { region: 'eu-central-1', alias: 'dr' });
  try {
    new ReplicatedDatabase(stack, 'db', {
      platform: Platform.aws({ network: network(stack, 'network', 'eu-west-1') }),
      engine: DatabaseEngine.auroraPostgres('16.4'),
      replication: Replication.auroraGlobal({ provider: dr, network: network(stack, 'dr-network', 'eu-central-1'), ...options }),
      ...props,
    });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
}

describe('Replication.auroraGlobal: an Aurora cluster and a secondary cluster in another region', () => {
  const { json, db } = global();
  const globalId = ref(json, 'aws_rds_global_cluster', 'db_GlobalCluster', 'id');
  const password = dataRef(json, 'aws_secretsmanager_random_password', 'MasterPassword', 'random_password');
  const primary = resource(json, 'aws_rds_cluster', 'db_Cluster_');
  const secondary = resource(json, 'aws_rds_cluster', 'db_Secondary_Cluster');
  const drKey = ref(json, 'aws_kms_key', 'db_Secondary_EncryptionKey', 'arn');

  test('the global database: the engine and version, encrypted, deletion-protected, kept on destroy', () => {
    expect(resource(json, 'aws_rds_global_cluster', 'db_GlobalCluster')).toEqual({
      global_cluster_identifier: 'stack-db-global',
      engine: 'aurora-postgresql',
      engine_version: '16.4',
      storage_encrypted: true,
      deletion_protection: true,
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
      tags: expect.objectContaining({ Name: 'stack-db-global' }),
    });
  });

  test('the primary cluster joins it; RDS cannot manage a global database\'s password, so it is passed write-only', () => {
    expect(primary).toMatchObject({
      cluster_identifier: 'stack-db',
      global_cluster_identifier: globalId,
      master_username: 'dbadmin',
      master_password_wo: password,
      master_password_wo_version: 1,
      storage_encrypted: true,
      lifecycle: { prevent_destroy: true, ignore_changes: ['replication_source_identifier'] },
    });
    expect(primary.provider).toBeUndefined();
    expect(primary.manage_master_user_password).toBeUndefined();
    expect(primary.master_user_secret_kms_key_id).toBeUndefined();
    expect(primary.master_password).toBeUndefined();
  });

  test('the password: 32 letters and digits generated by Secrets Manager at plan time', () => {
    expect(Object.values(json.data.aws_secretsmanager_random_password)).toEqual([
      { password_length: 32, exclude_punctuation: true, include_space: false },
    ]);
  });

  test('the password secret: encrypted with the database key, replicated to the secondary region with a key of its own, value write-only', () => {
    expect(resource(json, 'aws_secretsmanager_secret', 'db_MasterUserSecret')).toMatchObject({
      name_prefix: 'stack-db-master-',
      kms_key_id: ref(json, 'aws_kms_key', 'db_EncryptionKey', 'arn'),
      replica: [{ region: dataRef(json, 'aws_region', 'db_Secondary_Region', 'region'), kms_key_id: drKey }],
      recovery_window_in_days: 30,
    });
    expect(resource(json, 'aws_secretsmanager_secret_version', 'MasterUserSecretValue')).toEqual({
      secret_id: ref(json, 'aws_secretsmanager_secret', 'db_MasterUserSecret', 'id'),
      secret_string_wo: `\${jsonencode({"username" = "dbadmin", "password" = ${password.slice(2, -1)}})}`,
      secret_string_wo_version: 1,
    });
    // The master user secret the outputs and the field name is this secret.
    expect(Object.entries<any>(json.output).find(([k]) => k.startsWith('db_MasterUserSecretArn'))![1].value).toBe(
      ref(json, 'aws_secretsmanager_secret', 'db_MasterUserSecret', 'arn'),
    );
    expect(db.aws!.masterUserSecret).toBeDefined();
  });

  test('the secondary cluster: with the secondary region\'s provider, network, key and parameter group, after the primary\'s writer', () => {
    expect(secondary).toMatchObject({
      provider: 'aws.dr',
      cluster_identifier: 'stack-db-dr',
      global_cluster_identifier: globalId,
      engine: 'aurora-postgresql',
      engine_version: '16.4',
      storage_encrypted: true,
      kms_key_id: drKey,
      db_subnet_group_name: ref(json, 'aws_db_subnet_group', 'db_Secondary_SubnetGroup', 'name'),
      vpc_security_group_ids: [ref(json, 'aws_security_group', 'db_Secondary_SecurityGroup', 'id')],
      db_cluster_parameter_group_name: ref(json, 'aws_rds_cluster_parameter_group', 'db_Secondary_ClusterParameterGroup', 'name'),
      backup_retention_period: 7,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'stack-db-dr-final',
      enabled_cloudwatch_logs_exports: ['postgresql'],
      lifecycle: { prevent_destroy: true, ignore_changes: ['replication_source_identifier'] },
    });
    expect(secondary.depends_on).toContain(`aws_rds_cluster_instance.${Object.keys(byName(json, 'aws_rds_cluster_instance')).find((n) => n.startsWith('db_Instance1_'))}`);
    expect(secondary.master_username).toBeUndefined();
    expect(secondary.master_password_wo).toBeUndefined();
  });

  test('the secondary region\'s resources all use its provider', () => {
    for (const [type, part] of [
      ['aws_kms_key', 'db_Secondary_EncryptionKey'],
      ['aws_security_group', 'db_Secondary_SecurityGroup'],
      ['aws_db_subnet_group', 'db_Secondary_SubnetGroup'],
      ['aws_rds_cluster_parameter_group', 'db_Secondary_ClusterParameterGroup'],
      ['aws_cloudwatch_log_group', 'db_Secondary_PostgresqlLogGroup'],
    ]) {
      expect([type, resource(json, type, part).provider]).toEqual([type, 'aws.dr']);
    }
    expect(resource(json, 'aws_db_subnet_group', 'db_Secondary_SubnetGroup').subnet_ids).toEqual(['subnet-eu-central-1-a', 'subnet-eu-central-1-b', 'subnet-eu-central-1-c']);
    expect(resource(json, 'aws_rds_cluster_parameter_group', 'db_Secondary_ClusterParameterGroup').parameter).toContainEqual({ name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' });
  });

  test('two secondary instances in two zones of the secondary network, monitored, Performance Insights with the secondary key', () => {
    const instances = resources(json, 'aws_rds_cluster_instance').filter((i) => i.provider === 'aws.dr');
    expect(instances.map((i) => [i.identifier, i.availability_zone, i.promotion_tier])).toEqual([
      ['stack-db-dr-1', 'eu-central-1a', 0],
      ['stack-db-dr-2', 'eu-central-1b', 1],
    ]);
    for (const i of instances) {
      expect(i).toMatchObject({
        instance_class: 'db.r7g.large',
        cluster_identifier: ref(json, 'aws_rds_cluster', 'db_Secondary_Cluster', 'id'),
        performance_insights_kms_key_id: drKey,
        publicly_accessible: false,
        monitoring_interval: 60,
      });
    }
  });

  test('a replication lag alarm in the secondary region above the recovery point objective (milliseconds), critical', () => {
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'GlobalReplicationLag')).toMatchObject({
      provider: 'aws.dr',
      namespace: 'AWS/RDS',
      metric_name: 'AuroraGlobalDBReplicationLag',
      dimensions: { DBClusterIdentifier: 'stack-db-dr' },
      statistic: 'Maximum',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 60_000,
      evaluation_periods: 3,
    });
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'GlobalReplicationLag').alarm_actions).toBeUndefined();
    expect(db.alarms.find((a) => a.key === 'GlobalReplicationLag')?.severity).toBe(AlarmSeverity.CRITICAL);
  });

  test('outputs and fields: the global writer endpoint follows the writer; the secondary reader endpoint', () => {
    const outputs = Object.entries<any>(json.output).filter(([k]) => /GlobalWriterEndpoint|SecondaryReaderEndpoint/.test(k)).map(([, v]) => v.value);
    expect(outputs).toEqual([ref(json, 'aws_rds_global_cluster', 'db_GlobalCluster', 'endpoint'), ref(json, 'aws_rds_cluster', 'db_Secondary_Cluster', 'reader_endpoint')]);
    expect(db.globalWriterEndpoint).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(db.aws!.secondaryClusterInstances).toHaveLength(2);
    expect(db.aws!.crossRegionSecurityGroup).toBe(db.aws!.secondaryCluster && db.node.findChild('Secondary').node.findChild('SecurityGroup'));
  });

  test('facts: the in-region figures of Aurora, and 2 regions', () => {
    expect(db.resilienceFacts()).toMatchObject({ zones: 2, replicas: 2, regions: 2 });
    expect(db.resilienceFacts().failover?.toSeconds()).toBe(30);
  });

  test('regionalReplication(): a managed failover counted as 2 minutes, the RPO, both clusters and the runbook', () => {
    const regional = db.regionalReplication()!;
    expect(regional.mode).toBe(DatabaseFailoverMode.MANAGED);
    expect(regional.failoverTime.toSeconds()).toBe(120);
    expect(regional.recoveryPoint.toSeconds()).toBe(60);
    expect(regional.primaryResource).toBe(db.aws!.cluster);
    expect(regional.secondaryResource).toBe(db.aws!.secondaryCluster);
    expect(regional.lagAlarms.map((a) => a.key)).toEqual(['GlobalReplicationLag']);
    expect(regional.runbook[0]).toBe(
      'Fail the global database over to the secondary cluster: aws rds failover-global-cluster --global-cluster-identifier stack-db-global ' +
        '--target-db-cluster-identifier <ARN of stack-db-dr> --allow-data-loss (the secondary region\'s CLI; without --allow-data-loss it is a switchover, which needs the primary region).',
    );
  });
});

describe('Replication.auroraGlobal options', () => {
  test('secondaryInstances, instanceClass, encryptionKeyArn, alarms, recoveryPointObjective', () => {
    const { json } = global(
      { secondaryInstances: 3, instanceClass: 'db.r6g.xlarge', encryptionKeyArn: DR_KEY, alarms: AlarmDestination.fromArns(DR_TOPIC) },
      { recoveryPointObjective: Duration.seconds(5) },
    );
    const instances = resources(json, 'aws_rds_cluster_instance').filter((i) => i.provider === 'aws.dr');
    expect(instances.map((i) => [i.instance_class, i.availability_zone])).toEqual([
      ['db.r6g.xlarge', 'eu-central-1a'],
      ['db.r6g.xlarge', 'eu-central-1b'],
      ['db.r6g.xlarge', 'eu-central-1c'],
    ]);
    expect(Object.keys(byName(json, 'aws_kms_key')).filter((n) => n.includes('Secondary'))).toEqual([]);
    expect(resource(json, 'aws_rds_cluster', 'db_Secondary_Cluster').kms_key_id).toBe(DR_KEY);
    expect(resource(json, 'aws_secretsmanager_secret', 'MasterUserSecret').replica).toEqual([expect.objectContaining({ kms_key_id: DR_KEY })]);
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'GlobalReplicationLag')).toMatchObject({ threshold: 5000, alarm_actions: [DR_TOPIC] });
  });

  test('removalPolicy DESTROY: deletable, no final snapshot in either region', () => {
    const { json } = global({}, { removalPolicy: DatabaseRemovalPolicy.DESTROY });
    expect(resource(json, 'aws_rds_global_cluster', 'GlobalCluster')).toMatchObject({ deletion_protection: false });
    expect(resource(json, 'aws_rds_global_cluster', 'GlobalCluster').lifecycle).toBeUndefined();
    expect(resource(json, 'aws_rds_cluster', 'db_Secondary_Cluster')).toMatchObject({ deletion_protection: false, skip_final_snapshot: true, lifecycle: { ignore_changes: ['replication_source_identifier'] } });
    expect(resource(json, 'aws_rds_cluster', 'db_Secondary_Cluster').final_snapshot_identifier).toBeUndefined();
  });

  test('allowFromSecondaryRegion: a security-group link in the secondary region, created with its provider, once per client', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const dr = new AwsProvider(stack, 'dr', { region: 'eu-central-1', alias: 'dr' });
    const db = new ReplicatedDatabase(stack, 'db', {
      platform: Platform.aws({ network: network(stack, 'network', 'eu-west-1') }),
      engine: DatabaseEngine.auroraMysql('8.0.mysql_aurora.3.08.0'),
      replication: Replication.auroraGlobal({ provider: dr, network: network(stack, 'dr-network', 'eu-central-1') }),
    });
    const client = { securityGroupId: 'sg-secondary-app' };
    const rule = db.allowFromSecondaryRegion(client);
    expect(db.allowFromSecondaryRegion(client)).toBe(rule);
    const json = JSON.parse(Testing.synth(stack));
    const ingress = resource(json, 'aws_vpc_security_group_ingress_rule', 'AllowFromSecondary');
    expect(ingress).toMatchObject({
      provider: 'aws.dr',
      security_group_id: ref(json, 'aws_security_group', 'db_Secondary_SecurityGroup', 'id'),
      referenced_security_group_id: 'sg-secondary-app',
      from_port: 3306,
      to_port: 3306,
    });
    expect(resource(json, 'aws_vpc_security_group_egress_rule', 'AllowFromSecondary')).toMatchObject({ provider: 'aws.dr', security_group_id: 'sg-secondary-app' });
  });

  test('allowFromSecondaryRegion on a database in one region throws, naming what to use', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const db = new ReplicatedDatabase(stack, 'db', { platform: Platform.aws({ network: network(stack, 'network', 'eu-west-1') }), engine: DatabaseEngine.postgres('16') });
    expect(() => db.allowFromSecondaryRegion({ securityGroupId: 'sg-1' })).toThrow(
      'ReplicatedDatabase "stack/db" has no copy in another region: allowFromSecondaryRegion() needs Replication.crossRegion() or Replication.auroraGlobal() on AWS; use allowFrom().',
    );
    expect(db.regionalReplication()).toBeUndefined();
  });
});

describe('a CloudNativePG database on Kubernetes has no copy in another region', () => {
  test('regionalReplication() and globalWriterEndpoint are undefined, allowFromSecondaryRegion throws naming what to use', () => {
    const { db } = synthK8sDb();
    expect(db.regionalReplication()).toBeUndefined();
    expect(db.globalWriterEndpoint).toBeUndefined();
    expect(() => db.allowFromSecondaryRegion({ securityGroupId: 'sg-1' })).toThrow(
      'ReplicatedDatabase "stack/db" has no copy in another region: allowFromSecondaryRegion() needs Replication.crossRegion() or Replication.auroraGlobal() on AWS; use allowFrom().',
    );
  });
});

describe('regionalReplication() of an RDS cross-region replica', () => {
  test('a manual promotion counted as 10 minutes, the replica\'s runbook', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const dr = new AwsProvider(stack, 'dr', { region: 'eu-central-1', alias: 'dr' });
    const db = new ReplicatedDatabase(stack, 'db', {
      platform: Platform.aws({ network: network(stack, 'network', 'eu-west-1') }),
      engine: DatabaseEngine.postgres('16.4'),
      replication: Replication.crossRegion({ provider: dr, network: network(stack, 'dr-network', 'eu-central-1') }),
    });
    const regional = db.regionalReplication()!;
    expect(regional.mode).toBe(DatabaseFailoverMode.MANUAL_PROMOTION);
    expect(regional.failoverTime.toMinutes()).toBe(10);
    expect(regional.primaryResource).toBe(db.aws!.instance);
    expect(regional.secondaryResource).toBe(db.aws!.crossRegionReplica);
    expect(regional.lagAlarms.map((a) => a.key)).toEqual(['CrossRegionReplicaLag']);
    expect(regional.runbook[0]).toBe(
      'Promote the replica to a standalone instance: aws rds promote-read-replica --db-instance-identifier stack-db-dr --backup-retention-period 7 (in the disaster-recovery region).',
    );
    // A copy: changing it does not change the database's.
    regional.runbook.pop();
    expect(db.regionalReplication()!.runbook).toHaveLength(3);
  });
});

describe('Replication.auroraGlobal validation', () => {
  const PREFIX = 'ReplicatedDatabase "stack/db"';

  test('needs an Aurora engine', () => {
    expect(globalError({}, { engine: DatabaseEngine.postgres('16.4') })).toBe(
      `${PREFIX}: \`replication\` Replication.auroraGlobal() needs an Aurora engine, got the postgres engine. Use DatabaseEngine.auroraPostgres() or DatabaseEngine.auroraMysql(), or Replication.crossRegion() for a replica in another region.`,
    );
  });

  test.each<[string, Partial<AuroraGlobalReplicationOptions>, Partial<ReplicatedDatabaseProps>, string]>([
    ['secondaryInstances', { secondaryInstances: 17 }, {}, '`replication.secondaryInstances` must be a whole number from 1 to 16 (an Aurora cluster has up to 16 instances), got 17.'],
    ['instanceClass: an m class', { instanceClass: 'db.m7g.large' }, {}, '`replication.instanceClass` must be a class Aurora offers (db.r*, db.x2g*, db.t3 or db.t4g); Aurora has no m classes, got "db.m7g.large". Use e.g. "db.r7g.large".'],
    ['encryptionKeyArn in another region', { encryptionKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' }, {}, '`replication.encryptionKeyArn` must be a key in eu-central-1: KMS keys never leave their region, got "arn:aws:kms:eu-west-1:123456789012:key/abc".'],
    ['storageEncrypted false', {}, { storageEncrypted: false },
      '`storageEncrypted` is false, but Replication.auroraGlobal() creates a new, encrypted global database (each region with a key of its own). Remove `storageEncrypted: false`.'],
    ['readers of the primary', { readers: 0 }, {}, '`replication.readers` must be a whole number from 1 to 15 so Aurora has a reader to promote when the writer fails, got 0.'],
    ['a provider without alias', { provider: undefined }, {}, '`replication.provider` must be an AwsProvider for the disaster-recovery region.'],
    ['a network that is not one', { network: 'vpc-1' as any }, {}, '`replication.network` must be an INetwork in the disaster-recovery region, e.g. `MultiAzNetwork.fromExisting(...)`, got "vpc-1".'],
    ['alarms: a topic ARN string', { alarms: 'arn:aws:sns:eu-central-1:123456789012:oncall' as any }, {},
      '`replication.alarms` must be an IAlarmDestination in the secondary region, e.g. an AlarmTopic there or AlarmDestination.fromArns(...), got "arn:aws:sns:eu-central-1:123456789012:oncall".'],
    ['secondaryInstances: a string', { secondaryInstances: '2' as any }, {}, '`replication.secondaryInstances` must be a whole number from 1 to 16 (an Aurora cluster has up to 16 instances), got "2".'],
  ])('%s', (_name, options, props, message) => {
    expect(globalError(options, props)).toBe(`${PREFIX}: ${message}`);
  });

  test('the secondary region must differ from the primary\'s', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const same = new AwsProvider(stack, 'same', { region: 'eu-west-1', alias: 'same' });
    expect(() =>
      new ReplicatedDatabase(stack, 'db', {
        platform: Platform.aws({ network: network(stack, 'network', 'eu-west-1') }),
        engine: DatabaseEngine.auroraPostgres('16.4'),
        replication: Replication.auroraGlobal({ provider: same, network: network(stack, 'dr', 'eu-west-1') }),
      }),
    ).toThrow(
      `${PREFIX}: \`replication.provider.region\` must differ from the database's region (eu-west-1): a replica in the same region does not survive the loss of the region, got "eu-west-1". Use Replication.aurora() for readers in the same region.`,
    );
  });
});

const hasTerraform = terraformAvailable();
(hasTerraform ? describe : describe.skip)('Replication.auroraGlobal passes terraform validate and plan offline', () => {
  afterAll(() => closeOfflineProviders());

  test('two providers, the write-only password, the replicated secret', () => {
    const { stack } = global({ secondaryInstances: 1 });
    expect(stack).toBeValidTerraformOffline();
  }, 180_000);
});
