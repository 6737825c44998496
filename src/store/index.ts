/**
 * The store's public surface. Code outside `src/store` imports from here; repositories are
 * created per use (`createUserRepository(db)`), never shared as singletons.
 */
export {
  openDatabase,
  databaseOptionsFromEnv,
  redactUrl,
  PGLITE_FOLDER,
  type OpenDatabaseOptions,
} from './database.js';
export type {
  Database,
  DatabaseHandle,
  DeskSchema,
  MigrationReport,
  PgliteHandle,
  PostgresHandle,
} from './database-types.js';
export { MIGRATIONS_FOLDER } from './migrations.js';
export { queryRows } from './sql-rows.js';
export {
  ANALYZE_AFTER_ROWS,
  ANALYZE_MIN_INTERVAL_MS,
  flushDeferredStatistics,
  refreshPlannerStatistics,
} from './maintenance.js';
export { lockDataFolder, type DataFolderLock } from './data-folder-lock.js';
export * from './errors.js';
export * from './secrets.js';
export { InvalidCursorError, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from './pagination.js';
export * from './repositories/customer-repository.js';
export * from './repositories/user-repository.js';
export * from './repositories/checkpoint-repository.js';
export * from './repositories/outbound-action-repository.js';
export * from './repositories/outbound-log-repository.js';
export { listTenantNames } from './repositories/tenant-names.js';
export * from './repositories/connection-repository.js';
export * from './repositories/account-repository.js';
export * from './repositories/session-repository.js';
export * from './repositories/settings-repository.js';
export * as schema from './schema/index.js';
export * from './repositories/already-exists.js';
export * from './repositories/customer-admin-repository.js';
export * from './repositories/site-repository.js';
export * from './repositories/site-lookup-repository.js';
export * from './repositories/user-admin-repository.js';
export * from './repositories/agent-repository.js';
export * from './repositories/role-repository.js';
export * from './repositories/account-admin-repository.js';
export * from './repositories/connection-grant-repository.js';
export * from './repositories/audit-repository.js';
export * from './repositories/sync-run-repository.js';
export * from './repositories/inbound-log-repository.js';
export * from './repositories/review-repository.js';
export * from './repositories/graph-subscription-repository.js';
export * from './repositories/entra-import/entra-config-repository.js';
export * from './repositories/integrator-config-repository.js';
export * from './repositories/csp-usage-repository.js';
export * from './repositories/integrator-state-repository.js';
export * from './repositories/licence-import-repository.js';
export * from './repositories/csp-price-repository.js';
export * from './repositories/licence-query-repository.js';
export * from './repositories/licence-change-repository.js';
export * from './repositories/subscription-change-repository.js';
export * from './repositories/subscription-billing-repository.js';
export * from './repositories/recurring-invoice-repository.js';
export * from './repositories/request-repository.js';
export * from './repositories/request-workflow-repository.js';
export * from './repositories/onboarding-config-repository.js';
export * from './repositories/entra-import/import-lookup-repository.js';
export * from './repositories/entra-import/custom-field-repository.js';
export {
  loadUserPlanState,
  type UserPlanState,
  type UserPlanStateQuery,
} from './repositories/entra-import/user-plan-state.js';
export { loadAgentPlanState, type AgentPlanState } from './repositories/entra-import/agent-plan-state.js';
export {
  applyUserPlan,
  type ApplyResult,
  type ApplyUserPlanInput,
  type NewSite,
} from './repositories/entra-import/apply-user-plan.js';
export { applyAgentPlan, type ApplyAgentPlanInput } from './repositories/entra-import/apply-agent-plan.js';
export * from './repositories/csp-tenant-repository.js';
export * from './repositories/csp-mapping-repository.js';
export * from './repositories/asset-config-repository.js';
export * from './repositories/asset-import-repository.js';
export * from './repositories/asset-query-repository.js';
export * from './repositories/hr-source-repository.js';
export * from './repositories/hr-person-repository.js';
export * from './repositories/hr-import-repository.js';
export * from './repositories/hr-run-repository.js';
