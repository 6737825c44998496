import * as oidc from 'openid-client';
import { z } from 'zod';
import type { MicrosoftError } from '../../microsoft/index.js';
import { classifyMicrosoftError, GRAPH_DEFAULT_SCOPE, type Transport } from '../../microsoft/index.js';
import type { SecretBox } from '../../store/index.js';

/**
 * Delegated connections ask for what the app registration lists on Graph (`.default`), plus a
 * refresh token (`offline_access`): the permissions table is then checked against the token's `scp`.
 */
export const DELEGATED_SCOPE = `offline_access ${GRAPH_DEFAULT_SCOPE}`;

/** How long a person may take on Microsoft's pages before "Sign in with Microsoft" must start again. */
export const SIGN_IN_LIFETIME_SECONDS = 600;

const signInStateSchema = z.object({
  connectionId: z.string(),
  accountId: z.string(),
  state: z.string().min(1),
  codeVerifier: z.string().min(1),
  /** Epoch ms. */
  expiresAt: z.number(),
});
export type SignInState = z.infer<typeof signInStateSchema>;

/**
 * The state cookie's value: encrypted and authenticated with the instance's secret key (AES-GCM),
 * so the PKCE verifier stays secret and any process of the installation can finish the sign-in.
 */
export function sealSignInState(box: SecretBox, state: SignInState): string {
  return box.encrypt(JSON.stringify(state));
}

/** The state, or null when the cookie is missing, damaged, from another key or expired. */
export function openSignInState(box: SecretBox, cookie: string | undefined, now: Date): SignInState | null {
  if (!cookie) return null;
  try {
    const parsed = signInStateSchema.safeParse(JSON.parse(box.decrypt(cookie)));
    return parsed.success && parsed.data.expiresAt > now.getTime() ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface ConnectionApp {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

function toFetch(transport: Transport): oidc.CustomFetch {
  return (url, init) =>
    transport.fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(typeof init.body === 'string' || init.body instanceof URLSearchParams
        ? { body: String(init.body) }
        : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
}

/** The tenant's endpoints, known without a discovery request (as msal-node is told them too). */
function configuration(app: ConnectionApp, transport: Transport): oidc.Configuration {
  const base = `${app.authorityHost}/${app.tenantId}`;
  const config = new oidc.Configuration(
    {
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
    },
    app.clientId,
    undefined,
    oidc.ClientSecretPost(app.clientSecret),
  );
  config[oidc.customFetch] = toFetch(transport);
  return config;
}

/**
 * Microsoft's sign-in page for the connection's tenant and app, with PKCE (S256); `scope` is the
 * Entra delegated scope unless given (CSP asks for Partner Center).
 */
export async function authorizeUrl(
  app: ConnectionApp,
  transport: Transport,
  input: { redirectUri: string; state: string; codeVerifier: string; scope?: string },
): Promise<string> {
  return oidc.buildAuthorizationUrl(configuration(app, transport), {
    redirect_uri: input.redirectUri,
    scope: input.scope ?? DELEGATED_SCOPE,
    state: input.state,
    code_challenge: await oidc.calculatePKCECodeChallenge(input.codeVerifier),
    code_challenge_method: 'S256',
    response_mode: 'query',
    prompt: 'select_account',
  }).href;
}

const aadstsOf = (description: string | undefined) => {
  const number = Number(/AADSTS(\d+)/.exec(description ?? '')?.[1]);
  return Number.isFinite(number) && number > 0 ? number : undefined;
};

/** An OAuth error (`error`, `error_description` with its AADSTS code) as a catalogued error. */
export function oauthError(error: string, description: string | undefined, status?: number): MicrosoftError {
  return classifyMicrosoftError({
    service: 'identity',
    microsoftCode: error,
    aadsts: aadstsOf(description),
    message: description,
    ...(status === undefined ? {} : { status }),
  });
}

/** Redeems the code of `callbackUrl` (state and PKCE checked) for the user's tokens. */
export async function redeemCode(
  app: ConnectionApp,
  transport: Transport,
  callbackUrl: URL,
  checks: { state: string; codeVerifier: string },
): Promise<{ accessToken: string; refreshToken: string | null; expiresAt: number }> {
  try {
    const tokens = await oidc.authorizationCodeGrant(configuration(app, transport), callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      idTokenExpected: false,
    });
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? null,
      expiresAt: Date.now() + (tokens.expires_in ?? 0) * 1000,
    };
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError) {
      throw oauthError(error.error, error.error_description, error.status);
    }
    throw classifyMicrosoftError(error);
  }
}
