import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { sites } from '../schema/customers.js';
import { unlessDuplicate } from './already-exists.js';
import type { Site } from './customer-repository.js';
import { afterCursor, orderTerms, sortKeyOf, startsWith, toPage, type KeysetOrder } from './keyset-page.js';

export interface SiteListOptions {
  /** Prefix of the name, case-insensitive. */
  search?: string;
  inactive?: boolean;
  sort?: 'name' | '-name';
  limit?: number;
  cursor?: string;
}

export interface SiteChanges {
  name?: string;
  inactive?: boolean;
  /** `true` makes this the customer's default site (the previous default stops being one). */
  isDefault?: true;
}

/** Sites of customers, for the console. */
export interface SiteRepository {
  listByCustomer(customerId: string, options: SiteListOptions): Promise<Page<Site>>;
  countByCustomer(customerId: string, options: Pick<SiteListOptions, 'search' | 'inactive'>): Promise<number>;
  findById(id: string): Promise<Site | undefined>;
  /** Throws `AlreadyExistsError` (field `name`) when the customer has a site of that name. */
  create(customerId: string, name: string): Promise<Site>;
  update(id: string, changes: SiteChanges): Promise<Site | undefined>;
}

const NAME_TAKEN = {
  sites_customer_name_key: { field: 'name', message: 'This customer already has a site with this name.' },
};

const nameKey = sql`lower(${sites.name}) collate "C"`;

function filters(customerId: string, options: Pick<SiteListOptions, 'search' | 'inactive'>) {
  return [
    eq(sites.customerId, customerId),
    options.search ? startsWith(nameKey, options.search) : undefined,
    options.inactive === undefined ? undefined : eq(sites.inactive, options.inactive),
  ];
}

/** A {@link SiteRepository} over `db` (a database or a transaction). */
export function createSiteRepository(db: Database): SiteRepository {
  return {
    async listByCustomer(customerId, options) {
      const limit = pageSize(options.limit);
      const order: KeysetOrder = {
        expression: nameKey,
        type: 'text',
        id: sites.id,
        idType: 'uuid',
        direction: options.sort === '-name' ? 'desc' : 'asc',
      };
      const rows = await db
        .select({ item: sites, sortKey: sortKeyOf(order), id: sites.id })
        .from(sites)
        .where(and(...filters(customerId, options), afterCursor(order, options.cursor)))
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(rows, limit);
    },

    async countByCustomer(customerId, options) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(sites)
        .where(and(...filters(customerId, options)));
      return row?.count ?? 0;
    },

    async findById(id) {
      const [row] = await db.select().from(sites).where(eq(sites.id, id));
      return row;
    },

    async create(customerId, name) {
      const [site] = await unlessDuplicate(
        () => db.insert(sites).values({ customerId, name }).returning(),
        NAME_TAKEN,
      );
      if (!site) throw new Error('insert into sites returned no row');
      return site;
    },

    update: (id, changes) =>
      unlessDuplicate(
        () =>
          db.transaction(async (tx) => {
            if (changes.isDefault) {
              // One default per customer (a partial unique index): clear the old one first.
              await tx
                .update(sites)
                .set({ isDefault: false, updatedAt: sql`now()` })
                .where(
                  and(
                    eq(sites.isDefault, true),
                    sql`${sites.customerId} = (select customer_id from sites where id = ${id})`,
                  ),
                );
            }
            const [row] = await tx
              .update(sites)
              .set({ ...changes, updatedAt: sql`now()` })
              .where(eq(sites.id, id))
              .returning();
            return row;
          }),
        NAME_TAKEN,
      ),
  };
}
