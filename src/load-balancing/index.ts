export * from './options';
export * from './health-checked-load-balancer';
