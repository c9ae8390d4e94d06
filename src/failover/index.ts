export * from './options';
export * from './regional-failover';
export * from './regional-scope';
export * from './resources';
