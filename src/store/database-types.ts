import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type * as schema from './schema/index.js';

/** The desk schema, as drizzle sees it. */
export type DeskSchema = typeof schema;

/**
 * A drizzle database (or transaction) over the desk schema, on either engine. Repositories take
 * this, so they work unchanged on PGlite and PostgreSQL and inside a caller's transaction.
 */
export type Database = PgDatabase<PgQueryResultHKT, DeskSchema>;

/** What `migrate()` did. */
export interface MigrationReport {
  /** Tags of the migrations applied by this call, oldest first (e.g. `0000_initial_desk_model`). */
  applied: string[];
  /** Number of migrations that had already been applied before this call. */
  alreadyApplied: number;
}

interface HandleBase {
  db: Database;
  /** Where the data lives, for messages: the data folder, or the PostgreSQL URL without password. */
  location: string;
  /** Applies pending migrations from the package's `drizzle/` folder. */
  migrate(): Promise<MigrationReport>;
  /** Closes connections (and releases the data-folder lock). Safe to call more than once. */
  close(): Promise<void>;
}

/** The embedded engine: PGlite in `<dataDir>/pglite`, locked against other processes. */
export interface PgliteHandle extends HandleBase {
  kind: 'pglite';
  pglite: PGlite;
  dataDir: string;
}

/** A PostgreSQL server reached through a connection pool. */
export interface PostgresHandle extends HandleBase {
  kind: 'postgres';
  pool: Pool;
}

/** An open database; `kind` says which engine. */
export type DatabaseHandle = PgliteHandle | PostgresHandle;
