import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import {
  entraConnectionCallback,
  ENTRA_CONNECTION_CALLBACK_PATH,
  startEntraConnectionSignIn,
  type Authorisation,
} from '../../contracts/api/entra-connections.js';
import { MicrosoftError } from '../../microsoft/index.js';
import { createConnectionRepository, type ConnectionSummary } from '../../store/index.js';
import { ensureCookieSupport, readCookie, secureCookies } from '../auth/cookies.js';
import type { Principal } from '../auth/principal.js';
import { auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { appCredential, readConnectionSecrets } from '../integrations/entra/connection-tokens.js';
import { saveAuthorisation } from './entra-connections-authorise.js';
import { problemOf, runAuthorisationChecks, checkPermissions } from './entra-connections-checks.js';
import { loadEntraConnection } from './entra-connections-load.js';
import {
  authorizeUrl,
  oauthError,
  openSignInState,
  redeemCode,
  sealSignInState,
  SIGN_IN_LIFETIME_SECONDS,
  type ConnectionApp,
} from './entra-connections-oauth.js';
import { entraSettings } from '../integrations/entra/connection-settings.js';
import { entraRedirectUri } from './entra-connections-view.js';
import { endpointRegistrar } from './resource-helpers.js';

/** Holds a "Sign in with Microsoft" in progress (connection, state, PKCE verifier), encrypted. */
export const SIGN_IN_COOKIE = 'rollcall_entra_sign_in';
/** Where the console shows Entra connections; it reads `?connection=` and `?authorisation=`. */
export const CONSOLE_ENTRA_PATH = '/integrations/entra';

const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The connection's app as the authorization-code flow needs it (delegated connections only). */
async function connectionApp(deps: ApiDeps, connection: ConnectionSummary): Promise<ConnectionApp> {
  const settings = entraSettings(connection);
  if (settings.authMethod !== 'delegated') {
    throw new ApiHttpError(
      'conflict',
      'Only delegated connections sign in with Microsoft; use "Authorise" for application permissions.',
    );
  }
  if (!connection.clientId) {
    throw new ApiHttpError('conflict', 'Set the application (client) ID first.', [
      { field: 'clientId', message: 'no application (client) ID is set' },
    ]);
  }
  const credential = appCredential(
    settings,
    await readConnectionSecrets(deps.db, deps.secrets, connection.id),
  );
  if (credential.kind !== 'secret')
    throw new Error('delegated connections prove the app with a client secret');
  const clients = await deps.microsoft.clients();
  return {
    authorityHost: clients.endpoints.authorityHost.replace(/\/+$/, ''),
    tenantId: connection.tenantId,
    clientId: connection.clientId,
    clientSecret: credential.secret,
  };
}

async function redirect(reply: FastifyReply, location: string): Promise<undefined> {
  reply.header('cache-control', 'no-store');
  await reply.redirect(location, 302);
  return undefined;
}

const landing = (connectionId: string | null, outcome: string) =>
  `${CONSOLE_ENTRA_PATH}?${new URLSearchParams({ ...(connectionId ? { connection: connectionId } : {}), authorisation: outcome })}`;

/**
 * Guide 001 "Using delegated permissions": "Sign in with Microsoft" sends the browser to the
 * tenant's sign-in page (authorization code + PKCE); the callback redeems the code with the app's
 * secret, keeps the refresh token encrypted, and checks the permissions against the token's `scp`.
 */
export async function registerEntraSignInRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await ensureCookieSupport(app);
  const on = endpointRegistrar(app, deps);
  const cookieOptions = (request: FastifyRequest) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookies(request, deps.config),
    path: ENTRA_CONNECTION_CALLBACK_PATH,
  });

  on(startEntraConnectionSignIn, async ({ params, principal, request, reply }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'modify');
    const target = await connectionApp(deps, connection);
    const state = oidc.randomState();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const url = await authorizeUrl(target, await deps.microsoft.transport(), {
      redirectUri: entraRedirectUri(deps.config, originOf(request)),
      state,
      codeVerifier,
    });
    const sealed = sealSignInState(deps.secrets, {
      connectionId: connection.id,
      accountId: (principal as Principal).accountId,
      state,
      codeVerifier,
      expiresAt: deps.now().getTime() + SIGN_IN_LIFETIME_SECONDS * 1000,
    });
    reply.setCookie(SIGN_IN_COOKIE, sealed, { ...cookieOptions(request), maxAge: SIGN_IN_LIFETIME_SECONDS });
    return { authorizeUrl: url };
  });

  on(entraConnectionCallback, async ({ query, principal, request, reply }) => {
    reply.clearCookie(SIGN_IN_COOKIE, cookieOptions(request));
    const saved = openSignInState(deps.secrets, readCookie(request, SIGN_IN_COOKIE), deps.now());
    // Only the person who started it finishes it, on the state Microsoft echoed back.
    const mine = saved !== null && saved.accountId === principal?.accountId;
    if (!mine || query.state !== saved.state) {
      // Someone else's sign-in does not even learn which connection it was for.
      return redirect(reply, landing(mine ? saved.connectionId : null, 'state_invalid'));
    }
    const connection = await loadEntraConnection(deps, deps.db, saved.connectionId, principal, 'modify');
    const source = auditSource(principal, request);
    const result = await signInResult(deps, connection, request, query, saved);
    await saveAuthorisation(deps, source, connection, result, 'connection.sign-in');
    return redirect(reply, landing(connection.id, result.status));
  });
}

/** Redeems the code and checks the permissions, or explains why Microsoft refused. */
async function signInResult(
  deps: ApiDeps,
  connection: ConnectionSummary,
  request: FastifyRequest,
  query: { code?: string | undefined; error?: string | undefined; error_description?: string | undefined },
  saved: { state: string; codeVerifier: string },
): Promise<Authorisation> {
  const failed = (error: MicrosoftError): Authorisation => ({
    status: 'failed',
    checkedAt: deps.now().toISOString(),
    permissionKind: 'delegated',
    signedInAs: null,
    permissions: checkPermissions('delegated', null, false),
    readCheck: null,
    problem: problemOf(error),
    message: `Signing in failed: ${error.title}. ${error.howToFix}`,
  });
  if (query.error || !query.code)
    return failed(oauthError(query.error ?? 'invalid_request', query.error_description));
  const target = await connectionApp(deps, connection);
  const transport = await deps.microsoft.transport();
  const callbackUrl = new URL(entraRedirectUri(deps.config, originOf(request)));
  callbackUrl.search = new URL(request.url, callbackUrl).search;
  let tokens;
  try {
    tokens = await redeemCode(target, transport, callbackUrl, saved);
  } catch (error) {
    if (error instanceof MicrosoftError) return failed(error);
    throw error;
  }
  if (tokens.refreshToken) {
    await createConnectionRepository(deps.db, deps.secrets).updateSecrets(connection.id, {
      refreshToken: tokens.refreshToken,
    });
  }
  const source = { getToken: async () => tokens.accessToken };
  const clients = await deps.microsoft.clients();
  return runAuthorisationChecks({
    method: 'delegated',
    tokens: source,
    graph: clients.graph(source),
    refreshTokenIssued: () => tokens.refreshToken !== null,
    now: deps.now(),
  });
}
