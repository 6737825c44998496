import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../sql-rows.js';
import type { Database } from '../database-types.js';
import { onboardingConfigs } from '../schema/requests.js';

export type StoredOnboardingConfig = typeof onboardingConfigs.$inferSelect;

/** A tenant of a customer that a connection can write to. */
export interface CustomerTenant {
  tenantId: string;
  name: string;
  connectionId: string;
  connectionName: string;
  connectionKind: 'entra' | 'csp';
  /** Whether the connection may assign licences ("Allow licences to be managed", guide 000 note). */
  manageLicences: boolean;
}

/** A customer's request settings (validated by the caller against contracts/onboarding/config.ts). */
export function createOnboardingConfigRepository(db: Database) {
  return {
    /**
     * The customer's tenants and the connections that reach them: CSP customer tenants mapped to
     * it, and directly connected (Entra) tenants whose users were imported into it. A directly
     * connected tenant is listed first (its own app registration), then CSP.
     */
    async tenants(customerId: string): Promise<CustomerTenant[]> {
      return queryRows<CustomerTenant>(
        db,
        sql`select * from (
              select c.tenant_id as "tenantId", c.name as name, c.id as "connectionId",
                     c.name as "connectionName", c.kind as "connectionKind",
                     coalesce((c.settings->>'manageLicences')::boolean, false) as "manageLicences"
                from connections c
               where c.kind = 'entra' and not c.inactive
                 and exists (select 1 from desk_users u where u.customer_id = ${customerId} and u.tenant_id = c.tenant_id)
              union all
              select m.tenant_id, coalesce(t.name, cu.name), c.id, c.name, c.kind,
                     coalesce((c.settings->>'manageLicences')::boolean, false)
                from tenant_mappings m
                join connections c on c.id = m.connection_id and c.kind = 'csp' and not c.inactive
                join customers cu on cu.id = m.customer_id
                left join csp_tenants t on t.connection_id = m.connection_id and t.tenant_id = m.tenant_id
               where m.customer_id = ${customerId}) x
            order by case when "connectionKind" = 'entra' then 0 else 1 end, name`,
      );
    },

    /** The licences (SKUs) a tenant holds as last imported, with seat counts; one row per SKU. */
    async tenantLicences(
      tenantId: string,
    ): Promise<{ skuId: string; name: string; total: number; consumed: number }[]> {
      return queryRows(
        db,
        sql`select distinct on (sku_id) sku_id::text as "skuId", friendly_name as name,
                   total_units as total, consumed_units as consumed
              from customer_licences
             where tenant_id = ${tenantId} and removed_at is null
             order by sku_id, last_seen_at desc`,
      );
    },

    async find(customerId: string): Promise<StoredOnboardingConfig | undefined> {
      const [row] = await db
        .select()
        .from(onboardingConfigs)
        .where(eq(onboardingConfigs.customerId, customerId));
      return row;
    },

    async save(
      customerId: string,
      value: { config: Record<string, unknown>; groups: Record<string, unknown>[] },
      updatedBy: string | null,
    ): Promise<StoredOnboardingConfig> {
      const [row] = await db
        .insert(onboardingConfigs)
        .values({ customerId, config: value.config, groups: value.groups, updatedBy })
        .onConflictDoUpdate({
          target: onboardingConfigs.customerId,
          set: { config: value.config, groups: value.groups, updatedBy, updatedAt: sql`now()` },
        })
        .returning();
      return row!;
    },
  };
}
