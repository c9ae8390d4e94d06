export * from './alarms';
export * from './connections';
export * from './duration';
export * from './health-check';
export * from './platform';
export * from './resilience';
