import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { tenantMappings } from '../schema/connections.js';
import { cspTenants } from '../schema/csp.js';
import { customers } from '../schema/customers.js';

/**
 * The names a person knows a connection's tenants by, for the logs: a CSP customer tenant's name
 * in Partner Center, otherwise the name of the desk customer the tenant is mapped to. Tenants
 * without either are left out of the map.
 */
export async function listTenantNames(
  db: Database,
  connectionId: string,
  tenantIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(tenantIds.map((id) => id.toLowerCase()))];
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const mapped = await db
    .select({ tenantId: tenantMappings.tenantId, name: customers.name })
    .from(tenantMappings)
    .innerJoin(customers, eq(customers.id, tenantMappings.customerId))
    .where(and(eq(tenantMappings.connectionId, connectionId), inArray(tenantMappings.tenantId, ids)));
  for (const row of mapped) names.set(row.tenantId, row.name);
  const csp = await db
    .select({ tenantId: cspTenants.tenantId, name: cspTenants.name })
    .from(cspTenants)
    .where(and(eq(cspTenants.connectionId, connectionId), inArray(cspTenants.tenantId, ids)));
  for (const row of csp) names.set(row.tenantId, row.name);
  return names;
}
