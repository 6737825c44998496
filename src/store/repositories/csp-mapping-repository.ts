import { eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { tenantMappings } from '../schema/connections.js';
import type { CspLicenceImportType, CspRelationshipType } from '../schema/csp-values.js';
import { customers } from '../schema/customers.js';
import { deskUsers } from '../schema/desk-users.js';

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

/** `tenant_mappings` for CSP tenants, and the customers suggestions are made from. */
export interface CspMappingRepository {
  /** One mapping per tenant: replaces the tenant's mapping, whichever connection made it. */
  save(input: CspMappingInput): Promise<void>;
  remove(connectionId: string, tenantId: string): Promise<boolean>;
  /** Active customers with their users' email domains (the few most common). */
  customerCandidates(): Promise<CspCustomerCandidate[]>;
}

const DOMAINS_PER_CUSTOMER = 20;

export function createCspMappingRepository(db: Database): CspMappingRepository {
  return {
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
