import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ServerConfig } from '../contracts/config.js';
import {
  createHeartbeatMonitor,
  createJobRuntime,
  jobCatalogue,
  registerJobHandlers,
  withHeartbeat,
  type HeartbeatMonitor,
  type JobRuntime,
} from '../jobs/index.js';
import {
  createSecretBox,
  createSessionRepository,
  loadSecretKeyFor,
  openDatabase,
  type DatabaseHandle,
  type DataFolderLockLostError,
  type SecretBox,
} from '../store/index.js';
import { createAuditLog } from './audit/audit-log.js';
import { clearSessionCacheOnChange, createSessionCache } from './auth/session-cache.js';
import { createSessionResolver } from './auth/session-resolver.js';
import type { ApiDeps } from './deps.js';
import { createIntegratorJobDeps } from './integrations/integrator/integrator.js';
import { createLicenceChangeJobDeps } from './integrations/licences/licence-changes.js';
import { createRequestJobDeps } from './integrations/requests/index.js';
import { createHrEnforcer } from './integrations/hr/hr-enforcement.js';
import { createSubscriptionJobDeps } from './integrations/subscriptions/quantity-changes.js';
import { createBillingJobDeps } from './integrations/billing/subscription-billing.js';
import { createNotificationJobDeps } from './integrations/entra/notification-jobs.js';
import { createMicrosoftIntegration, type MicrosoftIntegration } from './integrations/microsoft.js';
import { instrumentHttp } from './observability/http-metrics.js';
import { createLogger } from './observability/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { registerApiRoutes } from './routes/index.js';
import { createLicenceReportSender } from './routes/licence-insight-report-send.js';
import { registerOpenApiDocument } from './routes/system.js';
import { createServer } from './server.js';
import { DEFAULT_WEB_DIST_DIR, installSecurityHeaders, registerWebApp } from './web.js';

/** What a job runtime factory gets: the open database and how this process should behave. */
export interface JobRuntimeContext {
  database: DatabaseHandle;
  config: ServerConfig;
  logger: Logger;
  metrics: Metrics;
  /** Whether this process works jobs (embedded: always) or only enqueues them. */
  workers: boolean;
  /** Where this process's workers record the pings they run (read by /healthz). */
  heartbeat?: HeartbeatMonitor;
  now?: () => Date;
  /** The secret box (connection credentials); loaded from the environment or data folder when absent. */
  secrets?: SecretBox;
  /** Microsoft (or the sandbox); built from `config.microsoft` when absent. */
  microsoft?: MicrosoftIntegration;
}

export interface CreateRollcallAppOptions {
  config: ServerConfig;
  /** Where `ROLLCALL_SECRET_KEY` is read; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** Default: JSON lines on stdout at `config.logLevel`. */
  logger?: Logger;
  /** Builds the job queue; null runs none (most API tests). Default: {@link createAppJobRuntime}. */
  jobs?: ((context: JobRuntimeContext) => JobRuntime | null) | null;
  /** The built web app; `web/dist` of the package by default. */
  webDistDir?: string;
  now?: () => Date;
  /** The embedded data folder's lock was lost (another process took it): stop at once. */
  onDataFolderLockLost?: (error: DataFolderLockLostError) => void;
}

/** A composed Rollcall server, not yet listening. */
export interface RollcallApp {
  app: FastifyInstance;
  deps: ApiDeps;
  database: DatabaseHandle;
  logger: Logger;
  /** Closes the HTTP server, then the job queue, then the database (each even if one before failed). */
  close(): Promise<void>;
}

/** Embedded mode always works jobs in-process; with PostgreSQL `workers.inProcess` decides. */
export function runsWorkersInProcess(config: ServerConfig): boolean {
  return !config.databaseUrl || config.workers.inProcess;
}

const MS_PER_SECOND = 1000;

/**
 * Rollcall's job queue on the app's database (pg-boss in the same PGlite, or the same PostgreSQL
 * pool), with every handler registered and each finished attempt counted in `metrics`. With
 * workers it also enqueues the heartbeat (`system.ping`) from `start()` until `stop()`.
 */
export function createAppJobRuntime(context: JobRuntimeContext): JobRuntime {
  const { database, config, metrics } = context;
  const now = context.now ?? (() => new Date());
  const logger = context.logger.child({ component: 'jobs' });
  const runtime = createJobRuntime({
    connection:
      database.kind === 'pglite'
        ? { kind: 'pglite', pglite: database.pglite }
        : { kind: 'postgres', pool: database.pool },
    catalogue: jobCatalogue,
    workers: context.workers,
    concurrency: config.workers.concurrency,
    leaseSeconds: config.workers.leaseSeconds,
    logger,
    onEvent: (event) => {
      const labels = { name: event.name, state: event.state };
      metrics.jobs.total.inc(labels);
      metrics.jobs.duration.observe(labels, event.durationMs / MS_PER_SECOND);
    },
  });
  const sessions = createSessionRepository(database.db);
  const secretBox = context.secrets;
  let loadedSecrets: Promise<SecretBox> | undefined;
  const secrets = () =>
    secretBox
      ? Promise.resolve(secretBox)
      : (loadedSecrets ??= loadSecretKeyFor(database, process.env).then(createSecretBox));
  const microsoft = context.microsoft ?? createMicrosoftIntegration(config);
  const notifications = createNotificationJobDeps({
    db: database.db,
    config,
    secrets,
    microsoft,
    now,
    jobs: () => runtime,
    logger,
  });
  const integrator = createIntegratorJobDeps({ db: database.db, config, secrets, microsoft, logger });
  const sendLicenceReport = createLicenceReportSender({ db: database.db, now, config });
  const licenceChanges = createLicenceChangeJobDeps({ db: database.db, secrets, microsoft, now, logger });
  const subscriptions = createSubscriptionJobDeps({
    db: database.db,
    secrets,
    microsoft,
    now,
    logger,
    jobs: () => runtime,
  });
  const billing = createBillingJobDeps({ db: database.db, secrets, now, logger });
  const requests = createRequestJobDeps({
    db: database.db,
    config,
    secrets,
    microsoft,
    now,
    logger,
    jobs: () => runtime,
  });
  const hr = createHrEnforcer({ db: database.db, secrets, microsoft, now, jobs: () => runtime });
  registerJobHandlers(runtime, {
    billing,
    requests,
    hr: { enforce: (sourceId, runId) => hr.enforce(sourceId, runId), sweep: () => hr.sweep(), logger },
    licenceChanges,
    subscriptions,
    notifications,
    integrator,
    licenceInsight: { sendLicenceReport, logger },
    recordHeartbeat: (beat) => {
      context.heartbeat?.record(beat);
      logger.debug({ job: 'system.ping', ...beat }, 'heartbeat');
    },
    purgeExpiredSessions: (at, idleSince) => sessions.purgeExpired(at, idleSince),
    sessionIdleMinutes: config.sessions.idleMinutes,
    now,
    logger,
  });
  return context.workers ? withHeartbeat(runtime, { now, logger }) : runtime;
}

/**
 * The composition root: opens the database (PGlite in `config.dataDir`, or PostgreSQL at
 * `config.databaseUrl`), applies migrations, loads the secret key, builds {@link ApiDeps} and the
 * Fastify app with every route, OpenAPI, metrics, security headers and the web app. Used by
 * `rollcall serve` and by tests (test/support/app.ts).
 */
export async function createRollcallApp(options: CreateRollcallAppOptions): Promise<RollcallApp> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const now = options.now ?? (() => new Date());
  const database = await openDatabase(
    config.databaseUrl
      ? { url: config.databaseUrl }
      : {
          dataDir: config.dataDir,
          ...(options.onDataFolderLockLost ? { onLost: options.onDataFolderLockLost } : {}),
        },
  );
  let jobs: JobRuntime | null = null;
  try {
    const report = await database.migrate();
    logger.info(
      { database: database.location, migrationsApplied: report.applied },
      report.applied.length ? `database ready; applied ${report.applied.join(', ')}` : 'database ready',
    );
    const key = await loadSecretKeyFor(database, options.env ?? process.env);
    const metrics = createMetrics();
    const jobsFactory = options.jobs === undefined ? createAppJobRuntime : options.jobs;
    const workers = runsWorkersInProcess(config);
    const heartbeat = createHeartbeatMonitor({ now });
    const secrets = createSecretBox(key);
    const microsoft = createMicrosoftIntegration(config);
    jobs =
      jobsFactory?.({ database, config, logger, metrics, workers, heartbeat, now, secrets, microsoft }) ??
      null;
    if (jobs) await jobs.start();
    const db = database.db;
    const sessionCache = createSessionCache({ seconds: config.sessions.cacheSeconds });
    const deps: ApiDeps = {
      config,
      db,
      resolvePrincipal: createSessionResolver({ db, config, now, cache: sessionCache }),
      audit: createAuditLog(db),
      jobs,
      metrics,
      secrets,
      heartbeat: jobs && workers ? heartbeat : null,
      microsoft,
      now,
    };
    const app = await createServer({
      logger,
      trustProxy: config.trustProxy,
      routes: async (server) => {
        await registerOpenApiDocument(server, config);
        installSecurityHeaders(server, {
          authorityHost: config.microsoft.authorityHost,
          https: config.publicUrl?.startsWith('https:') ?? false,
        });
        instrumentHttp(server, metrics);
        server.addHook('onClose', async () => deps.microsoft.close());
        clearSessionCacheOnChange(server, sessionCache);
        await registerApiRoutes(server, deps);
        await registerWebApp(server, { distDir: options.webDistDir ?? DEFAULT_WEB_DIST_DIR });
      },
    });
    return { app, deps, database, logger, close: closer(app, jobs, database) };
  } catch (error) {
    await jobs?.stop().catch(() => undefined);
    await database.close();
    throw error;
  }
}

function closer(app: FastifyInstance, jobs: JobRuntime | null, database: DatabaseHandle) {
  let closing: Promise<void> | undefined;
  const close = async () => {
    try {
      await app.close();
    } finally {
      try {
        await jobs?.stop();
      } finally {
        await database.close();
      }
    }
  };
  return () => (closing ??= close());
}
