import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CSP_COMMON_ERRORS,
  type CspAuthorisation,
  type CspCheckName,
} from '../../../src/contracts/api/csp-connections.js';
import { failedCheck } from '../../../src/api/integrations/csp/connection-checks.js';
import { loadCspTokens } from '../../../src/api/integrations/csp/connection-tokens.js';
import { problemOf } from '../../../src/api/routes/entra-connections-checks.js';
import { errorCatalogue, MicrosoftError } from '../../../src/microsoft/index.js';
import { createConnectionRepository } from '../../../src/store/index.js';
import { call } from '../access/fixtures.js';
import {
  authorise,
  CONSENT_URL,
  createCspConnection,
  cspInput,
  getConnection,
  startCspConnectionWorld,
  type AppCredentials,
  type CspConnectionWorld,
} from './connection-fixtures.js';

let world: CspConnectionWorld;
let pc: AppCredentials;
let gdap: AppCredentials;
/** A customer tenant of the partner. */
let customerTenantId: string;
const rowsSeen = new Set<string>();

beforeAll(async () => {
  world = await startCspConnectionWorld();
  pc = await world.partnerCenterApp();
  gdap = await world.gdapApp();
  customerTenantId = [...world.emu.estate.tenants.keys()].find((id) => id !== world.partnerTenantId)!;
}, 60_000);
afterAll(async () => {
  await world?.close();
});

const admin = async (method: 'PUT' | 'POST' | 'PATCH', url: string, body: unknown) => {
  const res = await world.emu.inject({ method, url: `/_emulator${url}`, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

/** The check's result, asserting it failed with `code` and is the common-errors row `row`. */
function expectRow(result: CspAuthorisation, check: CspCheckName, code: string, row: string) {
  const found = result.checks.find((c) => c.check === check)!;
  const { title, whatHappened, howToFix } = errorCatalogue[code as keyof typeof errorCatalogue];
  expect(found).toMatchObject({
    status: 'failed',
    problem: { code, title, whatHappened, howToFix },
    commonError: { id: row },
  });
  const entry = CSP_COMMON_ERRORS.find((r) => r.id === row)!;
  expect(found.commonError).toEqual({
    id: entry.id,
    element: entry.element,
    symptom: entry.symptom,
    cause: entry.cause,
    solution: entry.solution,
  });
  expect(result.status).toBe('failed');
  rowsSeen.add(row);
  return found;
}

async function authorised(pcApp = pc, gdapApp = gdap, overrides = {}) {
  const { id } = await createCspConnection(world, cspInput(world, pcApp, gdapApp, overrides));
  const outcome = await authorise(world, id);
  const connection = await getConnection(world, id);
  return { id, outcome, result: connection.lastAuthorisation! };
}

async function checkAgain(id: string): Promise<CspAuthorisation> {
  const res = await call(world.app, world.configurer, 'POST', `/api/csp/connections/${id}/checks`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe("CSP connections: guide 002's common errors, each reproduced and explained", () => {
  it('user_impersonation for the wrong API: the partner user’s token is refused (AADSTS65001)', async () => {
    const wrong = await world.partnerCenterApp({ partnerCenterScopes: [], graphScopes: ['User.Read'] });
    const { outcome, result } = await authorised(wrong);
    expect(outcome).toMatchObject({ kind: 'back', location: expect.stringMatching(/authorisation=failed$/) });
    const check = expectRow(result, 'partnerCenterToken', 'AADSTS65001', 'partner-center-permission');
    expect(check.commonError!.solution).toContain('fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd');
    expect(result.checks.find((c) => c.check === 'customerList')!.status).toBe('skipped');
  });

  it('GDAP app restricted to other tenants: AADSTS7000119 on consent and on tokens in that tenant', async () => {
    const restricted = await world.gdapApp();
    await admin('PUT', `/apps/${restricted.clientId}/allowed-tenants`, {
      tenantIds: [world.partnerTenantId],
    });
    const consent = await world.browser.fetch(
      `${world.emu.info().authorityHost}/${customerTenantId}/adminconsent?client_id=${restricted.clientId}&redirect_uri=${encodeURIComponent(CONSENT_URL)}`,
      { method: 'GET', headers: {} },
    );
    expect(consent.status).toBe(400);
    expect(await consent.text()).toContain('AADSTS7000119');

    const { id } = await createCspConnection(world, cspInput(world, pc, restricted));
    const connection = (await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).findById(
      id,
    ))!;
    const tokens = await loadCspTokens(world.app.deps, connection);
    const error = await tokens
      .gdap(customerTenantId)
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MicrosoftError);
    const check = failedCheck('gdapAppToken', problemOf(error as MicrosoftError));
    expect(check).toMatchObject({
      problem: { code: 'AADSTS7000119' },
      commonError: { id: 'tenant-not-allowed' },
    });
    rowsSeen.add('tenant-not-allowed');
    // The partner's own tenant stays usable: "Authorise" passes.
    expect((await authorise(world, id)).kind).toBe('back');
    expect((await getConnection(world, id)).lastAuthorisation!.status).toBe('authorised');
  });

  it("'Error - Forbidden' from Partner Center: the partner user has no Partner Center role", async () => {
    const user = world.partnerUser.id;
    await admin('PUT', `/partner-center/users/${user}/roles`, { roles: [] });
    try {
      const { result } = await authorised();
      expectRow(result, 'customerList', 'PartnerCenter.403', 'partner-center-forbidden');
      expect(result.checks.find((c) => c.check === 'partnerCenterToken')!.status).toBe('ok');
    } finally {
      await admin('PUT', `/partner-center/users/${user}/roles`, { roles: null });
    }
  });

  it('risky user: Conditional Access blocks the partner user’s tokens (AADSTS53003)', async () => {
    const { id, result } = await authorised();
    expect(result.status).toBe('authorised');
    await admin('PUT', `/tenants/${world.partnerTenantId}/users/${world.partnerUser.id}/risk`, {
      riskLevel: 'high',
    });
    try {
      expectRow(await checkAgain(id), 'partnerCenterToken', 'AADSTS53003', 'risky-user');
      const again = await authorise(world, id);
      expect(again).toMatchObject({ kind: 'microsoft-error', page: expect.stringContaining('AADSTS53003') });
    } finally {
      await admin('PUT', `/tenants/${world.partnerTenantId}/users/${world.partnerUser.id}/risk`, {
        riskLevel: 'none',
      });
    }
    expect((await checkAgain(id)).status).toBe('authorised');
  });

  it('redirect URI not registered: Microsoft stops at AADSTS50011, and its error back is explained', async () => {
    const noRedirect = await world.partnerCenterApp({ redirectUris: ['https://elsewhere.test/callback'] });
    const { id } = await createCspConnection(world, cspInput(world, noRedirect, gdap));
    const outcome = await authorise(world, id);
    expect(outcome).toMatchObject({ kind: 'microsoft-error', page: expect.stringContaining('AADSTS50011') });

    const start = await call(world.app, world.configurer, 'POST', `/api/csp/connections/${id}/authorise`);
    const cookie = [start.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]!)[0]!;
    const state = new URL(start.json().authorizeUrl).searchParams.get('state')!;
    const description = `AADSTS50011: The redirect URI 'https://rollcall.test/api/csp/connections/callback' specified in the request does not match the redirect URIs configured for the application '${noRedirect.clientId}'.`;
    const back = await world.app.app.inject({
      method: 'GET',
      url: `/api/csp/connections/callback?${new URLSearchParams({ error: 'invalid_request', error_description: description, state })}`,
      headers: { cookie: `${world.configurer.cookie}; ${cookie}` },
    });
    expect(back.headers.location).toBe(`/integrations/csp/${id}?authorisation=failed`);
    expectRow(
      (await getConnection(world, id)).lastAuthorisation!,
      'partnerCenterToken',
      'AADSTS50011',
      'redirect-uri-mismatch',
    );
  });

  it('insufficient privileges: the Partner Center app lacks DelegatedAdminRelationship.Read.All', async () => {
    const noGdapRead = await world.partnerCenterApp({ graphRoles: [] });
    const { result } = await authorised(noGdapRead);
    expectRow(result, 'gdapRelationships', 'Authorization_RequestDenied', 'insufficient-privileges');
  });

  it('insufficient privileges: the GDAP app was given delegated instead of application permissions', async () => {
    const delegated = await world.gdapApp({
      graphRoles: [],
      graphScopes: ['User.Read.All', 'Group.Read.All'],
    });
    const { result } = await authorised(pc, delegated);
    const check = expectRow(result, 'gdapAppToken', 'AADSTS65001', 'insufficient-privileges');
    expect(check.problem!.microsoftMessage).toContain('User.Read.All');
  });

  it('admin consent missing: the GDAP app has no service principal in the tenant (AADSTS7000229)', async () => {
    const elsewhere = await world.gdapApp({ tenantId: customerTenantId });
    const { result } = await authorised(pc, elsewhere);
    expectRow(result, 'gdapAppToken', 'AADSTS7000229', 'admin-consent-missing');
  });

  it('application not found in the directory (AADSTS700016)', async () => {
    const unknown = {
      clientId: '0b0b0b0b-0000-4000-8000-00000000f00d',
      clientSecret: 'x8Q~nothing',
      secretId: '',
    };
    const { result } = await authorised(pc, unknown);
    expectRow(result, 'gdapAppToken', 'AADSTS700016', 'admin-consent-missing');
  });

  it('token expiry: an expired secret of either app (AADSTS7000222)', async () => {
    const pcApp = await world.partnerCenterApp();
    const gdapApp = await world.gdapApp();
    const { id, result } = await authorised(pcApp, gdapApp);
    expect(result.status).toBe('authorised');
    await admin('POST', `/apps/${gdapApp.clientId}/secrets/${gdapApp.secretId}/expire`, {});
    expectRow(await checkAgain(id), 'gdapAppToken', 'AADSTS7000222', 'secret-expired');
    await admin('POST', `/apps/${pcApp.clientId}/secrets/${pcApp.secretId}/expire`, {});
    const both = await checkAgain(id);
    expectRow(both, 'partnerCenterToken', 'AADSTS7000222', 'secret-expired');
    expectRow(both, 'gdapRelationships', 'AADSTS7000222', 'secret-expired');
  });

  it('covers every row of the table', () => {
    expect([...rowsSeen].sort()).toEqual(CSP_COMMON_ERRORS.map((r) => r.id).sort());
  });
});
