import 'cdktf/lib/testing/adapters/jest';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Aspects, IAspect, TerraformDataSource, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { FakeNetwork, POSTGRES_PARAMETERS, TOPIC, byName, ref, resource, resources } from './helpers';
import {
  AlarmDestination,
  AlarmSeverity,
  CrossRegionReplicationOptions,
  DatabaseEngine,
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

const DR_KEY = 'arn:aws:kms:eu-central-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';

/** Gives every resource and data source below a scope the provider: how a MultiAzNetwork lands in another region. */
class UseProvider implements IAspect {
  constructor(private readonly provider: AwsProvider) {}
  public visit(node: IConstruct): void {
    if (node instanceof TerraformResource || node instanceof TerraformDataSource) {
      node.provider = this.provider;
    }
  }
}

interface Fixture {
  readonly stack: TerraformStack;
  readonly db: ReplicatedDatabase;
  readonly json: any;
  readonly text: string;
}

function crossRegion(
  options: Partial<CrossRegionReplicationOptions> = {},
  props: Partial<ReplicatedDatabaseProps> = {},
  drNetwork?: (stack: TerraformStack, dr: AwsProvider) => INetwork,
): Fixture {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const dr = new AwsProvider(stack, 'dr', { region: 'eu-central-1', alias: 'dr' });
  const network = new MultiAzNetwork(stack, 'network', { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], flowLogs: { enabled: false } });
  const drNet =
    drNetwork?.(stack, dr) ??
    (() => {
      const n = new MultiAzNetwork(stack, 'dr-network', { availabilityZones: ['eu-central-1a', 'eu-central-1b'], flowLogs: { enabled: false } });
      Aspects.of(n).add(new UseProvider(dr));
      return n;
    })();
  const db = new ReplicatedDatabase(stack, 'db', {
    platform: Platform.aws({ network, alarms: AlarmDestination.fromArns(TOPIC) }),
    engine: DatabaseEngine.postgres('16.4'),
    replication: Replication.crossRegion({ provider: dr, network: drNet, ...options }),
    ...props,
  });
  const text = Testing.synth(stack, true);
  return { stack, db, json: JSON.parse(text), text };
}

describe('Replication.crossRegion: a Multi-AZ primary and an encrypted replica in another region', () => {
  const { json, db } = crossRegion();
  const replica = resource(json, 'aws_db_instance', 'CrossRegion_Replica');
  const drKey = ref(json, 'aws_kms_key', 'CrossRegion_EncryptionKey', 'arn');

  test('the primary stays a Multi-AZ instance with backups (a cross-region source needs them)', () => {
    const primary = resource(json, 'aws_db_instance', 'db_Instance_');
    expect(primary).toMatchObject({ multi_az: true, backup_retention_period: 7 });
    expect(primary.provider).toBeUndefined();
  });

  test('the replica replicates the source by ARN, with the aliased provider', () => {
    expect(replica).toMatchObject({
      provider: 'aws.dr',
      identifier: 'stack-db-dr',
      replicate_source_db: ref(json, 'aws_db_instance', 'db_Instance_', 'arn'),
    });
  });

  test('encrypted with a rotated key of the other region, also for Performance Insights and its log groups', () => {
    expect(replica).toMatchObject({ kms_key_id: drKey, performance_insights_kms_key_id: drKey });
    const key = resource(json, 'aws_kms_key', 'CrossRegion_EncryptionKey');
    expect(key).toMatchObject({ provider: 'aws.dr', enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect(JSON.parse(key.policy).Statement[1].Principal.Service).toMatch(/^logs\.\$\{data\.aws_region\.db_CrossRegion_\w+\.region\}\.amazonaws\.com$/);
    expect(resource({ resource: json.data }, 'aws_region', 'CrossRegion').provider).toBe('aws.dr');
    for (const type of ['postgresql', 'upgrade']) {
      const group = resources(json, 'aws_cloudwatch_log_group').find((g) => g.name === `/aws/rds/instance/stack-db-dr/${type}`);
      expect(group).toMatchObject({ provider: 'aws.dr', kms_key_id: drKey, retention_in_days: 365 });
    }
  });

  test('in the other region\'s isolated subnets, behind its own security group and TLS parameter group', () => {
    expect(resource(json, 'aws_db_subnet_group', 'CrossRegion_SubnetGroup')).toMatchObject({
      provider: 'aws.dr',
      name: 'stack-db-dr',
      subnet_ids: [1, 2].map((i) => ref(json, 'aws_subnet', `dr-network_IsolatedSubnet${i}`, 'id')),
    });
    expect(resource(json, 'aws_security_group', 'CrossRegion_SecurityGroup')).toMatchObject({
      provider: 'aws.dr',
      name: 'stack-db-dr',
      vpc_id: ref(json, 'aws_vpc', 'dr-network_Vpc', 'id'),
    });
    expect(resource(json, 'aws_db_parameter_group', 'CrossRegion_ParameterGroup')).toMatchObject({
      provider: 'aws.dr',
      name_prefix: 'stack-db-dr-',
      family: 'postgres16',
      parameter: POSTGRES_PARAMETERS,
    });
    expect(replica).toMatchObject({
      db_subnet_group_name: ref(json, 'aws_db_subnet_group', 'CrossRegion_SubnetGroup', 'name'),
      vpc_security_group_ids: [ref(json, 'aws_security_group', 'CrossRegion_SecurityGroup', 'id')],
      parameter_group_name: ref(json, 'aws_db_parameter_group', 'CrossRegion_ParameterGroup', 'name'),
    });
  });

  test('Multi-AZ itself, protected like the source, but without a final snapshot (a replica cannot take one)', () => {
    expect(replica).toMatchObject({
      multi_az: true,
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
      skip_final_snapshot: true,
      publicly_accessible: false,
      iam_database_authentication_enabled: true,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
      monitoring_interval: 60,
      performance_insights_enabled: true,
      enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
    });
    for (const key of ['username', 'manage_master_user_password', 'master_user_secret_kms_key_id', 'engine', 'engine_version', 'backup_retention_period', 'final_snapshot_identifier', 'storage_encrypted']) {
      expect(replica[key]).toBeUndefined();
    }
  });

  test('a critical lag alarm in the replica\'s region, without actions by default (alarms notify same-region topics only)', () => {
    const alarm = resource(json, 'aws_cloudwatch_metric_alarm', 'CrossRegionReplicaLag');
    expect(alarm).toMatchObject({
      provider: 'aws.dr',
      metric_name: 'ReplicaLag',
      dimensions: { DBInstanceIdentifier: 'stack-db-dr' },
      threshold: 60,
      tags: expect.objectContaining({ 'ft:severity': 'critical' }),
    });
    expect(alarm.alarm_actions).toBeUndefined();
    expect(db.alarms.find((a) => a.key === 'CrossRegionReplicaLag')).toMatchObject({ severity: AlarmSeverity.CRITICAL, notifies: false });
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'CpuUtilization').alarm_actions).toEqual([TOPIC]);
  });

  test('the replica endpoint is an output; the facts count both regions\' copies, the regional recovery point is the RPO', () => {
    const outputs = Object.keys(json.output).map((k) => k.replace(/_[0-9A-F]{8}$/, ''));
    expect(outputs).toContain('db_CrossRegionReplicaEndpoint');
    expect(db.aws!.crossRegionReplica).toBeDefined();
    expect(db.aws!.crossRegionSecurityGroup).toBeDefined();
    expect(db.crossRegionRecoveryPoint).toEqual(Duration.minutes(1));
    expect(db.resilienceFacts()).toMatchObject({ zones: 2, replicas: 4, failover: Duration.seconds(120), recoveryPoint: Duration.seconds(0) });
  });

  test('snapshot', () => {
    expect(JSON.stringify(json, null, 2)).toMatchSnapshot();
  });
});

describe('Replication.crossRegion options', () => {
  test('encryptionKeyArn, instanceClass, multiAz: false and a destination for the replica\'s alarms', () => {
    const drTopic = 'arn:aws:sns:eu-central-1:123456789012:oncall';
    const { json, db } = crossRegion({
      encryptionKeyArn: DR_KEY,
      instanceClass: 'db.r7g.large',
      multiAz: false,
      alarms: AlarmDestination.fromArns(drTopic),
      readReplicas: 1,
    });
    expect(Object.keys(byName(json, 'aws_kms_key')).some((k) => k.includes('CrossRegion'))).toBe(false);
    expect(resource(json, 'aws_db_instance', 'CrossRegion_Replica')).toMatchObject({
      kms_key_id: DR_KEY, performance_insights_kms_key_id: DR_KEY, instance_class: 'db.r7g.large', multi_az: false,
    });
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'CrossRegionReplicaLag').alarm_actions).toEqual([drTopic]);
    expect(resources(json, 'aws_db_instance')).toHaveLength(3);
    expect(db.resilienceFacts().replicas).toBe(4);
  });

  test('MySQL, removal policy SNAPSHOT and a tighter recovery point objective', () => {
    const { json, db } = crossRegion({}, {
      engine: DatabaseEngine.mysql('8.0.40'),
      removalPolicy: DatabaseRemovalPolicy.SNAPSHOT,
      recoveryPointObjective: Duration.seconds(20),
    });
    const replica = resource(json, 'aws_db_instance', 'CrossRegion_Replica');
    expect(replica).toMatchObject({ deletion_protection: false, skip_final_snapshot: true });
    expect(replica.lifecycle).toBeUndefined();
    expect(resource(json, 'aws_db_parameter_group', 'CrossRegion_ParameterGroup').family).toBe('mysql8.0');
    expect(resource(json, 'aws_cloudwatch_metric_alarm', 'CrossRegionReplicaLag').threshold).toBe(20);
    expect(db.crossRegionRecoveryPoint).toEqual(Duration.seconds(20));
  });

  test('an existing VPC in the other region, described with MultiAzNetwork.fromExisting', () => {
    const { json } = crossRegion({}, {}, (stack) =>
      MultiAzNetwork.fromExisting(stack, 'dr-network', {
        vpcId: 'vpc-dr',
        vpcCidrBlock: '10.1.0.0/16',
        isolatedSubnets: [
          { subnetId: 'subnet-a', zone: 'eu-central-1a' },
          { subnetId: 'subnet-b', zone: 'eu-central-1b' },
        ],
      }),
    );
    expect(resource(json, 'aws_db_subnet_group', 'CrossRegion_SubnetGroup').subnet_ids).toEqual(['subnet-a', 'subnet-b']);
    expect(resource(json, 'aws_security_group', 'CrossRegion_SecurityGroup').vpc_id).toBe('vpc-dr');
  });

  test('a MultiAzNetwork left on the default provider fails the synth with the fix', () => {
    expect(() =>
      crossRegion({}, {}, (stack) => new MultiAzNetwork(stack, 'dr-network', { availabilityZones: ['eu-central-1a', 'eu-central-1b'], flowLogs: { enabled: false } })),
    ).toThrow(
      'ReplicatedDatabase "stack/db": `replication.network` ("stack/dr-network") is rendered with the default provider, but the replica with "stack/dr". ' +
        'Create the network with the replica\'s provider (see the README), or pass `MultiAzNetwork.fromExisting(...)` for a VPC in that region.',
    );
  });

  test('a MultiAzNetwork given another aliased provider fails the synth naming that provider', () => {
    expect(() =>
      crossRegion({}, {}, (stack) => {
        const other = new AwsProvider(stack, 'other', { region: 'eu-north-1', alias: 'other' });
        const n = new MultiAzNetwork(stack, 'dr-network', { availabilityZones: ['eu-central-1a', 'eu-central-1b'], flowLogs: { enabled: false } });
        Aspects.of(n).add(new UseProvider(other));
        return n;
      }),
    ).toThrow('`replication.network` ("stack/dr-network") is rendered with the provider "stack/other", but the replica with "stack/dr".');
  });

  test('any network that renders its own VPC is checked, not only a MultiAzNetwork', () => {
    const ownNetwork = (provider?: AwsProvider) => (stack: TerraformStack) => {
      const network = new FakeNetwork(stack, 'dr-network', [
        { subnetId: 'subnet-a', zone: 'eu-central-1a' },
        { subnetId: 'subnet-b', zone: 'eu-central-1b' },
      ]);
      new Vpc(network, 'Vpc', { cidrBlock: '10.1.0.0/16', provider });
      return network;
    };
    expect(() => crossRegion({}, {}, ownNetwork())).toThrow(
      'ReplicatedDatabase "stack/db": `replication.network` ("stack/dr-network") is rendered with the default provider, but the replica with "stack/dr".',
    );
    expect(() => crossRegion({}, {}, (stack) => ownNetwork(stack.node.findChild('dr') as AwsProvider)(stack))).not.toThrow();
  });
});

(terraformAvailable() ? describe : describe.skip)('Replication.crossRegion, proven offline against Terraform', () => {
  jest.setTimeout(60_000);
  afterAll(() => closeOfflineProviders());

  test('primary, read replica and cross-region replica pass terraform validate and plan', () => {
    const { stack } = crossRegion({ readReplicas: 1 });
    expect(stack).toBeValidTerraformOffline();
  });
});
