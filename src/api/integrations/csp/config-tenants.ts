import type { CspImportTenant } from '../../../contracts/api/csp-users.js';
import {
  createCspMappingRepository,
  createCspTenantRepository,
  type Database,
} from '../../../store/index.js';

/** More tenants than any partner has: the list is read in one page. */
const EVERY_TENANT = 100_000;

/**
 * The tenants a CSP connection imports (mapped to a desk customer, not "do not import"), named as
 * the tenants module last read them (a tenant it never read is named by its id), by name.
 */
export async function cspImportTenants(db: Database, connectionId: string): Promise<CspImportTenant[]> {
  const mapped = await createCspMappingRepository(db).importTenantIds(connectionId);
  if (!mapped.length) return [];
  const { items } = await createCspTenantRepository(db).page({
    connectionId,
    includeRemoved: true,
    offset: 0,
    limit: EVERY_TENANT,
  });
  const known = new Map(items.map((t) => [t.tenantId.toLowerCase(), t]));
  return mapped
    .map((tenantId) => {
      const tenant = known.get(tenantId);
      return {
        tenantId,
        name: tenant?.name ?? tenantId,
        defaultDomain: tenant?.defaultDomain ?? null,
        customerName: tenant?.mapping?.customerName ?? null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.tenantId.localeCompare(b.tenantId));
}
