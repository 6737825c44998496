import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authorisation } from '../../../src/contracts/api/entra-connections.js';
import { errorCatalogue } from '../../../src/microsoft/index.js';
import { createAuditRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import {
  connectionInput,
  createConnection,
  entraConfig,
  registerApp,
  startEntraWorld,
  TENANTS,
  type EntraWorld,
} from './fixtures.js';
import type { EntraConnectionInput } from '../../../src/contracts/api/entra-connections.js';

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

/** Creates a connection from `input`, authorises it, and returns the result and the connection id. */
async function authorise(input: EntraConnectionInput): Promise<{ id: string; result: Authorisation }> {
  const { id } = await createConnection(app, configurer, input);
  const res = await call(app, configurer, 'POST', `/api/entra/connections/${id}/authorise`);
  expect(res.statusCode, res.body).toBe(200);
  return { id, result: res.json() };
}

const statusOf = (result: Authorisation) =>
  Object.fromEntries(result.permissions.map((p) => [p.name, p.status]));

/** The catalogue entry's words, as the result must carry them. */
const explained = (code: keyof typeof errorCatalogue) => {
  const { title, whatHappened, howToFix } = errorCatalogue[code];
  return { code, title, whatHappened, howToFix };
};

describe('Entra connections: Authorise (application permissions)', () => {
  it('authorises with a client secret when every permission is granted, and remembers the result', async () => {
    const { id, result } = await authorise(connectionInput(world.full));
    expect(result).toMatchObject({
      status: 'authorised',
      permissionKind: 'application',
      readCheck: 'passed',
      problem: null,
      message: 'Authorised: every permission is granted.',
    });
    expect(statusOf(result)).toEqual({
      'User.Read.All': 'granted',
      'Group.Read.All': 'granted',
      'AuditLog.Read.All': 'granted',
      'Organization.Read.All': 'granted',
      'LicenseAssignment.ReadWrite.All': 'granted',
      'User.ReadWrite.All': 'granted',
      'GroupMember.ReadWrite.All': 'granted',
      'Group.Create': 'granted',
    });
    const stored = await call(app, configurer, 'GET', `/api/entra/connections/${id}`);
    expect(stored.json().lastAuthorisation).toEqual(result);
    const page = await createAuditRepository(app.deps.db).list({ targetType: 'connection', targetId: id });
    expect(page.items[0]).toMatchObject({
      action: 'connection.authorise',
      details: { after: { status: 'authorised', missing: [], problem: null } },
    });
    expect(JSON.stringify(page.items)).not.toContain(world.full.clientSecret);
  });

  it('authorises with a certificate', async () => {
    const { result } = await authorise(
      connectionInput(world.full, {
        authMethod: 'certificate',
        clientSecret: undefined,
        certificate: {
          privateKey: world.certificate.privateKeyPem,
          thumbprint: world.certificate.thumbprintSha256,
        },
      }),
    );
    expect(result.status, result.message).toBe('authorised');
  });

  it('reports a missing optional permission as missing, still authorised', async () => {
    const { result } = await authorise(connectionInput(world.partial));
    expect(result.status).toBe('authorised');
    expect(result.permissions.find((p) => p.name === 'AuditLog.Read.All')).toEqual({
      name: 'AuditLog.Read.All',
      mandatory: false,
      feature: 'Importing the last sign-in date',
      status: 'missing',
      grantedAs: null,
    });
    expect(result.message).toMatch(/Optional permissions not granted: AuditLog\.Read\.All/);
  });

  it("names the automation's permissions an app lacks, and takes Group.ReadWrite.All for the group rows", async () => {
    const guideOnly = await registerApp(world.emu, {
      graphRoles: [
        'User.Read.All',
        'Group.ReadWrite.All',
        'AuditLog.Read.All',
        'Organization.Read.All',
        'LicenseAssignment.ReadWrite.All',
      ],
    });
    const { result } = await authorise(connectionInput(guideOnly));
    expect(result.status).toBe('authorised');
    const byName = Object.fromEntries(result.permissions.map((p) => [p.name, p]));
    expect(byName['User.ReadWrite.All']).toEqual({
      name: 'User.ReadWrite.All',
      mandatory: false,
      feature: 'New-starter, leaver and HR automation',
      status: 'missing',
      grantedAs: null,
    });
    expect(byName['GroupMember.ReadWrite.All']).toMatchObject({
      status: 'granted',
      grantedAs: 'Group.ReadWrite.All',
    });
    expect(byName['Group.Create']).toMatchObject({ status: 'granted', grantedAs: 'Group.ReadWrite.All' });
    expect(result.message).toBe(
      'Authorised. Optional permissions not granted: User.ReadWrite.All (New-starter, leaver and HR automation).',
    );
  });

  it('explains a missing consent: no roles in the token, every permission missing', async () => {
    const { result } = await authorise(connectionInput(world.unconsented));
    expect(result).toMatchObject({
      status: 'permissions_missing',
      readCheck: 'failed',
      problem: explained('AADSTS65001'),
    });
    expect(Object.values(statusOf(result))).toEqual(Array(8).fill('missing'));
    expect(result.message).toMatch(/Mandatory permissions not granted: User\.Read\.All, Group\.Read\.All/);
  });

  it('explains an expired secret (AADSTS7000222)', async () => {
    const added = await world.emu.inject({
      method: 'POST',
      url: `/_emulator/apps/${world.full.clientId}/secrets`,
      body: { expiresInDays: -1 },
    });
    const { value } = added.body as { value: string };
    const { result } = await authorise(connectionInput(world.full, { clientSecret: value }));
    expect(result).toMatchObject({
      status: 'failed',
      readCheck: null,
      problem: { ...explained('AADSTS7000222'), microsoftCode: 'AADSTS7000222' },
    });
    expect(Object.values(statusOf(result))).toEqual(Array(8).fill('unchecked'));
  });

  it('explains a secret ID pasted instead of its value (AADSTS7000215)', async () => {
    const { result } = await authorise(connectionInput(world.full, { clientSecret: world.full.secretId }));
    expect(result).toMatchObject({ status: 'failed', problem: explained('AADSTS7000215') });
    expect(result.problem!.whatHappened).toMatch(/secret ID instead of the secret VALUE/);
  });

  it('explains an app that is not in the tenant (AADSTS700016)', async () => {
    const { result } = await authorise(connectionInput(world.full, { tenantId: TENANTS.northwind }));
    expect(result).toMatchObject({ status: 'failed', problem: explained('AADSTS700016') });
  });

  it('explains a tenant that does not exist (AADSTS90002)', async () => {
    const { result } = await authorise(connectionInput(world.full, { tenantId: TENANTS.unknown }));
    expect(result).toMatchObject({ status: 'failed', problem: explained('AADSTS90002') });
  });

  it('asks for sign-in first on a delegated connection nobody has signed in to', async () => {
    const { id } = await createConnection(
      app,
      configurer,
      connectionInput(world.full, { authMethod: 'delegated' }),
    );
    const res = await call(app, configurer, 'POST', `/api/entra/connections/${id}/authorise`);
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([
      { field: 'refreshToken', message: expect.stringMatching(/Sign in with Microsoft/) },
    ]);
  });
});
