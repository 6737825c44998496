import type { z } from 'zod';
import type { HttpClient, TokenSource } from '../http/types.js';
import { graphBatch, type BatchRequest, type BatchResult } from './batch.js';
import { graphDelta, type DeltaOptions, type DeltaPage, type DeltaRoundResult } from './delta.js';
import { graphPages, type GraphPage } from './paging.js';
import { createGraphTransport, type GraphRequestOptions } from './request.js';

export interface GraphClientOptions {
  /** `https://graph.microsoft.com/v1.0`, or the sandbox's equivalent. */
  baseUrl: string;
  /** Tokens for one tenant (Graph tokens are per tenant). */
  tokens: TokenSource;
  http: HttpClient;
}

export interface GraphWriteOptions<T> extends GraphRequestOptions {
  /** Validates the response body (e.g. the created user). */
  schema?: z.ZodType<T>;
}

/** Microsoft Graph for one tenant. Every method throws catalogued `MicrosoftError`s. */
export interface GraphClient {
  get<T>(path: string, schema: z.ZodType<T>, options?: GraphRequestOptions): Promise<T>;
  post<T = unknown>(path: string, body: unknown, options?: GraphWriteOptions<T>): Promise<T>;
  patch(path: string, body: unknown, options?: GraphRequestOptions): Promise<void>;
  put(path: string, body: unknown, options?: GraphRequestOptions): Promise<void>;
  delete(path: string, options?: GraphRequestOptions): Promise<void>;
  /** Every page of a collection, following `@odata.nextLink` verbatim. */
  pages<T>(
    path: string,
    itemSchema: z.ZodType<T>,
    options?: GraphRequestOptions,
  ): AsyncGenerator<GraphPage<T>, void, undefined>;
  /** One delta round; the last page (and the generator's return value) carries the new deltaLink. */
  delta<T extends { id: string }>(
    pathOrDeltaLink: string,
    itemSchema: z.ZodType<T>,
    options?: DeltaOptions,
  ): AsyncGenerator<DeltaPage<T>, DeltaRoundResult, undefined>;
  /** `$batch` in chunks of 20 with per-item retry; results in input order. */
  batch(requests: BatchRequest[]): Promise<BatchResult[]>;
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const transport = createGraphTransport(options);
  return {
    get: async (path, schema, opts = {}) => (await transport.send('GET', path, { ...opts, schema })).body,
    post: async (path, body, opts = {}) =>
      (await transport.send('POST', path, { ...opts, body })).body as never,
    patch: async (path, body, opts = {}) => void (await transport.send('PATCH', path, { ...opts, body })),
    put: async (path, body, opts = {}) => void (await transport.send('PUT', path, { ...opts, body })),
    delete: async (path, opts = {}) => void (await transport.send('DELETE', path, opts)),
    pages: (path, itemSchema, opts) => graphPages(transport, path, itemSchema, opts),
    delta: (start, itemSchema, opts) => graphDelta(transport, start, itemSchema, opts),
    batch: (requests) => graphBatch(transport, requests),
  };
}
