export * from './ports.js';
export * from './run-tenants-sync.js';
