export * from './run-pricing.js';
export * from './subscription-pricing.js';
