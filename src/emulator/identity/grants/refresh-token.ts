import type { EmuResponse } from '../../http/types.js';
import type { UserRecord } from '../../state/types.js';
import { authenticateClient, findClient } from '../client-auth.js';
import { aadErrors } from '../errors.js';
import { fail } from '../respond.js';
import type { TokenRequest } from '../token-request.js';
import { activeUser, issueDelegated } from './delegated.js';

/**
 * A grant from a sign-in no later than the user's `signInSessionsValidFromDateTime` (whole
 * seconds, set by `revokeSignInSessions`) is revoked.
 */
function revokedSince(user: UserRecord, authTime: number): { issued: string; validFrom: string } | null {
  const validFrom = user.props.signInSessionsValidFromDateTime;
  if (typeof validFrom !== 'string') return null;
  const validFromMs = Date.parse(validFrom);
  if (Number.isNaN(validFromMs) || Math.floor(authTime / 1000) * 1000 > validFromMs) return null;
  return { issued: new Date(authTime).toISOString().replace(/\.\d{3}Z$/, 'Z'), validFrom };
}

/**
 * `grant_type=refresh_token`: a new access token (any consented resource) and a new refresh token.
 * The redeemed one stays valid unless `revokeUsedRefreshTokens` is on (refresh-tokens.md).
 */
export async function refreshTokenGrant(t: TokenRequest): Promise<EmuResponse> {
  const { ctx, req, form, state, target } = t;
  const token = form.get('refresh_token');
  if (!token) return fail(ctx, req, aadErrors.missingParameter('refresh_token'));

  const client = findClient(t);
  if (!client.ok) return fail(ctx, req, client.error);
  const auth = await authenticateClient(t, client.app);
  if (!auth.ok) return fail(ctx, req, auth.error);

  const grant = state.refreshTokens.get(token);
  if (!grant || grant.revoked) return fail(ctx, req, aadErrors.malformedGrant());
  if (grant.expiresAt <= ctx.clock.now()) return fail(ctx, req, aadErrors.grantExpired());
  if (grant.clientId.toLowerCase() !== client.app.clientId.toLowerCase()) {
    return fail(ctx, req, aadErrors.grantForOtherClient());
  }
  if (target.kind === 'tenant' && target.tenant.id !== grant.tenantId) {
    return fail(ctx, req, aadErrors.malformedGrant());
  }
  const tenant = ctx.estate.tenant(grant.tenantId);
  if (!tenant) return fail(ctx, req, aadErrors.tenantNotFound(grant.tenantId));
  const user = activeUser(t, tenant, grant.userId);
  if (!user.ok) return user.res;
  const revoked = revokedSince(user.user, grant.authTime);
  if (revoked) return fail(ctx, req, aadErrors.grantRevoked(revoked.issued, revoked.validFrom));

  const scope = form.get('scope') ?? grant.scope;
  // A refresh grant always renews the refresh token, as Microsoft does.
  const withOffline = /(^|\s)offline_access(\s|$)/i.test(scope) ? scope : `${scope} offline_access`;
  const res = await issueDelegated(t, {
    tenant,
    app: client.app,
    user: user.user,
    scope: withOffline,
    nonce: null,
    authTime: grant.authTime,
    appidacr: auth.appidacr,
  });
  if (res.status === 200 && ctx.behaviour.identity.revokeUsedRefreshTokens) grant.revoked = true;
  return res;
}
