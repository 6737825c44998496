import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { tenantMappings } from '../schema/connections.js';

/**
 * The tenants a connection imports: those mapped to a desk customer (not "do not import"), in a
 * stable order. A CSP partner's customer tenants; the integrator runs per-tenant modules for these.
 */
export async function importTenantIds(db: Database, connectionId: string): Promise<string[]> {
  const rows = await db
    .select({ tenantId: tenantMappings.tenantId })
    .from(tenantMappings)
    .where(and(eq(tenantMappings.connectionId, connectionId), isNotNull(tenantMappings.customerId)))
    .orderBy(asc(tenantMappings.tenantId));
  return rows.map((row) => row.tenantId.toLowerCase());
}
