import type { FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import type { SsoAudience, SsoErrorCode } from '../../../contracts/api/auth.js';
import type { ServerConfig } from '../../../contracts/config.js';
import { createAccountRepository, type Database } from '../../../store/index.js';
import type { AuditLog } from '../../audit/audit-log.js';
import { readCookie, secureCookies, SSO_STATE_COOKIE, SSO_STATE_COOKIE_PATH } from '../cookies.js';
import type { Sessions } from '../sessions.js';
import { loadSignInSettings, tenantAllowed } from '../sign-in-settings.js';
import { mapIdentity } from './identity-mapping.js';
import { createOidcClient, OidcError, type OidcClient, type SsoIdentity } from './oidc-client.js';
import {
  createSsoStateSealer,
  SSO_STATE_LIFETIME_SECONDS,
  type SsoState,
  type SsoStateSealer,
} from './sso-state.js';
import { landingPath, signInErrorPath } from './landing.js';

export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';

export interface SsoFlowDeps {
  db: Database;
  config: ServerConfig;
  now: () => Date;
  audit: AuditLog;
  sessions: Sessions;
}

export interface SsoCallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
}

/** Sign-in with Microsoft: both ends answer with the address to redirect the browser to. */
export interface SsoFlow {
  readonly enabled: boolean;
  start(
    input: { audience: SsoAudience; returnTo?: string | undefined },
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string>;
  callback(query: SsoCallbackQuery, request: FastifyRequest, reply: FastifyReply): Promise<string>;
  close(): void;
}

class SignInRefused extends Error {
  constructor(
    readonly code: SsoErrorCode,
    readonly identity?: SsoIdentity,
  ) {
    super(code);
  }
}

export function createSsoFlow(deps: SsoFlowDeps): SsoFlow {
  const { clientId, clientSecret } = deps.config.sso;
  const enabled = Boolean(clientId && clientSecret);
  let client: OidcClient | undefined;
  let sealer: SsoStateSealer | undefined;
  if (clientId && clientSecret) {
    client = createOidcClient({
      authorityHost: deps.config.microsoft.authorityHost,
      clientId,
      clientSecret,
      extraCaPath: deps.config.microsoft.extraCaPath,
    });
    sealer = createSsoStateSealer(clientSecret);
  }

  const callbackUrl = (request: FastifyRequest) =>
    `${(deps.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '')}${SSO_CALLBACK_PATH}`;

  const cookieOptions = (request: FastifyRequest) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookies(request, deps.config),
    path: SSO_STATE_COOKIE_PATH,
  });

  const auditFailure = (request: FastifyRequest, code: SsoErrorCode, identity?: SsoIdentity) =>
    deps.audit.record({
      actor: { type: 'system', id: null, name: identity?.upn ?? 'anonymous' },
      action: 'auth.sign-in-failed',
      target: { type: 'account', id: null },
      after: {
        method: 'sso',
        reason: code,
        ...(identity ? { tenantId: identity.tenantId, objectId: identity.objectId, upn: identity.upn } : {}),
      },
      ipAddress: request.ip,
      requestId: String(request.id),
    });

  const redeem = async (query: SsoCallbackQuery, saved: SsoState, request: FastifyRequest) => {
    if (query.error)
      throw new SignInRefused(query.error === 'access_denied' ? 'sso_cancelled' : 'sso_failed');
    if (!query.state || query.state !== saved.state) throw new SignInRefused('sso_state_invalid');
    const url = new URL(callbackUrl(request));
    url.search = new URL(request.url, url).search;
    try {
      return await client!.redeem(url, {
        codeVerifier: saved.codeVerifier,
        state: saved.state,
        nonce: saved.nonce,
      });
    } catch (error) {
      if (!(error instanceof OidcError)) throw error;
      request.log.warn({ err: error }, 'sign-in with Microsoft failed');
      throw new SignInRefused(error.kind === 'unavailable' ? 'sso_unavailable' : 'sso_failed');
    }
  };

  return {
    enabled,

    async start(input, request, reply) {
      if (!client || !sealer) return signInErrorPath(input.audience, 'sso_not_configured');
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      let url: URL;
      try {
        url = await client.authorizationUrl({
          redirectUri: callbackUrl(request),
          state,
          nonce,
          codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        });
      } catch (error) {
        request.log.warn({ err: error }, 'cannot reach the Microsoft identity platform');
        return signInErrorPath(input.audience, 'sso_unavailable');
      }
      const expiresAt = deps.now().getTime() + SSO_STATE_LIFETIME_SECONDS * 1000;
      const sealed = sealer.seal({
        state,
        nonce,
        codeVerifier,
        audience: input.audience,
        returnTo: input.returnTo ?? null,
        expiresAt,
      });
      reply.setCookie(SSO_STATE_COOKIE, sealed, {
        ...cookieOptions(request),
        maxAge: SSO_STATE_LIFETIME_SECONDS,
      });
      return url.href;
    },

    async callback(query, request, reply) {
      reply.clearCookie(SSO_STATE_COOKIE, cookieOptions(request));
      if (!client || !sealer) return signInErrorPath('console', 'sso_not_configured');
      const saved = sealer.open(readCookie(request, SSO_STATE_COOKIE), deps.now());
      try {
        if (!saved) throw new SignInRefused('sso_state_invalid');
        const identity = await redeem(query, saved, request);
        const settings = await loadSignInSettings(deps.db);
        if (!tenantAllowed(settings, identity.tenantId))
          throw new SignInRefused('tenant_not_allowed', identity);
        const mapping = await mapIdentity(deps, identity, settings);
        if (!mapping.ok) throw new SignInRefused(mapping.code, identity);
        const { account } = mapping;
        await createAccountRepository(deps.db).recordSuccessfulLogin(account.id, deps.now());
        await deps.sessions.start(account.id, 'sso', request, reply);
        await deps.audit.record({
          actor: {
            type: account.kind === 'agent' ? 'agent' : 'portal-user',
            id: account.id,
            name: account.displayName,
          },
          action: 'auth.sign-in',
          target: { type: 'account', id: account.id },
          after: {
            method: 'sso',
            tenantId: identity.tenantId,
            objectId: identity.objectId,
            how: mapping.how,
          },
          ipAddress: request.ip,
          requestId: String(request.id),
        });
        return landingPath(account.kind, saved.returnTo);
      } catch (error) {
        if (!(error instanceof SignInRefused)) throw error;
        await auditFailure(request, error.code, error.identity);
        return signInErrorPath(saved?.audience ?? 'console', error.code);
      }
    },

    close() {
      client?.close();
    },
  };
}
