import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enabledOnThisInstance } from '../../../src/api/integrations/entra/connection-settings.js';
import { serverConfigSchema } from '../../../src/contracts/config.js';
import { createAuditRepository, createConnectionGrantRepository } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import {
  CALLBACK_URL,
  connectionInput,
  createConnection,
  entraConfig,
  startEntraWorld,
  TENANTS,
  type EntraWorld,
} from './fixtures.js';

let world: EntraWorld;
let app: TestApp;
let admin: Caller;
let configurer: Caller;

beforeAll(async () => {
  world = await startEntraWorld();
  app = await startTestApp({ config: entraConfig(world) });
  await givenBuiltInRoles(app.deps.db);
  admin = await givenAgent(app.deps.db, { roleNames: ['Administrator'] });
  configurer = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
});
afterAll(async () => {
  await app?.close();
  await world?.close();
});

/** Every audit event about `connectionId`, as stored. */
async function auditOf(connectionId: string) {
  const page = await createAuditRepository(app.deps.db).list({
    targetType: 'connection',
    targetId: connectionId,
  });
  return page.items;
}

describe('Entra connections: create, list, get, update, disable', () => {
  it('creates a connection and describes it with its setup, never its secret', async () => {
    const input = connectionInput(world.full);
    const res = await call(app, configurer, 'POST', '/api/entra/connections', input);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      kind: 'entra',
      name: input.name,
      tenantId: TENANTS.contoso,
      clientId: world.full.clientId,
      authMethod: 'clientSecret',
      enabledFor: 'production',
      enabledOnThisInstance: true,
      inactive: false,
      certificateThumbprint: null,
      secrets: {
        clientSecret: { stored: true },
        certificatePrivateKey: { stored: false, changedAt: null },
        refreshToken: { stored: false, changedAt: null },
      },
      lastAuthorisation: null,
      setup: { redirectUri: CALLBACK_URL },
    });
    expect(Date.parse(created.secrets.clientSecret.changedAt)).not.toBeNaN();
    expect(created.setup.permissions.map((p: { name: string }) => p.name)).toEqual([
      'User.Read.All',
      'Group.Read.All',
      'AuditLog.Read.All',
      'Organization.Read.All',
      'LicenseAssignment.ReadWrite.All',
      'User.ReadWrite.All',
      'GroupMember.ReadWrite.All',
      'Group.Create',
    ]);
    expect(res.body).not.toContain(world.full.clientSecret);

    const got = await call(app, configurer, 'GET', `/api/entra/connections/${created.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(created);
    expect(got.body).not.toContain(world.full.clientSecret);
  });

  it('lists connections by name, searchable and paged', async () => {
    const prefix = `Paged ${Date.now()}`;
    for (const suffix of ['c', 'a', 'b']) {
      await createConnection(app, admin, connectionInput(world.full, { name: `${prefix} ${suffix}` }));
    }
    const first = await call(
      app,
      configurer,
      'GET',
      `/api/entra/connections?search=${encodeURIComponent(prefix.toLowerCase())}&limit=2`,
    );
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(page.items.map((c: { name: string }) => c.name)).toEqual([`${prefix} a`, `${prefix} b`]);
    expect(page.total).toBe(3);
    const second = await call(
      app,
      configurer,
      'GET',
      `/api/entra/connections?search=${encodeURIComponent(prefix)}&limit=2&cursor=${page.nextCursor}`,
    );
    expect(second.json().items.map((c: { name: string }) => c.name)).toEqual([`${prefix} c`]);
    expect(second.json().nextCursor).toBeNull();
    expect(first.body + second.body).not.toContain(world.full.clientSecret);
  });

  it('updates a connection, keeping secrets left out and recording which changed', async () => {
    const created = await createConnection(app, admin, connectionInput(world.full));
    const { clientSecret: _kept, ...withoutSecret } = connectionInput(world.full, {
      name: `${created.name} renamed`,
    });
    const renamed = await call(app, configurer, 'PUT', `/api/entra/connections/${created.id}`, {
      ...withoutSecret,
      enabledFor: 'all',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: `${created.name} renamed`,
      enabledFor: 'all',
      secrets: { clientSecret: { stored: true, changedAt: created.secrets.clientSecret.changedAt } },
    });

    const rotated = await call(app, configurer, 'PUT', `/api/entra/connections/${created.id}`, {
      ...withoutSecret,
      clientSecret: 'New~secret-value-never-shown',
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.body).not.toContain('New~secret-value-never-shown');
    expect(rotated.json().secrets.clientSecret.changedAt).not.toBe(created.secrets.clientSecret.changedAt);

    const events = await auditOf(created.id);
    expect(events.map((e) => e.action)).toEqual([
      'connection.update',
      'connection.update',
      'connection.create',
    ]);
    expect(events[0]!.details.after).toMatchObject({ credentialsChanged: ['clientSecret'] });
    expect(events[1]!.details).toMatchObject({
      before: { enabledFor: 'production' },
      after: { enabledFor: 'all', credentialsChanged: [] },
    });
    const trail = JSON.stringify(events);
    expect(trail).not.toContain('New~secret-value-never-shown');
    expect(trail).not.toContain(world.full.clientSecret);
  });

  it('disables and enables a connection, audited', async () => {
    const created = await createConnection(app, admin, connectionInput(world.full));
    const disabled = await call(app, configurer, 'POST', `/api/entra/connections/${created.id}/disable`);
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().inactive).toBe(true);
    const inactiveOnly = await call(app, configurer, 'GET', `/api/entra/connections?inactive=true&limit=200`);
    expect(inactiveOnly.json().items.map((c: { id: string }) => c.id)).toContain(created.id);
    const enabled = await call(app, configurer, 'POST', `/api/entra/connections/${created.id}/enable`);
    expect(enabled.json().inactive).toBe(false);
    expect((await auditOf(created.id)).map((e) => e.action)).toEqual([
      'connection.enable',
      'connection.disable',
      'connection.create',
    ]);
  });

  it('stores a certificate: the key parses, its thumbprint is kept, the key never shown', async () => {
    const created = await createConnection(
      app,
      configurer,
      connectionInput(world.full, {
        authMethod: 'certificate',
        clientSecret: undefined,
        certificate: {
          privateKey: world.certificate.privateKeyPem,
          thumbprint: world.certificate.thumbprintSha256.toUpperCase().replace(/(..)(?!$)/g, '$1:'),
        },
      }),
    );
    expect(created.certificateThumbprint).toBe(world.certificate.thumbprintSha256.toLowerCase());
    expect(created.secrets.certificatePrivateKey.stored).toBe(true);
    const body = JSON.stringify(created) + JSON.stringify(await auditOf(created.id));
    expect(body).not.toContain('PRIVATE KEY');
  });
});

describe('Entra connections: enabled for instances', () => {
  it('runs "production only" connections on a production instance alone; "all" everywhere', () => {
    const production = serverConfigSchema.parse({});
    const test = serverConfigSchema.parse({ instance: 'test' });
    expect(production.instance).toBe('production');
    expect(enabledOnThisInstance(production, 'production')).toBe(true);
    expect(enabledOnThisInstance(test, 'production')).toBe(false);
    expect(enabledOnThisInstance(test, 'all')).toBe(true);
  });
});

describe('Entra connections: validation names the field', () => {
  const errorsOf = async (body: unknown, method: 'POST' | 'PUT' = 'POST', id?: string) => {
    const res = await call(app, configurer, method, `/api/entra/connections${id ? `/${id}` : ''}`, body);
    expect(res.statusCode, res.body).toBe(400);
    return res.json().errors as { field: string; message: string }[];
  };

  it('refuses ids that are not GUIDs and an unknown method', async () => {
    const errors = await errorsOf({
      ...connectionInput(world.full),
      tenantId: 'contoso.com',
      clientId: 'x',
      authMethod: 'magic',
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['authMethod', 'clientId', 'tenantId']);
    expect(errors.find((e) => e.field === 'tenantId')!.message).toMatch(/Directory \(tenant\) ID/);
  });

  it('asks for the secret the method needs', async () => {
    const errors = await errorsOf({ ...connectionInput(world.full), clientSecret: undefined });
    expect(errors).toEqual([{ field: 'clientSecret', message: 'clientSecret is required for clientSecret' }]);
    const forCertificate = await errorsOf({ ...connectionInput(world.full), authMethod: 'certificate' });
    expect(forCertificate.map((e) => e.field)).toEqual(['certificate']);
  });

  it('says when the PEM does not parse or the thumbprint is not SHA-256', async () => {
    const damaged = await errorsOf({
      ...connectionInput(world.full),
      authMethod: 'certificate',
      certificate: {
        privateKey: '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n',
        thumbprint: world.certificate.thumbprintSha256,
      },
    });
    expect(damaged).toEqual([
      { field: 'certificate.privateKey', message: expect.stringMatching(/not a PEM private key/) },
    ]);
    const sha1 = await errorsOf({
      ...connectionInput(world.full),
      authMethod: 'certificate',
      certificate: { privateKey: world.certificate.privateKeyPem, thumbprint: 'ab'.repeat(20) },
    });
    expect(sha1).toEqual([{ field: 'certificate.thumbprint', message: expect.stringMatching(/SHA-256/) }]);
  });

  it('refuses a second connection with the same name', async () => {
    const created = await createConnection(app, admin, connectionInput(world.full));
    const res = await call(
      app,
      configurer,
      'POST',
      '/api/entra/connections',
      connectionInput(world.full, { name: created.name.toUpperCase() }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ field: 'name', message: 'Another connection has this name.' }]);
  });
});

describe('Entra connections: who may do what', () => {
  it('refuses agents without integrations.entra.configure (403) and hides connections from them (404)', async () => {
    const created = await createConnection(app, admin, connectionInput(world.full));
    const plain = await givenAgent(app.deps.db, { permissions: ['customers.read'] });
    expect((await call(app, plain, 'GET', '/api/entra/connections')).statusCode).toBe(403);
    expect(
      (await call(app, plain, 'POST', '/api/entra/connections', connectionInput(world.full))).statusCode,
    ).toBe(403);
    expect((await call(app, plain, 'GET', `/api/entra/connections/${created.id}`)).statusCode).toBe(404);
    expect(
      (await call(app, plain, 'POST', `/api/entra/connections/${created.id}/authorise`)).statusCode,
    ).toBe(404);
  });

  it('lets an agent with a read grant see only that connection, and change nothing', async () => {
    const mine = await createConnection(app, admin, connectionInput(world.full));
    const other = await createConnection(app, admin, connectionInput(world.full));
    const reader = await givenAgent(app.deps.db, { permissions: [] });
    await createConnectionGrantRepository(app.deps.db).replaceForConnection(mine.id, [
      { accountId: reader.accountId, access: 'read' },
    ]);
    const got = await call(app, reader, 'GET', `/api/entra/connections/${mine.id}`);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.json().id).toBe(mine.id);
    expect((await call(app, reader, 'GET', `/api/entra/connections/${other.id}`)).statusCode).toBe(404);
    expect((await call(app, reader, 'GET', '/api/entra/connections')).statusCode).toBe(403);
    const { clientSecret: _s, ...form } = connectionInput(world.full, { name: mine.name });
    expect((await call(app, reader, 'PUT', `/api/entra/connections/${mine.id}`, form)).statusCode).toBe(403);
    expect((await call(app, reader, 'POST', `/api/entra/connections/${mine.id}/disable`)).statusCode).toBe(
      403,
    );
    expect((await call(app, reader, 'POST', `/api/entra/connections/${mine.id}/authorise`)).statusCode).toBe(
      403,
    );
  });

  it('lets an agent with a modify grant change that connection but not create one', async () => {
    const mine = await createConnection(app, admin, connectionInput(world.full));
    const modifier = await givenAgent(app.deps.db, { permissions: [] });
    await createConnectionGrantRepository(app.deps.db).replaceForConnection(mine.id, [
      { accountId: modifier.accountId, access: 'modify' },
    ]);
    const { clientSecret: _s, ...form } = connectionInput(world.full, { name: `${mine.name} (theirs)` });
    const res = await call(app, modifier, 'PUT', `/api/entra/connections/${mine.id}`, form);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      (await call(app, modifier, 'POST', '/api/entra/connections', connectionInput(world.full))).statusCode,
    ).toBe(403);
  });
});
