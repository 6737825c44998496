export * from './gdap-roles.js';
export * from './relationships.js';
export * from './merge-tenants.js';
export * from './tenant-sync-plan.js';
export * from './suggestions.js';
export * from './consent-outcome.js';
