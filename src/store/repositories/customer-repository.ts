import { and, eq } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { customers, sites } from '../schema/customers.js';

/** The site every new customer gets, where users land unless a site mapping says otherwise. */
export const DEFAULT_SITE_NAME = 'Main';

export type Customer = typeof customers.$inferSelect;
export type Site = typeof sites.$inferSelect;

/** Customers and their sites. Depend on the methods you use (`Pick<CustomerRepository, …>`). */
export interface CustomerRepository {
  /** Creates a customer with its default site. Names are unique, ignoring case. */
  create(input: { name: string }): Promise<{ customer: Customer; defaultSite: Site }>;
  findById(id: string): Promise<Customer | undefined>;
  addSite(customerId: string, name: string): Promise<Site>;
  defaultSite(customerId: string): Promise<Site | undefined>;
}

/** A {@link CustomerRepository} over `db` (a database or a transaction). */
export function createCustomerRepository(db: Database): CustomerRepository {
  return {
    create: (input) =>
      db.transaction(async (tx) => {
        const [customer] = await tx.insert(customers).values({ name: input.name }).returning();
        if (!customer) throw new Error('insert into customers returned no row');
        const [defaultSite] = await tx
          .insert(sites)
          .values({ customerId: customer.id, name: DEFAULT_SITE_NAME, isDefault: true })
          .returning();
        if (!defaultSite) throw new Error('insert into sites returned no row');
        return { customer, defaultSite };
      }),

    async findById(id) {
      const [row] = await db.select().from(customers).where(eq(customers.id, id));
      return row;
    },

    async addSite(customerId, name) {
      const [site] = await db.insert(sites).values({ customerId, name }).returning();
      if (!site) throw new Error('insert into sites returned no row');
      return site;
    },

    async defaultSite(customerId) {
      const [row] = await db
        .select()
        .from(sites)
        .where(and(eq(sites.customerId, customerId), eq(sites.isDefault, true)));
      return row;
    },
  };
}
