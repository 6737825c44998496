import {
  createPartnerCenterClient,
  PARTNER_CENTER_DEFAULT_SCOPE,
  type HttpClient,
  type MicrosoftClients,
  type TokenSource,
} from '../../../microsoft/index.js';
import { createConnectionRepository, type ConnectionSummary } from '../../../store/index.js';
import type { LicenceReader } from '../../../sync/licences/index.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { partnerCenterAccountKey } from '../csp/connection-tokens.js';
import { readConnectionSecrets } from '../entra/connection-tokens.js';

const missing = (field: string, message: string) =>
  new ApiHttpError('conflict', `This CSP connection cannot read licences yet: ${message}`, [
    { field, message },
  ]);

/**
 * Partner Center tokens of a CSP connection: app + user from the partner user's stored refresh
 * token (the secure application model; rotated tokens are stored at once), or app-only with the
 * Partner Center app's secret before anyone has authorised (Partner Center serves subscriptions
 * and subscribed SKUs to both).
 */
export async function partnerCenterTokens(
  deps: Pick<ApiDeps, 'db' | 'secrets'>,
  clients: MicrosoftClients,
  connection: ConnectionSummary,
): Promise<TokenSource> {
  if (!connection.clientId) throw missing('clientId', "the Partner Center app's client ID is not set");
  const secrets = await readConnectionSecrets(deps.db, deps.secrets, connection.id);
  if (!secrets.clientSecret)
    throw missing('clientSecret', 'no client secret is stored for the Partner Center app');
  const request = {
    tenantId: connection.tenantId,
    clientId: connection.clientId,
    credential: { kind: 'secret' as const, secret: secrets.clientSecret },
    scopes: [PARTNER_CENTER_DEFAULT_SCOPE],
  };
  if (!secrets.refreshToken) return clients.tokens.app(request);
  const repository = createConnectionRepository(deps.db, deps.secrets);
  let refreshToken = secrets.refreshToken;
  return clients.tokens.delegated({
    ...request,
    accountKey: partnerCenterAccountKey(connection.id),
    refreshTokens: {
      load: async () => refreshToken,
      save: async (token) => {
        refreshToken = token;
        await repository.updateSecrets(connection.id, { refreshToken: token });
      },
    },
  });
}

/** Partner Center reads for the licences module, counting the requests it sends (a retried one once). */
export function createLicenceReader(
  clients: MicrosoftClients,
  tokens: TokenSource,
  correlationId: string,
): LicenceReader {
  let count = 0;
  const http: HttpClient = {
    retry: clients.http.retry,
    send: (request) => {
      count += 1;
      return clients.http.send(request);
    },
  };
  const pc = createPartnerCenterClient({
    baseUrl: clients.endpoints.partnerCenterBaseUrl,
    tokens,
    http,
    correlationId,
  });
  return {
    subscribedSkus: (tenantId) => pc.subscribedSkus(tenantId),
    subscriptions: (tenantId) => pc.subscriptions(tenantId),
    requestCount: () => count,
  };
}
