import { comparable, compareText, entraKey } from './text.js';

/** What matching needs of a desk user or agent. */
export interface LinkableRecord {
  id: string;
  tenantId: string | null;
  entraObjectId: string | null;
  inactive: boolean;
  values: Readonly<Record<string, string | null>>;
}

/** Whether a desk record is linked to an Entra user. */
export function isLinked(
  record: LinkableRecord,
): record is LinkableRecord & { tenantId: string; entraObjectId: string } {
  return record.tenantId !== null && record.entraObjectId !== null;
}

/**
 * Desk records indexed once: by link (tenant, Entra object id) and, for records not linked to
 * any Entra user, by the comparison form of each matching field. Lists are in desk id order.
 */
export interface RecordIndex<R extends LinkableRecord> {
  /** Records linked to this Entra user: normally zero or one, more when the desk holds duplicates. */
  linkedTo(tenantId: string, entraId: string): readonly R[];
  /** The same, by {@link entraKey}. */
  linkedToKey(key: string): readonly R[];
  /** Unlinked records whose `field` compares equal to `value` (already in comparison form). */
  unlinkedWith(field: string, value: string): readonly R[];
  /** Every record, in desk id order. */
  all: readonly R[];
}

export function createRecordIndex<R extends LinkableRecord>(
  records: readonly R[],
  matchingFields: readonly string[],
): RecordIndex<R> {
  const all = [...records].sort((a, b) => compareText(a.id, b.id));
  const byLink = new Map<string, R[]>();
  const byField = new Map<string, Map<string, R[]>>(matchingFields.map((f) => [f, new Map()]));
  for (const record of all) {
    if (isLinked(record)) {
      push(byLink, entraKey(record.tenantId, record.entraObjectId), record);
      continue;
    }
    for (const [field, index] of byField) {
      const value = comparable(record.values[field]);
      if (value !== '') push(index, value, record);
    }
  }
  return {
    linkedTo: (tenantId, entraId) => byLink.get(entraKey(tenantId, entraId)) ?? [],
    linkedToKey: (key) => byLink.get(key) ?? NONE,
    unlinkedWith: (field, value) => byField.get(field)?.get(value) ?? [],
    all,
  };
}

const NONE: readonly never[] = [];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
