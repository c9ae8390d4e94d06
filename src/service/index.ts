export * from './workload';
export * from './rollout';
export * from './options';
export * from './multi-az-service';
