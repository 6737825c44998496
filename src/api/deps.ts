import type { ServerConfig } from '../contracts/config.js';
import type { JobRuntime } from '../jobs/runtime.js';
import type { AuditLog } from './audit/audit-log.js';
import type { PrincipalResolver } from './auth/principal.js';

/**
 * What route modules receive. Each module takes what it needs from here; the composition root
 * (src/api/app.ts) builds it once per process.
 */
export interface ApiDeps {
  config: ServerConfig;
  /** The drizzle database (store's `Database`), shared by repositories created per use. */
  db: import('../store/index.js').Database;
  resolvePrincipal: PrincipalResolver;
  audit: AuditLog;
  /** Null in processes that run no queue (some tests). */
  jobs: JobRuntime | null;
  now: () => Date;
}
