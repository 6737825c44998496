export * from './sku-names.js';
export * from './import-type.js';
export * from './imported.js';
export * from './plan-records.js';
export * from './failures.js';
export * from './licence-change.js';
export * from './entra-customer.js';
