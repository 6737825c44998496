export * from './ports.js';
export * from './run-pricing.js';
