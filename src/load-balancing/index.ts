export * from './options';
export * from './resources';
export * from './health-checked-load-balancer';
export * from './route';
