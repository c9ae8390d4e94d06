export * from './alarm-topic';
export * from './resources';
