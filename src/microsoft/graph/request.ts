import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { classifyMicrosoftError } from '../errors/classify.js';
import type { HttpClient, HttpResponse, TokenSource } from '../http/types.js';

export interface GraphRequestOptions {
  /** Extra headers (e.g. `ConsistencyLevel: eventual`, `Prefer: return=minimal`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** What the paging, delta and batch helpers need from the Graph client. */
export interface GraphTransport {
  readonly baseUrl: string;
  readonly http: HttpClient;
  /** A path below the base URL, or an absolute link Graph returned (used verbatim). */
  resolve(pathOrUrl: string): string;
  send<T>(
    method: string,
    pathOrUrl: string,
    options: GraphRequestOptions & { body?: unknown; schema?: z.ZodType<T>; idempotent?: boolean },
  ): Promise<HttpResponse<T>>;
}

/**
 * Builds the shared request function: every logical request gets its own `client-request-id`
 * (kept across retries, echoed by Graph for support cases).
 */
export function createGraphTransport(input: {
  baseUrl: string;
  tokens: TokenSource;
  http: HttpClient;
}): GraphTransport {
  const base = new URL(input.baseUrl.replace(/\/+$/, ''));
  const baseUrl = base.href.replace(/\/+$/, '');

  const resolve = (pathOrUrl: string): string => {
    if (!/^https?:\/\//i.test(pathOrUrl))
      return `${baseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
    // Links come from Graph's own answers; never send the token to another origin.
    if (new URL(pathOrUrl).origin !== base.origin) {
      throw classifyMicrosoftError({
        service: 'client',
        clientCode: 'InvalidResponse',
        message: `link to another origin refused: ${new URL(pathOrUrl).origin}`,
      });
    }
    return pathOrUrl;
  };

  return {
    baseUrl,
    http: input.http,
    resolve,
    send: (method, pathOrUrl, options) =>
      input.http.send({
        service: 'graph',
        method,
        url: resolve(pathOrUrl),
        headers: { 'client-request-id': randomUUID(), ...options.headers },
        body: options.body,
        schema: options.schema,
        tokens: input.tokens,
        idempotent: options.idempotent,
        signal: options.signal,
      }),
  };
}
