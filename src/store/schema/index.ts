/** The whole desk schema; drizzle-kit generates migrations from this module. */
export * from './customers.js';
export * from './connections.js';
export * from './csp-values.js';
export * from './csp.js';
export * from './licences.js';
export * from './desk-users.js';
export * from './agents.js';
export * from './sync.js';
export * from './outbound-actions.js';
export * from './audit-events.js';
export * from './access.js';
export * from './teams.js';
export * from './memberships.js';
export * from './entra-import.js';
export * from './sync-reviews.js';
export * from './integrator.js';
export * from './assets.js';
