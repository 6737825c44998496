import type { EmulatorContext } from '../context.js';
import { readForm, type EmuResponse, type Handler } from '../http/types.js';
import { aadErrors } from './errors.js';
import { authorizationCodeGrant } from './grants/authorization-code.js';
import { clientCredentialsGrant } from './grants/client-credentials.js';
import { refreshTokenGrant } from './grants/refresh-token.js';
import type { IdentityState } from './identity-state.js';
import { fail } from './respond.js';
import { resolveTenantTarget } from './tenant-target.js';
import type { TokenRequest } from './token-request.js';

const GRANTS: Record<string, (t: TokenRequest) => Promise<EmuResponse>> = {
  client_credentials: clientCredentialsGrant,
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
};

/**
 * `POST /{tenant}/oauth2/v2.0/token`. Unknown form fields and the query string (MSAL adds
 * telemetry and `client-request-id`) are ignored.
 */
export function createTokenEndpoint(ctx: EmulatorContext, state: IdentityState): Handler {
  return async (req, params) => {
    const segment = params.tenant ?? '';
    const target = resolveTenantTarget(ctx, segment);
    if (target.kind === 'unknown') return fail(ctx, req, aadErrors.tenantNotFound(segment));
    const form = readForm(req);
    const grantType = form.get('grant_type');
    if (!grantType) return fail(ctx, req, aadErrors.missingParameter('grant_type'));
    const grant = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined;
    if (!grant) return fail(ctx, req, aadErrors.unsupportedGrantType(grantType));
    return grant({ ctx, state, req, form, target });
  };
}

/** The token endpoint answers other verbs with AADSTS900561. */
export function tokenEndpointWrongMethod(ctx: EmulatorContext): Handler {
  return (req) => fail(ctx, req, aadErrors.wrongMethod(req.method));
}
