export * from './workload';
export * from './rollout';
export * from './options';
export * from './resources';
export * from './multi-az-service';
