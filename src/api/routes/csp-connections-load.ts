import { createConnectionRepository, type ConnectionSummary, type Database } from '../../store/index.js';
import { requireConnectionAccess } from '../access/connection-access.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { notFound } from './resource-helpers.js';

/** The CSP connection `id`: 404 when it does not exist or is not a CSP connection. */
export async function loadCspConnection(
  deps: Pick<ApiDeps, 'secrets'>,
  db: Database,
  id: string,
  principal: Principal | null,
): Promise<ConnectionSummary> {
  const connection = await createConnectionRepository(db, deps.secrets).findById(id);
  if (!connection || connection.kind !== 'csp' || !principal) throw notFound('connection');
  requireConnectionAccess(principal, connection, 'modify');
  return connection;
}
