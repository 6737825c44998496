import { sql } from 'drizzle-orm';
import type { Database } from '../../database-types.js';
import { InvalidPlanError, StalePlanError } from '../../errors.js';
import { arrayParam } from '../../sql-arrays.js';
import { queryRows } from '../../sql-rows.js';
import type { BulkColumn } from '../../bulk-rows.js';
import { ensureSites, type NewSite } from './new-sites.js';
import type { PreparedRecord } from './plan-records.js';

/** Where each planned user lands, and how many sites the apply created. */
export interface UserPlacement {
  /** `site_id` and `customer_id` of a chunk; null (an update without a site) keeps the stored ones. */
  columns(records: readonly PreparedRecord[]): BulkColumn[];
  sitesInserted: number;
}

/**
 * Creates the plan's new sites and finds the customer of every site the plan uses (the desk
 * user's customer follows its site). Throws when a creation has no site or a site is gone.
 */
export async function placeUsers(
  db: Database,
  records: readonly PreparedRecord[],
  newSites: readonly NewSite[],
): Promise<UserPlacement> {
  // An update moves its record only when its changes list the site.
  const placed = records.filter((r) => r.parts.has('site'));
  const named = placed.flatMap(({ planned }) =>
    planned.site && 'newSite' in planned.site ? [planned.site.newSite] : [],
  );
  const ensured = await ensureSites(db, [...newSites, ...named]);
  const siteIds = new Map<string, string>();
  for (const { id, planned } of placed) {
    const site = planned.site;
    const siteId = !site ? undefined : 'siteId' in site ? site.siteId : ensured.siteIdOf(site.newSite);
    if (siteId) siteIds.set(id, siteId.toLowerCase());
    else if (planned.outcome === 'create')
      throw new InvalidPlanError(`planned creation of ${planned.entraId} has no site`);
  }
  const distinct = [...new Set(siteIds.values())];
  const found = distinct.length
    ? await queryRows<{ id: string; customer_id: string }>(
        db,
        sql`select id, customer_id from sites where id = any(${arrayParam(distinct, 'uuid')})`,
      )
    : [];
  const customers = new Map(found.map((row) => [row.id, row.customer_id]));
  const missing = distinct.find((id) => !customers.has(id));
  if (missing) throw new StalePlanError(`site ${missing} no longer exists`);

  return {
    sitesInserted: ensured.inserted,
    columns: (part) => {
      const sites = part.map((r) => siteIds.get(r.id) ?? null);
      return [
        { name: 'site_id', type: 'uuid', values: sites },
        {
          name: 'customer_id',
          type: 'uuid',
          values: sites.map((s) => (s ? customers.get(s) : null) ?? null),
        },
      ];
    },
  };
}
