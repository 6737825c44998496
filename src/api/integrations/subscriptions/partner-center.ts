import {
  createPartnerCenterClient,
  MicrosoftError,
  refusalOf,
  type HttpClient,
  type PartnerCenterClient,
} from '../../../microsoft/index.js';
import {
  createConnectionRepository,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../../store/index.js';
import type {
  ChangeQuantity,
  QuantityExchange,
} from '../../../workflows/subscriptions/send-quantity-change.js';
import type { ApiDeps } from '../../deps.js';
import { loadCspTokens } from '../csp/connection-tokens.js';

export interface SubscriptionIntegrationDeps {
  db: Database;
  secrets: () => Promise<SecretBox>;
  microsoft: ApiDeps['microsoft'];
  now: () => Date;
}

/** The CSP connection, or undefined when it is gone or not a CSP connection. */
export async function cspConnection(
  deps: SubscriptionIntegrationDeps,
  id: string,
): Promise<ConnectionSummary | undefined> {
  const connection = await createConnectionRepository(deps.db, await deps.secrets()).findById(id);
  return connection?.kind === 'csp' ? connection : undefined;
}

/** What the last write (PATCH) sent and got back, for the Outbound Requests log. */
interface Recorded {
  request: QuantityExchange | null;
  response: QuantityExchange | null;
  patched: boolean;
  accepted: boolean;
}

/**
 * Partner Center for a CSP connection, with the partner's tokens the licences module uses (app +
 * user once someone authorised, app-only before: Microsoft lets both change quantities). `recorded` holds
 * the last PATCH and its answer.
 */
export async function connectionPartnerCenter(
  deps: SubscriptionIntegrationDeps,
  connection: ConnectionSummary,
  correlationId: string,
): Promise<{ pc: PartnerCenterClient; recorded: Recorded }> {
  const clients = await deps.microsoft.clients();
  const tokenDeps = { db: deps.db, secrets: await deps.secrets(), microsoft: deps.microsoft };
  // Microsoft accepts app-only for a subscription's GET and PATCH (PartnerCenterTokenOptions).
  const tokens = (await loadCspTokens(tokenDeps, connection)).partnerCenter({ appOnlyUntilAuthorised: true });
  const recorded: Recorded = { request: null, response: null, patched: false, accepted: false };
  const http: HttpClient = {
    retry: clients.http.retry,
    async send(request) {
      if (request.method === 'GET') return clients.http.send(request);
      const body = request.body as Record<string, unknown> | undefined;
      recorded.request = {
        method: request.method,
        url: request.url,
        ...(body && 'quantity' in body ? { body: { quantity: body.quantity } } : {}),
      };
      recorded.response = null;
      const res = await clients.http.send(request);
      recorded.patched = request.method === 'PATCH' || recorded.patched;
      recorded.accepted = res.status === 202;
      const answered = res.body as Record<string, unknown> | undefined;
      recorded.response = {
        status: res.status,
        ...(res.status === 202
          ? { body: { location: res.headers.get('location') } }
          : answered && typeof answered === 'object'
            ? { body: { quantity: answered.quantity, status: answered.status } }
            : {}),
      };
      return res;
    },
  };
  const pc = createPartnerCenterClient({
    baseUrl: clients.endpoints.partnerCenterBaseUrl,
    tokens,
    http,
    correlationId,
  });
  return { pc, recorded };
}

/** {@link ChangeQuantity} over a connection's Partner Center: Microsoft's errors become refusals. */
export function quantityChanger(pc: PartnerCenterClient, recorded: Recorded): ChangeQuantity {
  return async (customerTenantId, subscriptionId, quantity) => {
    try {
      const subscription = await pc.changeQuantity(customerTenantId, subscriptionId, quantity);
      return {
        ok: true,
        subscription,
        patched: recorded.patched,
        accepted: recorded.accepted,
        request: recorded.request,
        response: recorded.response,
      };
    } catch (error) {
      if (!(error instanceof MicrosoftError)) throw error;
      const response = recorded.response ?? (error.status ? { status: error.status } : null);
      const withBody =
        response && error.microsoftMessage
          ? { ...response, body: { code: error.microsoftCode, description: error.microsoftMessage } }
          : response;
      return { ok: false, refusal: refusalOf(error), request: recorded.request, response: withBody };
    }
  };
}
