export * from './existing-network';
export * from './multi-az-network';
export * from './options';
export * from './resources';
