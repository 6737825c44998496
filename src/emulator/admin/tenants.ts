import { availableUnits } from '../graph/licences/records.js';
import type { Estate } from '../state/estate.js';
import type { TenantRecord } from '../state/types.js';

/** One line per tenant for `GET /_emulator/tenants`. */
export function tenantSummary(estate: Estate, tenant: TenantRecord) {
  let active = 0;
  for (const user of tenant.users.values()) if (user.deletedAt === null) active += 1;
  const gdapApp = [...estate.apps.values()].find((a) => a.kind === 'gdap');
  return {
    id: tenant.id,
    displayName: tenant.displayName,
    initialDomain: tenant.initialDomain,
    defaultDomain: (tenant.domains.find((d) => d.isDefault) ?? tenant.domains[0])?.id ?? tenant.initialDomain,
    partner: tenant.id === estate.partnerTenantId,
    users: active,
    groups: tenant.groups.size,
    devices: tenant.devices.size,
    premium: tenant.premium,
    intune: tenant.intune,
    gdapAppConsented: gdapApp ? tenant.servicePrincipals.has(gdapApp.clientId) : null,
  };
}

/** Everything about one tenant except its directory objects (read those through Graph). */
export function tenantDetail(estate: Estate, tenant: TenantRecord) {
  const kinds = { members: 0, guests: 0, disabled: 0, synced: 0, deleted: 0, licensed: 0 };
  for (const user of tenant.users.values()) {
    const p = user.props;
    if (user.deletedAt !== null) {
      kinds.deleted += 1;
      continue;
    }
    if (p.userType === 'Guest') kinds.guests += 1;
    else kinds.members += 1;
    if (p.accountEnabled === false) kinds.disabled += 1;
    if (p.onPremisesSyncEnabled === true) kinds.synced += 1;
    if ((p.assignedLicenses as unknown[] | undefined)?.length) kinds.licensed += 1;
  }
  const partner = estate.partnerTenantId ? estate.tenant(estate.partnerTenantId) : undefined;
  return {
    ...tenantSummary(estate, tenant),
    countryLetterCode: tenant.countryLetterCode,
    createdDateTime: tenant.createdDateTime,
    domains: tenant.domains.map((d) => ({ id: d.id, isDefault: d.isDefault, isInitial: d.isInitial })),
    userKinds: kinds,
    skus: [...tenant.skus.values()].map((s) => ({
      skuId: s.skuId,
      skuPartNumber: s.skuPartNumber,
      capabilityStatus: s.capabilityStatus,
      prepaidUnits: { ...s.prepaidUnits },
      consumedUnits: s.consumedUnits,
      available: availableUnits(s),
    })),
    apps: [...estate.apps.values()]
      .filter((a) => a.homeTenantId === tenant.id)
      .map((a) => ({ clientId: a.clientId, displayName: a.displayName, kind: a.kind })),
    servicePrincipals: [...tenant.servicePrincipals.values()].map((sp) => ({
      id: sp.id,
      appId: sp.appId,
      appRoles: sp.appRoles,
    })),
    gdapRelationships: [...(partner?.gdapRelationships.values() ?? [])]
      .filter((r) => r.customerTenantId === tenant.id || tenant.id === partner?.id)
      .map((r) => ({
        id: r.id,
        customerTenantId: r.customerTenantId,
        status: r.status,
        endDateTime: r.endDateTime,
      })),
  };
}
