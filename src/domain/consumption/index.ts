export * from './usage.js';
export * from './invoice-lines.js';
