import type { FastifyInstance } from 'fastify';
import { authoriseEntraConnection, type Authorisation } from '../../contracts/api/entra-connections.js';
import {
  GRAPH_DEFAULT_SCOPE,
  type ClientCredential,
  type MicrosoftClients,
  type TokenSource,
} from '../../microsoft/index.js';
import {
  createConnectionRepository,
  SecretDecryptionError,
  type ConnectionSecrets,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import { audited, auditSource, type AuditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { runAuthorisationChecks } from './entra-connections-checks.js';
import { loadEntraConnection } from './entra-connections-load.js';
import { entraSettings, type EntraSettings } from './entra-connections-view.js';
import { endpointRegistrar } from './resource-helpers.js';

const missingCredential = (field: string, message: string) =>
  new ApiHttpError('conflict', `This connection cannot authorise yet: ${message}`, [{ field, message }]);

/** The app's credential for `settings.authMethod` (delegated connections prove the app with the secret). */
export function appCredential(settings: EntraSettings, secrets: ConnectionSecrets): ClientCredential {
  if (settings.authMethod === 'certificate') {
    if (!secrets.certificateKey || !settings.certificateThumbprint) {
      throw missingCredential('certificate', 'no certificate is stored; add its private key and thumbprint');
    }
    return {
      kind: 'certificate',
      thumbprintSha256: settings.certificateThumbprint,
      privateKeyPem: secrets.certificateKey,
    };
  }
  if (!secrets.clientSecret)
    throw missingCredential('clientSecret', 'no client secret is stored; add its Value');
  return { kind: 'secret', secret: secrets.clientSecret };
}

/** The connection's stored secrets; a key mismatch is a 409 the operator can act on, not a 500. */
export async function readConnectionSecrets(
  db: Database,
  box: SecretBox,
  id: string,
): Promise<ConnectionSecrets> {
  try {
    return (await createConnectionRepository(db, box).readSecrets(id)) ?? {};
  } catch (error) {
    if (error instanceof SecretDecryptionError) throw new ApiHttpError('conflict', error.message);
    throw error;
  }
}

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

/**
 * Tokens for a stored connection's tenant: app-only with its secret or certificate, or (delegated)
 * from the signed-in user's refresh token, whose rotations are stored at once. Imports use it too.
 */
export function tokenSource(
  deps: Pick<ApiDeps, 'db' | 'secrets'>,
  clients: MicrosoftClients,
  connection: ConnectionSummary & { clientId: string },
  settings: EntraSettings,
  secrets: ConnectionSecrets,
): TokenSource {
  const request = {
    tenantId: connection.tenantId,
    clientId: connection.clientId,
    credential: appCredential(settings, secrets),
    scopes: [GRAPH_DEFAULT_SCOPE],
  };
  if (settings.authMethod !== 'delegated') return clients.tokens.app(request);
  if (!secrets.refreshToken) {
    throw missingCredential('refreshToken', 'nobody has signed in yet; use "Sign in with Microsoft"');
  }
  const repository = createConnectionRepository(deps.db, deps.secrets);
  let refreshToken = secrets.refreshToken;
  return clients.tokens.delegated({
    ...request,
    accountKey: connection.id,
    refreshTokens: {
      load: async () => refreshToken,
      // Microsoft rotates refresh tokens on use: the new one must replace the stored one at once.
      save: async (token) => {
        refreshToken = token;
        await repository.updateSecrets(connection.id, { refreshToken: token });
      },
    },
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
