import { createConnectionRepository, type ConnectionSummary, type Database } from '../../store/index.js';
import { requireConnectionAccess, type ConnectionAccessLevel } from '../access/connection-access.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { notFound } from './resource-helpers.js';

/**
 * The Entra connection `id` if `principal` has `level` on it: 404 when it does not exist, is not
 * an Entra connection, or is not visible to them (grants reveal nothing else); 403 when read-only.
 */
export async function loadEntraConnection(
  deps: Pick<ApiDeps, 'secrets'>,
  db: Database,
  id: string,
  principal: Principal | null,
  level: ConnectionAccessLevel,
): Promise<ConnectionSummary> {
  const connection = await createConnectionRepository(db, deps.secrets).findById(id);
  if (!connection || connection.kind !== 'entra' || !principal) throw notFound('connection');
  requireConnectionAccess(principal, connection, level);
  return connection;
}
