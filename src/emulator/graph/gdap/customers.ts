import type { TenantRecord } from '../../state/types.js';
import { effectiveState } from './records.js';
import { etagOf } from './shapes.js';

/** A GDAP customer, derived from the partner's relationships. */
export interface GdapCustomer {
  id: string;
  displayName: string;
  etag: string;
}

/** A customer exists while it has at least one relationship that is not terminated. */
export function customersOf(tenant: TenantRecord, now: number): GdapCustomer[] {
  const byId = new Map<string, GdapCustomer>();
  for (const rel of tenant.gdapRelationships.values()) {
    if (effectiveState(rel, now).status === 'terminated') continue;
    byId.set(rel.customerTenantId, {
      id: rel.customerTenantId,
      displayName: rel.customerDisplayName,
      etag: etagOf(rel.customerTenantId, rel.customerDisplayName),
    });
  }
  return [...byId.values()];
}

export const customerJson = (c: GdapCustomer) => ({ id: c.id, tenantId: c.id, displayName: c.displayName });

export const customerAnnotations = (c: GdapCustomer) => ({
  '@odata.type': '#microsoft.graph.delegatedAdminCustomer',
  '@odata.etag': c.etag,
});
