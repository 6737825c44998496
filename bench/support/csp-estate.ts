/**
 * The MSP estate of `npm run bench -- csp`, set up the way an administrator does it in the console:
 * a CSP connection to the emulated partner (both app registrations of the seeded estate),
 * "Authorise" as a partner admin agent on Microsoft's sign-in page, "Sync tenants now", every
 * customer tenant mapped to a new desk customer, consent granted by each customer, and "Generate
 * mappings". Everything goes through Rollcall's API (the console's calls) except what happens on
 * Microsoft's side (redirect URIs, each customer admin's consent), done with the emulator's admin API.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEMO_PASSWORD } from '../../src/emulator/identity/passwords.js';
import { createHttpsTransport, GRAPH_DEFAULT_SCOPE } from '../../src/microsoft/index.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../../test/api/access/fixtures.js';
import type { TestApp } from '../../test/support/app.js';
import type { RunningEmulator } from './emulator-process.js';

export const CSP_PUBLIC_URL = 'https://rollcall.bench';
const CALLBACK_URL = `${CSP_PUBLIC_URL}/api/csp/connections/callback`;
const CONSENT_URL = `${CSP_PUBLIC_URL}/api/csp/tenants/consent-callback`;

type Https = ReturnType<typeof createHttpsTransport>;

/** The emulator's admin API (Microsoft's side of the world) over HTTPS. */
export function emulatorAdmin(emulator: RunningEmulator, https: Https) {
  const send = (method: string, path: string, body?: unknown) =>
    https.fetch(`${emulator.info.adminUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    // A kept-alive connection the emulator closed while the set-up was busy is opened again once.
    const res = await send(method, path, body).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== 'ECONNRESET') throw error;
      return send(method, path, body);
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The first form of a page, as a browser submits it (hidden fields included). */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form on Microsoft's page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of form[2]!.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescapeHtml(m[1]!)] = unescapeHtml(m[2]!);
  }
  return { action: unescapeHtml(form[1]!), fields };
}

const expectStatus = (res: { statusCode: number; body: string }, status: number, what: string) => {
  if (res.statusCode !== status) throw new Error(`${what} answered ${res.statusCode}: ${res.body}`);
};

/** A partner admin agent's sign-in name, read with the GDAP app in its home (the partner) tenant. */
async function partnerAdminLogin(emulator: RunningEmulator, https: Https): Promise<string> {
  const partnerId = emulator.info.partnerTenantId!;
  const app = emulator.info.apps.find((a) => a.kind === 'gdap');
  if (!app) throw new Error('the emulator has no GDAP app');
  const token = await https.fetch(`${emulator.info.authorityHost}/${partnerId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: GRAPH_DEFAULT_SCOPE,
    }).toString(),
  });
  const { access_token } = z.object({ access_token: z.string() }).parse(await token.json());
  const get = async (path: string) => {
    const res = await https.fetch(`${emulator.info.graphBaseUrl}${path}`, {
      method: 'GET',
      headers: { authorization: `Bearer ${access_token}` },
    });
    if (!res.ok) throw new Error(`Graph ${path} answered ${res.status}`);
    return res.json();
  };
  const list = z.object({ value: z.array(z.looseObject({ id: z.string() })) });
  const group = list.parse(await get(`/groups?$filter=displayName eq 'AdminAgents'&$select=id`)).value[0];
  if (!group) throw new Error('the partner tenant has no AdminAgents group');
  const members = z
    .object({
      value: z.array(z.object({ userPrincipalName: z.string(), accountEnabled: z.boolean().nullish() })),
    })
    .parse(
      await get(`/groups/${group.id}/members/microsoft.graph.user?$select=userPrincipalName,accountEnabled`),
    );
  const member = members.value.find((m) => m.accountEnabled !== false);
  if (!member) throw new Error('no enabled AdminAgents member in the partner tenant');
  return member.userPrincipalName;
}

const cookieOf = (setCookie: string | string[] | undefined, name: string) =>
  [setCookie ?? []]
    .flat()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

/** "Authorise": the partner user signs in on Microsoft's page; the callback stores the refresh token. */
async function authorise(
  app: TestApp,
  configurer: Caller,
  https: Https,
  connectionId: string,
  login: string,
) {
  const start = await call(app, configurer, 'POST', `/api/csp/connections/${connectionId}/authorise`);
  expectStatus(start, 200, 'Authorise');
  const stateCookie = cookieOf(start.headers['set-cookie'], 'rollcall_csp_sign_in');
  const authorize = new URL(start.json().authorizeUrl as string);
  const page = await https.fetch(authorize.href, { method: 'GET', headers: {} });
  const form = formOf(await page.text());
  let reply = await https.fetch(new URL(form.action, authorize).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.fields, login, passwd: DEMO_PASSWORD, action: 'signin' }).toString(),
  });
  if (reply.status === 200) {
    const consent = formOf(await reply.text());
    reply = await https.fetch(new URL(consent.action, authorize).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...consent.fields, action: 'accept' }).toString(),
    });
  }
  if (reply.status !== 302) throw new Error(`sign-in answered ${reply.status}: ${await reply.text()}`);
  const back = new URL(reply.headers.get('location')!);
  const res = await app.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: `${configurer.cookie}; ${stateCookie ?? ''}` },
  });
  expectStatus(res, 302, 'the Authorise callback');
}

export interface CspBenchEstate {
  connectionId: string;
  configurer: Caller;
  /** Customer tenants mapped for import, with their user counts (the emulator's). */
  tenants: { tenantId: string; users: number }[];
}

/**
 * Sets up the estate: connection, Authorise, tenants synced, each mapped to a new customer with
 * `licenceImportType`, consent granted by each customer, site mappings generated, and the
 * integrator saved with the CSP modules.
 */
export async function setUpCspEstate(
  app: TestApp,
  emulator: RunningEmulator,
  options: {
    licenceImportType: 'skus' | 'subscriptions' | 'both';
    /** Turn on delta queries (Advanced tab) after Generate mappings. */
    delta: boolean;
    log: (message: string) => void;
  },
): Promise<CspBenchEstate> {
  const https = createHttpsTransport({ extraCaPem: readFileSync(emulator.info.caCertPath, 'utf8') });
  const admin = emulatorAdmin(emulator, https);
  try {
    const partnerId = emulator.info.partnerTenantId;
    if (!partnerId) throw new Error('the emulator has no partner tenant');
    const partnerApp = emulator.info.apps.find((a) => a.kind === 'partner')!;
    const gdapApp = emulator.info.apps.find((a) => a.kind === 'gdap')!;
    await admin('POST', `/apps/${partnerApp.clientId}/redirect-uris`, { uris: [CALLBACK_URL] });
    await admin('POST', `/apps/${gdapApp.clientId}/redirect-uris`, { uris: [CONSENT_URL] });

    const db = app.deps.db;
    await givenBuiltInRoles(db);
    const configurer = await givenAgent(db, {
      permissions: ['integrations.csp.configure', 'customers.write'],
    });
    const created = await call(app, configurer, 'POST', '/api/csp/connections', {
      name: 'Northwind CSP (bench)',
      tenantId: partnerId,
      partnerCenterClientId: partnerApp.clientId,
      partnerCenterClientSecret: partnerApp.clientSecret,
      gdapClientId: gdapApp.clientId,
      gdapAuthMethod: 'clientSecret',
      gdapClientSecret: gdapApp.clientSecret,
    });
    expectStatus(created, 201, 'creating the CSP connection');
    const connectionId = created.json().id as string;
    await authorise(app, configurer, https, connectionId, await partnerAdminLogin(emulator, https));
    options.log('authorised; syncing tenants');

    const synced = await call(app, configurer, 'POST', `/api/csp/connections/${connectionId}/tenants/sync`);
    expectStatus(synced, 200, 'Sync tenants now');
    const customers = emulator.info.tenants.filter((t) => t.id !== partnerId);
    options.log(`mapping ${customers.length} tenants to new customers; each customer consents`);
    for (const tenant of customers) {
      const mapped = await call(
        app,
        configurer,
        'PUT',
        `/api/csp/connections/${connectionId}/tenants/${tenant.id}/mapping`,
        {
          target: { kind: 'newCustomer', confirmDuplicate: true },
          licenceImportType: options.licenceImportType,
        },
      );
      expectStatus(mapped, 200, `mapping ${tenant.displayName}`);
      // A native admin of the customer grants the GDAP app consent ("Grant admin consent").
      await admin('POST', `/apps/${gdapApp.clientId}/consents`, { tenantId: tenant.id });
    }
    const generated = await call(
      app,
      configurer,
      'POST',
      `/api/csp/connections/${connectionId}/import-config/generate-mappings`,
      {},
    );
    expectStatus(generated, 200, 'Generate mappings');
    if (options.delta) {
      // Advanced → "Use delta queries": scheduled and Run now rounds read only what changed.
      const read = await call(app, configurer, 'GET', `/api/csp/connections/${connectionId}/import-config`);
      expectStatus(read, 200, 'reading the import configuration');
      const view = read.json() as { version: number; config: Record<string, unknown> };
      const deltaSaved = await call(
        app,
        configurer,
        'PUT',
        `/api/csp/connections/${connectionId}/import-config`,
        {
          expectedVersion: view.version,
          config: { ...view.config, delta: { enabled: true, method: 'allChanges' } },
          acceptWarnings: true,
        },
      );
      expectStatus(deltaSaved, 200, 'turning delta queries on');
    }
    const saved = await call(app, configurer, 'PUT', `/api/csp/connections/${connectionId}/integrator`, {
      expectedVersion: 0,
      config: { modules: ['tenants', 'licences', 'users'] },
    });
    expectStatus(saved, 200, 'saving the integrator');
    return {
      connectionId,
      configurer,
      tenants: customers.map((t) => ({ tenantId: t.id.toLowerCase(), users: t.users })),
    };
  } finally {
    https.close();
  }
}
