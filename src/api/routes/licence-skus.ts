import type { FastifyInstance } from 'fastify';
import { listLicenceSkus } from '../../contracts/api/licence-skus.js';
import { createConnectionRepository } from '../../store/index.js';
import { listConnectionSkus } from '../../store/repositories/entra-import/licence-skus.js';
import { requireConnectionAccess } from '../access/connection-access.js';
import type { ApiDeps } from '../deps.js';
import { endpointRegistrar, notFound } from './resource-helpers.js';

/**
 * The SKUs known for a connection of either kind (Entra or CSP), for the SKU pickers of its
 * import configuration: readable by whoever may read the connection.
 */
export function registerLicenceSkuRoutes(
  app: FastifyInstance,
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal'>,
): void {
  const on = endpointRegistrar(app, deps);
  on(listLicenceSkus, async ({ params, principal }) => {
    const connection = await createConnectionRepository(deps.db, deps.secrets).findById(params.id);
    if (!connection || !principal) throw notFound('connection');
    requireConnectionAccess(principal, connection, 'read');
    return { items: await listConnectionSkus(deps.db, connection.id) };
  });
}
