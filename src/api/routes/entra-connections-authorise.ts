import type { FastifyInstance } from 'fastify';
import { authoriseEntraConnection, type Authorisation } from '../../contracts/api/entra-connections.js';
import { createConnectionRepository, type ConnectionSummary } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import { audited, auditSource, type AuditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { runAuthorisationChecks } from './entra-connections-checks.js';
import {
  missingCredential,
  readConnectionSecrets,
  tokenSource,
} from '../integrations/entra/connection-tokens.js';
import { loadEntraConnection } from './entra-connections-load.js';
import { entraSettings } from '../integrations/entra/connection-settings.js';
import { endpointRegistrar } from './resource-helpers.js';

/** Records the result in the connection's settings and the audit trail, in one transaction. */
export function saveAuthorisation(
  deps: Pick<ApiDeps, 'db' | 'secrets'>,
  source: AuditSource,
  connection: ConnectionSummary,
  result: Authorisation,
  action = 'connection.authorise',
): Promise<void> {
  return audited(deps.db, source, async (tx, record) => {
    await createConnectionRepository(tx, deps.secrets).update(connection.id, {
      settings: { lastAuthorisation: result },
    });
    await record({
      action,
      target: { type: 'connection', id: connection.id },
      after: {
        status: result.status,
        missing: result.permissions.filter((p) => p.status === 'missing').map((p) => p.name),
        problem: result.problem?.code ?? null,
        signedInAs: result.signedInAs,
      },
    });
  });
}

/** "Authorise Application" (guide 001): checks the stored credential and permissions, stores the result. */
export async function authoriseConnection(
  deps: ApiDeps,
  principal: Principal | null,
  source: AuditSource,
  id: string,
): Promise<Authorisation> {
  const connection = await loadEntraConnection(deps, deps.db, id, principal, 'modify');
  const { clientId } = connection;
  if (!clientId) throw missingCredential('clientId', 'no application (client) ID is set');
  const settings = entraSettings(connection);
  const secrets = await readConnectionSecrets(deps.db, deps.secrets, connection.id);
  const clients = await deps.microsoft.clients();
  const tokens = tokenSource(deps, clients, { ...connection, clientId }, settings, secrets);
  const result = await runAuthorisationChecks({
    method: settings.authMethod,
    tokens,
    graph: clients.graph(tokens),
    refreshTokenIssued: () => settings.authMethod === 'delegated',
    now: deps.now(),
  });
  await saveAuthorisation(deps, source, connection, result);
  return result;
}

export function registerEntraAuthoriseRoutes(app: FastifyInstance, deps: ApiDeps): void {
  endpointRegistrar(app, deps)(authoriseEntraConnection, ({ params, principal, request }) =>
    authoriseConnection(deps, principal, auditSource(principal, request), params.id),
  );
}
