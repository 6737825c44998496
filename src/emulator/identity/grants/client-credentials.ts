import type { EmuResponse } from '../../http/types.js';
import { authenticateClient, findClient } from '../client-auth.js';
import { aadErrors } from '../errors.js';
import { appTokenResponse } from '../issue.js';
import { appPresence } from '../permissions.js';
import { fail } from '../respond.js';
import { parseClientCredentialScopes } from '../scopes.js';
import type { TokenRequest } from '../token-request.js';

/**
 * `grant_type=client_credentials` (v2-oauth2-client-creds-grant-flow.md). Without admin consent
 * the token is still issued, with no `roles`: the caller only learns at Graph (403).
 */
export async function clientCredentialsGrant(t: TokenRequest): Promise<EmuResponse> {
  const { ctx, req, form, target } = t;
  if (target.kind === 'common' || target.kind === 'consumers')
    return fail(ctx, req, aadErrors.grantOverCommon());
  if (target.kind !== 'tenant') return fail(ctx, req, aadErrors.noTenantInformation());

  const scope = form.get('scope');
  if (!scope) return fail(ctx, req, aadErrors.missingParameter('scope'));
  const scopes = parseClientCredentialScopes(scope);
  if (!scopes.ok) return fail(ctx, req, scopes.error);

  const client = findClient(t);
  if (!client.ok) return fail(ctx, req, client.error);
  const auth = await authenticateClient(t, client.app);
  if (!auth.ok) return fail(ctx, req, auth.error);
  if (auth.appidacr === '0') return fail(ctx, req, aadErrors.noCredential());

  const presence = appPresence(ctx, client.app, target.tenant);
  if (!presence.ok) return fail(ctx, req, presence.error);
  return appTokenResponse(ctx, {
    tenant: target.tenant,
    app: client.app,
    sp: presence.sp,
    resource: scopes.resource,
    appidacr: auth.appidacr,
  });
}
