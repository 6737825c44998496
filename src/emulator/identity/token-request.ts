import type { EmulatorContext } from '../context.js';
import type { EmuRequest } from '../http/types.js';
import type { IdentityState } from './identity-state.js';
import { resolveTenantTarget, type TenantTarget } from './tenant-target.js';

/** One POST to the token endpoint, as every grant handler sees it. */
export interface TokenRequest {
  ctx: EmulatorContext;
  state: IdentityState;
  req: EmuRequest;
  form: URLSearchParams;
  target: TenantTarget;
}

/** `client_secret_basic`: `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1). */
export function readBasicCredentials(req: EmuRequest): { clientId: string; secret: string } | undefined {
  const match = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unescape = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  try {
    return { clientId: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

const TOKEN_PATH = /^\/([^/]+)\/oauth2(?:\/v2\.0)?\/token$/;

/**
 * A client assertion's `aud` must be this token endpoint: same host, same tenant (by GUID or any of
 * its domains, or the same alias), v2.0 or v1 path; a query string is ignored.
 */
export function audienceMatcher(t: TokenRequest): (aud: string) => boolean {
  return (aud) => {
    let url: URL;
    try {
      url = new URL(aud);
    } catch {
      return false;
    }
    if (url.host.toLowerCase() !== t.req.url.host.toLowerCase()) return false;
    const segment = TOKEN_PATH.exec(url.pathname.toLowerCase().replace(/\/+$/, ''))?.[1];
    if (!segment) return false;
    const named = resolveTenantTarget(t.ctx, segment);
    if (t.target.kind === 'tenant') return named.kind === 'tenant' && named.tenant.id === t.target.tenant.id;
    return named.kind === t.target.kind;
  };
}
