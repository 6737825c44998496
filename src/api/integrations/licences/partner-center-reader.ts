import {
  createPartnerCenterClient,
  type HttpClient,
  type MicrosoftClients,
} from '../../../microsoft/index.js';
import type { CspTokens } from '../csp/connection-tokens.js';
import { PartnerUserNeededError } from '../../../domain/licences/index.js';
import type { LicenceReader } from '../../../sync/licences/index.js';

/**
 * Partner Center reads for the licences module, counting the requests it sends (a retried one
 * once), with the connection's Partner Center tokens. Before a partner user authorised,
 * subscriptions are read with the app alone (Microsoft serves them so) and subscribed SKUs, which
 * Microsoft serves to App+User credentials only, are refused here ({@link PartnerUserNeededError}).
 */
export function createLicenceReader(
  clients: MicrosoftClients,
  csp: CspTokens,
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
    tokens: csp.partnerCenter({ appOnlyUntilAuthorised: true }),
    http,
    correlationId,
  });
  return {
    subscribedSkus: (tenantId) =>
      csp.authorised ? pc.subscribedSkus(tenantId) : Promise.reject(new PartnerUserNeededError()),
    subscriptions: (tenantId) => pc.subscriptions(tenantId),
    requestCount: () => count,
  };
}
