import type { CspTenantSettings } from '../../../contracts/api/csp-tenants.js';
import { duplicateCustomers } from '../../../domain/csp/index.js';
import {
  createCspMappingRepository,
  createCspTenantRepository,
  createCustomerRepository,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../../store/index.js';
import type { CspTenantFollowUp } from '../../../sync/csp/index.js';
import { allowTenantSignIn, assignTenant } from './tenant-mapping.js';

/** A tenant the integrator will not turn into a customer: it would duplicate one (guide 002). */
export class DuplicateCustomerError extends Error {
  readonly cspCode = 'duplicateCustomer';
}

/**
 * After a tenants run: mapped tenants join the sign-in allow-list (when set), and on integrator
 * runs with "create new customers from new tenants" an unmapped tenant becomes a customer, unless
 * a customer with its name or domain exists (then it waits for a person, with the reason).
 */
export function createTenantFollowUp(
  deps: { db: Database; secrets: SecretBox; now: () => Date },
  connection: ConnectionSummary,
  settings: CspTenantSettings,
  options: { createCustomers: boolean },
): CspTenantFollowUp {
  let candidates: Awaited<
    ReturnType<ReturnType<typeof createCspMappingRepository>['customerCandidates']>
  > | null = null;
  return async (tenant) => {
    const stored = await createCspTenantRepository(deps.db).find(connection.id, tenant.tenantId);
    const mapping = stored?.mapping ?? null;
    if (mapping?.customerId && settings.addTenantsToSsoAllowList) {
      await allowTenantSignIn(deps.db, tenant.tenantId, deps.now());
    }
    if (mapping || !options.createCustomers) return;
    candidates ??= await createCspMappingRepository(deps.db).customerCandidates();
    const duplicates = duplicateCustomers(tenant, candidates);
    if (duplicates.length > 0) {
      throw new DuplicateCustomerError(
        `Not created as a new customer: it would duplicate ${duplicates.map((d) => `"${d.customerName}" (${d.reason})`).join(', ')}. Map it by hand.`,
      );
    }
    await deps.db.transaction(async (tx) => {
      const { customer } = await createCustomerRepository(tx).create({ name: tenant.name });
      await assignTenant(
        tx,
        deps.secrets,
        connection,
        settings,
        tenant.tenantId,
        { kind: 'customer', customerId: customer.id },
        { relationshipType: null, licenceImportType: null, excludeFromIntune: false },
        deps.now(),
      );
      candidates?.push({ id: customer.id, name: customer.name, emailDomains: [] });
    });
  };
}
