export * from './ha-alertmanager';
export * from './receiver';
export * from './route';
