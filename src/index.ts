export * from './core';
export * from './network';
export * from './monitoring';
export * from './alerting';
export * from './load-balancing';
export * from './service';
export * from './database';
export * from './checks';
