/**
 * Rollcall's Microsoft client: tokens (msal-node), Graph, Partner Center and the error
 * catalogue. It never knows whether it talks to Microsoft or the sandbox: endpoints and an
 * extra trusted CA are configuration. See docs/microsoft-client.md.
 */
export {
  createMicrosoftClients,
  type MicrosoftClients,
  type MicrosoftClientsOptions,
} from './microsoft-clients.js';
export {
  GRAPH_DEFAULT_SCOPE,
  microsoftEndpointsSchema,
  PARTNER_API_DEFAULT_SCOPE,
  PARTNER_CENTER_DEFAULT_SCOPE,
  partnerApiBaseUrl,
  type MicrosoftEndpoints,
  type MicrosoftEndpointsInput,
} from './config.js';

export { createTokenProvider, type TokenProvider, type TokenProviderOptions } from './auth/token-provider.js';
export {
  appTokenRequestSchema,
  clientCredentialSchema,
  type AccessToken,
  type AppTokenRequest,
  type ClientCredential,
  type DelegatedTokenRequest,
  type RefreshTokenStore,
} from './auth/types.js';

export { createHttpClient } from './http/http-client.js';
export {
  createHttpsTransport,
  type FetchLike,
  type Transport,
  type TransportOptions,
} from './http/transport.js';
export { defaultRetryPolicy, retryPolicySchema, type RetryPolicy } from './http/retry-policy.js';
export type {
  HttpClient,
  HttpClientOptions,
  HttpObserver,
  HttpRequest,
  HttpResponse,
  RequestInfo,
  ResponseInfo,
  TokenSource,
} from './http/types.js';

export { createGraphClient, type GraphClient, type GraphClientOptions } from './graph/graph-client.js';
export {
  createPartnerBillingExport,
  partnerUsageLineSchema,
  type PartnerBillingExport,
  type PartnerUsageLine,
  type UnbilledUsageExportOptions,
} from './graph/partner-billing.js';
export type { BatchRequest, BatchResult } from './graph/batch.js';
export type { DeltaOptions, DeltaPage, DeltaRoundResult } from './graph/delta.js';
export type { GraphPage } from './graph/paging.js';
export type { GraphRequestOptions } from './graph/request.js';
export { escapeODataString, odataFilter, odataString, raw, withQuery } from './graph/odata.js';
export * from './graph/schemas/index.js';
export {
  CLIENT_STATE_MAX_LENGTH,
  DIRECTORY_CHANGE_TYPES,
  DIRECTORY_SUBSCRIPTION_MAX_MINUTES,
  graphSubscriptions,
  type GraphSubscriptions,
  type NewSubscription,
} from './graph/subscriptions.js';

export {
  createPartnerCenterClient,
  type NewApplicationConsent,
  type PartnerCenterClient,
  type PartnerCenterClientOptions,
} from './partner-center/partner-center-client.js';
export type { PcPage } from './partner-center/paging.js';
export {
  LICENSE_BASED_VIEW,
  priceSheetUrl,
  readPriceSheet,
  type PriceSheet,
  type PriceSheetReaderOptions,
} from './partner-center/price-sheet.js';
export {
  parsePriceSheet,
  type ParsedPriceSheet,
  type PriceSheetRow,
} from './partner-center/price-sheet-csv.js';
export {
  type PartnerCenterWebhooks,
  type PcValidationEvent,
  type PcWebhookRegistration,
} from './partner-center/webhooks.js';
export {
  pcWebhookEventSchema,
  subscriptionOfEvent,
  verifyPartnerCenterCallback,
  type CallbackVerdict,
  type PcWebhookEvent,
} from './partner-center/webhook-callback.js';
export {
  pcApplicationConsentSchema,
  pcCustomerSchema,
  pcSubscribedSkuSchema,
  pcSubscriptionSchema,
  type PcApplicationConsent,
  type PcCustomer,
  type PcSubscribedSku,
  type PcSubscription,
} from './partner-center/schemas.js';

export { classifyMicrosoftError } from './errors/classify.js';
export { errorCatalogue, type MicrosoftErrorCode } from './errors/catalogue.js';
export { MicrosoftError, refusalOf, ResyncRequiredError } from './errors/microsoft-error.js';
export type { CatalogueEntry, ErrorAction, MicrosoftService } from './errors/types.js';

export * from './directory/index.js';
