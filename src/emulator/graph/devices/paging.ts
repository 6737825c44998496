import type { EmuRequest, EmuResponse } from '../../http/types.js';
import { graphError } from '../respond.js';

export interface PageLimits {
  defaultTop: number;
  maxTop: number;
  /** Intune caps a large `$top` silently; GDAP answers 400 (OData's MaxTop check). */
  overMax: 'cap' | 'error';
}

export type PageResult<T> =
  { ok: true; items: T[]; nextLink: string | null } | { ok: false; response: EmuResponse };

const TOKEN_PREFIX = 'o:';

function encodeOffset(offset: number): string {
  return Buffer.from(`${TOKEN_PREFIX}${offset}`).toString('base64url');
}

function decodeOffset(token: string): number | null {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith(TOKEN_PREFIX)) return null;
  const n = Number(text.slice(TOKEN_PREFIX.length));
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** The request URL with a new `$skiptoken`, other options kept as the client wrote them (`$` unescaped). */
function withSkipToken(url: URL, token: string): string {
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part && decodeURIComponent(part.split('=')[0] ?? '') !== '$skiptoken');
  return `${url.origin}${url.pathname}?${[...kept, `$skiptoken=${token}`].join('&')}`;
}

/**
 * One page of an already filtered collection, with an opaque `$skiptoken` nextLink that keeps the
 * client's other query options (so `$select`, `$filter` and `$top` carry over to the next page).
 */
export function pageOf<T>(req: EmuRequest, all: readonly T[], limits: PageLimits): PageResult<T> {
  const params = req.url.searchParams;
  const rawTop = params.get('$top');
  let top = limits.defaultTop;
  if (rawTop !== null) {
    const n = Number(rawTop);
    if (!Number.isInteger(n) || n < 0) {
      return {
        ok: false,
        response: graphError(req, 400, 'BadRequest', `Invalid value '${rawTop}' for $top query option.`),
      };
    }
    if (n > limits.maxTop && limits.overMax === 'error') {
      return {
        ok: false,
        response: graphError(
          req,
          400,
          'BadRequest',
          `The limit of '${limits.maxTop}' for Top query has been exceeded. The value from the incoming request is '${n}'.`,
        ),
      };
    }
    top = Math.min(n, limits.maxTop);
  }
  const rawToken = params.get('$skiptoken');
  const offset = rawToken === null ? 0 : decodeOffset(rawToken);
  if (offset === null) {
    return {
      ok: false,
      response: graphError(req, 400, 'BadRequest', `Invalid $skiptoken value '${rawToken}'.`),
    };
  }
  const items = all.slice(offset, offset + top);
  let nextLink: string | null = null;
  if (top > 0 && offset + top < all.length) {
    nextLink = withSkipToken(req.url, encodeOffset(offset + top));
  }
  return { ok: true, items, nextLink };
}
