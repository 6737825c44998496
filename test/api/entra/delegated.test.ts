import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/emulator/identity/passwords.js';
import { createAuditRepository, createConnectionRepository } from '../../../src/store/index.js';
import { formOf } from '../../emulator/identity/helpers.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import {
  ADMIN_UPN,
  CALLBACK_URL,
  connectionInput,
  createConnection,
  entraConfig,
  startEntraWorld,
  type EntraWorld,
  type TestAppRegistration,
} from './fixtures.js';

let world: EntraWorld;
let app: TestApp;
let configurer: Caller;

beforeAll(async () => {
  world = await startEntraWorld();
  app = await startTestApp({ config: entraConfig(world) });
  await givenBuiltInRoles(app.deps.db);
  configurer = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
});
afterAll(async () => {
  await app?.close();
  await world?.close();
});

const cookieOf = (setCookie: string | string[] | undefined, name: string) =>
  [setCookie ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

/**
 * "Sign in with Microsoft": Rollcall hands out the authorize address, the person signs in on
 * Microsoft's page (and consents if asked), Microsoft sends the browser back to the callback.
 * Returns Rollcall's redirect after the callback.
 */
async function signIn(connectionId: string, caller: Caller = configurer, upn = ADMIN_UPN) {
  const start = await call(app, caller, 'POST', `/api/entra/connections/${connectionId}/sign-in`);
  expect(start.statusCode, start.body).toBe(200);
  const stateCookie = cookieOf(start.headers['set-cookie'], 'rollcall_entra_sign_in');
  expect(stateCookie).toBeDefined();
  const authorize = new URL(start.json().authorizeUrl);
  expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK_URL);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

  const page = await world.browser.fetch(authorize.href, { method: 'GET', headers: {} });
  expect(page.status).toBe(200);
  const form = formOf(await page.text());
  let reply = await world.browser.fetch(new URL(form.action, authorize).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...form.fields,
      login: upn,
      passwd: DEMO_PASSWORD,
      action: 'signin',
    }).toString(),
  });
  if (reply.status === 200) {
    const consent = formOf(await reply.text());
    reply = await world.browser.fetch(new URL(consent.action, authorize).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...consent.fields, action: 'accept' }).toString(),
    });
  }
  expect(reply.status).toBe(302);
  const back = new URL(reply.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK_URL);
  return app.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: `${caller.cookie}; ${stateCookie}` },
  });
}

async function delegatedConnection(registration: TestAppRegistration) {
  return createConnection(app, configurer, connectionInput(registration, { authMethod: 'delegated' }));
}

describe('Entra connections: Sign in with Microsoft (delegated)', () => {
  it('keeps the refresh token encrypted and checks every permission against the scp claim', async () => {
    const connection = await delegatedConnection(world.full);
    expect(connection.setup.permissions.map((p) => p.name)).toContain('offline_access');
    const back = await signIn(connection.id);
    expect(back.statusCode, back.body).toBe(302);
    expect(back.headers.location).toBe(
      `/integrations/entra?connection=${connection.id}&authorisation=authorised`,
    );

    const got = (await call(app, configurer, 'GET', `/api/entra/connections/${connection.id}`)).json();
    expect(got.secrets.refreshToken.stored).toBe(true);
    expect(got.lastAuthorisation).toMatchObject({
      status: 'authorised',
      permissionKind: 'delegated',
      signedInAs: ADMIN_UPN,
      readCheck: 'passed',
    });
    expect(
      Object.fromEntries(
        got.lastAuthorisation.permissions.map((p: { name: string; status: string }) => [p.name, p.status]),
      ),
    ).toEqual({
      'User.Read.All': 'granted',
      'Group.Read.All': 'granted',
      offline_access: 'granted',
      'AuditLog.Read.All': 'granted',
      'Organization.Read.All': 'granted',
      'LicenseAssignment.ReadWrite.All': 'granted',
      'User.ReadWrite.All': 'granted',
      'GroupMember.ReadWrite.All': 'granted',
      'Group.Create': 'granted',
    });
    const secrets = await createConnectionRepository(app.deps.db, app.deps.secrets).readSecrets(
      connection.id,
    );
    expect(secrets?.refreshToken).toBeTruthy();
    const trail = JSON.stringify(
      (await createAuditRepository(app.deps.db).list({ targetType: 'connection', targetId: connection.id }))
        .items,
    );
    expect(trail).toContain('connection.sign-in');
    expect(trail).not.toContain(secrets!.refreshToken!);

    // "Authorise" later uses the stored (and rotated) refresh token.
    const again = await call(app, configurer, 'POST', `/api/entra/connections/${connection.id}/authorise`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'authorised', permissionKind: 'delegated' });
  });

  it('reports an optional delegated permission that was not consented as missing', async () => {
    const connection = await delegatedConnection(world.partial);
    const back = await signIn(connection.id);
    expect(back.headers.location).toMatch(/authorisation=authorised$/);
    const got = (await call(app, configurer, 'GET', `/api/entra/connections/${connection.id}`)).json();
    expect(
      got.lastAuthorisation.permissions.find((p: { name: string }) => p.name === 'AuditLog.Read.All').status,
    ).toBe('missing');
  });

  it('refuses a callback finished by someone else than who started it', async () => {
    const connection = await delegatedConnection(world.full);
    const start = await call(app, configurer, 'POST', `/api/entra/connections/${connection.id}/sign-in`);
    const stateCookie = cookieOf(start.headers['set-cookie'], 'rollcall_entra_sign_in');
    const other = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
    const res = await app.app.inject({
      method: 'GET',
      url: `/api/entra/connections/callback?code=stolen&state=${new URL(start.json().authorizeUrl).searchParams.get('state')}`,
      headers: { cookie: `${other.cookie}; ${stateCookie}` },
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/integrations/entra?authorisation=state_invalid');
  });

  it('explains a refused sign-in with the catalogue words', async () => {
    const connection = await delegatedConnection(world.full);
    const start = await call(app, configurer, 'POST', `/api/entra/connections/${connection.id}/sign-in`);
    const stateCookie = cookieOf(start.headers['set-cookie'], 'rollcall_entra_sign_in');
    const state = new URL(start.json().authorizeUrl).searchParams.get('state')!;
    const description = 'AADSTS65001: The user or administrator has not consented to use the application.';
    const res = await app.app.inject({
      method: 'GET',
      url: `/api/entra/connections/callback?${new URLSearchParams({ error: 'invalid_grant', error_description: description, state })}`,
      headers: { cookie: `${configurer.cookie}; ${stateCookie}` },
    });
    expect(res.headers.location).toBe(`/integrations/entra?connection=${connection.id}&authorisation=failed`);
    const got = (await call(app, configurer, 'GET', `/api/entra/connections/${connection.id}`)).json();
    expect(got.lastAuthorisation.problem).toMatchObject({
      code: 'AADSTS65001',
      title: 'Consent has not been granted',
    });
  });

  it('only starts a sign-in for delegated connections', async () => {
    const { id } = await createConnection(app, configurer, connectionInput(world.full));
    const res = await call(app, configurer, 'POST', `/api/entra/connections/${id}/sign-in`);
    expect(res.statusCode).toBe(409);
  });
});
