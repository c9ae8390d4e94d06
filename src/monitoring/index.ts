export * from './alarm-topic';
export * from './resources';
export * from './health-dashboard';
