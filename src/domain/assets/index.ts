export * from './device.js';
export * from './asset-type.js';
export * from './user-link.js';
export * from './user-fields.js';
export * from './plan.js';
export * from './select.js';
export * from './failures.js';
