import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMicrosoftClients,
  MicrosoftError,
  userSchema,
  type ClientCredential,
} from '../../src/microsoft/index.js';
import {
  APPS,
  CONTOSO,
  FABRIKAM,
  NORTHWIND,
  GRAPH_SCOPE,
  rollcallGraphTokens,
  startConformanceFixture,
  UNKNOWN_TENANT,
  type ConformanceFixture,
} from './fixtures.js';

let f: ConformanceFixture;
beforeAll(async () => {
  f = await startConformanceFixture();
});
afterAll(async () => {
  await f.close();
});

async function tokenError(
  tenantId: string,
  clientId: string,
  credential: ClientCredential,
  scopes = GRAPH_SCOPE,
) {
  const err = await f.clients.tokens
    .app({ tenantId, clientId, credential, scopes })
    .getToken()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(MicrosoftError);
  return err as MicrosoftError;
}

describe('client conformance: authentication', () => {
  it('authenticates with a client secret and reads Graph', async () => {
    const graph = f.clients.graph(rollcallGraphTokens(f, CONTOSO));
    const user = await graph.get('/users/user1@contoso-conf.onmicrosoft.com', userSchema);
    expect(user.userPrincipalName).toBe('user1@contoso-conf.onmicrosoft.com');
  });

  it('authenticates with a certificate and reads Graph', async () => {
    const tokens = f.clients.tokens.app({
      tenantId: CONTOSO,
      clientId: APPS.rollcall.clientId,
      credential: {
        kind: 'certificate',
        thumbprintSha256: f.certificate.thumbprintSha256,
        privateKeyPem: f.certificate.privateKeyPem,
      },
      scopes: GRAPH_SCOPE,
    });
    const page = await f.clients.graph(tokens).pages('/users?$top=5', userSchema).next();
    expect(page.value?.items).toHaveLength(5);
  });

  it('caches the token: many Graph calls, one token request', async () => {
    f.emu.counters.reset();
    const graph = f.clients.graph(rollcallGraphTokens(f, CONTOSO));
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        graph.get(`/users/user${i + 1}@contoso-conf.onmicrosoft.com`, userSchema),
      ),
    );
    expect(f.emu.counters.total({ service: 'identity' })).toBe(0);
    expect(f.emu.counters.total({ route: 'GET /users/{id}' })).toBe(5);
  });

  it('gets a fresh token once when Graph says the cached one has expired', async () => {
    const graph = f.clients.graph(rollcallGraphTokens(f, CONTOSO));
    await graph.get('/users/user1@contoso-conf.onmicrosoft.com', userSchema);
    // Microsoft's clock moves past the token's expiry while Rollcall still holds it.
    f.emu.clock.advance(2 * 3600 * 1000);
    f.emu.counters.reset();
    const user = await graph.get('/users/user2@contoso-conf.onmicrosoft.com', userSchema);
    expect(user.id).toBeTruthy();
    expect(f.emu.counters.total({ route: 'GET /users/{id}' })).toBe(2);
    expect(f.emu.counters.total({ service: 'identity' })).toBe(1);
  });

  it('recovers from a connection reset at the token endpoint', async () => {
    f.emu.counters.reset();
    f.emu.faults.add({ service: 'identity', action: { type: 'reset' }, times: 1 });
    const token = await rollcallGraphTokens(f, NORTHWIND).getToken();
    expect(token).toBeTruthy();
    expect(f.emu.counters.total({ service: 'identity' })).toBe(2);
  });

  it('trusts the sandbox only through the configured CA', async () => {
    const info = f.emu.info();
    const untrusting = createMicrosoftClients({
      endpoints: { authorityHost: info.authorityHost, graphBaseUrl: info.graphBaseUrl },
      sleep: async () => undefined,
    });
    try {
      const err = await untrusting.tokens
        .app({
          tenantId: CONTOSO,
          clientId: APPS.rollcall.clientId,
          credential: { kind: 'secret', secret: APPS.rollcall.secret },
          scopes: GRAPH_SCOPE,
        })
        .getToken()
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'Client.NetworkError', action: 'retry' });
    } finally {
      untrusting.close();
    }
  });

  describe('each AADSTS error is mapped to the catalogue', () => {
    const secret = (value: string): ClientCredential => ({ kind: 'secret', secret: value });

    it('wrong secret → AADSTS7000215 (secret ID pasted instead of value)', async () => {
      const err = await tokenError(CONTOSO, APPS.rollcall.clientId, secret('0a1b2c3d-secret-id-not-value'));
      expect(err).toMatchObject({
        code: 'AADSTS7000215',
        action: 'reauthorise',
        retryable: false,
        status: 401,
      });
      expect(err.whatHappened).toMatch(/secret ID instead of the secret VALUE/);
    });

    it('expired secret → AADSTS7000222', async () => {
      const err = await tokenError(
        CONTOSO,
        APPS.unconsented.clientId,
        secret(APPS.unconsented.expiredSecret),
      );
      expect(err).toMatchObject({ code: 'AADSTS7000222', action: 'reauthorise' });
    });

    it('unknown tenant → AADSTS90002', async () => {
      const err = await tokenError(UNKNOWN_TENANT, APPS.rollcall.clientId, secret(APPS.rollcall.secret));
      expect(err).toMatchObject({ code: 'AADSTS90002', action: 'reauthorise' });
    });

    it('single-tenant app used in another tenant → AADSTS700016', async () => {
      const err = await tokenError(FABRIKAM, APPS.unconsented.clientId, secret(APPS.unconsented.secret));
      expect(err).toMatchObject({ code: 'AADSTS700016', action: 'reauthorise' });
    });

    it('multi-tenant app without a service principal in the customer tenant → AADSTS7000229', async () => {
      const err = await tokenError(FABRIKAM, APPS.rollcall.clientId, secret(APPS.rollcall.secret));
      expect(err).toMatchObject({ code: 'AADSTS7000229', action: 'reauthorise' });
    });

    it('scope without /.default → AADSTS1002012', async () => {
      const err = await tokenError(CONTOSO, APPS.rollcall.clientId, secret(APPS.rollcall.secret), [
        'https://graph.microsoft.com/User.Read.All',
      ]);
      expect(err).toMatchObject({ code: 'AADSTS1002012', action: 'fix-request' });
    });

    it('consent missing: the token is issued, Graph answers 403 Authorization_RequestDenied', async () => {
      const tokens = f.clients.tokens.app({
        tenantId: CONTOSO,
        clientId: APPS.unconsented.clientId,
        credential: secret(APPS.unconsented.secret),
        scopes: GRAPH_SCOPE,
      });
      expect(await tokens.getToken()).toBeTruthy();
      const err = await f.clients
        .graph(tokens)
        .get('/users/user1@contoso-conf.onmicrosoft.com', userSchema)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'Authorization_RequestDenied', action: 'reauthorise', status: 403 });
      expect((err as MicrosoftError).howToFix).toMatch(/Grant admin consent/);
    });
  });
});
