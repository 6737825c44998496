import type { DiscoveredTenant } from './merge-tenants.js';
import type { TenantGdapRelationship } from './relationships.js';

/** A tenant as the store holds it, narrowed to what the plan compares. */
export interface StoredTenant {
  tenantId: string;
  name: string;
  defaultDomain: string | null;
  resellerRelationship: boolean;
  gdapRelationships: TenantGdapRelationship[];
  removedAt: Date | null;
}

export type TenantSyncAction = 'added' | 'updated' | 'unchanged' | 'returned' | 'removed';

export interface TenantSyncEntry {
  action: TenantSyncAction;
  tenantId: string;
  name: string;
  /** What the store should hold afterwards (for removals: the stored values). */
  tenant: DiscoveredTenant;
  /** Field names that changed (`updated`, `returned`). */
  changed: string[];
}

/** JSON with object keys sorted: stored JSON (jsonb) does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * What one tenants run changes: new tenants are added, known ones updated (a blank domain from a
 * source that has none never wipes the stored one), tenants seen again after removal return, and
 * tenants no longer found are removed (marked, never deleted; a removed tenant stays removed).
 */
export function planTenantSync(
  stored: readonly StoredTenant[],
  found: readonly DiscoveredTenant[],
): TenantSyncEntry[] {
  const byId = new Map(stored.map((s) => [s.tenantId.toLowerCase(), s]));
  const seen = new Set<string>();
  const entries: TenantSyncEntry[] = [];
  for (const tenant of found) {
    seen.add(tenant.tenantId);
    const before = byId.get(tenant.tenantId);
    if (!before) {
      entries.push({ action: 'added', tenantId: tenant.tenantId, name: tenant.name, tenant, changed: [] });
      continue;
    }
    const next: DiscoveredTenant = { ...tenant, defaultDomain: tenant.defaultDomain ?? before.defaultDomain };
    const changed = (['name', 'defaultDomain', 'resellerRelationship', 'gdapRelationships'] as const).filter(
      (field) => !same(before[field], next[field]),
    );
    const action = before.removedAt ? 'returned' : changed.length > 0 ? 'updated' : 'unchanged';
    entries.push({ action, tenantId: tenant.tenantId, name: next.name, tenant: next, changed });
  }
  for (const before of stored) {
    const id = before.tenantId.toLowerCase();
    if (seen.has(id) || before.removedAt) continue;
    entries.push({
      action: 'removed',
      tenantId: id,
      name: before.name,
      tenant: { ...before, tenantId: id },
      changed: [],
    });
  }
  return entries;
}

/** Counts per action, as a sync run records them. */
export function countActions(entries: readonly TenantSyncEntry[]): Record<TenantSyncAction, number> {
  const counts: Record<TenantSyncAction, number> = {
    added: 0,
    updated: 0,
    unchanged: 0,
    returned: 0,
    removed: 0,
  };
  for (const e of entries) counts[e.action] += 1;
  return counts;
}
