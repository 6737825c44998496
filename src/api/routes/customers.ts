import type { FastifyInstance } from 'fastify';
import {
  createCustomer,
  getCustomer,
  getPortalCustomer,
  listCustomers,
  updateCustomer,
  type CustomerView,
} from '../../contracts/api/customers.js';
import {
  createCustomerAdminRepository,
  createCustomerRepository,
  type Customer,
  type Database,
  type Site,
} from '../../store/index.js';
import { portalCustomerId } from '../access/portal-scope.js';
import { audited, auditSource, changedFields } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { definedOnly, endpointRegistrar, iso, notFound, toApiPage } from './resource-helpers.js';

function customerView(customer: Customer): CustomerView {
  return {
    id: customer.id,
    name: customer.name,
    inactive: customer.inactive,
    defaultUsageLocation: customer.defaultUsageLocation,
    createdAt: iso(customer.createdAt),
    updatedAt: iso(customer.updatedAt),
  };
}

function detailView(customer: Customer, defaultSite: Site | undefined) {
  return {
    ...customerView(customer),
    defaultSite: defaultSite ? { id: defaultSite.id, name: defaultSite.name } : null,
  };
}

async function loadDetail(db: Database, customer: Customer) {
  return detailView(customer, await createCustomerRepository(db).defaultSite(customer.id));
}

/** Customers in the console (customers.read / customers.write) and a portal user's own customer. */
export function registerCustomerRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const on = endpointRegistrar(app, deps);

  on(listCustomers, async ({ query }) => {
    const customers = createCustomerAdminRepository(deps.db);
    const page = await customers.list(query);
    // Customers number in the thousands at most: counting them is cheap.
    return toApiPage(page, customerView, await customers.count(query));
  });

  on(getCustomer, async ({ params }) => {
    const customer = await createCustomerRepository(deps.db).findById(params.id);
    if (!customer) throw notFound('customer');
    return loadDetail(deps.db, customer);
  });

  on(createCustomer, ({ body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const { customer, defaultSite } = await createCustomerAdminRepository(tx).create({ name: body.name });
      await record({
        action: 'customer.create',
        target: { type: 'customer', id: customer.id },
        customerId: customer.id,
        after: { name: customer.name, inactive: customer.inactive, defaultSite: defaultSite.name },
      });
      return detailView(customer, defaultSite);
    }),
  );

  on(updateCustomer, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const before = await createCustomerRepository(tx).findById(params.id);
      if (!before) throw notFound('customer');
      const after = await createCustomerAdminRepository(tx).update(params.id, definedOnly(body));
      if (!after) throw notFound('customer');
      const change = changedFields(before, after, ['name', 'inactive', 'defaultUsageLocation']);
      if (change) {
        await record({
          action: 'customer.update',
          target: { type: 'customer', id: after.id },
          customerId: after.id,
          ...change,
        });
      }
      return loadDetail(tx, after);
    }),
  );

  on(getPortalCustomer, async ({ principal }) => {
    const customer = await createCustomerRepository(deps.db).findById(portalCustomerId(principal));
    if (!customer) throw notFound('customer');
    return { id: customer.id, name: customer.name };
  });
}
