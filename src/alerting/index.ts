export * from './alert-routing';
export * from './ha-alertmanager';
export * from './receiver';
export * from './route';
export * from './secret-ref';
