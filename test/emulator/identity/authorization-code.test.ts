import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulator/identity/passwords.js';
import {
  CAROL_PASSWORD,
  CLIENTS,
  CONTOSO_ID,
  createIdentityFixture,
  REDIRECT_URI,
  SECRET,
  type IdentityFixture,
} from './fixtures.js';
import { claimsOf, expectAadError, getPage, postToken, redirectParams, type TokenBody } from './helpers.js';
import { answerConsent, authorizeUrl, obtainCode, pkce, signIn } from './sign-in-flow.js';

const SCOPE = 'openid profile offline_access https://graph.microsoft.com/User.Read';

let fx: IdentityFixture;
beforeAll(async () => {
  fx = await createIdentityFixture({ listen: false });
});
afterAll(() => fx.emu.close());

const redeem = (code: string, verifier: string, extra: Record<string, string> = {}, tenant = CONTOSO_ID) =>
  postToken(fx.emu, tenant, {
    grant_type: 'authorization_code',
    client_id: CLIENTS.graph,
    client_secret: SECRET,
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
    scope: SCOPE,
    ...extra,
  });

describe('authorization code with PKCE, through the sign-in page', () => {
  it('shows a labelled sign-in form, signs in, and redeems the code for user tokens', async () => {
    const p = pkce();
    const page = await getPage(
      fx.emu,
      authorizeUrl(CONTOSO_ID, {
        client_id: CLIENTS.graph,
        scope: SCOPE,
        nonce: 'nonce-abc',
        code_challenge: p.challenge,
        code_challenge_method: 'S256',
        login_hint: 'alice@contoso.com',
      }),
    );
    const html = String(page.body);
    expect(page.headers['content-type']).toContain('text/html');
    expect(html).toContain('<label for="login">');
    expect(html).toContain('<label for="passwd">');
    expect(html).toContain('value="alice@contoso.com"');
    expect(html).toMatch(/<button type="submit"[^>]*>Sign in<\/button>/);

    const query = redirectParams(await signIn(fx.emu, page, 'alice@contoso.com'));
    expect(query.get('state')).toBe('state-123');
    const code = query.get('code')!;

    const res = await redeem(code, p.verifier, { client_info: '1' });
    expect(res.status).toBe(200);
    const body = res.body as TokenBody;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(body.scope!.split(' ')).toEqual(
      expect.arrayContaining(['https://graph.microsoft.com/User.Read', 'openid', 'offline_access']),
    );
    expect(body.refresh_token).toBeTruthy();
    expect(JSON.parse(Buffer.from(body.client_info!, 'base64url').toString())).toEqual({
      uid: fx.users.alice,
      utid: CONTOSO_ID,
    });

    const access = claimsOf(body.access_token);
    expect(access).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${CONTOSO_ID}/`,
      tid: CONTOSO_ID,
      appid: CLIENTS.graph,
      oid: fx.users.alice,
      upn: 'alice@contoso.com',
      name: 'Alice Émilie Dupont',
      idtyp: 'user',
      ver: '1.0',
    });
    expect(String(access.scp).split(' ').sort()).toEqual(['Directory.Read.All', 'User.Read']);
    expect(access).not.toHaveProperty('roles');

    const id = claimsOf(body.id_token!);
    expect(id).toMatchObject({
      aud: CLIENTS.graph,
      iss: `${fx.emu.info().authorityHost}/${CONTOSO_ID}/v2.0`,
      nonce: 'nonce-abc',
      tid: CONTOSO_ID,
      oid: fx.users.alice,
      preferred_username: 'alice@contoso.com',
      name: 'Alice Émilie Dupont',
      email: 'alice@contoso.com',
      ver: '2.0',
    });
  });

  it('refuses a second redemption of the same code (54005)', async () => {
    const p = pkce();
    const code = await obtainCode(
      fx.emu,
      CONTOSO_ID,
      { client_id: CLIENTS.graph, scope: SCOPE, code_challenge: p.challenge, code_challenge_method: 'S256' },
      'alice@contoso.com',
    );
    expect((await redeem(code, p.verifier)).status).toBe(200);
    expectAadError(await redeem(code, p.verifier), { status: 400, error: 'invalid_grant', code: 54005 });
  });

  it('checks the PKCE verifier (S256 and plain) and the redirect URI', async () => {
    const s256 = pkce();
    const params = {
      client_id: CLIENTS.graph,
      scope: SCOPE,
      code_challenge: s256.challenge,
      code_challenge_method: 'S256',
    };
    const code = await obtainCode(fx.emu, CONTOSO_ID, params, 'alice@contoso.com');
    expectAadError(await redeem(code, pkce().verifier), {
      status: 400,
      error: 'invalid_grant',
      code: 501481,
    });
    expectAadError(await redeem(code, ''), { status: 400, error: 'invalid_grant', code: 501481 });

    const code2 = await obtainCode(fx.emu, CONTOSO_ID, params, 'alice@contoso.com');
    expectAadError(await redeem(code2, s256.verifier, { redirect_uri: 'https://rollcall.example/other' }), {
      status: 400,
      error: 'invalid_grant',
      code: 500112,
    });

    const plain = pkce('plain');
    const code3 = await obtainCode(
      fx.emu,
      CONTOSO_ID,
      { ...params, code_challenge: plain.challenge, code_challenge_method: 'plain' },
      'alice@contoso.com',
    );
    expect((await redeem(code3, plain.verifier)).status).toBe(200);
  });

  it('lets a code expire (70008)', async () => {
    const p = pkce();
    const code = await obtainCode(
      fx.emu,
      CONTOSO_ID,
      { client_id: CLIENTS.graph, scope: SCOPE, code_challenge: p.challenge, code_challenge_method: 'S256' },
      'alice@contoso.com',
    );
    fx.emu.clock.advance((fx.emu.behaviour.identity.authorizationCodeLifetimeSeconds + 1) * 1000);
    expectAadError(await redeem(code, p.verifier), { status: 400, error: 'invalid_grant', code: 70008 });
  });

  it('answers 65001 when the token request asks for a permission nobody consented to', async () => {
    const p = pkce();
    const code = await obtainCode(
      fx.emu,
      CONTOSO_ID,
      { client_id: CLIENTS.graph, scope: SCOPE, code_challenge: p.challenge, code_challenge_method: 'S256' },
      'alice@contoso.com',
    );
    expectAadError(
      await redeem(code, p.verifier, { scope: 'openid https://graph.microsoft.com/Mail.Send' }),
      {
        status: 400,
        error: 'invalid_grant',
        code: 65001,
        message: `the application with ID '${CLIENTS.graph}' named 'Rollcall Graph'`,
      },
    );
  });

  it('refreshes with rotating refresh tokens that expire after the configured lifetime', async () => {
    const p = pkce();
    const code = await obtainCode(
      fx.emu,
      CONTOSO_ID,
      { client_id: CLIENTS.graph, scope: SCOPE, code_challenge: p.challenge, code_challenge_method: 'S256' },
      'carol@contoso.onmicrosoft.com',
      CAROL_PASSWORD,
    );
    const first = (await redeem(code, p.verifier)).body as TokenBody;
    const refresh = (token: string) =>
      postToken(fx.emu, CONTOSO_ID, {
        grant_type: 'refresh_token',
        client_id: CLIENTS.graph,
        client_secret: SECRET,
        refresh_token: token,
        scope: SCOPE,
      });
    const second = await refresh(first.refresh_token!);
    expect(second.status).toBe(200);
    const secondBody = second.body as TokenBody;
    expect(secondBody.refresh_token).toBeTruthy();
    expect(secondBody.refresh_token).not.toBe(first.refresh_token);
    expect(claimsOf(secondBody.access_token)).toMatchObject({ oid: fx.users.carol, idtyp: 'user' });
    expect(claimsOf(secondBody.id_token!)).toMatchObject({
      preferred_username: 'carol@contoso.onmicrosoft.com',
    });

    // Microsoft keeps the redeemed token valid unless configured otherwise.
    expect((await refresh(first.refresh_token!)).status).toBe(200);
    fx.emu.behaviour.identity.revokeUsedRefreshTokens = true;
    try {
      const third = (await refresh(secondBody.refresh_token!)).body as TokenBody;
      expectAadError(await refresh(secondBody.refresh_token!), {
        status: 400,
        error: 'invalid_grant',
        code: 9002313,
      });
      fx.emu.clock.advance((fx.emu.behaviour.identity.refreshTokenLifetimeDays * 24 * 3600 + 1) * 1000);
      expectAadError(await refresh(third.refresh_token!), {
        status: 400,
        error: 'invalid_grant',
        code: 70008,
      });
    } finally {
      fx.emu.behaviour.identity.revokeUsedRefreshTokens = false;
    }
  });

  it('refuses refresh for a disabled user (50057)', async () => {
    const p = pkce();
    const alice = fx.users.alice;
    const code = await obtainCode(
      fx.emu,
      CONTOSO_ID,
      { client_id: CLIENTS.graph, scope: SCOPE, code_challenge: p.challenge, code_challenge_method: 'S256' },
      'alice@contoso.com',
    );
    const tokens = (await redeem(code, p.verifier)).body as TokenBody;
    fx.emu.estate.updateUser(fx.contoso, alice, { accountEnabled: false });
    try {
      const res = await postToken(fx.emu, CONTOSO_ID, {
        grant_type: 'refresh_token',
        client_id: CLIENTS.graph,
        client_secret: SECRET,
        refresh_token: tokens.refresh_token!,
      });
      expectAadError(res, { status: 400, error: 'invalid_grant', code: 50057 });
    } finally {
      fx.emu.estate.updateUser(fx.contoso, alice, { accountEnabled: true });
    }
  });
});

describe('the sign-in page', () => {
  const page = (params: Record<string, string> = {}, tenant = CONTOSO_ID) =>
    getPage(fx.emu, authorizeUrl(tenant, { client_id: CLIENTS.graph, scope: SCOPE, ...params }));

  it('shows a wrong password (50126), an unknown user (50034) and a disabled account (50057) on the page', async () => {
    const wrong = await signIn(fx.emu, await page(), 'alice@contoso.com', 'nope');
    expect(wrong.status).toBe(200);
    expect(String(wrong.body)).toMatch(/role="alert"[^>]*>AADSTS50126:/);
    const unknown = await signIn(fx.emu, await page(), 'nobody@contoso.com');
    expect(String(unknown.body)).toContain('AADSTS50034:');
    const disabled = await signIn(fx.emu, await page(), 'bob@contoso.com', DEMO_PASSWORD);
    expect(disabled.status).toBe(200);
    expect(disabled.headers.location).toBeUndefined();
    expect(String(disabled.body)).toContain('AADSTS50057: The user account is disabled.');
  });

  it('shows an unregistered redirect URI on the page instead of redirecting (50011)', async () => {
    const res = await page({ redirect_uri: 'https://evil.example/steal' });
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(String(res.body)).toContain('AADSTS50011: The redirect URI &#39;https://evil.example/steal&#39;');
  });

  it('finds the tenant from the UPN domain on /common and /organizations', async () => {
    for (const alias of ['common', 'organizations']) {
      const p = pkce();
      const code = await obtainCode(
        fx.emu,
        alias,
        {
          client_id: CLIENTS.graph,
          scope: SCOPE,
          code_challenge: p.challenge,
          code_challenge_method: 'S256',
        },
        'alice@contoso.com',
      );
      const res = await redeem(code, p.verifier, {}, alias);
      expect(claimsOf((res.body as TokenBody).access_token).tid).toBe(CONTOSO_ID);
    }
  });

  it('asks for consent when needed and redirects access_denied when the user declines', async () => {
    const consent = await signIn(
      fx.emu,
      await page({ client_id: CLIENTS.unconsented, scope: 'openid https://graph.microsoft.com/Mail.Read' }),
      'alice@contoso.com',
    );
    expect(String(consent.body)).toContain('Mail.Read');
    expect(String(consent.body)).toContain('<label for="consent_org">');
    const declined = redirectParams(await answerConsent(fx.emu, consent, false));
    expect(declined.get('error')).toBe('access_denied');
    expect(declined.get('error_description')).toMatch(/^AADSTS65004: /);
    expect(declined.get('state')).toBe('state-123');
  });

  it('records a user consent so the next sign-in goes straight through', async () => {
    const params = {
      client_id: CLIENTS.unconsented,
      scope: 'openid https://graph.microsoft.com/Calendars.Read',
    };
    const consent = await signIn(fx.emu, await page(params), 'carol@contoso.onmicrosoft.com', CAROL_PASSWORD);
    expect(redirectParams(await answerConsent(fx.emu, consent, true)).get('code')).toBeTruthy();
    const again = await signIn(fx.emu, await page(params), 'carol@contoso.onmicrosoft.com', CAROL_PASSWORD);
    expect(redirectParams(again).get('code')).toBeTruthy();
  });

  it('posts the code back with response_mode=form_post', async () => {
    const res = await signIn(fx.emu, await page({ response_mode: 'form_post' }), 'alice@contoso.com');
    expect(res.status).toBe(200);
    const html = String(res.body);
    expect(html).toContain(`<form method="post" action="${REDIRECT_URI}">`);
    expect(html).toMatch(/name="code" value="[^"]+"/);
    expect(html).toContain('name="state" value="state-123"');
  });

  it('answers prompt=none with login_required and a wrong response_type with unsupported_response_type', async () => {
    expect(redirectParams(await page({ prompt: 'none' })).get('error')).toBe('login_required');
    expect(redirectParams(await page({ response_type: 'token' })).get('error')).toBe(
      'unsupported_response_type',
    );
  });

  it('shows AADSTS90002 for an unknown tenant and 700016 for an unknown client', async () => {
    expect(String((await page({}, 'nowhere.example')).body)).toContain('AADSTS90002:');
    expect(String((await page({ client_id: '00000000-0000-4000-8000-00000000dead' })).body)).toContain(
      'AADSTS700016:',
    );
  });
});
