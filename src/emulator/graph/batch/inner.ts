import type { EmuRequest, EmuResponse } from '../../http/types.js';
import { graphBase, graphError } from '../respond.js';
import type { BatchItem } from './schema.js';

/** One entry of the batch response (204s carry no body). */
export interface BatchResponseItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Headers of the outer request that every inner request inherits (the caller's token). */
const INHERITED_HEADERS = ['authorization'] as const;

function bodyBuffer(item: BatchItem): Buffer {
  if (item.body === undefined) return Buffer.alloc(0);
  const type = item.headers['content-type'] ?? '';
  // json-batching.md: bodies are JSON, or base64 for binary content types.
  if (!/json/i.test(type) && typeof item.body === 'string') return Buffer.from(item.body, 'base64');
  return Buffer.from(JSON.stringify(item.body), 'utf8');
}

/** The inner request as the pipeline sees it, or an error response for this item alone. */
export function innerRequest(outer: EmuRequest, item: BatchItem): EmuRequest | EmuResponse {
  if (/^[a-z][a-z0-9+.-]*:/i.test(item.url)) {
    return graphError(outer, 400, 'BadRequest', 'Invalid request URL: batch request URLs must be relative.');
  }
  const relative = item.url.replace(/^\/+/, '');
  if (/^\$batch(\?|$)/i.test(relative)) {
    return graphError(outer, 400, 'BadRequest', 'Nested batch requests are not supported.');
  }
  const headers: Record<string, string> = { ...item.headers };
  for (const name of INHERITED_HEADERS) {
    const value = outer.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return {
    method: item.method,
    url: new URL(`${graphBase(outer)}/${relative}`),
    headers,
    body: bodyBuffer(item),
    inBatch: true,
  };
}

function bodyValue(res: EmuResponse, contentType: string): unknown {
  const body = res.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return body;
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (/json/i.test(contentType)) {
    try {
      return JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      return text;
    }
  }
  return Buffer.isBuffer(body) ? body.toString('base64') : text;
}

/**
 * Inner response headers are spelled as Graph spells them in its documented batch responses
 * (`Content-Type`, `Retry-After`, `OData-Version`, but `x-ms-resource-unit`), so clients must
 * look them up without regard to case, as they must against Graph.
 */
const HEADER_SPELLING: Record<string, string> = {
  'content-type': 'Content-Type',
  'retry-after': 'Retry-After',
  'cache-control': 'Cache-Control',
  'odata-version': 'OData-Version',
  location: 'Location',
  'preference-applied': 'Preference-Applied',
};

/** An inner response as it appears in the batch's `responses`. */
export function batchResponseItem(id: string, res: EmuResponse): BatchResponseItem {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers ?? {})) {
    headers[HEADER_SPELLING[name.toLowerCase()] ?? name] = value;
  }
  const contentType = headers['Content-Type'] ?? '';
  const body = res.status === 204 ? undefined : bodyValue(res, contentType);
  return body === undefined ? { id, status: res.status, headers } : { id, status: res.status, headers, body };
}
