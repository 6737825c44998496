import { sql, type SQL } from 'drizzle-orm';

/** How a bulk column is read back from its JSON row: text, cast from text, or JSON as it is. */
export type BulkType = 'uuid' | 'text' | 'boolean' | 'timestamptz' | 'jsonb';

/** One column of a bulk statement's input rows. */
export interface BulkColumn {
  name: string;
  type: BulkType;
  /** One value per row (`undefined` is null); a `jsonb` column takes the JSON value itself, not its text. */
  values: readonly unknown[];
}

const readBack = (type: BulkType, index: number) =>
  type === 'text'
    ? `r.v->>${index}`
    : type === 'jsonb'
      ? `nullif(r.v->${index}, 'null'::jsonb)`
      : `(r.v->>${index})::${type}`;

/**
 * `(select … from (select $1::jsonb -> g.i as v from generate_series(0, n - 1) as g(i) offset 0) as r)`: the
 * input rows of a bulk statement, as a FROM item. The rows travel as ONE parameter, a JSON array of
 * row arrays made by the runtime's native JSON.stringify: one Postgres array per column cost about
 * nine times the client CPU (the driver builds array literals element by element, escaping each in
 * JS) and sent embedded JSON escaped twice. Rows are picked by position from `generate_series`,
 * whose row count the planner knows (a set-returning function over the document would be guessed
 * at 100 rows, and joins against 5,000 planned as if small). ADR 0023.
 */
export function bulkRows(columns: readonly BulkColumn[]): SQL {
  const count = columns[0]?.values.length ?? 0;
  const rows: unknown[][] = new Array(count);
  for (let i = 0; i < count; i += 1) rows[i] = columns.map((column) => column.values[i] ?? null);
  const selected = columns.map(({ name, type }, index) => `${readBack(type, index)} as ${name}`).join(', ');
  // `offset 0` keeps the row subquery from being pulled up, which would fetch the row once per column.
  return sql`(select ${sql.raw(selected)} from (select ${JSON.stringify(rows)}::jsonb -> g.i as v
    from generate_series(0, ${sql.raw(String(count - 1))}) as g(i) offset 0) as r)`;
}
