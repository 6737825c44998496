import { readFile } from 'node:fs/promises';
import * as oidc from 'openid-client';
import { createHttpsTransport, type Transport } from '../../../microsoft/index.js';
import { createTokenResponseRecorder } from './token-response-recorder.js';

/** OpenID scopes: `profile` brings `oid`, `name` and `preferred_username`; `email` the email claim. */
export const SSO_SCOPES = 'openid profile email';
/** Entra's multi-tenant metadata names its issuer with this placeholder for the person's tenant. */
const TENANT_PLACEHOLDER = /\{tenantid\}/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A person Microsoft signed in, from a validated id token. */
export interface SsoIdentity {
  tenantId: string;
  objectId: string;
  displayName: string;
  /** `preferred_username`: the UPN of work accounts. */
  upn: string | null;
  /** The `email` claim, only when Microsoft says its domain owner is verified (`xms_edov`). */
  verifiedEmail: string | null;
}

/** Microsoft could not be reached or its answer was not acceptable; `reason` is for the log. */
export class OidcError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'rejected',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OidcError';
  }
}

export interface OidcClientOptions {
  /** `https://login.microsoftonline.com` or another authority host (a sovereign cloud, the sandbox). */
  authorityHost: string;
  clientId: string;
  clientSecret: string;
  /** PEM of an extra CA to trust for the authority. */
  extraCaPath?: string | undefined;
}

export interface OidcClient {
  authorizationUrl(input: {
    redirectUri: string;
    state: string;
    nonce: string;
    codeChallenge: string;
  }): Promise<URL>;
  /** Redeems the code of `callbackUrl` and validates the id token (state, nonce, PKCE, issuer, audience). */
  redeem(
    callbackUrl: URL,
    checks: { codeVerifier: string; state: string; nonce: string },
  ): Promise<SsoIdentity>;
  close(): void;
}

function toFetch(transport: Transport): oidc.CustomFetch {
  return (url, init) => {
    if (
      init.body !== undefined &&
      init.body !== null &&
      typeof init.body !== 'string' &&
      !(init.body instanceof URLSearchParams)
    ) {
      throw new TypeError('unexpected request body type for the identity platform');
    }
    return transport.fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body ? { body: String(init.body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  };
}

function identityOf(claims: oidc.IDToken | undefined): SsoIdentity {
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  const tenantId = str(claims?.tid);
  const objectId = str(claims?.oid);
  if (!claims || !tenantId || !GUID.test(tenantId) || !objectId || !GUID.test(objectId)) {
    throw new OidcError('rejected', 'the id token lacks a tenant id (tid) or object id (oid)');
  }
  const upn = str(claims.preferred_username);
  const email = claims.xms_edov === true || claims.xms_edov === 1 ? str(claims.email) : null;
  return {
    tenantId: tenantId.toLowerCase(),
    objectId: objectId.toLowerCase(),
    displayName: str(claims.name) ?? upn ?? objectId,
    upn,
    verifiedEmail: email,
  };
}

/**
 * Sign-in with Microsoft over OpenID Connect (openid-client), through the `organizations`
 * endpoint so people of any work tenant can sign in (the allow-list decides who may).
 *
 * Entra's multi-tenant discovery names its issuer `https://HOST/{tenantid}/v2.0`; the real issuer
 * is known only from the id token's `tid`. openid-client resolves that for login.microsoftonline.com
 * alone, so for every host alike the code is redeemed once while the token response is recorded,
 * then openid-client validates that same response (no second call to Microsoft) against the issuer
 * of the tenant named in it.
 */
export function createOidcClient(options: OidcClientOptions): OidcClient {
  let transport: Transport | undefined;
  let discovered: Promise<oidc.Configuration> | undefined;

  const configuration = async (): Promise<oidc.Configuration> => {
    discovered ??= (async () => {
      const extraCaPem = options.extraCaPath ? await readFile(options.extraCaPath, 'utf8') : undefined;
      transport ??= createHttpsTransport(extraCaPem ? { extraCaPem } : {});
      const url = new URL(
        `${options.authorityHost.replace(/\/+$/, '')}/organizations/v2.0/.well-known/openid-configuration`,
      );
      return oidc.discovery(url, options.clientId, options.clientSecret, undefined, {
        [oidc.customFetch]: toFetch(transport),
      });
    })().catch((error: unknown) => {
      discovered = undefined;
      throw new OidcError('unavailable', `OpenID discovery failed: ${(error as Error).message}`, {
        cause: error,
      });
    });
    return discovered;
  };

  const withIssuer = (base: oidc.Configuration, issuer: string, fetch: oidc.CustomFetch) => {
    // The helper method serverMetadata() adds is not metadata.
    const { supportsPKCE: _helper, ...metadata } = base.serverMetadata();
    const config = new oidc.Configuration({ ...metadata, issuer }, options.clientId, options.clientSecret);
    config[oidc.customFetch] = fetch;
    return config;
  };

  const grant = (
    config: oidc.Configuration,
    callbackUrl: URL,
    checks: { codeVerifier: string; state: string; nonce: string },
  ) =>
    oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });

  return {
    async authorizationUrl(input) {
      return oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: input.redirectUri,
        scope: SSO_SCOPES,
        state: input.state,
        nonce: input.nonce,
        code_challenge: input.codeChallenge,
        code_challenge_method: 'S256',
        response_mode: 'query',
        prompt: 'select_account',
      });
    },

    async redeem(callbackUrl, checks) {
      const base = await configuration();
      const template = base.serverMetadata().issuer;
      try {
        if (!TENANT_PLACEHOLDER.test(template))
          return identityOf((await grant(base, callbackUrl, checks)).claims());
        const recorder = createTokenResponseRecorder(toFetch(transport!));
        // The first pass only carries the request: its verdict on the templated issuer is moot.
        await grant(withIssuer(base, template, recorder.record), callbackUrl, checks).catch(
          (error: unknown) => {
            if (!recorder.recorded()) throw error;
          },
        );
        const tid = recorder.claim('tid');
        if (typeof tid !== 'string' || !GUID.test(tid)) {
          throw new OidcError('rejected', 'the token response holds no id token with a tenant id');
        }
        const issuer = template.replace(TENANT_PLACEHOLDER, tid);
        return identityOf(
          (await grant(withIssuer(base, issuer, recorder.replay), callbackUrl, checks)).claims(),
        );
      } catch (error) {
        if (error instanceof OidcError) throw error;
        const detail =
          error instanceof oidc.ResponseBodyError
            ? `${error.error}: ${error.error_description ?? ''}`
            : (error as Error).message;
        throw new OidcError('rejected', `Microsoft's answer was not accepted: ${detail}`, { cause: error });
      }
    },

    close() {
      transport?.close();
    },
  };
}
