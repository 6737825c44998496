import type { ServerConfig } from '../contracts/config.js';
import type { HeartbeatMonitor } from '../jobs/heartbeat.js';
import type { JobRuntime } from '../jobs/runtime.js';
import type { AuditLog } from './audit/audit-log.js';
import type { PrincipalResolver } from './auth/principal.js';
import type { MicrosoftIntegration } from './integrations/microsoft.js';
import type { Metrics } from './observability/metrics.js';
import type { Database, SecretBox } from '../store/index.js';

/**
 * What route modules receive. Each module takes what it needs from here; the composition root
 * (src/api/app.ts) builds it once per process.
 */
export interface ApiDeps {
  config: ServerConfig;
  /** The drizzle database (store's `Database`), shared by repositories created per use. */
  db: Database;
  resolvePrincipal: PrincipalResolver;
  audit: AuditLog;
  /** Null in processes that run no queue (some tests). */
  jobs: JobRuntime | null;
  /** The heartbeat of this process's workers (/healthz); null or absent when it runs none. */
  heartbeat?: HeartbeatMonitor | null;
  /** Prometheus metrics of this app (`/metrics`); record job, sync and Microsoft-call figures here. */
  metrics: Metrics;
  /** Encrypts/decrypts stored secrets with the instance's key (ROLLCALL_SECRET_KEY or the data folder's). */
  secrets: SecretBox;
  /** Microsoft (or the sandbox) as the server config says, built on first use; closed with the server. */
  microsoft: MicrosoftIntegration;
  now: () => Date;
}
