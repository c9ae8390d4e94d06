export * from './network';
export * from './multi-az-network';
