import type { z } from 'zod';
import type { RetryPolicy } from './retry-policy.js';
import type { FetchLike } from './transport.js';

/** Where a request goes; the error catalogue reads Microsoft's envelope by service. */
export type HttpService = 'graph' | 'partnercenter';

/** A bearer token for one (tenant, app, resource); the HTTP core asks again after a 401. */
export interface TokenSource {
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

export interface RequestInfo {
  /** `identity` for token endpoint calls made through MSAL. */
  service: HttpService | 'identity';
  method: string;
  url: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
}

export interface ResponseInfo extends RequestInfo {
  /** HTTP status, absent when no answer came back. */
  status?: number;
  /** Catalogue code when the attempt failed. */
  errorCode?: string;
  durationMs: number;
}

/** Hook for counting Microsoft calls (the product's /metrics uses it). Must not throw. */
export interface HttpObserver {
  onRequest?(info: RequestInfo): void;
  onResponse?(info: ResponseInfo): void;
}

export interface HttpClientOptions {
  fetch: FetchLike;
  retryPolicy?: RetryPolicy;
  /** Injected so tests run retries instantly. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected so tests control jitter. */
  random?: () => number;
  now?: () => number;
  observer?: HttpObserver;
}

export interface HttpRequest<T> {
  service: HttpService;
  method: string;
  /** Absolute URL. */
  url: string;
  /** Sent on every attempt, so ids such as `client-request-id` stay the same across retries. */
  headers?: Record<string, string>;
  /** Serialised as JSON. */
  body?: unknown;
  /** Validates the parsed body of a 2xx answer; without it the body is `unknown`. */
  schema?: z.ZodType<T>;
  tokens?: TokenSource;
  /** Whether a network failure may be retried; GET, HEAD, PUT, DELETE and PATCH are by default. */
  idempotent?: boolean;
  signal?: AbortSignal;
  /** A file, not JSON (Partner Center's price sheets): a 2xx body is its bytes, `schema` unused. */
  raw?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** The retry tools, shared with `$batch` and long-running-operation polling. */
export interface RetryTools {
  readonly policy: RetryPolicy;
  sleep(ms: number): Promise<void>;
  random(): number;
  now(): number;
}

export interface HttpClient {
  send<T = unknown>(request: HttpRequest<T>): Promise<HttpResponse<T>>;
  readonly retry: RetryTools;
}
