import { sql, type SQL } from 'drizzle-orm';
import type { DeskRecordKind, SplitValues } from './desk-fields.js';

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

/** Columns of `kind` a creation writes from `values`, absent fields as null/false. */
export function valueColumns(kind: DeskRecordKind, splits: readonly SplitValues[]): BulkColumn[] {
  const text = Object.values(kind.textColumns).map((name): BulkColumn => ({
    name,
    type: 'text',
    values: splits.map((s) => s.text[name] ?? null),
  }));
  const booleans = Object.values(kind.booleanColumns).map((name): BulkColumn => ({
    name,
    type: 'boolean',
    values: splits.map((s) => s.booleans[name] ?? false),
  }));
  const custom: BulkColumn[] = kind.customFields
    ? [{ name: 'custom_fields', type: 'jsonb', values: splits.map((s) => s.custom) }]
    : [];
  return [
    ...text,
    ...booleans,
    ...custom,
    { name: 'inactive', type: 'boolean', values: splits.map((s) => s.inactive ?? false) },
    { name: 'last_sign_in_at', type: 'timestamptz', values: splits.map((s) => s.lastSignInAt ?? null) },
  ];
}

/** The JSON patch of an update: only the columns the plan changes (read by {@link patchedColumns}). */
export function patchOf(split: SplitValues): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...split.text, ...split.booleans };
  if (split.inactive !== undefined) patch.inactive = split.inactive;
  if (split.lastSignInAt !== undefined) patch.last_sign_in_at = split.lastSignInAt;
  if (Object.keys(split.custom).length > 0) patch.custom_fields = split.custom;
  return patch;
}

/**
 * `column = expression` pairs of an update: a column the patch `p` names takes the patch's value,
 * every other keeps the current row `u`'s. Custom fields merge (other keys are kept).
 */
export function patchedColumns(kind: DeskRecordKind): { column: string; expression: string }[] {
  const pick = (column: string, value: string) =>
    `case when p ? '${column}' then ${value} else u.${column} end`;
  const text = Object.values(kind.textColumns).map((column) => ({
    column,
    // display_name is NOT NULL: a blank name never replaces one.
    expression: pick(
      column,
      column === 'display_name' ? `coalesce(p->>'${column}', u.${column})` : `p->>'${column}'`,
    ),
  }));
  const booleans = [...Object.values(kind.booleanColumns), 'inactive'].map((column) => ({
    column,
    expression: pick(column, `(p->>'${column}')::boolean`),
  }));
  const custom = kind.customFields
    ? [
        {
          column: 'custom_fields',
          expression: `u.custom_fields || coalesce(p->'custom_fields', '{}'::jsonb)`,
        },
      ]
    : [];
  return [
    ...text,
    ...booleans,
    ...custom,
    {
      column: 'last_sign_in_at',
      expression: pick('last_sign_in_at', `(p->>'last_sign_in_at')::timestamptz`),
    },
  ];
}
