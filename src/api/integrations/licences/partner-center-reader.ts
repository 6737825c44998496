import {
  createPartnerCenterClient,
  type HttpClient,
  type MicrosoftClients,
  type TokenSource,
} from '../../../microsoft/index.js';
import type { LicenceReader } from '../../../sync/licences/index.js';

/**
 * Partner Center reads for the licences module, counting the requests it sends (a retried one
 * once). `tokens`: the connection's `cspTokens(…).partnerCenter({ appOnlyUntilAuthorised: true })`.
 */
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
