import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_BEARER } from '../../../src/emulator/identity/client-assertion.js';
import { buildAssertion, createTestCertificate, type TestCertificate } from './certificates.js';
import { CLIENTS, CONTOSO_ID, createIdentityFixture, type IdentityFixture } from './fixtures.js';
import { claimsOf, expectAadError, postToken, type TokenBody } from './helpers.js';

let fx: IdentityFixture;
let cert: TestCertificate;
let stranger: TestCertificate;
let tokenUrl: string;

beforeAll(async () => {
  fx = await createIdentityFixture({ listen: false });
  [cert, stranger] = await Promise.all([createTestCertificate(), createTestCertificate('CN=not-registered')]);
  fx.app(CLIENTS.cert).certificates.push(cert.registration);
  tokenUrl = `${fx.emu.info().authorityHost}/${CONTOSO_ID}/oauth2/v2.0/token`;
});
afterAll(() => fx.emu.close());

const redeem = (assertion: string, tenant = CONTOSO_ID) =>
  postToken(fx.emu, tenant, {
    grant_type: 'client_credentials',
    client_id: CLIENTS.cert,
    scope: 'https://graph.microsoft.com/.default',
    client_assertion_type: JWT_BEARER,
    client_assertion: assertion,
  });
const nowSeconds = () => Math.floor(fx.emu.clock.now() / 1000);

describe('client credentials with a certificate assertion', () => {
  it('accepts PS256 + x5t#S256 as msal-node builds it', async () => {
    const res = await redeem(await buildAssertion(cert, { clientId: CLIENTS.cert, audience: tokenUrl }));
    expect(res.status).toBe(200);
    const claims = claimsOf((res.body as TokenBody).access_token);
    expect(claims).toMatchObject({ appid: CLIENTS.cert, appidacr: '2', tid: CONTOSO_ID, idtyp: 'app' });
  });

  it('accepts the legacy RS256 + x5t (SHA-1) form', async () => {
    const res = await redeem(
      await buildAssertion(cert, { clientId: CLIENTS.cert, audience: tokenUrl, legacy: true }),
    );
    expect(res.status).toBe(200);
  });

  it('accepts the audience with a query string or naming the tenant by domain', async () => {
    for (const audience of [
      `${tokenUrl}?client-request-id=abc`,
      `${fx.emu.info().authorityHost}/contoso.com/oauth2/v2.0/token`,
    ]) {
      const res = await redeem(await buildAssertion(cert, { clientId: CLIENTS.cert, audience }));
      expect(res.status).toBe(200);
    }
  });

  it('700027 when the thumbprint is not registered on the app', async () => {
    const res = await redeem(await buildAssertion(stranger, { clientId: CLIENTS.cert, audience: tokenUrl }));
    expectAadError(res, {
      status: 401,
      error: 'invalid_client',
      code: 700027,
      message: `Thumbprint of key used by client: '${stranger.sha256Hex.toUpperCase()}'`,
    });
  });

  it('700027 when the signature was made with another key', async () => {
    const forged = await buildAssertion(stranger, {
      clientId: CLIENTS.cert,
      audience: tokenUrl,
      header: { 'x5t#S256': cert.registration.x5tS256 },
    });
    expectAadError(await redeem(forged), {
      status: 401,
      error: 'invalid_client',
      code: 700027,
      message: 'Client assertion failed signature validation.',
    });
  });

  it('700027 when the registered certificate has expired', async () => {
    const registration = fx.app(CLIENTS.cert).certificates[0]!;
    const original = registration.expiresAt;
    registration.expiresAt = fx.emu.clock.now() - 1;
    try {
      const res = await redeem(await buildAssertion(cert, { clientId: CLIENTS.cert, audience: tokenUrl }));
      expectAadError(res, {
        status: 401,
        error: 'invalid_client',
        code: 700027,
        message: 'The key used is expired.',
      });
    } finally {
      registration.expiresAt = original;
    }
  });

  it('700024 when the assertion is expired or not yet valid (beyond the allowed skew)', async () => {
    const skew = fx.emu.behaviour.identity.assertionClockSkewSeconds;
    const stale = await buildAssertion(cert, {
      clientId: CLIENTS.cert,
      audience: tokenUrl,
      nowSeconds: nowSeconds() - 600 - skew - 5,
    });
    expectAadError(await redeem(stale), {
      status: 401,
      error: 'invalid_client',
      code: 700024,
      message: 'Client assertion is not within its valid time range.',
    });
    const early = await buildAssertion(cert, {
      clientId: CLIENTS.cert,
      audience: tokenUrl,
      nowSeconds: nowSeconds() + skew + 60,
    });
    expectAadError(await redeem(early), { status: 401, error: 'invalid_client', code: 700024 });
  });

  it('700024 for a once-valid assertion after the emulator clock moves past exp', async () => {
    const assertion = await buildAssertion(cert, { clientId: CLIENTS.cert, audience: tokenUrl });
    expect((await redeem(assertion)).status).toBe(200);
    fx.emu.clock.advance((600 + fx.emu.behaviour.identity.assertionClockSkewSeconds + 1) * 1000);
    expectAadError(await redeem(assertion), { status: 401, error: 'invalid_client', code: 700024 });
  });

  it('700023 when the audience is not this token endpoint', async () => {
    for (const audience of [
      'https://login.microsoftonline.com/' + CONTOSO_ID + '/oauth2/v2.0/token',
      `${fx.emu.info().authorityHost}/common/oauth2/v2.0/token`,
    ]) {
      const res = await redeem(
        await buildAssertion(cert, { clientId: CLIENTS.cert, audience, nowSeconds: nowSeconds() }),
      );
      expectAadError(res, { status: 401, error: 'invalid_client', code: 700023 });
    }
  });

  it('50048 when iss differs from sub, 700021 when they are not the client id', async () => {
    const n = nowSeconds();
    const mismatched = await buildAssertion(cert, {
      clientId: CLIENTS.cert,
      audience: tokenUrl,
      nowSeconds: n,
      claims: { iss: CLIENTS.graph },
    });
    expectAadError(await redeem(mismatched), { status: 401, error: 'invalid_client', code: 50048 });
    const other = await buildAssertion(cert, { clientId: CLIENTS.graph, audience: tokenUrl, nowSeconds: n });
    expectAadError(await redeem(other), { status: 401, error: 'invalid_client', code: 700021 });
  });

  it('50012 without a thumbprint header, 50027 for a malformed assertion', async () => {
    const n = nowSeconds();
    const bare = await buildAssertion(cert, {
      clientId: CLIENTS.cert,
      audience: tokenUrl,
      nowSeconds: n,
      header: { 'x5t#S256': undefined },
    });
    expectAadError(await redeem(bare), { status: 401, error: 'invalid_client', code: 50012 });
    expectAadError(await redeem('not-a-jwt'), { status: 400, error: 'invalid_request', code: 50027 });
  });
});
