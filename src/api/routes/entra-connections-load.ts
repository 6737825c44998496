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
  return loadConnectionOfKind(deps, db, 'entra', id, principal, level);
}

/** {@link loadEntraConnection} for a connection of `kind` (404 for any other kind). */
export async function loadConnectionOfKind(
  deps: Pick<ApiDeps, 'secrets'>,
  db: Database,
  kind: ConnectionSummary['kind'],
  id: string,
  principal: Principal | null,
  level: ConnectionAccessLevel,
): Promise<ConnectionSummary> {
  const connection = await createConnectionRepository(db, deps.secrets).findById(id);
  if (!connection || connection.kind !== kind || !principal) throw notFound('connection');
  requireConnectionAccess(principal, connection, level);
  return connection;
}
