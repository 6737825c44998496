import { asc, eq } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { tenantMappings } from '../schema/connections.js';

/** A CSP connection's tenant mapping, as the licences module reads it. */
export interface LicenceTenantMapping {
  tenantId: string;
  customerId: string | null;
  doNotImport: boolean;
  /** Null: the connection's licence import type. */
  importTypeOverride: string | null;
}

/** Every tenant mapping of a connection (do-not-import ones included), by tenant id. */
export async function listLicenceTenants(
  db: Database,
  connectionId: string,
): Promise<LicenceTenantMapping[]> {
  return db
    .select({
      tenantId: tenantMappings.tenantId,
      customerId: tenantMappings.customerId,
      doNotImport: tenantMappings.doNotImport,
      importTypeOverride: tenantMappings.licenceImportType,
    })
    .from(tenantMappings)
    .where(eq(tenantMappings.connectionId, connectionId))
    .orderBy(asc(tenantMappings.tenantId));
}
