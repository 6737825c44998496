import {
  cspSiteMappingRuleSchema,
  cspTenantSettingsSchema,
  type CspTenantSettings,
} from '../../../contracts/api/csp-tenants.js';
import {
  createConnectionRepository,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../../store/index.js';
import { ApiHttpError } from '../../http/api-error.js';
import { notFound } from '../../routes/resource-helpers.js';

/** Settings keys the Tenants tab owns in a CSP connection's settings. */
export const TENANT_SETTINGS_KEY = 'tenants';
export const SITE_MAPPING_RULES_KEY = 'tenantSiteMappingRules';

export type CspSiteMappingRule = ReturnType<typeof cspSiteMappingRuleSchema.parse>;

/** A CSP connection by id; 404 for other kinds too. */
export async function loadCspConnection(
  db: Database,
  box: SecretBox,
  id: string,
): Promise<ConnectionSummary> {
  const connection = await createConnectionRepository(db, box).findById(id);
  if (!connection || connection.kind !== 'csp') throw notFound('CSP connection');
  return connection;
}

/** The stored tenant settings, defaults for what was never saved. */
export function tenantSettingsOf(connection: ConnectionSummary): CspTenantSettings {
  const parsed = cspTenantSettingsSchema.safeParse(connection.settings[TENANT_SETTINGS_KEY] ?? {});
  return parsed.success ? parsed.data : cspTenantSettingsSchema.parse({});
}

export function siteMappingRulesOf(connection: ConnectionSummary): CspSiteMappingRule[] {
  const raw = connection.settings[SITE_MAPPING_RULES_KEY];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((r) => {
    const parsed = cspSiteMappingRuleSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The GDAP app's client id (`settings.gdapClientId`), or a 409 naming the field. */
export function gdapClientIdOf(connection: ConnectionSummary): string {
  const id = connection.settings.gdapClientId;
  if (typeof id !== 'string' || id.length === 0) {
    throw new ApiHttpError('conflict', 'This connection has no GDAP app yet: add its client id first.', [
      { field: 'gdapClientId', message: "the multi-tenant GDAP app's client id is required" },
    ]);
  }
  return id;
}
