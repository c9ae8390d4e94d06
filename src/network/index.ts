export * from './existing-network';
export * from './multi-az-network';
