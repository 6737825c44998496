import type { BulkColumn } from '../../bulk-rows.js';
import type { DeskRecordKind, SplitValues } from './desk-fields.js';

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
