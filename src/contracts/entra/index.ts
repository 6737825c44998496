/** Contracts of the Microsoft Entra integration: import configuration, directory input, plans. */
export * from './fields.js';
export * from './mapping-config.js';
export * from './import-plan.js';
export * from './delta-untracked.js';
