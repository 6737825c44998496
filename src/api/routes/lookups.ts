import type { FastifyInstance } from 'fastify';
import {
  getEntraImportLookups,
  lookupSites,
  SITE_LOOKUP_PAGE,
  type SiteLookup,
} from '../../contracts/api/lookups.js';
import {
  createCustomFieldRepository,
  createImportLookupRepository,
  createSiteLookupRepository,
  type SiteWithCustomer,
} from '../../store/index.js';
import type { ApiDeps } from '../deps.js';
import { endpointRegistrar, toApiPage } from './resource-helpers.js';

function siteLookupView(site: SiteWithCustomer): SiteLookup {
  return {
    id: site.id,
    name: site.name,
    customerId: site.customerId,
    customerName: site.customerName,
    isDefault: site.isDefault,
    inactive: site.inactive,
  };
}

/**
 * Names and ids for the Entra import configuration's pickers. Open to the configure permission's
 * holders and to agents with an Entra connection grant (`alsoRequires` in the contracts, checked
 * before the handlers run).
 */
export function registerLookupRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const on = endpointRegistrar(app, deps);

  on(getEntraImportLookups, async () => {
    const lookups = createImportLookupRepository(deps.db);
    const [teams, cabs, cabRoles, agentRoles, userRoles, customFields] = await Promise.all([
      lookups.teams(),
      lookups.cabs(),
      lookups.cabRoles(),
      lookups.roles('agent'),
      lookups.roles('portal'),
      createCustomFieldRepository(deps.db).list(),
    ]);
    return {
      teams: teams.map(({ id, name, inactive }) => ({ id, name, inactive })),
      cabs,
      cabRoles,
      agentRoles,
      userRoles,
      customFields: customFields.map(({ id, name, label }) => ({ id, name, label })),
    };
  });

  on(lookupSites, async ({ query }) => {
    const sites = createSiteLookupRepository(deps.db);
    if (query.ids) {
      const found = await sites.byIds(query.ids);
      return { items: found.map(siteLookupView), nextCursor: null, total: found.length };
    }
    const page = await sites.search({ search: query.search, cursor: query.cursor, limit: SITE_LOOKUP_PAGE });
    return toApiPage(page, siteLookupView);
  });
}
