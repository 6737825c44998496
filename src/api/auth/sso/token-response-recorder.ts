import { decodeJwt } from 'jose';
import type * as oidc from 'openid-client';

interface Recorded {
  url: string;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Uint8Array;
}

/**
 * Records the one token-endpoint response of a code redemption, so it can be validated again
 * (`replay`) without asking Microsoft twice: an authorization code is single-use.
 */
export interface TokenResponseRecorder {
  /** A fetch that performs the request and keeps a copy of the response. */
  record: oidc.CustomFetch;
  /** A fetch that answers the recorded URL with the recorded response. */
  replay: oidc.CustomFetch;
  recorded(): boolean;
  /**
   * A claim of the recorded id token, decoded but NOT verified: use it only to choose what the
   * validation that follows expects.
   */
  claim(name: string): unknown;
}

export function createTokenResponseRecorder(fetch: oidc.CustomFetch): TokenResponseRecorder {
  let recorded: Recorded | undefined;
  const response = (r: Recorded) =>
    new Response(r.body.slice(), { status: r.status, statusText: r.statusText, headers: r.headers });

  return {
    async record(url, init) {
      const res = await fetch(url, init);
      const headers: [string, string][] = [];
      res.headers.forEach((value, name) => headers.push([name, value]));
      recorded = {
        url,
        status: res.status,
        statusText: res.statusText,
        headers,
        body: new Uint8Array(await res.arrayBuffer()),
      };
      return response(recorded);
    },
    async replay(url, init) {
      return recorded && recorded.url === url ? response(recorded) : fetch(url, init);
    },
    recorded: () => recorded !== undefined,
    claim(name) {
      if (!recorded) return undefined;
      try {
        const body = JSON.parse(new TextDecoder().decode(recorded.body)) as { id_token?: unknown };
        return typeof body.id_token === 'string' ? decodeJwt(body.id_token)[name] : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
