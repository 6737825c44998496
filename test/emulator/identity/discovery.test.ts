import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO_ID, createIdentityFixture, type IdentityFixture } from './fixtures.js';
import { expectAadError, getPage } from './helpers.js';

let fx: IdentityFixture;
beforeAll(async () => {
  fx = await createIdentityFixture({ listen: false });
});
afterAll(() => fx.emu.close());

const origin = () => fx.emu.info().authorityHost;

describe('OpenID discovery', () => {
  it('serves the tenant document with URLs on the host the client used', async () => {
    const res = await getPage(fx.emu, `/${CONTOSO_ID}/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = res.body as Record<string, unknown>;
    const base = `${origin()}/${CONTOSO_ID}`;
    expect(doc).toMatchObject({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      tenant_region_scope: 'EU',
    });
    expect(typeof doc.cloud_instance_name).toBe('string');
    expect(typeof doc.msgraph_host).toBe('string');
  });

  it('resolves a verified domain to the tenant id', async () => {
    const res = await getPage(fx.emu, '/contoso.com/v2.0/.well-known/openid-configuration');
    expect((res.body as { token_endpoint: string }).token_endpoint).toBe(
      `${origin()}/${CONTOSO_ID}/oauth2/v2.0/token`,
    );
  });

  it('serves common and organizations with the {tenantid} issuer placeholder', async () => {
    for (const alias of ['common', 'organizations']) {
      const res = await getPage(fx.emu, `/${alias}/v2.0/.well-known/openid-configuration`);
      const doc = res.body as Record<string, unknown>;
      expect(res.status).toBe(200);
      expect(doc.issuer).toBe(`${origin()}/{tenantid}/v2.0`);
      expect(doc.authorization_endpoint).toBe(`${origin()}/${alias}/oauth2/v2.0/authorize`);
      expect(doc.tenant_region_scope).toBeNull();
    }
  });

  it('answers an unknown tenant with AADSTS90002', async () => {
    const res = await getPage(fx.emu, '/nowhere.example/v2.0/.well-known/openid-configuration');
    expectAadError(res, {
      status: 400,
      error: 'invalid_tenant',
      code: 90002,
      message: "Tenant 'nowhere.example' not found",
    });
  });

  it('serves the signing keys that verify issued tokens', async () => {
    const res = await getPage(fx.emu, `/${CONTOSO_ID}/discovery/v2.0/keys`);
    const { keys } = res.body as { keys: { kid: string; kty: string; n: string; e: string }[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', kid: fx.emu.context.issuer.kid });
  });

  it('answers instance discovery for its own host and refuses others', async () => {
    const authority = encodeURIComponent(`${origin()}/${CONTOSO_ID}/oauth2/v2.0/authorize`);
    const ok = await getPage(
      fx.emu,
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${authority}`,
    );
    const host = new URL(origin()).host;
    expect(ok.body).toEqual({
      tenant_discovery_endpoint: `${origin()}/${CONTOSO_ID}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
    const other = encodeURIComponent('https://login.example.net/common/oauth2/v2.0/authorize');
    const bad = await getPage(
      fx.emu,
      `/common/discovery/instance?api-version=1.1&authorization_endpoint=${other}`,
    );
    expectAadError(bad, { status: 400, error: 'invalid_instance', code: 50049 });
  });
});
