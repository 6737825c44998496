export { CONSUMPTION_MODULE, loadConsumptionConfig } from './consumption-config.js';
export { createConsumptionModuleRunner, runConnectionConsumption } from './run-consumption.js';
