import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { tenantMappings } from '../schema/connections.js';
import type { CspLicenceImportType, CspRelationshipType } from '../schema/csp-values.js';
import { customers } from '../schema/customers.js';
import { deskUsers } from '../schema/desk-users.js';
import { queryRows } from '../sql-rows.js';
import { isGuid } from '../guid.js';

export interface CspMappingInput {
  connectionId: string;
  tenantId: string;
  /** Null with `doNotImport`. */
  customerId: string | null;
  defaultSiteId: string | null;
  doNotImport: boolean;
  relationshipType: CspRelationshipType | null;
  licenceImportType: CspLicenceImportType | null;
  excludeFromIntune: boolean;
}

/** A desk customer with what suggestions compare: its name and its users' email domains. */
export interface CspCustomerCandidate {
  id: string;
  name: string;
  emailDomains: string[];
}

/** A connection's tenant mapping, as the licences module reads it. */
export interface CspTenantMapping {
  tenantId: string;
  customerId: string | null;
  doNotImport: boolean;
  /** Null: the connection's licence import type. */
  importTypeOverride: string | null;
}

/** A mapped tenant with its customer's default (main) site: what "Generate Mappings" maps it to. */
export interface TenantWithDefaultSite {
  tenantId: string;
  tenantName: string;
  customerName: string;
  siteId: string;
  siteName: string;
}

/** Tenant ids a read is limited to; absent, every tenant of the connection. */
export type TenantFilter = readonly string[] | undefined;

/** The filter of `only`: ids that are not GUIDs match no mapping (and are not sent as uuids). */
function ofTenants(only: TenantFilter) {
  if (!only) return undefined;
  const ids = only.map((id) => id.toLowerCase()).filter((id) => isGuid(id));
  return ids.length ? inArray(tenantMappings.tenantId, ids) : sql`false`;
}

/** `tenant_mappings` for CSP tenants, and the customers suggestions are made from. */
export interface CspMappingRepository {
  /**
   * Every tenant mapping of a connection (do-not-import ones included), by tenant id; `only` keeps
   * those of these tenants (a run of one tenant reads its own, not a 500-tenant partner's all).
   */
  list(connectionId: string, only?: TenantFilter): Promise<CspTenantMapping[]>;
  /**
   * The tenants a connection imports: those mapped to a desk customer (not "do not import"), in a
   * stable order. A CSP partner's customer tenants; the integrator runs per-tenant modules for these.
   */
  importTenantIds(connectionId: string, only?: TenantFilter): Promise<string[]>;
  /**
   * The connection's tenants mapped to a desk customer, each with that customer's active default
   * site (a customer without one is left out), named as the tenants module last read them.
   */
  mappedWithDefaultSite(connectionId: string): Promise<TenantWithDefaultSite[]>;
  /** One mapping per tenant: replaces the tenant's mapping, whichever connection made it. */
  save(input: CspMappingInput): Promise<void>;
  remove(connectionId: string, tenantId: string): Promise<boolean>;
  /** Active customers with their users' email domains (the few most common). */
  customerCandidates(): Promise<CspCustomerCandidate[]>;
}

const DOMAINS_PER_CUSTOMER = 20;

export function createCspMappingRepository(db: Database): CspMappingRepository {
  return {
    async list(connectionId, only) {
      return db
        .select({
          tenantId: tenantMappings.tenantId,
          customerId: tenantMappings.customerId,
          doNotImport: tenantMappings.doNotImport,
          importTypeOverride: tenantMappings.licenceImportType,
        })
        .from(tenantMappings)
        .where(and(eq(tenantMappings.connectionId, connectionId), ofTenants(only)))
        .orderBy(asc(tenantMappings.tenantId));
    },

    async importTenantIds(connectionId, only) {
      const rows = await db
        .select({ tenantId: tenantMappings.tenantId })
        .from(tenantMappings)
        .where(
          and(
            eq(tenantMappings.connectionId, connectionId),
            isNotNull(tenantMappings.customerId),
            ofTenants(only),
          ),
        )
        .orderBy(asc(tenantMappings.tenantId));
      return rows.map((row) => row.tenantId.toLowerCase());
    },

    async mappedWithDefaultSite(connectionId) {
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
    },

    async save(input) {
      const values = { ...input, updatedAt: new Date() };
      await db
        .insert(tenantMappings)
        .values(values)
        .onConflictDoUpdate({ target: tenantMappings.tenantId, set: values });
    },

    async remove(connectionId, tenantId) {
      const rows = await db
        .delete(tenantMappings)
        .where(
          sql`${tenantMappings.connectionId} = ${connectionId} and ${tenantMappings.tenantId} = ${tenantId}`,
        )
        .returning({ id: tenantMappings.id });
      return rows.length > 0;
    },

    async customerCandidates() {
      const rows = await db
        .select({ id: customers.id, name: customers.name })
        .from(customers)
        .where(eq(customers.inactive, false));
      const domains = await db
        .select({
          customerId: deskUsers.customerId,
          domain: sql<string>`lower(split_part(${deskUsers.email}, '@', 2))`,
          n: sql<number>`count(*)::int`,
        })
        .from(deskUsers)
        .where(sql`${deskUsers.email} like '%@%'`)
        .groupBy(deskUsers.customerId, sql`lower(split_part(${deskUsers.email}, '@', 2))`);
      const byCustomer = new Map<string, { domain: string; n: number }[]>();
      for (const d of domains) byCustomer.set(d.customerId, [...(byCustomer.get(d.customerId) ?? []), d]);
      return rows.map((c) => ({
        ...c,
        emailDomains: (byCustomer.get(c.id) ?? [])
          .sort((a, b) => b.n - a.n)
          .slice(0, DOMAINS_PER_CUSTOMER)
          .map((d) => d.domain),
      }));
    },
  };
}
