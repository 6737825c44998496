import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataFolder, type LockDataFolderOptions } from './data-folder-lock.js';
import type { Database, DatabaseHandle, PgliteHandle, PostgresHandle } from './database-types.js';
import { DatabaseConnectionError } from './errors.js';
import { migrateAndReport, migratorConfig } from './migrations.js';
import * as schema from './schema/index.js';

/** PGlite keeps its files in this sub-folder of the data folder (beside secret.key and the lock). */
export const PGLITE_FOLDER = 'pglite';

/**
 * Arbitrary constant key of the PostgreSQL advisory lock that serialises `migrate()` across
 * processes starting at the same time.
 */
const MIGRATION_LOCK_KEY = 7_301_188_402;

const DEFAULT_POOL_SIZE = 10;

/** Where the database lives: an embedded data folder, or a PostgreSQL URL. */
export type OpenDatabaseOptions =
  ({ dataDir: string } & LockDataFolderOptions) | { url: string; poolSize?: number };

/**
 * Opens the desk database. `{ dataDir }` opens PGlite in `<dataDir>/pglite` after taking the
 * data-folder lock (throws `DataFolderInUseError` if another live process holds it);
 * `{ url }` connects to PostgreSQL and checks the connection (throws `DatabaseConnectionError`).
 * Migrations are not applied here: call `migrate()` on the handle.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return 'url' in options ? openPostgres(options.url, options.poolSize) : openPglite(options);
}

/**
 * Chooses the engine the way every command does: `DATABASE_URL` selects PostgreSQL, otherwise the
 * embedded engine in `dataDir`.
 */
export function databaseOptionsFromEnv(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): OpenDatabaseOptions {
  const url = env.DATABASE_URL?.trim();
  return url ? { url } : { dataDir };
}

async function openPglite(options: { dataDir: string } & LockDataFolderOptions): Promise<PgliteHandle> {
  const lock = await lockDataFolder(options.dataDir, options);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(join(resolve(options.dataDir), PGLITE_FOLDER));
  } catch (error) {
    await lock.release();
    throw error;
  }
  const db: Database = drizzlePglite(pglite, { schema });
  let closed = false;
  return {
    kind: 'pglite',
    db,
    pglite,
    dataDir: options.dataDir,
    location: `data folder ${options.dataDir}`,
    migrate: () => migrateAndReport(db, () => migratePglite(drizzlePglite(pglite), migratorConfig)),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pglite.close();
      } finally {
        await lock.release();
      }
    },
  };
}

async function openPostgres(url: string, poolSize = DEFAULT_POOL_SIZE): Promise<PostgresHandle> {
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    throw new DatabaseConnectionError(location, error);
  }
  const db: Database = drizzleNodePg(pool, { schema });
  let closed = false;
  return {
    kind: 'postgres',
    db,
    pool,
    location,
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          const lockedDb = drizzleNodePg(client, { schema });
          return await migrateAndReport(lockedDb, () => migrateNodePg(lockedDb, migratorConfig));
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The URL as it may appear in messages and logs: the password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}
