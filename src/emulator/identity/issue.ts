import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import type { AppRegistration, ServicePrincipalRecord, TenantRecord, UserRecord } from '../state/types.js';
import type { AppIdAcr } from './client-auth.js';
import type { IdentityState } from './identity-state.js';
import { appObjectId, grantedFor } from './permissions.js';
import { tokenJson } from './respond.js';
import type { Resource } from './scopes.js';
import { accessTokenIssuer, idTokenIssuer } from './urls.js';

/** id tokens live an hour, as Microsoft's do. */
const ID_TOKEN_LIFETIME_SECONDS = 3600;
const DAY_MS = 24 * 3600 * 1000;
/** Microsoft's pairwise `sub` values are 43 base64url characters. */
const SUBJECT_LENGTH = 43;

function tokenLifetimes(ctx: EmulatorContext) {
  const seconds = ctx.behaviour.identity.accessTokenLifetimeSeconds;
  return { expires_in: seconds, ext_expires_in: seconds };
}

/** `sub` is pairwise: stable per user and app, different across apps. */
function pairwiseSubject(userId: string, clientId: string): string {
  return createHash('sha256').update(`${userId}:${clientId}`).digest('base64url').slice(0, SUBJECT_LENGTH);
}

/** Client credentials: `roles` only when the tenant granted some; none means Graph answers 403. */
export async function appTokenResponse(
  ctx: EmulatorContext,
  input: {
    tenant: TenantRecord;
    app: AppRegistration;
    sp: ServicePrincipalRecord | undefined;
    resource: Resource;
    appidacr: AppIdAcr;
  },
) {
  const roles = input.sp ? grantedFor(input.sp.appRoles, input.resource) : [];
  const oid = appObjectId(input.app, input.tenant, input.sp);
  const lifetimes = tokenLifetimes(ctx);
  const accessToken = await ctx.issuer.sign(
    {
      aud: input.resource.url,
      iss: accessTokenIssuer(input.tenant.id),
      tid: input.tenant.id,
      appid: input.app.clientId,
      appidacr: input.appidacr,
      app_displayname: input.app.displayName,
      oid,
      sub: oid,
      idtyp: 'app',
      ...(roles.length > 0 ? { roles } : {}),
      ver: '1.0',
    },
    lifetimes.expires_in,
  );
  return tokenJson({ token_type: 'Bearer', ...lifetimes, access_token: accessToken });
}

export interface DelegatedIssue {
  origin: string;
  tenant: TenantRecord;
  app: AppRegistration;
  user: UserRecord;
  resource: Resource;
  /** Consented permission names on the resource, for `scp`. */
  scp: string[];
  /** The `scope` field of the response. */
  responseScope: string;
  /** The scope the refresh token will stand for. */
  grantScope: string;
  nonce: string | null;
  authTime: number;
  appidacr: AppIdAcr;
  withIdToken: boolean;
  withRefreshToken: boolean;
  withClientInfo: boolean;
}

/** Delegated tokens: access token (`scp`, user claims, MFA `amr`), plus id, refresh token and client_info. */
export async function delegatedTokenResponse(
  ctx: EmulatorContext,
  state: IdentityState,
  input: DelegatedIssue,
) {
  const { tenant, app, user } = input;
  const upn = String(user.props.userPrincipalName ?? '');
  const name = String(user.props.displayName ?? upn);
  const sub = pairwiseSubject(user.props.id, app.clientId);
  const authTime = Math.floor(input.authTime / 1000);
  const lifetimes = tokenLifetimes(ctx);
  const accessToken = await ctx.issuer.sign(
    {
      aud: input.resource.url,
      iss: accessTokenIssuer(tenant.id),
      tid: tenant.id,
      appid: app.clientId,
      appidacr: input.appidacr,
      app_displayname: app.displayName,
      oid: user.props.id,
      sub,
      idtyp: 'user',
      scp: input.scp.join(' '),
      upn,
      unique_name: upn,
      name,
      ...(typeof user.props.givenName === 'string' ? { given_name: user.props.givenName } : {}),
      ...(typeof user.props.surname === 'string' ? { family_name: user.props.surname } : {}),
      amr: ['pwd', 'mfa'],
      ver: '1.0',
    },
    lifetimes.expires_in,
  );
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: input.responseScope,
    ...lifetimes,
    access_token: accessToken,
  };
  if (input.withRefreshToken) {
    const refreshToken = `1.${state.handle()}`;
    state.refreshTokens.set(refreshToken, {
      clientId: app.clientId,
      tenantId: tenant.id,
      userId: user.props.id,
      scope: input.grantScope,
      authTime: input.authTime,
      expiresAt: ctx.clock.now() + ctx.behaviour.identity.refreshTokenLifetimeDays * DAY_MS,
      revoked: false,
    });
    body.refresh_token = refreshToken;
  }
  if (input.withIdToken) {
    const email = typeof user.props.mail === 'string' ? user.props.mail : undefined;
    body.id_token = await ctx.issuer.sign(
      {
        aud: app.clientId,
        iss: idTokenIssuer(input.origin, tenant.id),
        tid: tenant.id,
        oid: user.props.id,
        sub,
        auth_time: authTime,
        preferred_username: upn,
        name,
        ...(email ? { email } : {}),
        ...(input.nonce ? { nonce: input.nonce } : {}),
        ver: '2.0',
      },
      ID_TOKEN_LIFETIME_SECONDS,
    );
  }
  if (input.withClientInfo) {
    body.client_info = Buffer.from(JSON.stringify({ uid: user.props.id, utid: tenant.id })).toString(
      'base64url',
    );
  }
  return tokenJson(body);
}
