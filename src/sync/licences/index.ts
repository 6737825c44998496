export * from './ports.js';
export { runLicenceImport, type LicenceRunRequest } from './run-licences.js';
