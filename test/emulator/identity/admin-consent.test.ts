import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENTS,
  createIdentityFixture,
  FABRIKAM_ID,
  REDIRECT_URI,
  SECRET,
  type IdentityFixture,
} from './fixtures.js';
import { claimsOf, expectAadError, getPage, postToken, redirectParams, type TokenBody } from './helpers.js';
import { answerConsent, authorizeUrl, obtainCode, pkce, signIn } from './sign-in-flow.js';

let fx: IdentityFixture;
beforeAll(async () => {
  fx = await createIdentityFixture({ listen: false });
});
afterAll(() => fx.emu.close());

const appToken = () =>
  postToken(fx.emu, FABRIKAM_ID, {
    grant_type: 'client_credentials',
    client_id: CLIENTS.multi,
    client_secret: SECRET,
    scope: 'https://graph.microsoft.com/.default',
  });

describe('admin consent', () => {
  it('grants the app its permissions in the admin’s tenant and redirects with admin_consent=True', async () => {
    expectAadError(await appToken(), { status: 401, error: 'invalid_client', code: 7000229 });

    const query = new URLSearchParams({
      client_id: CLIENTS.multi,
      redirect_uri: REDIRECT_URI,
      state: 'consent-1',
    });
    const page = await getPage(fx.emu, `/common/adminconsent?${query.toString()}`);
    const consent = await signIn(fx.emu, page, 'dave@fabrikam.onmicrosoft.com');
    expect(String(consent.body)).toContain('User.ReadWrite.All (https://graph.microsoft.com, application)');
    const done = redirectParams(await answerConsent(fx.emu, consent, true));
    expect(Object.fromEntries(done)).toEqual({
      admin_consent: 'True',
      tenant: FABRIKAM_ID,
      state: 'consent-1',
    });

    expect(fx.fabrikam.servicePrincipals.get(CLIENTS.multi)).toBeDefined();
    const res = await appToken();
    expect(res.status).toBe(200);
    expect(claimsOf((res.body as TokenBody).access_token).roles).toEqual(['User.ReadWrite.All']);
  });

  it('redirects access_denied when the admin cancels', async () => {
    const query = new URLSearchParams({
      client_id: CLIENTS.unconsented,
      redirect_uri: REDIRECT_URI,
      state: 's',
    });
    const consent = await signIn(
      fx.emu,
      await getPage(fx.emu, `/contoso.com/adminconsent?${query.toString()}`),
      'alice@contoso.com',
    );
    const denied = redirectParams(await answerConsent(fx.emu, consent, false));
    expect(denied.get('error')).toBe('access_denied');
    expect(fx.contoso.servicePrincipals.has(CLIENTS.unconsented)).toBe(false);
  });

  it('prompt=admin_consent on authorize grants for the tenant, then returns a code', async () => {
    const params = {
      client_id: CLIENTS.unconsented,
      scope: 'openid https://graph.microsoft.com/.default',
      prompt: 'admin_consent',
    };
    const consent = await signIn(
      fx.emu,
      await getPage(fx.emu, authorizeUrl('contoso.com', params)),
      'alice@contoso.com',
    );
    expect(redirectParams(await answerConsent(fx.emu, consent, true)).get('code')).toBeTruthy();
    expect(fx.contoso.servicePrincipals.has(CLIENTS.unconsented)).toBe(true);
  });
});

describe('Partner Center app + user tokens', () => {
  it('are delegated tokens for the Partner Center resource with an MFA claim', async () => {
    const p = pkce();
    const scope = 'openid offline_access https://api.partnercenter.microsoft.com/user_impersonation';
    const code = await obtainCode(
      fx.emu,
      'contoso.com',
      { client_id: CLIENTS.partner, scope, code_challenge: p.challenge, code_challenge_method: 'S256' },
      'alice@contoso.com',
    );
    const res = await postToken(fx.emu, 'contoso.com', {
      grant_type: 'authorization_code',
      client_id: CLIENTS.partner,
      client_secret: SECRET,
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: p.verifier,
      scope,
    });
    const body = res.body as TokenBody;
    expect(body.scope).toContain('https://api.partnercenter.microsoft.com/user_impersonation');
    expect(claimsOf(body.access_token)).toMatchObject({
      aud: 'https://api.partnercenter.microsoft.com',
      scp: 'user_impersonation',
      idtyp: 'user',
      amr: ['pwd', 'mfa'],
      oid: fx.users.alice,
    });
    expect(body.refresh_token).toBeTruthy();
  });
});

describe('logout', () => {
  it('redirects to a registered post-logout URI with state, and shows a page otherwise', async () => {
    const ok = await getPage(
      fx.emu,
      `/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('https://rollcall.example/')}&state=x`,
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.location).toBe('https://rollcall.example/?state=x');
    const other = await getPage(
      fx.emu,
      `/common/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`,
    );
    expect(other.status).toBe(200);
    expect(String(other.body)).toContain('You signed out of your account');
  });
});
