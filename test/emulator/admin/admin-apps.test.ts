import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { createHash, webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../../src/emulator/index.js';
import { startEmulator } from '../../support/emulator.js';
import { adminClient, demoTenant, type Inject } from './admin-fixtures.js';

interface AppCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

async function selfSignedPem(): Promise<{ pem: string; der: ArrayBuffer }> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=rollcall-test',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 86_400_000),
    keys,
    signingAlgorithm: alg,
  });
  return { pem: cert.toString('pem'), der: cert.rawData };
}

describe('admin API: app registrations', () => {
  let emu: Emulator;
  let admin: Inject;
  const tokenFor = (app: AppCredentials, tenantId = app.tenantId) =>
    emu.inject({
      method: 'POST',
      url: `/${tenantId}/oauth2/v2.0/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: app.clientId,
        client_secret: app.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    });
  const aadsts = (body: unknown) => (body as { error_codes?: number[] }).error_codes?.[0];

  beforeAll(async () => {
    emu = await startEmulator({ seed: 1 });
    admin = adminClient(emu);
  });
  afterAll(() => emu.close());

  it('registers an app whose secret gets a token with the granted roles', async () => {
    const tenant = demoTenant(emu, 'Nordlys');
    const res = await admin('POST', '/apps', {
      tenantId: tenant.id,
      displayName: 'Test app',
      graphRoles: ['User.Read.All'],
    });
    expect(res.status).toBe(201);
    const app = res.body as AppCredentials;
    const token = await tokenFor(app);
    expect(token.status).toBe(200);
    const claims = JSON.parse(
      Buffer.from(
        (token.body as { access_token: string }).access_token.split('.')[1]!,
        'base64url',
      ).toString(),
    );
    expect(claims.roles).toEqual(['User.Read.All']);
  });

  it('adds secrets and expires them (AADSTS7000222 afterwards)', async () => {
    const tenant = demoTenant(emu, 'Lumière');
    const app = (
      await admin('POST', '/apps', {
        tenantId: tenant.id,
        displayName: 'Rotating',
        graphRoles: ['User.Read.All'],
      })
    ).body as AppCredentials & { secretId: string };
    const added = (await admin('POST', `/apps/${app.clientId}/secrets`, { expiresInDays: 30 })).body as {
      value: string;
    };
    expect((await tokenFor({ ...app, clientSecret: added.value })).status).toBe(200);
    const expired = await admin('POST', `/apps/${app.clientId}/secrets/${app.secretId}/expire`);
    expect(expired.status).toBe(200);
    const refused = await tokenFor(app);
    expect(refused.status).toBe(401);
    expect(aadsts(refused.body)).toBe(7000222);
    const described = (await admin('GET', `/apps/${app.clientId}`)).body as {
      secrets: { id: string; expired: boolean }[];
    };
    expect(described.secrets.find((s) => s.id === app.secretId)?.expired).toBe(true);
  });

  it('revokes and grants the GDAP app’s consent in a customer tenant', async () => {
    const info = emu.info();
    const gdap = info.apps.find((a) => a.kind === 'gdap')!;
    const customer = demoTenant(emu, 'Tailspin');
    expect((await tokenFor(gdap, customer.id)).status).toBe(200);
    expect((await admin('DELETE', `/apps/${gdap.clientId}/consents/${customer.id}`)).status).toBe(204);
    const refused = await tokenFor(gdap, customer.id);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(aadsts(refused.body)).toBe(7000229);
    const pc = emu.estate.tenant(emu.estate.partnerTenantId!)!.partnerCenter!;
    expect(pc.applicationConsents.get(customer.id)?.has(gdap.clientId)).toBe(false);
    const granted = await admin('POST', `/apps/${gdap.clientId}/consents`, { tenantId: customer.id });
    expect(granted.status).toBe(200);
    expect((await tokenFor(gdap, customer.id)).status).toBe(200);
  });

  it('uploads a certificate and records its thumbprints', async () => {
    const app = emu.info().apps.find((a) => a.kind === 'partner')!;
    const { pem, der } = await selfSignedPem();
    const res = await admin('POST', `/apps/${app.clientId}/certificates`, { pem });
    expect(res.status).toBe(201);
    const x5t = createHash('sha1').update(Buffer.from(der)).digest('base64url');
    expect(res.body).toMatchObject({ x5t });
    expect(emu.estate.apps.get(app.clientId)!.certificates.map((c) => c.x5t)).toContain(x5t);
    const bad = await admin('POST', `/apps/${app.clientId}/certificates`, {
      pem: '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----',
    });
    expect(bad.body).toMatchObject({ error: { code: 'InvalidCertificate' } });
  });

  it('adds redirect URIs and 404s for unknown apps', async () => {
    const sso = emu.info().apps.find((a) => a.kind === 'sso')!;
    const res = await admin('POST', `/apps/${sso.clientId}/redirect-uris`, {
      uris: ['https://localhost:5173/auth/callback'],
    });
    expect((res.body as { redirectUris: string[] }).redirectUris).toContain(
      'https://localhost:5173/auth/callback',
    );
    expect((await admin('POST', '/apps/00000000-0000-0000-0000-000000000000/secrets', {})).status).toBe(404);
  });
});
