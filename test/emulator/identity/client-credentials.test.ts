import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticateGraph, requirePermission, PERMISSIONS } from '../../../src/emulator/graph/auth.js';
import type { EmuRequest } from '../../../src/emulator/http/types.js';
import {
  CLIENTS,
  CONTOSO_ID,
  createIdentityFixture,
  EXPIRED_SECRET,
  FABRIKAM_ID,
  NORTHWIND_ID,
  SECRET,
  type IdentityFixture,
} from './fixtures.js';
import { claimsOf, expectAadError, postToken, type TokenBody } from './helpers.js';

const GRAPH_DEFAULT = 'https://graph.microsoft.com/.default';

let fx: IdentityFixture;
beforeAll(async () => {
  fx = await createIdentityFixture({ listen: false });
});
afterAll(() => fx.emu.close());
beforeEach(() => {
  fx.emu.behaviour.identity.missingServicePrincipalCode = 7000229;
});

const cc = (fields: Record<string, string>, tenant = CONTOSO_ID, headers: Record<string, string> = {}) =>
  postToken(fx.emu, tenant, { grant_type: 'client_credentials', scope: GRAPH_DEFAULT, ...fields }, headers);

describe('client credentials with a secret', () => {
  it('issues a v1-format Graph token carrying the granted roles', async () => {
    const res = await cc({ client_id: CLIENTS.graph, client_secret: SECRET });
    expect(res.status).toBe(200);
    const body = res.body as TokenBody;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    const claims = claimsOf(body.access_token);
    expect(claims).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${CONTOSO_ID}/`,
      tid: CONTOSO_ID,
      appid: CLIENTS.graph,
      oid: fx.contoso.servicePrincipals.get(CLIENTS.graph)!.id,
      idtyp: 'app',
      ver: '1.0',
    });
    expect((claims.roles as string[]).sort()).toEqual(['Group.Read.All', 'User.Read.All']);
    expect(claims.exp! - claims.iat!).toBe(3599);
  });

  it('accepts the secret in an HTTP Basic header and the tenant by domain', async () => {
    const basic = Buffer.from(`${CLIENTS.graph}:${encodeURIComponent(SECRET)}`).toString('base64');
    const res = await cc({}, 'contoso.onmicrosoft.com', { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
    expect(claimsOf((res.body as TokenBody).access_token).tid).toBe(CONTOSO_ID);
  });

  it('uses the configured access-token lifetime', async () => {
    fx.emu.behaviour.identity.accessTokenLifetimeSeconds = 600;
    try {
      const res = await cc({ client_id: CLIENTS.graph, client_secret: SECRET });
      expect(res.body).toMatchObject({ expires_in: 600, ext_expires_in: 600 });
    } finally {
      fx.emu.behaviour.identity.accessTokenLifetimeSeconds = 3599;
    }
  });

  it('issues a Partner Center token for the Partner Center resource (by URL or app id)', async () => {
    for (const scope of [
      'https://api.partnercenter.microsoft.com/.default',
      'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd/.default',
    ]) {
      const res = await cc({ client_id: CLIENTS.graph, client_secret: SECRET, scope });
      expect(claimsOf((res.body as TokenBody).access_token).aud).toBe(
        'https://api.partnercenter.microsoft.com',
      );
    }
  });

  it('without admin consent issues a token with no roles, which Graph refuses with 403', async () => {
    const res = await cc({ client_id: CLIENTS.unconsented, client_secret: SECRET });
    expect(res.status).toBe(200);
    const token = (res.body as TokenBody).access_token;
    expect(claimsOf(token)).not.toHaveProperty('roles');
    const req: EmuRequest = {
      method: 'GET',
      url: new URL('https://localhost/v1.0/users'),
      headers: { authorization: `Bearer ${token}` },
      body: Buffer.alloc(0),
    };
    const caller = await authenticateGraph(fx.emu.context, req);
    if (!('tenant' in caller)) throw new Error('token should authenticate');
    const denied = requirePermission(req, caller, [...PERMISSIONS.readUsers]);
    expect(denied?.status).toBe(403);
    expect((denied?.body as { error: { code: string } }).error.code).toBe('Authorization_RequestDenied');
  });

  it('issues roles in another tenant once the multi-tenant app is consented there', async () => {
    const res = await cc({ client_id: CLIENTS.multi, client_secret: SECRET }, NORTHWIND_ID);
    const claims = claimsOf((res.body as TokenBody).access_token);
    expect(claims.tid).toBe(NORTHWIND_ID);
    expect(claims.roles).toEqual(['User.ReadWrite.All']);
  });
});

describe('client credentials errors', () => {
  it('7000215 for a wrong or unknown secret', async () => {
    for (const secret of ['not-the-secret', 'b1c2d3e4-secret-id-not-value']) {
      const res = await cc({ client_id: CLIENTS.graph, client_secret: secret });
      expectAadError(res, {
        status: 401,
        error: 'invalid_client',
        code: 7000215,
        message: `for a secret added to app '${CLIENTS.graph}'`,
      });
    }
  });

  it('7000222 for an expired secret, also once the clock passes expiry', async () => {
    expectAadError(await cc({ client_id: CLIENTS.graph, client_secret: EXPIRED_SECRET }), {
      status: 401,
      error: 'invalid_client',
      code: 7000222,
      message: `The provided client secret keys for app '${CLIENTS.graph}' are expired`,
    });
    const app = fx.app(CLIENTS.unconsented);
    const original = app.secrets[0]!.expiresAt;
    app.secrets[0]!.expiresAt = fx.emu.clock.now() + 1000;
    fx.emu.clock.advance(2000);
    try {
      expectAadError(await cc({ client_id: CLIENTS.unconsented, client_secret: SECRET }), {
        status: 401,
        error: 'invalid_client',
        code: 7000222,
      });
    } finally {
      app.secrets[0]!.expiresAt = original;
    }
  });

  it('700016 for an unknown app and for a single-tenant app asked for in another tenant', async () => {
    const unknown = 'deadbeef-0000-4000-8000-000000000000';
    expectAadError(await cc({ client_id: unknown, client_secret: SECRET }), {
      status: 400,
      error: 'unauthorized_client',
      code: 700016,
      message: `Application with identifier '${unknown}' was not found in the directory 'Contoso'`,
    });
    expectAadError(await cc({ client_id: CLIENTS.graph, client_secret: SECRET }, FABRIKAM_ID), {
      status: 400,
      error: 'unauthorized_client',
      code: 700016,
      message: "in the directory 'Fabrikam'",
    });
  });

  it('90002 for an unknown tenant', async () => {
    expectAadError(await cc({ client_id: CLIENTS.graph, client_secret: SECRET }, 'unknown.onmicrosoft.com'), {
      status: 400,
      error: 'invalid_tenant',
      code: 90002,
    });
  });

  it('7000229 for a multi-tenant app without service principal, with the code configurable', async () => {
    expectAadError(await cc({ client_id: CLIENTS.multi, client_secret: SECRET }, FABRIKAM_ID), {
      status: 401,
      error: 'invalid_client',
      code: 7000229,
      message: `The client application ${CLIENTS.multi} is missing service principal in the tenant ${FABRIKAM_ID}`,
    });
    fx.emu.behaviour.identity.missingServicePrincipalCode = 700016;
    expectAadError(await cc({ client_id: CLIENTS.multi, client_secret: SECRET }, FABRIKAM_ID), {
      status: 400,
      error: 'unauthorized_client',
      code: 700016,
    });
    fx.emu.behaviour.identity.missingServicePrincipalCode = 90099;
    expectAadError(await cc({ client_id: CLIENTS.multi, client_secret: SECRET }, FABRIKAM_ID), {
      status: 400,
      error: 'invalid_grant',
      code: 90099,
    });
  });

  it('1002012 for a scope without /.default, including a double-encoded one', async () => {
    for (const scope of [
      'https://graph.microsoft.com/User.Read.All',
      'https%3A%2F%2Fgraph.microsoft.com%2F.default',
    ]) {
      expectAadError(await cc({ client_id: CLIENTS.graph, client_secret: SECRET, scope }), {
        status: 400,
        error: 'invalid_scope',
        code: 1002012,
        message: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed`,
      });
    }
  });

  it('700022 for scopes of more than one resource, 70011 for an unknown resource', async () => {
    const scope = `${GRAPH_DEFAULT} https://api.partnercenter.microsoft.com/.default`;
    expectAadError(await cc({ client_id: CLIENTS.graph, client_secret: SECRET, scope }), {
      status: 400,
      error: 'invalid_scope',
      code: 700022,
    });
    expectAadError(
      await cc({
        client_id: CLIENTS.graph,
        client_secret: SECRET,
        scope: 'https://foo.microsoft.com/.default',
      }),
      {
        status: 400,
        error: 'invalid_scope',
        code: 70011,
        message: 'The scope https://foo.microsoft.com/.default is not valid.',
      },
    );
  });

  it('9001023 over /common and /consumers', async () => {
    for (const alias of ['common', 'consumers']) {
      expectAadError(await cc({ client_id: CLIENTS.graph, client_secret: SECRET }, alias), {
        status: 400,
        error: 'invalid_request',
        code: 9001023,
      });
    }
  });

  it('7000218 without any credential, 900144 for missing parameters, 70003 for unknown grants', async () => {
    expectAadError(await cc({ client_id: CLIENTS.graph }), {
      status: 401,
      error: 'invalid_client',
      code: 7000218,
    });
    expectAadError(await postToken(fx.emu, CONTOSO_ID, { client_id: CLIENTS.graph }), {
      status: 400,
      error: 'invalid_request',
      code: 900144,
      message: "The request body must contain the following parameter: 'grant_type'.",
    });
    expectAadError(await cc({ client_secret: SECRET }), {
      status: 400,
      error: 'invalid_request',
      code: 900144,
      message: "'client_id'",
    });
    expectAadError(
      await postToken(fx.emu, CONTOSO_ID, {
        grant_type: 'client_credentials',
        client_id: CLIENTS.graph,
        client_secret: SECRET,
      }),
      { status: 400, error: 'invalid_request', code: 900144, message: "'scope'" },
    );
    expectAadError(await cc({ grant_type: 'password', client_id: CLIENTS.graph }), {
      status: 400,
      error: 'unsupported_grant_type',
      code: 70003,
      message: "unsupported grant type 'password'",
    });
  });

  it('echoes client-request-id as the correlation id and ignores telemetry in the query', async () => {
    const correlation = '0f0e0d0c-0b0a-4908-8706-050403020100';
    const res = await fx.emu.inject({
      method: 'POST',
      url: `/${CONTOSO_ID}/oauth2/v2.0/token?client-request-id=${correlation}&x-client-SKU=msal.js.node`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENTS.graph,
        client_secret: 'wrong',
        scope: GRAPH_DEFAULT,
        'x-client-VER': '7.2.1',
      }).toString(),
    });
    const body = res.body as { correlation_id: string; error_description: string };
    expect(body.correlation_id).toBe(correlation);
    expect(body.error_description).toContain(`Correlation ID: ${correlation}`);
  });

  it('refuses GET on the token endpoint with AADSTS900561', async () => {
    const res = await fx.emu.inject({ method: 'GET', url: `/${CONTOSO_ID}/oauth2/v2.0/token` });
    expectAadError(
      { status: res.status, headers: {}, body: res.body },
      { status: 400, error: 'invalid_request', code: 900561 },
    );
  });
});
