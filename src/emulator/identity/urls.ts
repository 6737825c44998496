import type { EmuRequest } from '../http/types.js';

/** `https://localhost:PORT`: every identity URL is built from the host the client addressed. */
export function originOf(req: EmuRequest): string {
  return `${req.url.protocol}//${req.url.host}`;
}

/** The endpoints of one tenant segment (`{tenant GUID}`, `common`, `organizations`). */
export function endpointsFor(origin: string, segment: string) {
  const base = `${origin}/${segment}`;
  return {
    authorization: `${base}/oauth2/v2.0/authorize`,
    token: `${base}/oauth2/v2.0/token`,
    logout: `${base}/oauth2/v2.0/logout`,
    jwks: `${base}/discovery/v2.0/keys`,
    openidConfiguration: `${base}/v2.0/.well-known/openid-configuration`,
  };
}

/** Issuer of id tokens (v2.0): `https://HOST/{tid}/v2.0`. */
export function idTokenIssuer(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

/** Issuer of access tokens for Graph and Partner Center (v1.0 format, as Microsoft issues them). */
export function accessTokenIssuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}
