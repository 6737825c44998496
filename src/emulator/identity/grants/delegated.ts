import type { EmuResponse } from '../../http/types.js';
import type { AppRegistration, TenantRecord, UserRecord } from '../../state/types.js';
import type { AppIdAcr } from '../client-auth.js';
import { aadErrors } from '../errors.js';
import { delegatedTokenResponse } from '../issue.js';
import { consentedScopes } from '../permissions.js';
import { fail } from '../respond.js';
import { DEFAULT_SCOPE, GRAPH, parseDelegatedScopes } from '../scopes.js';
import type { TokenRequest } from '../token-request.js';
import { originOf } from '../urls.js';

/** A signed-in user may get tokens only while the account exists and is enabled. */
export function activeUser(
  t: TokenRequest,
  tenant: TenantRecord,
  userId: string,
): { ok: true; user: UserRecord } | { ok: false; res: EmuResponse } {
  const user = tenant.users.get(userId);
  if (!user || user.deletedAt !== null) {
    return { ok: false, res: fail(t.ctx, t.req, aadErrors.userNotFound(userId, tenant.displayName)) };
  }
  if (user.props.accountEnabled === false)
    return { ok: false, res: fail(t.ctx, t.req, aadErrors.userDisabled()) };
  // Conditional Access is evaluated again on every code and refresh-token redemption.
  if (user.riskLevel === 'high') {
    return { ok: false, res: fail(t.ctx, t.req, aadErrors.blockedByConditionalAccess()) };
  }
  return { ok: true, user };
}

function dedupe(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
}

/**
 * Issues delegated tokens for one resource after checking consent (AADSTS65001 when the user or an
 * admin has not consented to every requested permission). `scp` carries every consented permission
 * on the resource, as Microsoft's tokens do.
 */
export async function issueDelegated(
  t: TokenRequest,
  input: {
    tenant: TenantRecord;
    app: AppRegistration;
    user: UserRecord;
    scope: string;
    nonce: string | null;
    authTime: number;
    appidacr: AppIdAcr;
  },
): Promise<EmuResponse> {
  const parsed = parseDelegatedScopes(input.scope);
  if (!parsed.ok) return fail(t.ctx, t.req, parsed.error);
  if (parsed.resources.length > 1) return fail(t.ctx, t.req, aadErrors.multipleResources(input.scope));
  const resource = parsed.resources[0] ?? GRAPH;
  const consented = consentedScopes(t.state, input.tenant, input.app, input.user.props.id, resource);
  const held = new Set(consented.map((s) => s.toLowerCase()));
  const requested = parsed.resourceScopes;
  const wantsDefault = requested.some((s) => s.permission === DEFAULT_SCOPE);
  const missing = requested.filter(
    (s) => s.permission !== DEFAULT_SCOPE && !held.has(s.permission.toLowerCase()),
  );
  if (missing.length > 0 || (wantsDefault && consented.length === 0)) {
    return fail(t.ctx, t.req, aadErrors.consentMissing(input.app.clientId, input.app.displayName));
  }
  const qualified = resource !== GRAPH || requested.some((s) => s.qualified);
  const prefix = qualified ? `${resource.url}/` : '';
  const responseScope = dedupe([
    ...consented.map((s) => `${prefix}${s}`),
    ...requested.filter((s) => s.permission === DEFAULT_SCOPE).map((s) => s.raw),
    ...parsed.oidc,
  ]).join(' ');
  const oidcClaims = parsed.oidc.filter((s) => s !== 'offline_access');
  return delegatedTokenResponse(t.ctx, t.state, {
    origin: originOf(t.req),
    tenant: input.tenant,
    app: input.app,
    user: input.user,
    resource,
    scp: consented.length > 0 ? consented : oidcClaims,
    responseScope,
    grantScope: input.scope,
    nonce: input.nonce,
    authTime: input.authTime,
    appidacr: input.appidacr,
    withIdToken: parsed.oidc.includes('openid'),
    withRefreshToken: parsed.oidc.includes('offline_access'),
    withClientInfo: t.form.get('client_info') === '1',
  });
}
