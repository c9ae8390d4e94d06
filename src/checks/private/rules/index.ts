import { AUTO_SCALING_RULES } from './auto-scaling';
import { CACHE_RULES } from './cache';
import { CLOUDNATIVE_PG_RULES } from './cloudnative-pg';
import { COMPUTE_RULES } from './compute';
import { CONTAINER_RULES } from './containers';
import { DATABASE_RULES } from './database';
import { FAILOVER_RULES } from './failover';
import { FAULT_INJECTION_RULES } from './fault-injection';
import { KUBERNETES_RULES } from './kubernetes';
import { KUBERNETES_ISOLATION_RULES } from './kubernetes-isolation';
import { KUBERNETES_SERVICE_RULES } from './kubernetes-services';
import { LISTENER_RULE_RULES } from './listener-rules';
import { LOAD_BALANCING_RULES } from './load-balancing';
import { MONITORING_RULES } from './monitoring';
import { NETWORK_RULES } from './network';
import { Rule } from '../rule';

/** Every resource rule, in the order they are listed in RULES.md. */
export const RESOURCE_RULES: Rule[] = [
  ...LOAD_BALANCING_RULES,
  ...LISTENER_RULE_RULES,
  ...AUTO_SCALING_RULES,
  ...COMPUTE_RULES,
  ...NETWORK_RULES,
  ...DATABASE_RULES,
  ...CACHE_RULES,
  ...CONTAINER_RULES,
  ...MONITORING_RULES,
  ...KUBERNETES_RULES,
  ...KUBERNETES_ISOLATION_RULES,
  ...KUBERNETES_SERVICE_RULES,
  ...FAILOVER_RULES,
  ...CLOUDNATIVE_PG_RULES,
  ...FAULT_INJECTION_RULES,
];
