import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authoriseCspConnection,
  checkCspConnection,
  createCspConnection as createEndpoint,
  cspConnectionCallback,
  deleteCspConnection,
  getCspConnection,
  listCspConnections,
  updateCspConnection,
} from '../../../src/contracts/api/csp-connections.js';
import type { Endpoint } from '../../../src/contracts/api/endpoint.js';
import { createAuditRepository, createConnectionRepository } from '../../../src/store/index.js';
import { call } from '../access/fixtures.js';
import {
  CALLBACK_URL,
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

beforeAll(async () => {
  world = await startCspConnectionWorld();
  pc = await world.partnerCenterApp();
  gdap = await world.gdapApp();
}, 60_000);
afterAll(async () => {
  await world?.close();
});

describe('CSP connections', () => {
  it('creates a connection with both apps, never returning a secret, and shows what each app needs', async () => {
    const created = await createCspConnection(world, cspInput(world, pc, gdap));
    expect(created).toMatchObject({
      kind: 'csp',
      tenantId: world.partnerTenantId,
      partnerCenterApp: {
        clientId: pc.clientId,
        clientSecret: { stored: true },
        refreshToken: { stored: false, changedAt: null },
      },
      gdapApp: {
        clientId: gdap.clientId,
        authMethod: 'clientSecret',
        clientSecret: { stored: true },
        certificatePrivateKey: { stored: false },
      },
      lastAuthorisation: null,
    });
    expect(created.setup.partnerCenterApp.redirectUri).toBe(CALLBACK_URL);
    expect(created.setup.gdapApp.redirectUri).toBe(CONSENT_URL);
    expect(created.setup.partnerCenterApp.permissions).toEqual([
      expect.objectContaining({
        api: 'Microsoft Partner Center',
        apiId: 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd',
        name: 'user_impersonation',
        type: 'delegated',
      }),
      // Guide 002 Fig 7: only for subscription pricing, and the setup screen says so.
      expect.objectContaining({
        api: 'Microsoft Partner',
        apiId: '4990cffe-04e8-4e8b-808a-1175604b879f',
        name: 'user_impersonation',
        mandatory: false,
        purpose: expect.stringContaining('Subscription pricing'),
      }),
      expect.objectContaining({ name: 'DelegatedAdminRelationship.Read.All', type: 'application' }),
    ]);
    expect(created.setup.gdapApp.permissions.map((p) => [p.name, p.type, p.mandatory])).toEqual([
      ['User.Read.All', 'application', true],
      ['Group.Read.All', 'application', true],
      ['Directory.Read.All', 'application', true],
      ['Organization.Read.All', 'application', true],
      ['DeviceManagementManagedDevices.Read.All', 'application', true],
      ['AuditLog.Read.All', 'application', false],
      ['PartnerBilling.Read.All', 'application', false],
    ]);
    // Guide 002: mandatory only when Consumption Billing is enabled, and the setup screen says so.
    expect(created.setup.gdapApp.permissions.at(-1)!.purpose).toContain('Consumption Billing');
    const body = JSON.stringify(created);
    expect(body).not.toContain(pc.clientSecret);
    expect(body).not.toContain(gdap.clientSecret);

    const secrets = await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).readSecrets(
      created.id,
    );
    expect(secrets).toEqual({ clientSecret: pc.clientSecret, gdapClientSecret: gdap.clientSecret });
    const trail = await createAuditRepository(world.app.deps.db).list({
      targetType: 'connection',
      targetId: created.id,
    });
    expect(trail.items[0]).toMatchObject({ action: 'connection.create' });
    expect(JSON.stringify(trail.items)).not.toContain(gdap.clientSecret);
  });

  it('lets several CSP connections coexist and lists them', async () => {
    const a = await createCspConnection(world, cspInput(world, pc, gdap));
    const b = await createCspConnection(world, cspInput(world, pc, gdap));
    const res = await call(world.app, world.configurer, 'GET', '/api/csp/connections?limit=200');
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(JSON.stringify(res.json())).not.toContain(pc.clientSecret);
  });

  it('refuses invalid input before saving, naming each field', async () => {
    const before = await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).count({
      kind: 'csp',
    });
    const res = await call(world.app, world.configurer, 'POST', '/api/csp/connections', {
      ...cspInput(world, pc, gdap),
      tenantId: 'not-a-guid',
      partnerCenterClientSecret: undefined,
      gdapAuthMethod: 'certificate',
      gdapClientSecret: undefined,
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((f: { field: string }) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining(['tenantId', 'partnerCenterClientSecret', 'gdapCertificate']),
    );
    expect(
      await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).count({ kind: 'csp' }),
    ).toBe(before);
  });

  it('updates fields, keeps secrets left out, replaces those given, and audits without values', async () => {
    const created = await createCspConnection(world, cspInput(world, pc, gdap));
    const newSecret = 'Xyz~8Q~a-new-gdap-secret-value-0000000000';
    const res = await call(world.app, world.configurer, 'PUT', `/api/csp/connections/${created.id}`, {
      ...cspInput(world, pc, gdap, { name: `${created.name} renamed` }),
      partnerCenterClientSecret: undefined,
      gdapClientSecret: newSecret,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe(`${created.name} renamed`);
    const secrets = await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).readSecrets(
      created.id,
    );
    expect(secrets).toEqual({ clientSecret: pc.clientSecret, gdapClientSecret: newSecret });
    const trail = await createAuditRepository(world.app.deps.db).list({
      targetType: 'connection',
      targetId: created.id,
    });
    const update = trail.items.find((e) => e.action === 'connection.update');
    expect(update?.details).toMatchObject({ after: { credentialsChanged: ['gdapClientSecret'] } });
    expect(JSON.stringify(trail.items)).not.toContain(newSecret);
  });

  it('deletes a connection with its secrets', async () => {
    const created = await createCspConnection(world, cspInput(world, pc, gdap));
    const res = await call(world.app, world.configurer, 'DELETE', `/api/csp/connections/${created.id}`);
    expect(res.statusCode).toBe(204);
    expect(
      (await call(world.app, world.configurer, 'GET', `/api/csp/connections/${created.id}`)).statusCode,
    ).toBe(404);
    const trail = await createAuditRepository(world.app.deps.db).list({
      targetType: 'connection',
      targetId: created.id,
    });
    expect(trail.items[0]).toMatchObject({ action: 'connection.delete' });
  });

  it('does not show an Entra connection as a CSP one', async () => {
    const entra = await createConnectionRepository(world.app.deps.db, world.app.deps.secrets).create({
      kind: 'entra',
      name: `Entra ${Date.now()}`,
      tenantId: world.partnerTenantId,
    });
    const res = await call(world.app, world.configurer, 'GET', `/api/csp/connections/${entra.id}`);
    expect(res.statusCode).toBe(404);
  });

  const endpoints: Endpoint[] = [
    listCspConnections,
    createEndpoint,
    getCspConnection,
    updateCspConnection,
    deleteCspConnection,
    authoriseCspConnection,
    cspConnectionCallback,
    checkCspConnection,
  ];
  it.each(endpoints.map((e) => [`${e.method} ${e.path}`, e] as const))(
    '%s needs integrations.csp.configure (403 for an agent without it)',
    async (_name, endpoint) => {
      expect(endpoint.access).toEqual({ permission: 'integrations.csp.configure' });
      const created = await createCspConnection(world, cspInput(world, pc, gdap));
      const path = endpoint.path.replace(':id', created.id);
      const body =
        endpoint.method === 'POST' || endpoint.method === 'PUT' ? cspInput(world, pc, gdap) : undefined;
      const res = await call(world.app, world.outsider, endpoint.method, path, body);
      expect(res.statusCode).toBe(403);
      expect(await getConnection(world, created.id)).toMatchObject({ name: created.name });
    },
  );
});
