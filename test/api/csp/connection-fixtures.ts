import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { CspConnectionDetail, CspConnectionInput } from '../../../src/contracts/api/csp-connections.js';
import { DEMO_PASSWORD } from '../../../src/emulator/identity/passwords.js';
import type { Emulator } from '../../../src/emulator/index.js';
import { createHttpsTransport, type Transport } from '../../../src/microsoft/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { emulatorEndpoints, startEmulator } from '../../support/emulator.js';
import { formOf } from '../../emulator/identity/helpers.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';

/** Rollcall's public address in these tests; the apps register its CSP redirect URIs. */
export const PUBLIC_URL = 'https://rollcall.test';
export const CALLBACK_URL = `${PUBLIC_URL}/api/csp/connections/callback`;
export const CONSENT_URL = `${PUBLIC_URL}/api/csp/tenants/consent-callback`;

export const GDAP_ROLES = [
  'User.Read.All',
  'Group.Read.All',
  'Directory.Read.All',
  'Organization.Read.All',
  'DeviceManagementManagedDevices.Read.All',
  'AuditLog.Read.All',
];

export interface AppCredentials {
  clientId: string;
  clientSecret: string;
  secretId: string;
}

/** The demo partner estate (a partner, its customers), Rollcall on it, and agents. */
export interface CspConnectionWorld {
  emu: Emulator;
  app: TestApp;
  /** HTTPS to the emulator trusting its CA: the browser on Microsoft's side. */
  browser: Transport;
  partnerTenantId: string;
  /** A partner user (an Admin agent unless a test says otherwise). */
  partnerUser: { id: string; upn: string };
  configurer: Caller;
  /** An agent with every other agent permission but integrations.csp.configure. */
  outsider: Caller;
  /** Registers an app in the partner tenant through the emulator's admin API. */
  registerApp(body: Record<string, unknown>): Promise<AppCredentials>;
  /** A Partner Center app as guide 002 sets it up. */
  partnerCenterApp(overrides?: Record<string, unknown>): Promise<AppCredentials>;
  /** A GDAP app as guide 002 sets it up. */
  gdapApp(overrides?: Record<string, unknown>): Promise<AppCredentials>;
  close(): Promise<void>;
}

export async function startCspConnectionWorld(): Promise<CspConnectionWorld> {
  const emu = await startEmulator({ preset: 'demo', listen: true });
  const partnerTenantId = emu.estate.partnerTenantId!;
  const partner = emu.estate.tenant(partnerTenantId)!;
  const user = [...partner.users.values()].find((u) => u.props.accountEnabled !== false)!;
  const info = emu.info();
  const app = await startTestApp({
    config: {
      publicUrl: PUBLIC_URL,
      microsoft: emulatorEndpoints(info),
    },
  });
  await givenBuiltInRoles(app.deps.db);
  const configurer = await givenAgent(app.deps.db, { permissions: ['integrations.csp.configure'] });
  const outsider = await givenAgent(app.deps.db, {
    permissions: ['integrations.entra.configure', 'customers.write', 'settings.manage', 'logs.view'],
  });
  const browser = createHttpsTransport({ extraCaPem: await readFile(info.caCertPath, 'utf8') });
  const registerApp = async (body: Record<string, unknown>) => {
    const res = await emu.inject({
      method: 'POST',
      url: '/_emulator/apps',
      body: { tenantId: partnerTenantId, ...body },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as AppCredentials;
  };
  return {
    emu,
    app,
    browser,
    partnerTenantId,
    partnerUser: { id: user.props.id, upn: String(user.props.userPrincipalName) },
    configurer,
    outsider,
    registerApp,
    partnerCenterApp: (overrides = {}) =>
      registerApp({
        displayName: 'Rollcall Partner Center',
        kind: 'partner',
        partnerCenterScopes: ['user_impersonation'],
        graphRoles: ['DelegatedAdminRelationship.Read.All'],
        redirectUris: [CALLBACK_URL],
        ...overrides,
      }),
    gdapApp: (overrides = {}) =>
      registerApp({
        displayName: 'Northwind Service Sync',
        kind: 'gdap',
        multiTenant: true,
        graphRoles: GDAP_ROLES,
        redirectUris: [CONSENT_URL],
        ...overrides,
      }),
    async close() {
      browser.close();
      await app.close();
      await emu.close();
    },
  };
}

let counter = 0;

/** A connection form for the two apps in the partner tenant, under a fresh name. */
export function cspInput(
  world: CspConnectionWorld,
  pc: AppCredentials,
  gdap: AppCredentials,
  overrides: Partial<CspConnectionInput> = {},
): CspConnectionInput {
  counter += 1;
  return {
    name: `Northwind CSP ${counter} ${Date.now()}`,
    tenantId: world.partnerTenantId,
    partnerCenterClientId: pc.clientId,
    partnerCenterClientSecret: pc.clientSecret,
    gdapClientId: gdap.clientId,
    gdapAuthMethod: 'clientSecret',
    gdapClientSecret: gdap.clientSecret,
    ...overrides,
  };
}

export async function createCspConnection(
  world: CspConnectionWorld,
  input: CspConnectionInput,
): Promise<CspConnectionDetail> {
  const res = await call(world.app, world.configurer, 'POST', '/api/csp/connections', input);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const cookieOf = (setCookie: string | string[] | undefined, name: string) =>
  [setCookie ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

/** What Microsoft's pages answered when the partner user tried to authorise. */
export type SignInOutcome =
  { kind: 'back'; location: string } | { kind: 'microsoft-error'; status: number; page: string };

/**
 * "Authorise": Rollcall hands out the authorize address, the partner user signs in on Microsoft's
 * page (and consents if asked), Microsoft sends the browser back to the callback. Returns where
 * Rollcall sends the browser after the callback, or Microsoft's error page when it stops there.
 */
export async function authorise(
  world: CspConnectionWorld,
  connectionId: string,
  upn = world.partnerUser.upn,
): Promise<SignInOutcome> {
  const start = await call(
    world.app,
    world.configurer,
    'POST',
    `/api/csp/connections/${connectionId}/authorise`,
  );
  expect(start.statusCode, start.body).toBe(200);
  const stateCookie = cookieOf(start.headers['set-cookie'], 'rollcall_csp_sign_in');
  expect(stateCookie).toBeDefined();
  const authorize = new URL(start.json().authorizeUrl);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

  const page = await world.browser.fetch(authorize.href, { method: 'GET', headers: {} });
  const html = await page.text();
  if (page.status !== 200 || !html.includes('<form'))
    return { kind: 'microsoft-error', status: page.status, page: html };
  const form = formOf(html);
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
    const body = await reply.text();
    if (!body.includes('name="session"')) return { kind: 'microsoft-error', status: 200, page: body };
    const consent = formOf(body);
    reply = await world.browser.fetch(new URL(consent.action, authorize).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...consent.fields, action: 'accept' }).toString(),
    });
  }
  if (reply.status !== 302)
    return { kind: 'microsoft-error', status: reply.status, page: await reply.text() };
  const back = new URL(reply.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK_URL);
  const res = await world.app.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: `${world.configurer.cookie}; ${stateCookie}` },
  });
  expect(res.statusCode, res.body).toBe(302);
  return { kind: 'back', location: String(res.headers.location) };
}

/** The connection as the API shows it. */
export async function getConnection(world: CspConnectionWorld, id: string): Promise<CspConnectionDetail> {
  const res = await call(world.app, world.configurer, 'GET', `/api/csp/connections/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
