export * from './options';
export * from './resources';
export * from './fault-experiments';
