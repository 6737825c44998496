import type { ConnectionSummary } from '../../../store/index.js';
import type { ApiDeps } from '../../deps.js';
import { readConnectionSecrets, tokenSource } from './connection-tokens.js';
import { entraSettings } from './connection-settings.js';
import { ApiHttpError } from '../../http/api-error.js';
import { countedGraph } from './counted-graph.js';

/** Graph for a stored Entra connection's tenant with its credentials, requests counted. */
export async function connectionGraph(
  deps: Pick<ApiDeps, 'db' | 'secrets' | 'microsoft'>,
  connection: ConnectionSummary,
): Promise<ReturnType<typeof countedGraph>> {
  if (!connection.clientId) {
    throw new ApiHttpError(
      'conflict',
      'This connection has no client id yet; edit it and add the app’s client id.',
      [{ field: 'clientId', message: 'required before the connection can read the tenant' }],
    );
  }
  const clients = await deps.microsoft.clients();
  const secrets = await readConnectionSecrets(deps.db, deps.secrets, connection.id);
  const tokens = tokenSource(
    deps,
    clients,
    { ...connection, clientId: connection.clientId },
    entraSettings(connection),
    secrets,
  );
  return countedGraph(clients, tokens);
}
