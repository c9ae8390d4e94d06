export * from './engine';
export * from './storage';
export * from './replication';
export * from './options';
export * from './resources';
export * from './replicated-database';
