export {
  runConnectionLicences,
  createLicencesModuleRunner,
  type LicencesModuleOutcome,
} from './run-licences.js';
export { LICENCES_MODULE, LICENCE_IMPORT_TYPE_SETTING } from './licence-ports.js';
