import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { tenantMappings } from '../schema/connections.js';
import { queryRows } from '../sql-rows.js';

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

/** A mapped tenant with its customer's default (main) site: what "Generate Mappings" maps it to. */
export interface TenantWithDefaultSite {
  tenantId: string;
  tenantName: string;
  customerName: string;
  siteId: string;
  siteName: string;
}

/**
 * The connection's tenants mapped to a desk customer, each with that customer's active default
 * site (a customer without one is left out), named as the tenants module last read them.
 */
export async function mappedTenantsWithDefaultSite(
  db: Database,
  connectionId: string,
): Promise<TenantWithDefaultSite[]> {
  const rows = await queryRows<{
    tenant_id: string;
    tenant_name: string | null;
    customer_name: string;
    site_id: string;
    site_name: string;
  }>(
    db,
    sql`select m.tenant_id, t.name as tenant_name, c.name as customer_name, s.id as site_id, s.name as site_name
        from tenant_mappings m
        join customers c on c.id = m.customer_id
        join sites s on s.customer_id = c.id and s.is_default and not s.inactive
        left join csp_tenants t on t.connection_id = m.connection_id and t.tenant_id = m.tenant_id
        where m.connection_id = ${connectionId}
        order by m.tenant_id`,
  );
  return rows.map((r) => ({
    tenantId: r.tenant_id.toLowerCase(),
    tenantName: r.tenant_name ?? r.tenant_id,
    customerName: r.customer_name,
    siteId: r.site_id,
    siteName: r.site_name,
  }));
}
