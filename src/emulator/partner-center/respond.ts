import type { EmuResponse } from '../http/types.js';

/** Partner Center's own error envelope (PCSDK error-codes.md). */
export function pcError(
  status: number,
  code: string | number,
  description: string,
  data: string[] = [],
  headers: Record<string, string> = {},
): EmuResponse {
  return {
    status,
    body: { code, description, data, source: 'PartnerFD' },
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  };
}

/** Partner Center's throttling body differs from its error envelope. */
export function pcThrottled(retryAfterSeconds: number): EmuResponse {
  return {
    status: 429,
    body: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.` },
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfterSeconds) },
  };
}

export function pcJson(status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse {
  return { status, body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}

/** A Partner Center link: `{uri, method, headers}` with a path relative to the API root. */
export interface PcLink {
  uri: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers: { key: string; value: string }[];
}

export function pcLink(uri: string, headers: PcLink['headers'] = []): PcLink {
  return { uri, method: 'GET', headers };
}

/** Partner Center's collection envelope (`totalCount`, `items`, `links`, `attributes`). */
export function pcCollection(
  items: unknown[],
  links: Record<string, PcLink>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    totalCount: items.length,
    items,
    links,
    ...extra,
    attributes: { objectType: 'Collection' },
  };
}
