export * from './findings';
export * from './target';
export * from './report';
export * from './resilience-checks';
export * from './options';
export * from './assertions';
