export * from './scim-error.js';
export * from './scim-user-schema.js';
export * from './user-mapping.js';
export * from './patch-path.js';
export * from './patch.js';
export * from './filter.js';
export * from './discovery.js';
