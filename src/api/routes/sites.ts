import type { FastifyInstance } from 'fastify';
import { createSite, getSite, listSites, updateSite, type SiteView } from '../../contracts/api/sites.js';
import {
  createCustomerRepository,
  createSiteLookupRepository,
  createSiteRepository,
  type Site,
} from '../../store/index.js';
import { audited, auditSource, changedFields } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { definedOnly, endpointRegistrar, iso, notFound, toApiPage } from './resource-helpers.js';

function siteView(site: Site): SiteView {
  return {
    id: site.id,
    customerId: site.customerId,
    name: site.name,
    isDefault: site.isDefault,
    inactive: site.inactive,
    createdAt: iso(site.createdAt),
    updatedAt: iso(site.updatedAt),
  };
}

/** Sites of customers (customers.read / customers.write). */
export function registerSiteRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const on = endpointRegistrar(app, deps);

  on(listSites, async ({ params, query }) => {
    if (!(await createCustomerRepository(deps.db).findById(params.id))) throw notFound('customer');
    const sites = createSiteRepository(deps.db);
    const page = await sites.listByCustomer(params.id, query);
    return toApiPage(page, siteView, await sites.countByCustomer(params.id, query));
  });

  on(getSite, async ({ params }) => {
    const site = await createSiteLookupRepository(deps.db).findById(params.id);
    if (!site) throw notFound('site');
    return { ...siteView(site), customerName: site.customerName };
  });

  on(createSite, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      if (!(await createCustomerRepository(tx).findById(params.id))) throw notFound('customer');
      const site = await createSiteRepository(tx).create(params.id, body.name);
      await record({
        action: 'site.create',
        target: { type: 'site', id: site.id },
        customerId: site.customerId,
        after: { name: site.name },
      });
      return siteView(site);
    }),
  );

  on(updateSite, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const sites = createSiteRepository(tx);
      const before = await sites.findById(params.siteId);
      if (!before || before.customerId !== params.id) throw notFound('site');
      const becomesInactive = body.inactive ?? before.inactive;
      if (becomesInactive && (before.isDefault || body.isDefault)) {
        throw new ApiHttpError('validation_failed', 'The default site cannot be inactive.', [
          { field: 'inactive', message: 'make another site the default first' },
        ]);
      }
      const after = await sites.update(before.id, definedOnly(body));
      if (!after) throw notFound('site');
      const change = changedFields(before, after, ['name', 'inactive', 'isDefault']);
      if (change) {
        await record({
          action: 'site.update',
          target: { type: 'site', id: after.id },
          customerId: after.customerId,
          ...change,
        });
      }
      return siteView(after);
    }),
  );
}
