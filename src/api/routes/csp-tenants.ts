import type { FastifyInstance } from 'fastify';
import {
  deleteCspTenantMapping,
  getCspTenantSettings,
  listCspTenants,
  saveCspTenantMapping,
  syncCspTenants,
  updateCspTenantSettings,
} from '../../contracts/api/csp-tenants.js';
import { duplicateCustomers } from '../../domain/csp/index.js';
import {
  createConnectionRepository,
  createCspMappingRepository,
  createCspTenantRepository,
  createCustomerRepository,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { assignTenant, type MappingTarget } from '../integrations/csp/tenant-mapping.js';
import {
  loadCspConnection,
  siteMappingRulesOf,
  TENANT_SETTINGS_KEY,
  tenantSettingsOf,
} from '../integrations/csp/tenants-connection.js';
import { syncConnectionTenants } from '../integrations/csp/tenants-sync.js';
import { cspTenantView } from '../integrations/csp/tenants-view.js';
import { registerCspTenantConsentRoutes } from './csp-tenants-consent.js';
import { endpointRegistrar, notFound } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal' | 'now' | 'config'>;

/** The CSP Tenants tab: tenant list, "Sync tenants now", settings, mapping, admin consent. */
export function registerCspTenantRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  const load = (id: string) => loadCspConnection(deps.db, deps.secrets, id);
  const tenantOf = async (connectionId: string, tenantId: string) => {
    const row = await createCspTenantRepository(deps.db).find(connectionId, tenantId.toLowerCase());
    if (!row) throw notFound('tenant of this connection (run Sync tenants first)');
    return row;
  };
  const viewOf = async (connectionId: string, tenantId: string) =>
    cspTenantView(
      await tenantOf(connectionId, tenantId),
      await createCspMappingRepository(deps.db).customerCandidates(),
      deps.now(),
    );

  on(listCspTenants, async ({ params, query }) => {
    const connection = await load(params.id);
    const offset = query.cursor ? Number.parseInt(query.cursor, 10) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw new ApiHttpError(
        'validation_failed',
        'The page cursor is not valid; start again from the first page.',
        [{ field: 'cursor', message: 'not a cursor of this list' }],
      );
    }
    const page = await createCspTenantRepository(deps.db).page({
      connectionId: connection.id,
      search: query.search,
      includeRemoved: query.includeRemoved ?? false,
      offset,
      limit: query.limit,
    });
    const customers = await createCspMappingRepository(deps.db).customerCandidates();
    const next = offset + page.items.length;
    return {
      items: page.items.map((row) => cspTenantView(row, customers, deps.now())),
      nextCursor: next < page.total ? String(next) : null,
      total: page.total,
    };
  });

  on(syncCspTenants, async ({ params }) => {
    const connection = await load(params.id);
    return syncConnectionTenants(deps, connection, 'manual');
  });

  const settingsView = async (id: string) => {
    const connection = await load(id);
    return { ...tenantSettingsOf(connection), siteMappingRules: siteMappingRulesOf(connection) };
  };

  on(getCspTenantSettings, ({ params }) => settingsView(params.id));

  on(updateCspTenantSettings, async ({ params, body, principal, request }) => {
    const connection = await load(params.id);
    await audited(deps.db, auditSource(principal, request), async (tx, record) => {
      await createConnectionRepository(tx, deps.secrets).update(connection.id, {
        settings: { [TENANT_SETTINGS_KEY]: body },
      });
      await record({
        action: 'csp.tenant-settings.updated',
        target: { type: 'connection', id: connection.id },
        before: tenantSettingsOf(connection),
        after: body,
      });
    });
    return settingsView(params.id);
  });

  on(saveCspTenantMapping, async ({ params, body, principal, request }) => {
    const connection = await load(params.id);
    const tenant = await tenantOf(connection.id, params.tenantId);
    const settings = tenantSettingsOf(connection);
    const notes = await audited(deps.db, auditSource(principal, request), async (tx, record) => {
      let target: MappingTarget;
      if (body.target.kind === 'newCustomer') {
        const candidates = await createCspMappingRepository(tx).customerCandidates();
        const name = body.target.name ?? tenant.name;
        const duplicates = duplicateCustomers({ name, defaultDomain: tenant.defaultDomain }, candidates);
        if (duplicates.length > 0 && !body.target.confirmDuplicate) {
          throw new ApiHttpError(
            'conflict',
            `A customer like this one exists: ${duplicates.map((d) => `"${d.customerName}" (${d.reason})`).join(', ')}. Map the tenant to it, or confirm to create a new customer anyway.`,
            [
              {
                field: 'target.confirmDuplicate',
                message: 'confirm to create a possible duplicate customer',
              },
            ],
          );
        }
        const { customer } = await createCustomerRepository(tx).create({ name });
        target = { kind: 'customer', customerId: customer.id };
      } else {
        target = body.target;
      }
      const result = await assignTenant(
        tx,
        deps.secrets,
        connection,
        settings,
        tenant.tenantId,
        target,
        {
          relationshipType: body.relationshipType,
          licenceImportType: body.licenceImportType,
          excludeFromIntune: body.excludeFromIntune,
        },
        deps.now(),
      );
      await record({
        action: 'csp.tenant.mapped',
        target: { type: 'csp-tenant', id: tenant.tenantId },
        before: tenant.mapping ?? {},
        after: {
          ...target,
          relationshipType: body.relationshipType,
          licenceImportType: body.licenceImportType,
          excludeFromIntune: body.excludeFromIntune,
        },
      });
      return result;
    });
    return { tenant: await viewOf(connection.id, tenant.tenantId), notes };
  });

  on(deleteCspTenantMapping, async ({ params, principal, request }) => {
    const connection = await load(params.id);
    const tenant = await tenantOf(connection.id, params.tenantId);
    await audited(deps.db, auditSource(principal, request), async (tx, record) => {
      if (!(await createCspMappingRepository(tx).remove(connection.id, tenant.tenantId)))
        throw notFound('mapping');
      await record({
        action: 'csp.tenant.unmapped',
        target: { type: 'csp-tenant', id: tenant.tenantId },
        before: tenant.mapping ?? {},
        after: {},
      });
    });
    return undefined;
  });

  registerCspTenantConsentRoutes(app, deps, { load, tenantOf, viewOf });
}
