/** The Entra import pipeline (read → plan → apply) for desk users and agents. */
export * from './ports.js';
export { deskFieldsRead, deskReach, fieldsRead, groupsRead } from './config-reads.js';
export { planTenant, planFingerprint, type ImportProgress } from './plan-tenant.js';
export { deltaResource, encodeDeltaCursor, parseDeltaCursor, type DeltaCursor } from './delta-cursor.js';
export {
  runEntraImport,
  describeFailure,
  type ImportRequest,
  type TenantRunResult,
  type TenantRunStatus,
} from './run-import.js';
