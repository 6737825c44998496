import { setImmediate as nextTurn } from 'node:timers/promises';
import pg from 'pg';
import type { JobConnection, JobLogger } from './connection.js';
import { JobRuntimeStateError } from './errors.js';

const DEFAULT_OWN_POOL_SIZE = 4;

/** One statement's result, as pg-boss reads it. */
export interface SqlResult {
  rows: Record<string, unknown>[];
}

/** pg-boss's `db` option, plus what a clean shutdown needs. */
export interface SqlAdapter {
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
  /** Resolves once no statement is running, and none was started within the same turn. */
  idle(): Promise<void>;
  /** Refuses statements from now on and closes a pool the adapter opened itself. */
  close(): Promise<void>;
  /**
   * Runs `work` while this process holds the database-wide lock on installing the queue's
   * schema, so processes starting together on a new database install it one after the other.
   */
  installing<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * pg-boss installs its schema under a transaction-level advisory lock, but a process that looked
 * for the schema before waiting on that lock keeps a stale "no such schema" in its catalogue
 * cache: its `CREATE SCHEMA IF NOT EXISTS` then fails with a duplicate key once the first
 * process commits. A session lock taken before pg-boss looks for the schema closes that window.
 */
const INSTALL_LOCK_SQL = `hashtext('rollcall.pgboss.install')`;

interface ResultSet {
  rows: unknown[];
  fields: readonly unknown[];
}

/**
 * The result a multi-statement string answers with: its last row-returning statement (pg-boss
 * only reads results of single statements; the rest are migrations and maintenance).
 */
function lastResult(results: readonly ResultSet[]): SqlResult {
  const withRows = results.filter((r) => r.fields.length > 0);
  const chosen = withRows.at(-1) ?? results.at(-1);
  return { rows: (chosen?.rows ?? []) as Record<string, unknown>[] };
}

type Execute = (text: string, values: unknown[] | undefined) => Promise<SqlResult>;
type Installing = <T>(work: () => Promise<T>) => Promise<T>;

function pgliteExecutor(pglite: Extract<JobConnection, { kind: 'pglite' }>['pglite']): Execute {
  return async (text, values) => {
    if (values && values.length > 0) return lastResult([await pglite.query(text, values)]);
    // Statements without parameters include pg-boss's migrations and maintenance, several
    // statements with their own BEGIN/COMMIT. They must go to exec(), and PGlite keeps a failed
    // explicit transaction open on its single connection (the store's queries would then all
    // fail); inside transaction() a failure is rolled back before anyone else gets the connection.
    return pglite.transaction(async (tx) => lastResult(await tx.exec(text)));
  };
}

function postgresExecutor(
  connection: Extract<JobConnection, { kind: 'postgres' }>,
  logger: JobLogger | undefined,
): { execute: Execute; end(): Promise<void>; installing: Installing } {
  let pool: Pick<pg.Pool, 'query' | 'connect'>;
  let end = async (): Promise<void> => undefined;
  if ('pool' in connection) {
    pool = connection.pool;
  } else {
    const own = new pg.Pool({
      connectionString: connection.connectionString,
      max: connection.poolSize ?? DEFAULT_OWN_POOL_SIZE,
      application_name: 'rollcall-jobs',
    });
    // An idle client losing its server must not crash the process; the next statement reports it.
    own.on('error', (error) => logger?.warn({ err: error.message }, 'job queue connection lost'));
    pool = own;
    end = () => own.end();
  }
  return {
    async execute(text, values) {
      const result = (await pool.query(text, values)) as unknown as ResultSet | ResultSet[];
      return lastResult(Array.isArray(result) ? result : [result]);
    },
    end,
    async installing(work) {
      const client = await pool.connect();
      try {
        await client.query(`select pg_advisory_lock(${INSTALL_LOCK_SQL})`);
        return await work();
      } finally {
        await client.query(`select pg_advisory_unlock(${INSTALL_LOCK_SQL})`).catch(() => undefined);
        client.release();
      }
    },
  };
}

/** Builds the statement runner pg-boss uses, for either engine. */
export function createSqlAdapter(connection: JobConnection, logger?: JobLogger): SqlAdapter {
  const runner =
    connection.kind === 'pglite'
      ? {
          execute: pgliteExecutor(connection.pglite),
          end: async () => undefined,
          // One process owns an embedded database: nobody to wait for.
          installing: ((work) => work()) satisfies Installing,
        }
      : postgresExecutor(connection, logger);
  let running = 0;
  let closed = false;
  const idleWaiters = new Set<() => void>();

  return {
    async executeSql(text, values) {
      if (closed) throw new JobRuntimeStateError('the job runtime is stopped; no statement was run');
      running += 1;
      try {
        return await runner.execute(text, values);
      } finally {
        running -= 1;
        if (running === 0) {
          for (const wake of idleWaiters) wake();
          idleWaiters.clear();
        }
      }
    },
    async idle() {
      for (;;) {
        if (running > 0) await new Promise<void>((resolve) => idleWaiters.add(resolve));
        // Follow-up statements (pg-boss's next maintenance step, a job settled after its
        // handler) start in promise callbacks of the previous one: let them start first.
        await nextTurn();
        if (running === 0) return;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await runner.end();
    },
    installing: runner.installing,
  };
}
