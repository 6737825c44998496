import type { GraphProps, MemberType } from '../../state/types.js';

export type RemovedReason = 'changed' | 'deleted';

/** `@removed` entry: `changed` = soft-deleted (restorable), `deleted` = gone for good. */
export function removedEntry(id: string, reason: RemovedReason): Record<string, unknown> {
  return { id, '@removed': { reason } };
}

/**
 * Full representation in a delta response: selected properties that have a value; properties
 * never set are omitted (delta-query-overview), unlike plain reads which send `null`.
 */
export function fullEntry(props: GraphProps, properties: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of properties) {
    const v = props[p];
    if (v !== undefined && v !== null) out[p] = v;
  }
  out.id = props.id;
  return out;
}

/** `Prefer: return=minimal`: only the changed properties and id; cleared ones as explicit `null`. */
export function minimalEntry(
  props: GraphProps,
  properties: readonly string[],
  changed: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of properties) {
    if (p === 'id' || !changed.has(p)) continue;
    out[p] = props[p] ?? null;
  }
  out.id = props.id;
  return out;
}

/** One item of a `<relationship>@delta` annotation: only the type and id of the related object. */
export function relationEntry(type: MemberType, id: string, removed = false): Record<string, unknown> {
  return removed
    ? { '@odata.type': type, id, '@removed': { reason: 'deleted' } }
    : { '@odata.type': type, id };
}
