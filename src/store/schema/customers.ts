import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { primaryId, timestamps } from './columns.js';

/** A customer organisation of the desk (Halo's "client"); one per managed tenant or more. */
export const customers = pgTable(
  'customers',
  {
    id: primaryId(),
    name: text('name').notNull(),
    inactive: boolean('inactive').notNull().default(false),
    /**
     * The ISO 3166 country set on a user's `usageLocation` when a licence is assigned from the desk
     * and the user has none (Microsoft refuses licences without one); null: refuse and say so.
     */
    defaultUsageLocation: text('default_usage_location'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('customers_name_key').on(sql`lower(${t.name})`)],
);

/** A site of a customer; every customer has one default site ("Main") that new users land on. */
export const sites = pgTable(
  'sites',
  {
    id: primaryId(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** A site code; site mappings can match users to sites by it. */
    reference: text('reference'),
    isDefault: boolean('is_default').notNull().default(false),
    inactive: boolean('inactive').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('sites_customer_name_key').on(t.customerId, sql`lower(${t.name})`),
    // At most one default site per customer.
    uniqueIndex('sites_one_default_per_customer')
      .on(t.customerId)
      .where(sql`${t.isDefault}`),
    // Target of desk_users' composite foreign key, which keeps a user's customer and site in agreement.
    unique('sites_id_customer_key').on(t.id, t.customerId),
    index('sites_customer_idx').on(t.customerId),
  ],
);
