import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../support/emulator.js';
import {
  CLIENTS,
  CONTOSO_ID,
  createIdentityFixture,
  REDIRECT_URI,
  SECRET,
  type IdentityFixture,
} from './fixtures.js';
import { expectAadError, postToken, type TokenBody } from './helpers.js';
import { obtainCode, pkce } from './sign-in-flow.js';

const SCOPE = 'openid profile offline_access https://graph.microsoft.com/User.Read';

let fx: IdentityFixture;
beforeAll(async () => {
  fx = await createIdentityFixture({ listen: false });
});
afterAll(() => fx.emu.close());

async function signInAlice(): Promise<TokenBody> {
  const p = pkce();
  const code = await obtainCode(
    fx.emu,
    CONTOSO_ID,
    { client_id: CLIENTS.graph, scope: SCOPE, code_challenge: p.challenge, code_challenge_method: 'S256' },
    'alice@contoso.com',
  );
  const res = await postToken(fx.emu, CONTOSO_ID, {
    grant_type: 'authorization_code',
    client_id: CLIENTS.graph,
    client_secret: SECRET,
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: p.verifier,
    scope: SCOPE,
  });
  expect(res.status).toBe(200);
  return res.body as TokenBody;
}

const refresh = (token: string) =>
  postToken(fx.emu, CONTOSO_ID, {
    grant_type: 'refresh_token',
    client_id: CLIENTS.graph,
    client_secret: SECRET,
    refresh_token: token,
    scope: SCOPE,
  });

describe('refresh tokens after revokeSignInSessions', () => {
  it('refuses grants from before the revocation (50173) and accepts a new sign-in', async () => {
    const before = await signInAlice();
    const admin = await mintToken(fx.emu, { tenantId: CONTOSO_ID, roles: ['User.ReadWrite.All'] });
    const revoked = await fx.emu.inject({
      method: 'POST',
      url: `/v1.0/users/${fx.users.alice}/revokeSignInSessions`,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(revoked.status).toBe(200);

    const refused = await refresh(before.refresh_token!);
    expectAadError(refused, { status: 400, error: 'invalid_grant', code: 50173 });
    expect(JSON.stringify(refused.body)).toContain('TokensValidFrom');

    fx.emu.clock.advance(1000);
    const after = await signInAlice();
    expect((await refresh(after.refresh_token!)).status).toBe(200);
  });
});
