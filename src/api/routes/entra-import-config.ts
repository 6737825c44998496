import type { FastifyInstance } from 'fastify';
import { getImportConfig, saveImportConfig, validateImportConfig } from '../../contracts/api/entra-import.js';
import type { ApiDeps } from '../deps.js';
import { groupUses, tenantGroupProblems } from '../integrations/entra/config-problems.js';
import { connectionGraph } from '../integrations/entra/connection-graph.js';
import { readTenantGroupNames } from '../integrations/entra/tenant-groups.js';
import { loadEntraConnection } from './entra-connections-load.js';
import { registerImportConfigRoutes } from './import-config-routes.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal'>;

/** An Entra connection's import configuration: read, validate, save (guide 001's import setup tabs). */
export function registerEntraImportConfigRoutes(app: FastifyInstance, deps: Deps): void {
  registerImportConfigRoutes(app, deps, {
    endpoints: { get: getImportConfig, validate: validateImportConfig, save: saveImportConfig },
    load: (id, principal, level) => loadEntraConnection(deps, deps.db, id, principal, level),
    // One tenant: the connection's own, read with its own app.
    async tenantProblems(connection, config) {
      const uses = groupUses(config);
      if (!uses.length) return [];
      const groups = await readTenantGroupNames(async () => (await connectionGraph(deps, connection)).graph);
      return tenantGroupProblems(uses, groups);
    },
    deltaTenantIds: async (_db, connection) => [connection.tenantId],
    auditAction: 'entra.import-config.save',
  });
}
