import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../../src/emulator/identity/passwords.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import { startEmulator } from '../../../support/emulator.js';
import { CONTOSO_ID, createDirectoryFixture, graphClient, type DirectoryFixture } from '../fixtures.js';

const example = JSON.parse(
  readFileSync('/work/shared/reference/microsoft-examples/05-users-create.json', 'utf8'),
) as { request_body: Record<string, unknown>; body: Record<string, unknown> };

const valid = (overrides: Record<string, unknown> = {}) => ({
  accountEnabled: true,
  displayName: 'Pradeep Gupta',
  mailNickname: 'PradeepG',
  userPrincipalName: 'PradeepG@contoso.com',
  passwordProfile: { forceChangePasswordNextSignIn: true, password: 'xWwvJ]6NMw+bWH-d' },
  ...overrides,
});

describe('POST /users', () => {
  let emu: Emulator;
  let fx: DirectoryFixture;
  let graph: Awaited<ReturnType<typeof graphClient>>;

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'empty' });
  });
  afterAll(() => emu.close());
  beforeEach(async () => {
    emu.estate.clear();
    fx = createDirectoryFixture(emu);
    graph = await graphClient(emu, CONTOSO_ID, ['User.ReadWrite.All']);
  });

  const create = (body: unknown) => graph.send('POST', '/users', body);
  const errorOf = async (body: unknown) => {
    const res = await create(body);
    expect(res.status).toBe(400);
    return (res.body as { error: Record<string, unknown> }).error;
  };

  it('creates a user and answers 201 in the shape of Microsoft example 05', async () => {
    const before = emu.clock.now();
    const res = await create({
      ...example.request_body,
      userPrincipalName: 'AdeleV2@contoso.onmicrosoft.com',
    });
    expect(res.status).toBe(201);
    const body = res.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(Object.keys(example.body).sort());
    expect(body['@odata.context']).toMatch(/\$metadata#users\/\$entity$/);
    expect(body).toMatchObject({
      displayName: 'Adele Vance',
      mail: null,
      userPrincipalName: 'AdeleV2@contoso.onmicrosoft.com',
    });
    const stored = fx.tenant.users.get(String(body.id))!;
    expect(stored.props).toMatchObject({
      userType: 'Member',
      accountEnabled: true,
      mailNickname: 'AdeleV',
      proxyAddresses: [],
    });
    // Stamped by the emulator's clock at creation, to the second as Graph does.
    const created = String(stored.props.createdDateTime);
    expect(created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(created)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(created)).toBeLessThanOrEqual(emu.clock.now());
    expect(stored.props).not.toHaveProperty('passwordProfile');
    expect(verifyPassword('xWwvJ]6NMw+bWH-d', stored.passwordHash)).toBe(true);
    const read = await graph.get(`/users/${String(body.id)}?$select=passwordProfile,userType`);
    expect(read.body).toMatchObject({ passwordProfile: null, userType: 'Member' });
  });

  it('keeps a given mail as the primary proxy address', async () => {
    const res = await create(
      valid({ mail: 'pradeep@contoso.com', usageLocation: 'NL', department: 'Finance' }),
    );
    const stored = fx.tenant.users.get(String((res.body as { id: string }).id))!;
    expect(stored.props).toMatchObject({
      mail: 'pradeep@contoso.com',
      proxyAddresses: ['SMTP:pradeep@contoso.com'],
      usageLocation: 'NL',
    });
  });

  it('refuses a duplicate userPrincipalName, also when another object holds it as a proxy address', async () => {
    expect(await errorOf(valid({ userPrincipalName: 'adelev@contoso.com' }))).toMatchObject({
      code: 'Request_BadRequest',
      message: 'Another object with the same value for property userPrincipalName already exists.',
      details: [{ code: 'ObjectConflict', target: 'userPrincipalName' }],
    });
    expect(await errorOf(valid({ userPrincipalName: 'adele@contoso.onmicrosoft.com' }))).toMatchObject({
      code: 'Request_BadRequest',
      message: 'Another object with the same value for property proxyAddresses already exists.',
      details: [
        { code: 'ObjectConflict', target: 'proxyAddresses' },
        { code: 'ConflictingObjects', target: fx.users.adele },
      ],
    });
    expect(await errorOf(valid({ mail: 'allstaff@contoso.com' }))).toMatchObject({
      details: [{ code: 'ObjectConflict', target: 'proxyAddresses' }, { target: fx.groups.allStaff }],
    });
  });

  it('refuses unverified domains and malformed UPNs', async () => {
    expect(await errorOf(valid({ userPrincipalName: 'pradeep@gmail.com' }))).toMatchObject({
      code: 'Request_BadRequest',
      message:
        'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
      details: [{ code: 'InvalidValue', target: 'userPrincipalName' }],
    });
    for (const upn of ['pradeep', 'pradeep@', '.pradeep@contoso.com', 'pra deep@contoso.com']) {
      expect(await errorOf(valid({ userPrincipalName: upn }))).toMatchObject({
        message: 'Property userPrincipalName is invalid.',
        details: [{ code: 'InvalidValue', target: 'userPrincipalName' }],
      });
    }
  });

  it('refuses invalid mailNicknames', async () => {
    for (const nick of ['has space', 'a@b', 'semi;colon', 'x'.repeat(65)]) {
      expect(await errorOf(valid({ mailNickname: nick }))).toMatchObject({
        message: "Invalid value specified for property 'mailNickname' of resource 'User'.",
        details: [{ code: 'InvalidValue', target: 'mailNickname' }],
      });
    }
  });

  it('refuses passwords outside the cloud policy', async () => {
    const weak =
      'The specified password does not comply with password complexity requirements. Please provide a different password.';
    for (const password of [
      'Sh0rt!',
      'alllowercase1',
      'NoDigitsOrSymbols',
      'Password1!',
      'P@ssw0rd!23',
      'x'.repeat(257),
    ]) {
      expect(await errorOf(valid({ passwordProfile: { password } }))).toMatchObject({
        code: 'Request_BadRequest',
        message: weak,
      });
    }
    expect((await create(valid({ passwordProfile: { password: 'Correct-Horse-9' } }))).status).toBe(201);
  });

  it('names the missing required property', async () => {
    const { passwordProfile: _p, ...noPassword } = valid();
    expect(await errorOf(noPassword)).toMatchObject({
      code: 'Request_BadRequest',
      message: 'A password must be specified to create a new user.',
    });
    for (const property of ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName']) {
      const body: Record<string, unknown> = valid();
      delete body[property];
      expect(await errorOf(body)).toMatchObject({
        message: `A value is required for property '${property}' of resource 'User'.`,
      });
    }
  });

  it('needs onPremisesImmutableId for a federated domain', async () => {
    const upn = 'fed.user@fabrikam-federated.com';
    expect((await errorOf(valid({ userPrincipalName: upn }))).message).toMatch(/onPremisesImmutableId/);
    expect(
      (await create(valid({ userPrincipalName: upn, onPremisesImmutableId: 'ZmVkdXNlcg==' }))).status,
    ).toBe(201);
  });

  it('refuses unknown, read-only and wrongly typed properties', async () => {
    expect(await errorOf(valid({ shoeSize: 42 }))).toMatchObject({ code: 'BadRequest' });
    expect(await errorOf(valid({ createdDateTime: '2020-01-01T00:00:00Z' }))).toMatchObject({
      message: "Property 'createdDateTime' is read-only and cannot be set.",
    });
    expect(await errorOf(valid({ accountEnabled: 'yes' }))).toMatchObject({ code: 'BadRequest' });
  });

  it('binds a manager with manager@odata.bind and refuses binds it does not know', async () => {
    const res = await create(
      valid({ 'manager@odata.bind': `https://graph.microsoft.com/v1.0/users/${fx.users.adele}` }),
    );
    expect(res.status).toBe(201);
    expect(fx.tenant.users.get(String((res.body as { id: string }).id))!.managerId).toBe(fx.users.adele);
    const unknown = await create(
      valid({
        userPrincipalName: 'x2@contoso.com',
        'manager@odata.bind': 'https://graph.microsoft.com/v1.0/users/nobody',
      }),
    );
    expect(unknown.status).toBe(404);
    const other = await create(valid({ userPrincipalName: 'x3@contoso.com', 'memberOf@odata.bind': [] }));
    expect(other.status).toBe(400);
  });

  it('needs a write permission', async () => {
    const reader = await graphClient(emu, CONTOSO_ID, ['User.Read.All']);
    const res = await reader.send('POST', '/users', valid());
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });
});
