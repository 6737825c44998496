import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userSchema, type RefreshTokenStore } from '../../src/microsoft/index.js';
import { APPS, CONTOSO, startConformanceFixture, type ConformanceFixture } from './fixtures.js';
import { connectAsUser } from './sign-in.js';

let f: ConformanceFixture;
beforeAll(async () => {
  f = await startConformanceFixture();
});
afterAll(async () => {
  await f.close();
});

const LOGIN = 'user1@contoso-conf.onmicrosoft.com';
const SCOPE = 'openid offline_access https://graph.microsoft.com/User.Read.All';

/** Stands in for the encrypted column the refresh token lives in. */
function storedRefreshToken(initial: string): RefreshTokenStore & { history: string[] } {
  const history = [initial];
  return {
    history,
    load: async () => history.at(-1)!,
    save: async (token) => void history.push(token),
  };
}

describe('client conformance: delegated connection with a stored refresh token', () => {
  it('reads Graph as the user and keeps the rotated refresh token working', async () => {
    // Microsoft may revoke a refresh token once redeemed: only the newest one may be used.
    f.emu.behaviour.identity.revokeUsedRefreshTokens = true;
    const initial = await connectAsUser(f.emu, {
      tenantId: CONTOSO,
      clientId: APPS.rollcall.clientId,
      clientSecret: APPS.rollcall.secret,
      login: LOGIN,
      scope: SCOPE,
    });
    const store = storedRefreshToken(initial);
    const tokens = f.clients.tokens.delegated({
      tenantId: CONTOSO,
      clientId: APPS.rollcall.clientId,
      credential: { kind: 'secret', secret: APPS.rollcall.secret },
      scopes: ['https://graph.microsoft.com/User.Read.All'],
      accountKey: 'connection-contoso',
      refreshTokens: store,
    });
    const graph = f.clients.graph(tokens);
    expect((await graph.get(`/users/${LOGIN}`, userSchema)).userPrincipalName).toBe(LOGIN);
    expect(store.history).toHaveLength(2);

    // Next hour: the access token has expired at Microsoft; the rotated refresh token is used.
    f.emu.clock.advance(2 * 3600 * 1000);
    expect((await graph.get(`/users/${LOGIN}`, userSchema)).id).toBeTruthy();
    expect(store.history).toHaveLength(3);
    expect(new Set(store.history).size).toBe(3);
  });

  it('says "reconnect" when the stored refresh token is no longer valid', async () => {
    const tokens = f.clients.tokens.delegated({
      tenantId: CONTOSO,
      clientId: APPS.rollcall.clientId,
      credential: { kind: 'secret', secret: APPS.rollcall.secret },
      scopes: ['https://graph.microsoft.com/User.Read.All'],
      accountKey: 'connection-revoked',
      refreshTokens: storedRefreshToken('not-a-refresh-token-microsoft-knows'),
    });
    await expect(tokens.getToken()).rejects.toMatchObject({ action: 'reauthorise', service: 'identity' });
  });
});
