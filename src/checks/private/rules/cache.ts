import { FindingLevel } from '../../findings';
import { NOT_APPLICABLE, Rule, check, nonCompliant, unresolvable } from '../rule';
import { isUnresolved, readBool, readNumber, readString } from '../values';

export const CACHE_RULES: Rule[] = [
  {
    id: 'FT-CACHE-1',
    level: FindingLevel.ERROR,
    info: 'The Redis/Valkey cache has no replica in another zone with automatic failover.',
    explanation:
      'A cache without a replica and automatic Multi-AZ failover loses its primary (and the applications their sessions, queues or ' +
      'locks) when a node or zone fails. Use a replication group with `num_cache_clusters >= 2` (or `replicas_per_node_group >= 1`), ' +
      '`automatic_failover_enabled = true` and `multi_az_enabled = true`.',
    resourceTypes: ['aws_elasticache_replication_group', 'aws_elasticache_cluster'],
    evaluate: (cache) => {
      if (cache.type === 'aws_elasticache_cluster') {
        const engine = readString(cache.config, 'engine');
        if (cache.config.replication_group_id !== undefined || engine === 'memcached') {
          return NOT_APPLICABLE;
        }
        if (isUnresolved(engine)) {
          return unresolvable(engine);
        }
        return nonCompliant(`a standalone ${engine ?? 'cache'} node (\`aws_elasticache_cluster\` without a replication group)`);
      }
      const failover = readBool(cache.config, 'automatic_failover_enabled');
      const multiAz = readBool(cache.config, 'multi_az_enabled');
      const clusters = readNumber(cache.config, 'num_cache_clusters');
      const replicas = readNumber(cache.config, 'replicas_per_node_group');
      for (const v of [failover, multiAz, clusters, replicas]) {
        if (isUnresolved(v)) {
          return unresolvable(v);
        }
      }
      const problems: string[] = [];
      const clusterMode = cache.config.num_node_groups !== undefined || replicas !== undefined;
      const nodes = clusterMode ? 1 + ((replicas as number | undefined) ?? 0) : ((clusters as number | undefined) ?? 1);
      if (nodes < 2) {
        problems.push(clusterMode ? '`replicas_per_node_group` is 0' : `\`num_cache_clusters\` is ${clusters ?? 'unset (default 1)'}`);
      }
      if (failover !== true) {
        problems.push(`\`automatic_failover_enabled\` is ${failover ?? 'unset (default false)'}`);
      }
      if (multiAz !== true) {
        problems.push(`\`multi_az_enabled\` is ${multiAz ?? 'unset (default false)'}`);
      }
      return check(problems.length === 0, problems.join(', '));
    },
  },
  {
    id: 'FT-CACHE-2',
    level: FindingLevel.ERROR,
    info: 'The cache is not encrypted at rest and in transit.',
    explanation:
      'Cached data (sessions, tokens, personal data) is readable from snapshots and on the network. Set ' +
      '`at_rest_encryption_enabled = true` and `transit_encryption_enabled = true`.',
    resourceTypes: ['aws_elasticache_replication_group'],
    evaluate: (cache) => {
      const atRest = readBool(cache.config, 'at_rest_encryption_enabled');
      const transit = readBool(cache.config, 'transit_encryption_enabled');
      if (isUnresolved(atRest)) {
        return unresolvable(atRest);
      }
      if (isUnresolved(transit)) {
        return unresolvable(transit);
      }
      const valkey = cache.config.engine === 'valkey'; // Valkey encrypts at rest by default
      const problems: string[] = [];
      if (atRest !== true && !(valkey && atRest === undefined)) {
        problems.push(`\`at_rest_encryption_enabled\` is ${atRest ?? 'unset (default false)'}`);
      }
      if (transit !== true) {
        problems.push(`\`transit_encryption_enabled\` is ${transit ?? 'unset (default false)'}`);
      }
      return check(problems.length === 0, problems.join(', '));
    },
  },
];
