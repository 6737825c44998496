/** A row the desk already holds for a tenant: its id, the customer it was imported for, and its values. */
export interface StoredRecord<T> {
  id: string;
  customerId: string | null;
  /** Microsoft stopped returning it (`removed_at` is set). */
  removed: boolean;
  value: T;
}

/** A stored row to change, and why. */
export interface RecordUpdate<T> {
  id: string;
  value: T;
  /** The fields that differ (`customerId` when the tenant now maps to another customer). */
  changed: string[];
  /** It was marked removed and Microsoft returns it again. */
  restored: boolean;
}

/** What one import writes for one kind of record of one tenant. */
export interface RecordPlan<T> {
  inserts: T[];
  updates: RecordUpdate<T>[];
  /** Rows Microsoft no longer returns: they get `removed_at` (never deleted by a sync). */
  removals: { id: string; value: T }[];
  unchanged: number;
}

/** JSON with object keys sorted: two values are equal when their canonical texts are. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(
    (key) =>
      canonicalJson((before as Record<string, unknown>)[key]) !==
      canonicalJson((after as Record<string, unknown>)[key]),
  );
}

/**
 * The writes that make the desk's rows of one tenant equal to what Microsoft returned: new rows,
 * rows whose values (or customer) changed or that come back after removal, and rows no longer
 * returned. Rows already equal are left alone, so a re-run with nothing changed writes nothing.
 * Microsoft returning a key twice keeps the first.
 */
export function planRecords<T extends object>(
  incoming: readonly T[],
  stored: readonly StoredRecord<T>[],
  keyOf: (value: T) => string,
  customerId: string | null,
): RecordPlan<T> {
  const byKey = new Map(stored.map((row) => [keyOf(row.value), row]));
  const seen = new Set<string>();
  const plan: RecordPlan<T> = { inserts: [], updates: [], removals: [], unchanged: 0 };
  for (const value of incoming) {
    const key = keyOf(value);
    if (seen.has(key)) continue;
    seen.add(key);
    const row = byKey.get(key);
    if (!row) {
      plan.inserts.push(value);
      continue;
    }
    const changed = changedFields(row.value, value);
    if (row.customerId !== customerId) changed.push('customerId');
    if (changed.length === 0 && !row.removed) plan.unchanged += 1;
    else plan.updates.push({ id: row.id, value, changed, restored: row.removed });
  }
  for (const row of stored) {
    if (!row.removed && !seen.has(keyOf(row.value))) plan.removals.push({ id: row.id, value: row.value });
  }
  return plan;
}

/** Counts of a plan, as the run record keeps them. */
export function planCounts(plan: RecordPlan<unknown>): {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
} {
  return {
    created: plan.inserts.length,
    updated: plan.updates.length,
    removed: plan.removals.length,
    unchanged: plan.unchanged,
  };
}

/** Whether applying the plan writes anything. */
export function writesAnything(plan: RecordPlan<unknown>): boolean {
  return plan.inserts.length + plan.updates.length + plan.removals.length > 0;
}
