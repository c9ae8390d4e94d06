export * from './ha-alertmanager';
export * from './options';
export * from './receiver';
export * from './resources';
export * from './route';
