import 'cdktf/lib/testing/adapters/jest';
import { resources, synthDb } from './helpers';
import { DatabaseEngine, MultiAzReplicationOptions, Replication, ReplicationTopology } from '../../src';

describe('Replication', () => {
  test('each factory names its topology; the enum values are the member names', () => {
    expect([Replication.multiAz(), Replication.aurora(), Replication.crossRegion({} as any)].map((r) => r.topology)).toEqual([
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
