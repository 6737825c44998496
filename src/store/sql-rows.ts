import type { SQL } from 'drizzle-orm';
import type { Database } from './database-types.js';

/**
 * Runs raw SQL and returns its rows. Both drivers answer `db.execute` with an object holding
 * `rows` (PGlite `Results`, node-postgres `QueryResult`), but drizzle types it per driver.
 */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
