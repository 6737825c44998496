import { sql } from 'drizzle-orm';
import type { Database } from '../../database-types.js';
import { arrayParam } from '../../sql-arrays.js';
import { queryRows } from '../../sql-rows.js';

/** A site a plan creates (site mapping "customer by field": one site per value). */
export interface NewSite {
  customerId: string;
  name: string;
}

/** The sites of a plan, created where missing. */
export interface EnsuredSites {
  /** The id of the site named so (ignoring case) at the customer. */
  siteIdOf(site: NewSite): string | undefined;
  inserted: number;
}

const keyOf = (site: NewSite) => `${site.customerId.toLowerCase()}/${site.name}`;

/**
 * Creates the `sites` a customer does not have yet, reusing one whose name differs only in case
 * (the unique key is customer + lower(name)). Two statements whatever the number of sites.
 */
export async function ensureSites(db: Database, sites: readonly NewSite[]): Promise<EnsuredSites> {
  const unique = [...new Map(sites.map((site) => [keyOf(site), site])).values()];
  if (unique.length === 0) return { siteIdOf: () => undefined, inserted: 0 };
  const customers = arrayParam(
    unique.map((site) => site.customerId),
    'uuid',
  );
  const names = arrayParam(
    unique.map((site) => site.name),
    'text',
  );
  const inserted = await queryRows<{ id: string }>(
    db,
    sql`insert into sites (customer_id, name)
        select customer_id, name from unnest(${customers}, ${names}) as i(customer_id, name)
        on conflict (customer_id, lower(name)) do nothing
        returning id`,
  );
  const found = await queryRows<{ ord: string | number; id: string }>(
    db,
    sql`select i.ord, s.id from unnest(${customers}, ${names}) with ordinality as i(customer_id, name, ord)
        join sites s on s.customer_id = i.customer_id and lower(s.name) = lower(i.name)`,
  );
  const ids = new Map<string, string>();
  for (const row of found) {
    const site = unique[Number(row.ord) - 1];
    if (site) ids.set(keyOf(site), row.id);
  }
  return { siteIdOf: (site) => ids.get(keyOf(site)), inserted: inserted.length };
}
