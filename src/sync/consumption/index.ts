export * from './ports.js';
export { runConsumptionImport, type ConsumptionRunRequest } from './run-consumption.js';
