import type { FastifyInstance } from 'fastify';
import {
  getCspImportConfig,
  listCspImportTenants,
  saveCspImportConfig,
  validateCspImportConfig,
} from '../../contracts/api/csp-users.js';
import { createCspMappingRepository } from '../../store/index.js';
import type { ApiDeps } from '../deps.js';
import { cspTenantProblems } from '../integrations/csp/config-problems.js';
import { cspImportTenants } from '../integrations/csp/config-tenants.js';
import { loadCspConnection } from '../integrations/csp/tenants-connection.js';
import { registerImportConfigRoutes } from './import-config-routes.js';
import { endpointRegistrar } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal'>;

/**
 * A CSP connection's import configuration (guide 002 "Users"): the Entra engine's configuration,
 * checked against every mapped customer tenant it applies to. The endpoints' permission
 * (integrations.csp.configure) is all the access there is: it gives read and modify.
 */
export function registerCspImportConfigRoutes(app: FastifyInstance, deps: Deps): void {
  const load = (id: string) => loadCspConnection(deps.db, deps.secrets, id);
  registerImportConfigRoutes(app, deps, {
    endpoints: { get: getCspImportConfig, validate: validateCspImportConfig, save: saveCspImportConfig },
    load,
    tenantProblems: (connection, config) => cspTenantProblems(deps, connection, config),
    deltaTenantIds: (db, connection) => createCspMappingRepository(db).importTenantIds(connection.id),
    auditAction: 'csp.import-config.save',
  });

  const on = endpointRegistrar(app, deps);
  on(listCspImportTenants, async ({ params }) => {
    const connection = await load(params.id);
    return { items: await cspImportTenants(deps.db, connection.id) };
  });
}
