import {
  toTenantRelationship,
  type GdapRelationshipInput,
  type TenantGdapRelationship,
} from './relationships.js';

/** Guide 002 "Status of Tenant Relationships". */
export type CspRelationshipStatusSetting = 'gdapAndDap' | 'gdapOnly';

/** A Partner Center customer (`GET /v1/customers`), narrowed. */
export interface PartnerCenterCustomerInput {
  tenantId: string;
  companyName: string | null;
  domain: string | null;
  relationshipToPartner: string | null;
}

/** A GDAP customer (`GET /tenantRelationships/delegatedAdminCustomers`). */
export interface GdapCustomerInput {
  tenantId: string;
  displayName: string;
}

/** A customer tenant the connection reaches, as this run found it. */
export interface DiscoveredTenant {
  tenantId: string;
  name: string;
  defaultDomain: string | null;
  resellerRelationship: boolean;
  gdapRelationships: TenantGdapRelationship[];
}

export interface MergeInput {
  setting: CspRelationshipStatusSetting;
  /** Empty (and not read) under `gdapOnly`. */
  partnerCenterCustomers: readonly PartnerCenterCustomerInput[];
  gdapCustomers: readonly GdapCustomerInput[];
  gdapRelationships: readonly GdapRelationshipInput[];
}

/** Statuses of relationships that never gave access or no longer exist for the partner. */
const NOT_A_RELATIONSHIP = new Set(['terminated']);
/** Partner Center lists advisors and Microsoft support too; only resellers are CSP customers. */
const RESELLER = 'reseller';

/**
 * The customer tenants of a CSP connection. `gdapAndDap`: Partner Center's reseller customers,
 * with their GDAP relationships attached (a tenant with GDAP but no reseller relationship is not a
 * CSP customer). `gdapOnly`: every tenant with a GDAP relationship that is not terminated; no
 * reseller relationship needed. Tenant ids are lower-cased; names fall back from Partner Center to
 * GDAP to the id.
 */
export function mergeCspTenants(input: MergeInput): DiscoveredTenant[] {
  const relationshipsByTenant = new Map<string, TenantGdapRelationship[]>();
  const gdapNames = new Map<string, string>();
  for (const rel of input.gdapRelationships) {
    if (NOT_A_RELATIONSHIP.has(rel.status)) continue;
    const id = rel.customerTenantId.toLowerCase();
    relationshipsByTenant.set(id, [...(relationshipsByTenant.get(id) ?? []), toTenantRelationship(rel)]);
    if (rel.customerDisplayName) gdapNames.set(id, rel.customerDisplayName);
  }
  for (const c of input.gdapCustomers) gdapNames.set(c.tenantId.toLowerCase(), c.displayName);

  const out = new Map<string, DiscoveredTenant>();
  if (input.setting === 'gdapAndDap') {
    for (const c of input.partnerCenterCustomers) {
      if ((c.relationshipToPartner ?? RESELLER).toLowerCase() !== RESELLER) continue;
      const id = c.tenantId.toLowerCase();
      out.set(id, {
        tenantId: id,
        name: c.companyName?.trim() || gdapNames.get(id) || id,
        defaultDomain: c.domain?.toLowerCase() ?? null,
        resellerRelationship: true,
        gdapRelationships: sortRelationships(relationshipsByTenant.get(id) ?? []),
      });
    }
  } else {
    const ids = new Set([
      ...relationshipsByTenant.keys(),
      ...input.gdapCustomers.map((c) => c.tenantId.toLowerCase()),
    ]);
    for (const id of ids) {
      const relationships = relationshipsByTenant.get(id) ?? [];
      if (relationships.length === 0) continue;
      out.set(id, {
        tenantId: id,
        name: gdapNames.get(id) || id,
        defaultDomain: null,
        resellerRelationship: false,
        gdapRelationships: sortRelationships(relationships),
      });
    }
  }
  return [...out.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.tenantId.localeCompare(b.tenantId),
  );
}

/** Newest end first, so the relationship that matters most is shown first. */
function sortRelationships(list: TenantGdapRelationship[]): TenantGdapRelationship[] {
  return [...list].sort(
    (a, b) => (b.endAt ?? '9999').localeCompare(a.endAt ?? '9999') || a.id.localeCompare(b.id),
  );
}
