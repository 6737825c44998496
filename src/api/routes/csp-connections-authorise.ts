import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import {
  authoriseCspConnection,
  checkCspConnection,
  CSP_CONNECTION_CALLBACK_PATH,
  cspConnectionCallback,
  type CspAuthorisation,
} from '../../contracts/api/csp-connections.js';
import { MicrosoftError, PARTNER_CENTER_DEFAULT_SCOPE } from '../../microsoft/index.js';
import { createConnectionRepository, type ConnectionSummary } from '../../store/index.js';
import { audited, auditSource, type AuditSource } from '../audit/audited.js';
import { ensureCookieSupport, readCookie, secureCookies } from '../auth/cookies.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { failedCheck, runCspChecks } from '../integrations/csp/connection-checks.js';
import { loadCspTokens, partnerCenterApp } from '../integrations/csp/connection-tokens.js';
import { readConnectionSecrets } from '../integrations/entra/connection-tokens.js';
import { problemOf } from './entra-connections-checks.js';
import {
  authorizeUrl,
  oauthError,
  openSignInState,
  redeemCode,
  sealSignInState,
  SIGN_IN_LIFETIME_SECONDS,
  type ConnectionApp,
} from './entra-connections-oauth.js';
import { loadCspConnection } from './csp-connections-load.js';
import { cspRedirectUri } from './csp-connections-view.js';
import { endpointRegistrar } from './resource-helpers.js';

/** Holds an "Authorise" in progress (connection, state, PKCE verifier), encrypted. */
export const CSP_SIGN_IN_COOKIE = 'rollcall_csp_sign_in';
/** Where the console shows CSP connections; it reads `?connection=` and `?authorisation=`. */
export const CONSOLE_CSP_PATH = '/integrations/csp';

/** The secure application model's one interactive step: Partner Center, and a refresh token. */
export const PARTNER_CENTER_SIGN_IN_SCOPE = `offline_access ${PARTNER_CENTER_DEFAULT_SCOPE}`;

const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Records the result in the connection's settings and the audit trail, in one transaction. */
function saveResult(
  deps: Pick<ApiDeps, 'db' | 'secrets'>,
  source: AuditSource,
  connection: ConnectionSummary,
  result: CspAuthorisation,
  action: string,
): Promise<void> {
  return audited(deps.db, source, async (tx, record) => {
    await createConnectionRepository(tx, deps.secrets).update(connection.id, {
      settings: { lastAuthorisation: result },
    });
    await record({
      action,
      target: { type: 'connection', id: connection.id },
      after: {
        status: result.status,
        signedInAs: result.signedInAs,
        failed: result.checks
          .filter((c) => c.status === 'failed')
          .map((c) => ({
            check: c.check,
            problem: c.problem?.code ?? null,
            commonError: c.commonError?.id ?? null,
          })),
      },
    });
  });
}

/** The Partner Center app as the authorization-code flow needs it. */
async function signInApp(deps: ApiDeps, connection: ConnectionSummary): Promise<ConnectionApp> {
  const app = partnerCenterApp(connection, await readConnectionSecrets(deps.db, deps.secrets, connection.id));
  const clients = await deps.microsoft.clients();
  return {
    authorityHost: clients.endpoints.authorityHost.replace(/\/+$/, ''),
    tenantId: connection.tenantId,
    ...app,
  };
}

/** Every check with the stored sign-in (a fresh read of the connection: the refresh token may be new). */
async function checkConnection(
  deps: ApiDeps,
  id: string,
  principal: Principal | null,
): Promise<CspAuthorisation> {
  const connection = await loadCspConnection(deps, deps.db, id, principal);
  return runCspChecks({
    tokens: await loadCspTokens(deps, connection),
    clients: await deps.microsoft.clients(),
    partnerTenantId: connection.tenantId,
    now: deps.now(),
  });
}

/** Sign-in refused by Microsoft: the Partner Center check fails with its explanation, the rest wait. */
function signInFailed(deps: ApiDeps, error: MicrosoftError): CspAuthorisation {
  const first = failedCheck('partnerCenterToken', problemOf(error));
  const waiting = (check: 'customerList' | 'gdapRelationships' | 'gdapAppToken', label: string) => ({
    check,
    label,
    status: 'skipped' as const,
    detail: 'Not checked: the partner user did not finish authorising.',
    problem: null,
    commonError: null,
  });
  return {
    status: 'failed',
    checkedAt: deps.now().toISOString(),
    signedInAs: null,
    checks: [
      first,
      waiting('customerList', 'Partner Center customer list readable'),
      waiting('gdapRelationships', 'GDAP relationships readable in the partner tenant (Partner Center app)'),
      waiting('gdapAppToken', 'GDAP app gets a token in the partner tenant (client credentials)'),
    ],
    message: `Authorising failed: ${error.title}. ${error.howToFix}`,
  };
}

async function redirect(reply: FastifyReply, location: string): Promise<undefined> {
  reply.header('cache-control', 'no-store');
  await reply.redirect(location, 302);
  return undefined;
}

const landing = (connectionId: string | null, outcome: string) =>
  `${CONSOLE_CSP_PATH}${connectionId ? `/${connectionId}` : ''}?${new URLSearchParams({ authorisation: outcome })}`;

/**
 * Guide 002 "Authorizing Connection": a partner user signs in (with MFA) to the Partner Center
 * app through the authorization-code flow with PKCE; the callback keeps the refresh token
 * encrypted and checks each prerequisite. "Check again" repeats the checks with the stored token.
 */
export async function registerCspAuthoriseRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await ensureCookieSupport(app);
  const on = endpointRegistrar(app, deps);
  const cookieOptions = (request: FastifyRequest) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookies(request, deps.config),
    path: CSP_CONNECTION_CALLBACK_PATH,
  });
  const redirectUri = (request: FastifyRequest) =>
    cspRedirectUri(deps.config, originOf(request), CSP_CONNECTION_CALLBACK_PATH);

  on(authoriseCspConnection, async ({ params, principal, request, reply }) => {
    const connection = await loadCspConnection(deps, deps.db, params.id, principal);
    const target = await signInApp(deps, connection);
    const state = oidc.randomState();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const url = await authorizeUrl(target, await deps.microsoft.transport(), {
      redirectUri: redirectUri(request),
      state,
      codeVerifier,
      scope: PARTNER_CENTER_SIGN_IN_SCOPE,
    });
    const sealed = sealSignInState(deps.secrets, {
      connectionId: connection.id,
      accountId: (principal as Principal).accountId,
      state,
      codeVerifier,
      expiresAt: deps.now().getTime() + SIGN_IN_LIFETIME_SECONDS * 1000,
    });
    reply.setCookie(CSP_SIGN_IN_COOKIE, sealed, {
      ...cookieOptions(request),
      maxAge: SIGN_IN_LIFETIME_SECONDS,
    });
    return { authorizeUrl: url };
  });

  on(cspConnectionCallback, async ({ query, principal, request, reply }) => {
    reply.clearCookie(CSP_SIGN_IN_COOKIE, cookieOptions(request));
    const saved = openSignInState(deps.secrets, readCookie(request, CSP_SIGN_IN_COOKIE), deps.now());
    // Only the person who started it finishes it, on the state Microsoft echoed back.
    const mine = saved !== null && saved.accountId === principal?.accountId;
    if (!mine || query.state !== saved.state) {
      return redirect(reply, landing(mine ? saved.connectionId : null, 'state_invalid'));
    }
    const connection = await loadCspConnection(deps, deps.db, saved.connectionId, principal);
    let result: CspAuthorisation;
    if (query.error || !query.code) {
      result = signInFailed(deps, oauthError(query.error ?? 'invalid_request', query.error_description));
    } else {
      const callbackUrl = new URL(redirectUri(request));
      callbackUrl.search = new URL(request.url, callbackUrl).search;
      try {
        const tokens = await redeemCode(
          await signInApp(deps, connection),
          await deps.microsoft.transport(),
          callbackUrl,
          saved,
        );
        await createConnectionRepository(deps.db, deps.secrets).updateSecrets(connection.id, {
          refreshToken: tokens.refreshToken,
        });
        result = await checkConnection(deps, connection.id, principal);
      } catch (error) {
        if (!(error instanceof MicrosoftError)) throw error;
        result = signInFailed(deps, error);
      }
    }
    await saveResult(deps, auditSource(principal, request), connection, result, 'connection.authorise');
    return redirect(reply, landing(connection.id, result.status));
  });

  on(checkCspConnection, async ({ params, principal, request }) => {
    const result = await checkConnection(deps, params.id, principal);
    const connection = await loadCspConnection(deps, deps.db, params.id, principal);
    await saveResult(deps, auditSource(principal, request), connection, result, 'connection.check');
    return result;
  });
}
