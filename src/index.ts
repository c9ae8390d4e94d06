export * from './core';
export * from './network';
