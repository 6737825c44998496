import { ConfidentialClientApplication, ServerError, type Configuration } from '@azure/msal-node';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAssertion, createTestCertificate, type TestCertificate } from './certificates.js';
import {
  CLIENTS,
  CONTOSO_ID,
  createIdentityFixture,
  REDIRECT_URI,
  SECRET,
  type IdentityFixture,
} from './fixtures.js';
import { claimsOf } from './helpers.js';
import { createHttpsNetworkClient } from './https-network-client.js';
import { obtainCode, pkce } from './sign-in-flow.js';

const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';

let fx: IdentityFixture;
let cert: TestCertificate;
let base: (auth: Partial<Configuration['auth']> & { clientId: string }) => Configuration;

beforeAll(async () => {
  fx = await createIdentityFixture({ listen: true });
  cert = await createTestCertificate();
  fx.app(CLIENTS.cert).certificates.push(cert.registration);
  const info = fx.emu.info();
  const networkClient = createHttpsNetworkClient(readFileSync(info.caCertPath, 'utf8'));
  base = (auth) => ({
    auth: {
      authority: `${info.authorityHost}/${CONTOSO_ID}`,
      knownAuthorities: [new URL(info.authorityHost).host],
      ...auth,
    },
    system: { networkClient },
  });
});
afterAll(() => fx.emu.close());

describe('msal-node against the listening emulator over HTTPS', () => {
  it('acquires an app token with a client secret', async () => {
    const cca = new ConfidentialClientApplication(base({ clientId: CLIENTS.graph, clientSecret: SECRET }));
    const result = await cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT] });
    expect(claimsOf(result!.accessToken)).toMatchObject({ appid: CLIENTS.graph, tid: CONTOSO_ID });
    expect((claimsOf(result!.accessToken).roles as string[]).sort()).toEqual([
      'Group.Read.All',
      'User.Read.All',
    ]);
    expect(result!.expiresOn!.getTime()).toBeGreaterThan(Date.now() + 3000 * 1000);
  });

  it('acquires an app token with a certificate (PS256, x5t#S256)', async () => {
    const cca = new ConfidentialClientApplication(
      base({
        clientId: CLIENTS.cert,
        clientCertificate: { thumbprintSha256: cert.sha256Hex, privateKey: cert.privateKeyPem },
      }),
    );
    const result = await cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT] });
    expect(claimsOf(result!.accessToken)).toMatchObject({ appid: CLIENTS.cert, appidacr: '2' });
  });

  it('surfaces the AADSTS code of a wrong secret as ServerError.errorNo', async () => {
    const cca = new ConfidentialClientApplication(
      base({ clientId: CLIENTS.unconsented, clientSecret: 'wrong' }),
    );
    const error = await cca
      .acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).errorCode).toBe('invalid_client');
    expect(String((error as ServerError).errorNo)).toBe('7000215');
  });

  it('redeems a code from the sign-in page and refreshes it, as a delegated connection does', async () => {
    const p = pkce();
    const scopes = ['https://graph.microsoft.com/User.Read'];
    const code = await obtainCode(
      fx.emu,
      CONTOSO_ID,
      {
        client_id: CLIENTS.graph,
        scope: `openid profile offline_access ${scopes[0]}`,
        code_challenge: p.challenge,
        code_challenge_method: 'S256',
        nonce: 'n-1',
      },
      'alice@contoso.com',
    );
    const cca = new ConfidentialClientApplication(base({ clientId: CLIENTS.graph, clientSecret: SECRET }));
    const result = await cca.acquireTokenByCode(
      { code, scopes, redirectUri: REDIRECT_URI, codeVerifier: p.verifier, state: 'state-123', nonce: 'n-1' },
      { code, state: 'state-123' },
    );
    expect(result.account?.username).toBe('alice@contoso.com');
    expect(result.account?.homeAccountId).toBe(`${fx.users.alice}.${CONTOSO_ID}`);
    expect(claimsOf(result.accessToken)).toMatchObject({ oid: fx.users.alice, idtyp: 'user' });

    const cache = JSON.parse(cca.getTokenCache().serialize()) as {
      RefreshToken: Record<string, { secret: string }>;
    };
    const refreshToken = Object.values(cache.RefreshToken)[0]!.secret;
    const refreshed = await cca.acquireTokenByRefreshToken({ refreshToken, scopes });
    expect(claimsOf(refreshed!.accessToken)).toMatchObject({ oid: fx.users.alice, tid: CONTOSO_ID });
  });

  it('agrees with msal-node on the assertion audience (the discovered token endpoint)', async () => {
    const tokenEndpoint = `${fx.emu.info().authorityHost}/${CONTOSO_ID}/oauth2/v2.0/token`;
    const assertion = await buildAssertion(cert, { clientId: CLIENTS.cert, audience: tokenEndpoint });
    const cca = new ConfidentialClientApplication(
      base({ clientId: CLIENTS.cert, clientAssertion: assertion }),
    );
    const result = await cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT] });
    expect(claimsOf(result!.accessToken).appid).toBe(CLIENTS.cert);
  });
});
