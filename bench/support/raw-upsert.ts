import type { DatabaseHandle } from '../../src/store/index.js';

type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Plain SQL on either engine (the driver, not the ORM: this is the baseline). */
export function rawQuery(handle: DatabaseHandle): Query {
  if (handle.kind === 'pglite') return (text, params) => handle.pglite.query(text, params);
  return (text, params) => handle.pool.query(text, params);
}

/** A value as PostgreSQL text input for its column type. */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.map((v) => JSON.stringify(String(v))).join(',')}}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Copies every row of `table` into an empty copy of it (same columns, defaults, unique indexes)
 * with ONE `insert … select from unnest(…) on conflict do nothing`: the cost of writing those rows
 * in bulk and nothing else. Returns the seconds the insert took.
 */
export async function rawUpsertSeconds(
  query: Query,
  table: string,
): Promise<{ rows: number; seconds: number }> {
  const copy = `bench_copy_${table}`;
  const columns = (
    await query(
      `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
        where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum`,
      [table],
    )
  ).rows as { name: string; type: string }[];
  const rows = (await query(`select * from ${table}`)).rows;
  await query(`drop table if exists ${copy}`);
  await query(`create table ${copy} (like ${table} including defaults including indexes)`);
  const arrays = columns.map((c) => rows.map((r) => asText(r[c.name])));
  const select = columns.map((c, i) => `u.c${i}::${c.type}`).join(', ');
  const unnest = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const started = performance.now();
  await query(
    `insert into ${copy} (${columns.map((c) => `"${c.name}"`).join(', ')})
     select ${select} from unnest(${unnest}) as u(${aliases}) on conflict do nothing`,
    arrays,
  );
  const seconds = (performance.now() - started) / 1000;
  await query(`drop table ${copy}`);
  return { rows: rows.length, seconds };
}
