export * from './engine';
export * from './storage';
export * from './replication';
export * from './options';
export * from './replicated-database';
