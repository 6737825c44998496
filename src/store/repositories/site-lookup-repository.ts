import { and, eq, or, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { customers, sites } from '../schema/customers.js';
import { arrayParam } from '../sql-arrays.js';
import type { Site } from './customer-repository.js';
import { afterCursor, orderTerms, sortKeyOf, startsWith, toPage, type KeysetOrder } from './keyset-page.js';

/** A site with the name of its customer. */
export type SiteWithCustomer = Site & { customerName: string };

export interface SiteSearchOptions {
  /** Prefix of the site's name or of its customer's name, case-insensitive. */
  search?: string;
  limit?: number;
  cursor?: string;
}

/** Sites of every customer, named with their customer: for pickers that span customers. */
export interface SiteLookupRepository {
  /** One site with its customer's name. */
  findById(id: string): Promise<SiteWithCustomer | undefined>;
  /** The sites among `ids` that exist, in the order of `ids`. */
  byIds(ids: readonly string[]): Promise<SiteWithCustomer[]>;
  /** Sites by customer name, then site name; a search matches the start of either name. */
  search(options: SiteSearchOptions): Promise<Page<SiteWithCustomer>>;
}

const siteKey = sql`lower(${sites.name}) collate "C"`;
const customerKey = sql`lower(${customers.name}) collate "C"`;

/**
 * Customer name, then site name, as one keyset expression; chr(1) sorts below every printable
 * character, so "Contoso" + "Main" comes before "Contoso Ltd" + "Berlin".
 */
const ORDER: KeysetOrder = {
  expression: sql`(lower(${customers.name}) || chr(1) || lower(${sites.name})) collate "C"`,
  type: 'text',
  id: sites.id,
  idType: 'uuid',
  direction: 'asc',
};

/** A {@link SiteLookupRepository} over `db` (a database or a transaction). */
export function createSiteLookupRepository(db: Database): SiteLookupRepository {
  const fields = { site: sites, customerName: customers.name };
  const flat = (row: { site: Site; customerName: string }): SiteWithCustomer => ({
    ...row.site,
    customerName: row.customerName,
  });

  return {
    async findById(id) {
      const [row] = await db
        .select(fields)
        .from(sites)
        .innerJoin(customers, eq(customers.id, sites.customerId))
        .where(eq(sites.id, id));
      return row && flat(row);
    },

    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .select(fields)
        .from(sites)
        .innerJoin(customers, eq(customers.id, sites.customerId))
        .where(sql`${sites.id} = any(${arrayParam(ids, 'uuid')})`);
      const byId = new Map(rows.map((row) => [row.site.id, flat(row)]));
      return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
    },

    async search(options) {
      const limit = pageSize(options.limit);
      const term = options.search;
      const rows = await db
        .select({ ...fields, sortKey: sortKeyOf(ORDER) })
        .from(sites)
        .innerJoin(customers, eq(customers.id, sites.customerId))
        .where(
          and(
            term ? or(startsWith(siteKey, term), startsWith(customerKey, term)) : undefined,
            afterCursor(ORDER, options.cursor),
          ),
        )
        .orderBy(...orderTerms(ORDER))
        .limit(limit + 1);
      return toPage(
        rows.map((row) => ({ item: flat(row), sortKey: row.sortKey, id: row.site.id })),
        limit,
      );
    },
  };
}
