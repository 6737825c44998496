import { entraLicenceCustomer, subscribedSkuFromGraph } from '../../../domain/licences/index.js';
import { subscribedSkuSchema, type GraphClient } from '../../../microsoft/index.js';
import { createLicenceImportRepository, createSiteRepository, type Database } from '../../../store/index.js';
import { deskReach } from '../../../sync/entra/index.js';
import type { LicenceReader, LicenceTenant } from '../../../sync/licences/index.js';
import { withTenantSiteMappings } from '../entra/run-import.js';
import { loadImportConfig } from '../entra/import-ports.js';

/**
 * Graph `GET /subscribedSkus` of an Entra connection's tenant for the licences module (one
 * request: the collection is not paged in practice, but `@odata.nextLink` is followed anyway).
 */
export function createGraphLicenceReader(counted: {
  graph: GraphClient;
  requestCount(): number;
}): LicenceReader {
  return {
    async subscribedSkus() {
      const skus = [];
      for await (const page of counted.graph.pages('/subscribedSkus', subscribedSkuSchema)) {
        skus.push(...page.items.map(subscribedSkuFromGraph));
      }
      return skus;
    },
    requestCount: () => counted.requestCount(),
  };
}

/**
 * An Entra connection's tenant as the licences module's one "mapping": its customer is the one its
 * site mappings reach, else the one holding most of its users (see `entraLicenceCustomer`); when
 * neither tells, the tenant is skipped with words saying how to fix it.
 */
export async function entraLicenceTenant(
  db: Database,
  connection: { id: string; tenantId: string },
): Promise<LicenceTenant> {
  const tenantId = connection.tenantId.toLowerCase();
  const { config } = await loadImportConfig(db, connection.id);
  const reach = deskReach(withTenantSiteMappings(config, tenantId));
  let mappedCustomerIds: string[] | 'all' = 'all';
  if (reach.customerIds !== 'all') {
    const customers = new Set(reach.customerIds);
    const sites = createSiteRepository(db);
    for (const siteId of reach.siteIds) {
      const site = await sites.findById(siteId);
      if (site) customers.add(site.customerId);
    }
    mappedCustomerIds = [...customers].sort();
  }
  const usersByCustomer = await createLicenceImportRepository(db).tenantUserCustomers(tenantId);
  const chosen = entraLicenceCustomer({ tenantId, mappedCustomerIds, usersByCustomer });
  return {
    tenantId,
    customerId: chosen.ok ? chosen.customerId : null,
    doNotImport: false,
    importTypeOverride: null,
    ...(chosen.ok ? {} : { noCustomer: { code: chosen.code, message: chosen.message } }),
  };
}
