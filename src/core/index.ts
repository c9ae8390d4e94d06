export * from './alarms';
export * from './duration';
export * from './health-check';
export * from './platform';
export * from './resilience';
