import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { HttpClient, HttpResponse, TokenSource } from '../http/types.js';

export interface PcTransport {
  readonly http: HttpClient;
  /** A `/v1/...` path or link uri (relative to the API root), or an absolute URL Partner Center gave. */
  resolve(pathOrUrl: string): string;
  send<T>(
    method: string,
    pathOrUrl: string,
    options?: { body?: unknown; schema?: z.ZodType<T>; headers?: Record<string, string> },
  ): Promise<HttpResponse<T>>;
}

/**
 * Partner Center's request conventions (headers.md): `MS-Contract-Version: v1`, a fresh
 * `MS-RequestId` per logical request — re-sent unchanged on retries, which is what makes retries
 * idempotent — and one `MS-CorrelationId` for the client's whole operation.
 */
export function createPcTransport(input: {
  baseUrl: string;
  tokens: TokenSource;
  http: HttpClient;
  correlationId?: string;
}): PcTransport {
  const base = new URL(input.baseUrl.replace(/\/+$/, ''));
  const root = base.href.replace(/\/+$/, '');
  const correlationId = input.correlationId ?? randomUUID();

  const resolve = (pathOrUrl: string): string => {
    if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
    const path = pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`;
    // Links are relative to the API root; tolerate ones that already include the base path.
    if (base.pathname !== '/' && path.startsWith(`${base.pathname}/`)) return `${base.origin}${path}`;
    return `${root}${path}`;
  };

  return {
    http: input.http,
    resolve,
    send: (method, pathOrUrl, options = {}) =>
      input.http.send({
        service: 'partnercenter',
        method,
        url: resolve(pathOrUrl),
        headers: {
          'MS-Contract-Version': 'v1',
          'MS-RequestId': randomUUID(),
          'MS-CorrelationId': correlationId,
          ...options.headers,
        },
        body: options.body,
        schema: options.schema,
        tokens: input.tokens,
        // MS-RequestId makes a repeated write a no-op on Partner Center's side.
        idempotent: true,
      }),
  };
}
