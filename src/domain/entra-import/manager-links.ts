import type { PlannedUser } from '../../contracts/entra/index.js';
import { CHANGE_FIELDS } from './changes.js';
import { isLinked, type LinkableRecord } from './record-index.js';
import { entraKey } from './text.js';

/** The desk field that holds a record's manager as an Entra id: users `manager`, agents `linemanager`. */
export const MANAGER_FIELD = { user: 'manager', agent: 'linemanager' } as const;

/**
 * Managers a record can actually point at once the plan is applied: the desk links a manager by
 * its Entra id, so one that will have no linked desk record (excluded, in review, never imported)
 * becomes "no manager". Planning it as the Entra id would plan the same change on every run.
 * Rewrites `entries` in place: values of creations, and manager changes of updates (an update left
 * with no change becomes unchanged).
 */
export function settleManagers(
  entries: PlannedUser[],
  records: readonly LinkableRecord[],
  field: string,
): void {
  const linked = new Set<string>();
  for (const record of records)
    if (isLinked(record)) linked.add(entraKey(record.tenantId, record.entraObjectId));
  for (const e of entries) {
    const adopts = e.changes.some((c) => c.field === CHANGE_FIELDS.entraObjectId && c.after !== null);
    if (e.outcome === 'create' || adopts) linked.add(entraKey(e.tenantId, e.entraId));
  }
  const linkable = (tenantId: string, id: string | null | undefined) =>
    id ? linked.has(entraKey(tenantId, id)) : false;
  entries.forEach((e, i) => {
    if (e.values && e.values[field] && !linkable(e.tenantId, e.values[field])) {
      e.values = { ...e.values, [field]: null };
    }
    const change = e.changes.find((c) => c.field === field);
    if (!change || !change.after || linkable(e.tenantId, change.after)) return;
    const changes =
      change.before === null
        ? e.changes.filter((c) => c !== change)
        : e.changes.map((c) => (c === change ? { ...c, after: null } : c));
    const settled = e.outcome === 'update' && changes.length === 0;
    entries[i] = { ...e, changes, ...(settled ? { outcome: 'unchanged' as const } : {}) };
  });
}
