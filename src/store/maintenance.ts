import { sql } from 'drizzle-orm';
import type { Database } from './database-types.js';
import { arrayParam } from './sql-arrays.js';
import { queryRows } from './sql-rows.js';

/** Written rows from which a table's planner statistics may be refreshed right away. */
export const ANALYZE_AFTER_ROWS = 1_000;

/**
 * The share of a table's rows (as its statistics last counted them) a write must reach before
 * those statistics are refreshed: PostgreSQL's own autovacuum default (`autovacuum_analyze_scale_factor`).
 */
export const ANALYZE_SCALE_FACTOR = 0.1;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Refreshes the query planner's statistics of tables a bulk write changed a lot. The embedded
 * engine (PGlite) has no autovacuum, so without this the first large import leaves the planner
 * guessing: measured on 100k desk users, a searched users page went from 16 ms to 6 ms.
 *
 * A table is analysed when the write reached {@link ANALYZE_AFTER_ROWS} rows and either the table
 * was never analysed or the write is at least {@link ANALYZE_SCALE_FACTOR} of the rows its
 * statistics counted: the rule autovacuum follows. Smaller writes do not make the statistics
 * wrong (the planner scales row counts by the table's current size), and analysing a large table
 * after every small tenant cost 12 s of a 36 s import of 100 tenants.
 */
export async function refreshPlannerStatistics(
  db: Database,
  rowsWritten: Record<string, number>,
): Promise<string[]> {
  const written = Object.entries(rowsWritten).filter(
    ([table, rows]) => rows >= ANALYZE_AFTER_ROWS && IDENTIFIER.test(table),
  );
  if (written.length === 0) return [];
  const counted = await queryRows<{ relname: string; reltuples: number }>(
    db,
    sql`select relname, reltuples::float8 as reltuples from pg_class
        where relkind = 'r' and relnamespace = current_schema()::regnamespace
          and relname = any(${arrayParam(
            written.map(([table]) => table),
            'text',
          )})`,
  );
  const statistics = new Map(counted.map((row) => [row.relname, Number(row.reltuples)]));
  const tables = written
    .filter(([table, rows]) => {
      const tuples = statistics.get(table);
      return tuples !== undefined && (tuples < 0 || rows >= tuples * ANALYZE_SCALE_FACTOR);
    })
    .map(([table]) => table)
    .sort();
  for (const table of tables) await db.execute(sql.raw(`analyze ${table}`));
  return tables;
}
