import type { Logger } from 'pino';
import { serverConfigSchema, type ServerConfig, type ServerConfigInput } from '../../src/contracts/config.js';
import { createRollcallApp, type CreateRollcallAppOptions, type RollcallApp } from '../../src/api/app.js';
import { createLogger } from '../../src/api/observability/logger.js';
import { generateSecretKey } from '../../src/store/index.js';
import { migratedDataDir, testEngines, type TestDatabase } from '../store/engines.js';

export interface StartTestAppOptions {
  /** `pglite` (default) uses a migrated copy of the template; `postgres` needs DATABASE_URL. */
  engine?: 'pglite' | 'postgres';
  /** Settings on top of the defaults (the database settings are filled in). */
  config?: ServerConfigInput;
  /** Default: silent. Pass `createLogger({ level: 'info', destination })` to read the logs. */
  logger?: Logger;
  /** Default: the package's `web/dist` (built or not). */
  webDistDir?: string;
  /** Default: no job queue. */
  jobs?: CreateRollcallAppOptions['jobs'];
  now?: () => Date;
  /** PostgreSQL only: the instance's secret key (generated when absent); other processes need the same. */
  secretKey?: string;
}

/** A composed Rollcall app on a database of its own; `close()` also throws the database away. */
export interface TestApp extends RollcallApp {
  config: ServerConfig;
}

async function testDatabase(engine: 'pglite' | 'postgres'): Promise<TestDatabase> {
  if (engine === 'pglite') return migratedDataDir();
  const postgres = testEngines().find((e) => e.name === 'postgres');
  if (!postgres) throw new Error('startTestApp({ engine: "postgres" }) needs DATABASE_URL to be set');
  return postgres.createMigrated();
}

/**
 * Builds the whole app (`createRollcallApp`) the way `rollcall serve` does, against a fresh
 * migrated database, without listening: use `app.inject(...)`. Call `close()` in `afterAll`.
 */
export async function startTestApp(options: StartTestAppOptions = {}): Promise<TestApp> {
  const database = await testDatabase(options.engine ?? 'pglite');
  const target = database.target;
  const config = serverConfigSchema.parse({
    logLevel: 'silent',
    ...options.config,
    ...('url' in target ? { databaseUrl: target.url } : { dataDir: target.dataDir, databaseUrl: undefined }),
  });
  let composed: RollcallApp;
  try {
    composed = await createRollcallApp({
      config,
      // PostgreSQL needs the key from the environment; the embedded engine makes one in its folder.
      env: 'url' in target ? { ROLLCALL_SECRET_KEY: options.secretKey ?? generateSecretKey() } : {},
      logger: options.logger ?? createLogger({ level: 'silent' }),
      jobs: options.jobs ?? null,
      ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (error) {
    await database.dispose();
    throw error;
  }
  return {
    ...composed,
    config,
    async close() {
      try {
        await composed.close();
      } finally {
        await database.dispose();
      }
    },
  };
}
