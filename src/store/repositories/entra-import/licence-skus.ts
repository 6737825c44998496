import { sql } from 'drizzle-orm';
import type { Database } from '../../database-types.js';
import { queryRows } from '../../sql-rows.js';

/** A SKU held in at least one of a connection's tenants, as its import configuration lists it. */
export interface ConnectionSku {
  skuId: string;
  skuPartNumber: string;
  friendlyName: string;
  tenants: number;
}

/**
 * The SKUs the licences module imported for `connectionId` (not removed), each once, by friendly
 * name. A few dozen rows per tenant, so a grouped read of the connection's rows is enough.
 */
export async function listConnectionSkus(db: Database, connectionId: string): Promise<ConnectionSku[]> {
  const rows = await queryRows<{
    sku_id: string;
    sku_part_number: string;
    friendly_name: string;
    tenants: number;
  }>(
    db,
    sql`select sku_id::text, min(sku_part_number) as sku_part_number, min(friendly_name) as friendly_name,
               count(distinct tenant_id)::int as tenants
        from customer_licences
        where connection_id = ${connectionId} and removed_at is null
        group by sku_id
        order by lower(min(friendly_name)) collate "C", sku_id`,
  );
  return rows.map((r) => ({
    skuId: r.sku_id.toLowerCase(),
    skuPartNumber: r.sku_part_number,
    friendlyName: r.friendly_name,
    tenants: r.tenants,
  }));
}
