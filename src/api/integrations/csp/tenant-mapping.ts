import type { CspTenantSettings } from '../../../contracts/api/csp-tenants.js';
import {
  createConnectionRepository,
  createCspMappingRepository,
  createCustomerRepository,
  createSettingsRepository,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../../store/index.js';
import { loadSignInSettings, SIGN_IN_SETTINGS_KEY } from '../../auth/sign-in-settings.js';
import { notFound } from '../../routes/resource-helpers.js';
import { SITE_MAPPING_RULES_KEY, siteMappingRulesOf } from './tenants-connection.js';

export type MappingTarget = { kind: 'customer'; customerId: string } | { kind: 'doNotImport' };

export interface MappingOverrides {
  relationshipType: 'gdapAndDap' | 'gdapOnly' | null;
  licenceImportType: 'skus' | 'subscriptions' | 'both' | null;
  excludeFromIntune: boolean;
}

/**
 * Saves a tenant's mapping in `tx` and does what the settings ask when a tenant is assigned to a
 * customer: a site-mapping rule to the customer's default site (for the users import), and the
 * tenant id on the sign-in allow-list. Returns notes for the person who mapped it.
 */
export async function assignTenant(
  tx: Database,
  box: SecretBox,
  connection: ConnectionSummary,
  settings: CspTenantSettings,
  tenantId: string,
  target: MappingTarget,
  overrides: MappingOverrides,
  now: Date,
): Promise<string[]> {
  const notes: string[] = [];
  let defaultSiteId: string | null = null;
  if (target.kind === 'customer') {
    const customers = createCustomerRepository(tx);
    const customer = await customers.findById(target.customerId);
    if (!customer) throw notFound('customer');
    defaultSiteId = (await customers.defaultSite(customer.id))?.id ?? null;
  }
  await createCspMappingRepository(tx).save({
    connectionId: connection.id,
    tenantId,
    customerId: target.kind === 'customer' ? target.customerId : null,
    defaultSiteId,
    doNotImport: target.kind === 'doNotImport',
    ...overrides,
  });

  const rules = siteMappingRulesOf(connection).filter((r) => r.tenantId !== tenantId);
  if (target.kind === 'customer' && settings.createSiteMappingOnAssign && defaultSiteId) {
    rules.push({ tenantId, customerId: target.customerId, siteId: defaultSiteId });
    notes.push("A site mapping to the customer's default site will be used by the users import.");
  }
  await createConnectionRepository(tx, box).update(connection.id, {
    settings: { [SITE_MAPPING_RULES_KEY]: rules },
  });
  connection.settings[SITE_MAPPING_RULES_KEY] = rules;

  if (target.kind === 'customer' && settings.addTenantsToSsoAllowList) {
    notes.push(await allowTenantSignIn(tx, tenantId, now));
  }
  return notes;
}

/** Adds a tenant to the sign-in allow-list (nothing to do when every tenant may sign in). */
export async function allowTenantSignIn(db: Database, tenantId: string, now: Date): Promise<string> {
  const current = await loadSignInSettings(db);
  if (current.allowedTenants === 'any') return 'Every tenant may already sign in with Microsoft.';
  const id = tenantId.toLowerCase();
  if (current.allowedTenants.includes(id)) return 'The tenant is already on the sign-in allow-list.';
  await createSettingsRepository(db).put(
    SIGN_IN_SETTINGS_KEY,
    { ...current, allowedTenants: [...current.allowedTenants, id] },
    now,
  );
  return 'The tenant was added to the sign-in allow-list.';
}
