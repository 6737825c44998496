import { createHash } from 'node:crypto';
import type { EmuResponse } from '../../http/types.js';
import { authenticateClient, findClient } from '../client-auth.js';
import { aadErrors } from '../errors.js';
import type { AuthorizationCode } from '../identity-state.js';
import { fail } from '../respond.js';
import type { TokenRequest } from '../token-request.js';
import { activeUser, issueDelegated } from './delegated.js';

/** RFC 7636 §4.6: `BASE64URL(SHA256(verifier)) == challenge` for S256, equality for plain. */
function pkceOk(code: AuthorizationCode, verifier: string | null): boolean {
  if (code.codeChallenge === null) return true;
  if (!verifier) return false;
  const computed =
    code.codeChallengeMethod === 'S256'
      ? createHash('sha256').update(verifier).digest('base64url')
      : verifier;
  return computed === code.codeChallenge;
}

/**
 * `grant_type=authorization_code` (v2-oauth2-auth-code-flow.md): single-use code, same client and
 * redirect URI as at authorize, PKCE verifier, then delegated tokens for the requested resource.
 */
export async function authorizationCodeGrant(t: TokenRequest): Promise<EmuResponse> {
  const { ctx, req, form, state, target } = t;
  const codeValue = form.get('code');
  if (!codeValue) return fail(ctx, req, aadErrors.missingParameter('code'));
  const redirectUri = form.get('redirect_uri');
  if (!redirectUri) return fail(ctx, req, aadErrors.missingParameter('redirect_uri'));

  const client = findClient(t);
  if (!client.ok) return fail(ctx, req, client.error);
  const auth = await authenticateClient(t, client.app);
  if (!auth.ok) return fail(ctx, req, auth.error);

  const code = state.codes.get(codeValue);
  if (!code) return fail(ctx, req, aadErrors.codeInvalid());
  if (code.redeemed) return fail(ctx, req, aadErrors.codeRedeemed());
  if (code.expiresAt <= ctx.clock.now()) return fail(ctx, req, aadErrors.grantExpired());
  if (code.clientId.toLowerCase() !== client.app.clientId.toLowerCase()) {
    return fail(ctx, req, aadErrors.grantForOtherClient());
  }
  if (target.kind === 'tenant' && target.tenant.id !== code.tenantId) {
    return fail(ctx, req, aadErrors.codeForOtherTenant());
  }
  if (code.redirectUri !== redirectUri) {
    return fail(ctx, req, aadErrors.replyAddressMismatch(redirectUri, code.redirectUri));
  }
  if (!pkceOk(code, form.get('code_verifier'))) return fail(ctx, req, aadErrors.pkceMismatch());
  // A code is spent by its first valid redemption, whatever happens next.
  code.redeemed = true;

  const tenant = ctx.estate.tenant(code.tenantId);
  if (!tenant) return fail(ctx, req, aadErrors.tenantNotFound(code.tenantId));
  const user = activeUser(t, tenant, code.userId);
  if (!user.ok) return user.res;
  return issueDelegated(t, {
    tenant,
    app: client.app,
    user: user.user,
    scope: form.get('scope') ?? code.scope,
    nonce: code.nonce,
    authTime: code.authTime,
    appidacr: auth.appidacr,
  });
}
