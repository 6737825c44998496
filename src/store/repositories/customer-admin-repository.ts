import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { customers } from '../schema/customers.js';
import { arrayParam } from '../sql-arrays.js';
import { unlessDuplicate } from './already-exists.js';
import { createCustomerRepository, type Customer, type Site } from './customer-repository.js';
import { afterCursor, orderTerms, sortKeyOf, startsWith, toPage, type KeysetOrder } from './keyset-page.js';

export const CUSTOMER_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export interface CustomerListOptions {
  /** Prefix of the name, case-insensitive. */
  search?: string;
  inactive?: boolean;
  sort?: CustomerSort;
  limit?: number;
  cursor?: string;
  /** Restricts the listing to these customers (a portal user's own). */
  ids?: readonly string[];
}

export interface CustomerChanges {
  name?: string;
  inactive?: boolean;
  defaultUsageLocation?: string | null;
}

/** Listing and editing customers for the console; creation keeps the default-site rule. */
export interface CustomerAdminRepository {
  list(options: CustomerListOptions): Promise<Page<Customer>>;
  /** Total customers matching the filters (customers are few, so this stays cheap). */
  count(options: Pick<CustomerListOptions, 'search' | 'inactive'>): Promise<number>;
  /** Throws `AlreadyExistsError` (field `name`) when another customer has the name. */
  create(input: { name: string }): Promise<{ customer: Customer; defaultSite: Site }>;
  /** Returns the updated customer, or undefined when there is none with `id`. */
  update(id: string, changes: CustomerChanges): Promise<Customer | undefined>;
}

const NAME_TAKEN = { customers_name_key: { field: 'name', message: 'Another customer has this name.' } };

const nameKey = sql`lower(${customers.name}) collate "C"`;

function keysetOrder(sort: CustomerSort = 'name'): KeysetOrder {
  const byName = sort === 'name' || sort === '-name';
  return {
    expression: byName ? nameKey : sql`${customers.createdAt}`,
    type: byName ? 'text' : 'timestamptz',
    id: customers.id,
    idType: 'uuid',
    direction: sort.startsWith('-') ? 'desc' : 'asc',
  };
}

function filters(options: Omit<CustomerListOptions, 'cursor' | 'limit' | 'sort'>): (SQL | undefined)[] {
  return [
    options.search ? startsWith(nameKey, options.search) : undefined,
    options.inactive === undefined ? undefined : eq(customers.inactive, options.inactive),
    options.ids ? sql`${customers.id} = any(${arrayParam(options.ids, 'uuid')})` : undefined,
  ];
}

/** A {@link CustomerAdminRepository} over `db` (a database or a transaction). */
export function createCustomerAdminRepository(db: Database): CustomerAdminRepository {
  return {
    async list(options) {
      const limit = pageSize(options.limit);
      const order = keysetOrder(options.sort);
      const rows = await db
        .select({ item: customers, sortKey: sortKeyOf(order), id: customers.id })
        .from(customers)
        .where(and(...filters(options), afterCursor(order, options.cursor)))
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(rows, limit);
    },

    async count(options) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(customers)
        .where(and(...filters(options)));
      return row?.count ?? 0;
    },

    create: (input) => unlessDuplicate(() => createCustomerRepository(db).create(input), NAME_TAKEN),

    async update(id, changes) {
      if (Object.keys(changes).length === 0) return createCustomerRepository(db).findById(id);
      const [row] = await unlessDuplicate(
        () =>
          db
            .update(customers)
            .set({ ...changes, updatedAt: sql`now()` })
            .where(eq(customers.id, id))
            .returning(),
        NAME_TAKEN,
      );
      return row;
    },
  };
}
