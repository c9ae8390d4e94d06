import 'cdktf/lib/testing/adapters/jest';
import { ElasticacheCluster } from '@cdktf/provider-aws/lib/elasticache-cluster';
import { ElasticacheReplicationGroup, ElasticacheReplicationGroupConfig } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { TerraformStack } from 'cdktf';
import { only, violations } from './helpers';

function group(s: TerraformStack, id: string, config: Partial<ElasticacheReplicationGroupConfig> = {}): ElasticacheReplicationGroup {
  return new ElasticacheReplicationGroup(s, id, {
    replicationGroupId: id,
    description: 'sessions',
    engine: 'redis',
    nodeType: 'cache.m6g.large',
    numCacheClusters: 2,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    atRestEncryptionEnabled: 'true',
    transitEncryptionEnabled: true,
    ...config,
  });
}

describe('FT-CACHE-1: cache without a replica and automatic failover', () => {
  test('Noncompliance 1: replication group with the defaults', () => {
    const f = only('FT-CACHE-1', (s) =>
      group(s, 'cache', { numCacheClusters: undefined, automaticFailoverEnabled: undefined, multiAzEnabled: undefined }),
    );
    expect(f.detail).toBe(
      '`num_cache_clusters` is unset (default 1), `automatic_failover_enabled` is unset (default false), `multi_az_enabled` is unset (default false)',
    );
  });
  test('Noncompliance 2: cluster mode without replicas', () => {
    expect(violations('FT-CACHE-1', (s) => group(s, 'cache', { numCacheClusters: undefined, numNodeGroups: 3, replicasPerNodeGroup: 0 }))).toEqual([
      'FT-CACHE-1:cache',
    ]);
  });
  test('Noncompliance 3: standalone Redis node', () => {
    expect(violations('FT-CACHE-1', (s) => new ElasticacheCluster(s, 'node', { clusterId: 'node', engine: 'redis', nodeType: 'cache.t4g.small', numCacheNodes: 1 }))).toEqual([
      'FT-CACHE-1:node',
    ]);
  });
  test('Compliance', () => {
    expect(
      violations('FT-CACHE-1', (s) => {
        group(s, 'cache');
        group(s, 'sharded', { numCacheClusters: undefined, numNodeGroups: 2, replicasPerNodeGroup: 1 });
        new ElasticacheCluster(s, 'memcached', { clusterId: 'mc', engine: 'memcached', nodeType: 'cache.t4g.small', numCacheNodes: 2 });
      }),
    ).toEqual([]);
  });
});

describe('FT-CACHE-2: cache not encrypted', () => {
  test('Noncompliance 1', () => {
    expect(only('FT-CACHE-2', (s) => group(s, 'cache', { atRestEncryptionEnabled: undefined, transitEncryptionEnabled: undefined })).detail).toBe(
      '`at_rest_encryption_enabled` is unset (default false), `transit_encryption_enabled` is unset (default false)',
    );
  });
  test('Compliance: both on; Valkey encrypts at rest by default', () => {
    expect(violations('FT-CACHE-2', (s) => { group(s, 'cache'); group(s, 'valkey', { engine: 'valkey', atRestEncryptionEnabled: undefined }); })).toEqual([]);
  });
});

describe('FT-DB-3 on ElastiCache subnet groups', () => {
  test('Noncompliance 1', () => {
    expect(violations('FT-DB-3', (s) => new ElasticacheSubnetGroup(s, 'subnets', { name: 'cache', subnetIds: ['subnet-a'] }))).toEqual(['FT-DB-3:subnets']);
  });
});
