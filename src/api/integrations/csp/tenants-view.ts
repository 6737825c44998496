import type { CspTenantView } from '../../../contracts/api/csp-tenants.js';
import { gdapAccess, suggestCustomers, type CustomerCandidate } from '../../../domain/csp/index.js';
import type { CspTenantWithMapping } from '../../../store/index.js';

const autoExtends = (d: string | null) => d !== null && !['PT0S', 'P0D'].includes(d);

/** A stored tenant as the Tenants tab shows it; unmapped tenants get suggestions from `customers`. */
export function cspTenantView(
  row: CspTenantWithMapping,
  customers: readonly CustomerCandidate[],
  now: Date,
): CspTenantView {
  const mapping = row.mapping;
  return {
    tenantId: row.tenantId,
    name: row.name,
    defaultDomain: row.defaultDomain,
    resellerRelationship: row.resellerRelationship,
    relationships: row.gdapRelationships.map((r) => ({
      id: r.id,
      displayName: r.displayName,
      status: r.status,
      startAt: r.startAt,
      endAt: r.endAt,
      autoExtends: autoExtends(r.autoExtendDuration),
      roles: r.roles.map((role) => role.name ?? role.id),
    })),
    gdap: gdapAccess(row.gdapRelationships, now),
    consent: {
      state: row.consentState,
      checkedAt: row.consentCheckedAt?.toISOString() ?? null,
      detail: row.consentDetail ?? null,
    },
    mapping: mapping
      ? {
          customerId: mapping.customerId,
          customerName: mapping.customerName,
          doNotImport: mapping.doNotImport,
          relationshipType: (mapping.relationshipType as 'gdapAndDap' | 'gdapOnly' | null) ?? null,
          licenceImportType: (mapping.licenceImportType as 'skus' | 'subscriptions' | 'both' | null) ?? null,
          excludeFromIntune: mapping.excludeFromIntune,
        }
      : null,
    suggestions: mapping ? [] : suggestCustomers(row, customers),
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    removedAt: row.removedAt?.toISOString() ?? null,
    lastError: row.lastError ?? null,
  };
}
