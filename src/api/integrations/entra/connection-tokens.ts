import {
  GRAPH_DEFAULT_SCOPE,
  type ClientCredential,
  type MicrosoftClients,
  type TokenSource,
} from '../../../microsoft/index.js';
import {
  createConnectionRepository,
  SecretDecryptionError,
  type ConnectionSecrets,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../../store/index.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import type { EntraSettings } from './connection-settings.js';

/*
 * Credentials and tokens of a stored Entra connection, shared by "Authorise", "Sign in with
 * Microsoft" and imports, so every path proves the app the same way.
 */

/** A 409 naming the credential a connection still lacks. */
export const missingCredential = (field: string, message: string) =>
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
