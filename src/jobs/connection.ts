import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

/**
 * The database the job queue lives in, handed over by the caller (the CLI wires it from the
 * store's handle): the embedded PGlite instance, a PostgreSQL pool shared with the store, or a
 * connection string for a pool of the runtime's own (closed by `stop()`).
 */
export type JobConnection =
  | { kind: 'pglite'; pglite: Pick<PGlite, 'query' | 'transaction'> }
  | { kind: 'postgres'; pool: Pick<Pool, 'query' | 'connect'> }
  | { kind: 'postgres'; connectionString: string; poolSize?: number };

/** Where the runtime logs (pino's logger fits). Secrets never reach it: only job names and ids. */
export interface JobLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
