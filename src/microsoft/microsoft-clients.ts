import { createTokenProvider, type TokenProvider } from './auth/token-provider.js';
import { microsoftEndpointsSchema, type MicrosoftEndpoints, type MicrosoftEndpointsInput } from './config.js';
import { createGraphClient, type GraphClient } from './graph/graph-client.js';
import { createHttpClient } from './http/http-client.js';
import type { RetryPolicy } from './http/retry-policy.js';
import { createHttpsTransport, type FetchLike } from './http/transport.js';
import type { HttpClient, HttpObserver, TokenSource } from './http/types.js';
import {
  createPartnerCenterClient,
  type PartnerCenterClient,
} from './partner-center/partner-center-client.js';

export interface MicrosoftClientsOptions {
  endpoints?: MicrosoftEndpointsInput;
  retryPolicy?: RetryPolicy;
  observer?: HttpObserver;
  /** Replaces the HTTPS transport (tests); `endpoints.extraCaPem` is then ignored. */
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** Everything needed to talk to Microsoft (or the sandbox) over one transport and trust store. */
export interface MicrosoftClients {
  readonly endpoints: MicrosoftEndpoints;
  readonly tokens: TokenProvider;
  readonly http: HttpClient;
  /** Graph for the tenant the token source is for. */
  graph(tokens: TokenSource): GraphClient;
  partnerCenter(tokens: TokenSource, options?: { correlationId?: string }): PartnerCenterClient;
  /** Closes pooled connections. */
  close(): void;
}

export function createMicrosoftClients(options: MicrosoftClientsOptions = {}): MicrosoftClients {
  const endpoints = microsoftEndpointsSchema.parse(options.endpoints ?? {});
  const transport = options.fetch
    ? { fetch: options.fetch, close: () => undefined }
    : createHttpsTransport({ extraCaPem: endpoints.extraCaPem });
  const http = createHttpClient({
    fetch: transport.fetch,
    retryPolicy: options.retryPolicy,
    observer: options.observer,
    sleep: options.sleep,
    random: options.random,
    now: options.now,
  });
  const tokens = createTokenProvider({
    authorityHost: endpoints.authorityHost,
    fetch: transport.fetch,
    retry: http.retry,
    observer: options.observer,
  });
  return {
    endpoints,
    tokens,
    http,
    graph: (source) => createGraphClient({ baseUrl: endpoints.graphBaseUrl, tokens: source, http }),
    partnerCenter: (source, pcOptions = {}) =>
      createPartnerCenterClient({
        baseUrl: endpoints.partnerCenterBaseUrl,
        tokens: source,
        http,
        ...pcOptions,
      }),
    close: () => transport.close(),
  };
}
