import 'cdktf/lib/testing/adapters/jest';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { resources, synthDb } from './helpers';
import { DatabaseEngine, MultiAzNetwork, MultiAzReplicationOptions, Replication, ReplicationTopology } from '../../src';

describe('Replication', () => {
  test('each factory names its topology; the enum values are the member names', () => {
    const dr = MultiAzNetwork.fromExisting(new TerraformStack(Testing.app(), 'dr'), 'network', {
      vpcId: 'vpc-dr',
      vpcCidrBlock: '10.1.0.0/16',
      isolatedSubnets: [{ subnetId: 'subnet-a', zone: 'eu-central-1a' }, { subnetId: 'subnet-b', zone: 'eu-central-1b' }],
    });
    const provider = new AwsProvider(new TerraformStack(Testing.app(), 'p'), 'dr', { region: 'eu-central-1', alias: 'dr' });
    expect([Replication.multiAz(), Replication.aurora(), Replication.crossRegion({ provider, network: dr })].map((r) => r.topology)).toEqual([
      ReplicationTopology.MULTI_AZ,
      ReplicationTopology.AURORA,
      ReplicationTopology.CROSS_REGION,
    ]);
    expect(Object.entries(ReplicationTopology).every(([name, value]) => name === value)).toBe(true);
  });

  test('keeps its options to itself: changing the options object afterwards changes nothing', () => {
    const options: { -readonly [K in keyof MultiAzReplicationOptions]: MultiAzReplicationOptions[K] } = { readReplicas: 1 };
    const replication = Replication.multiAz(options);
    options.readReplicas = 3;
    const { json } = synthDb({ engine: DatabaseEngine.postgres('16.4'), replication });
    expect(resources(json, 'aws_db_instance')).toHaveLength(2);
  });

  test('exposes no options as public fields (the renderers read an internal description)', () => {
    const replication = Replication.aurora({ readers: 2 });
    expect(Object.keys(replication).sort()).toEqual(['description', 'topology']);
    expect(replication._describe()).toEqual({ topology: ReplicationTopology.AURORA, options: { readers: 2 } });
  });
});
