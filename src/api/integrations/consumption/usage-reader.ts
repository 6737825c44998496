import {
  createPartnerBillingExport,
  type HttpClient,
  type MicrosoftClients,
  type TokenSource,
} from '../../../microsoft/index.js';
import type { ConsumptionReader } from '../../../sync/consumption/index.js';

/**
 * Longest wait for Microsoft to finish an export in one run: inside the integrator job's 10
 * minutes (syncTenantJob), so a slow export fails as retryable instead of the job being stopped.
 */
const MAX_EXPORT_WAIT_MS = 8 * 60 * 1000;

/**
 * The partner's Azure usage from Microsoft Graph's partner billing export, read with the GDAP
 * app's app-only token in the partner tenant (guide 002: PartnerBilling.Read.All, Application),
 * counting the requests it sends (a retried one once).
 */
export function createConsumptionReader(
  clients: MicrosoftClients,
  tokens: TokenSource,
  options: { sleep?: (ms: number) => Promise<void> } = {},
): ConsumptionReader {
  let count = 0;
  const http: HttpClient = {
    retry: options.sleep ? { ...clients.http.retry, sleep: options.sleep } : clients.http.retry,
    send: (request) => {
      count += 1;
      return clients.http.send(request);
    },
  };
  const billing = createPartnerBillingExport({ baseUrl: clients.endpoints.graphBaseUrl, tokens, http });
  return {
    unbilledUsage: (request) => billing.unbilledUsage({ ...request, maxWaitMs: MAX_EXPORT_WAIT_MS }),
    requestCount: () => count,
    unreadable: () => billing.progress.unreadable,
  };
}
