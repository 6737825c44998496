import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DIRECTORY_REFUSAL_CODES,
  type NewDirectoryUser,
} from '../../../src/contracts/onboarding/directory.js';
import { createDirectoryUser, findAddressesInUse, readDirectoryUser } from '../../../src/microsoft/index.js';
import { counted, startProvisioningFixture, type ProvisioningFixture } from './emulated-graph.js';

const PASSWORD = 'Kx7!mQv2#pLr9zTw';
const starter = (overrides: Partial<NewDirectoryUser> = {}): NewDirectoryUser => ({
  userPrincipalName: 'jane.doe@contoso.com',
  mailNickname: 'jane.doe',
  displayName: 'Jane Doe',
  givenName: 'Jane',
  surname: 'Doe',
  jobTitle: 'Analyst',
  department: 'Finance',
  usageLocation: 'GB',
  accountEnabled: false,
  password: PASSWORD,
  forceChangePasswordNextSignIn: true,
  employeeId: 'REQ-42',
  ...overrides,
});

let f: ProvisioningFixture;
beforeAll(async () => {
  f = await startProvisioningFixture();
});
afterAll(() => f.emu.close());
beforeEach(() => f.reset());

describe('createDirectoryUser', () => {
  it('creates the user with one request and never logs the password', async () => {
    const created = await createDirectoryUser(f.graph, starter());
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value.userPrincipalName).toBe('jane.doe@contoso.com');
    const stored = f.fx.tenant.users.get(created.value.id)!;
    expect(stored.props).toMatchObject({ accountEnabled: false, employeeId: 'REQ-42', usageLocation: 'GB' });
    expect(created.request).toMatchObject({
      method: 'POST',
      url: '/users',
      body: { passwordProfile: { password: '[redacted]', forceChangePasswordNextSignIn: true } },
    });
    expect(created.response).toEqual({ status: 201, body: created.value });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
    expect(counted(f, 'POST /users')).toBe(1);
  });

  it('says which name clashed, so the caller can try its next fallback', async () => {
    const upn = await createDirectoryUser(f.graph, starter({ userPrincipalName: 'meganb@contoso.com' }));
    expect(upn.ok).toBe(false);
    if (upn.ok) return;
    expect(upn.refusal.code).toBe(DIRECTORY_REFUSAL_CODES.upnTaken);
    expect(upn.response).toMatchObject({ status: 400, body: { error: { code: 'Request_BadRequest' } } });

    // Adele holds adele@contoso.onmicrosoft.com as a secondary address, not as her sign-in name.
    const address = await createDirectoryUser(
      f.graph,
      starter({ userPrincipalName: 'adele@contoso.onmicrosoft.com', mailNickname: 'adele' }),
    );
    expect(address.ok).toBe(false);
    if (address.ok) return;
    expect(address.refusal.code).toBe(DIRECTORY_REFUSAL_CODES.addressTaken);
    expect(JSON.stringify([upn, address])).not.toContain(PASSWORD);
  });

  it('refuses a weak password in plain words, still without logging it', async () => {
    const weak = await createDirectoryUser(f.graph, starter({ password: 'password' }));
    expect(weak.ok).toBe(false);
    if (weak.ok) return;
    expect(weak.refusal).toMatchObject({ code: 'Request_BadRequest.WeakPassword', retryable: false });
    expect(JSON.stringify(weak.request)).not.toContain('"password":"password"');
  });
});

describe('readDirectoryUser', () => {
  it('reads the user by id or name with the selected properties', async () => {
    const byName = await readDirectoryUser(f.graph, 'AdeleV@contoso.com');
    expect(byName).toMatchObject({
      ok: true,
      value: {
        id: f.fx.users.adele,
        userPrincipalName: 'AdeleV@contoso.com',
        accountEnabled: true,
        usageLocation: 'GB',
        employeeId: 'E001',
        mail: 'AdeleV@contoso.com',
        proxyAddresses: ['SMTP:AdeleV@contoso.com', 'smtp:adele@contoso.onmicrosoft.com'],
      },
    });
    expect(byName.request?.url).toContain('$select=id%2CuserPrincipalName');
  });

  it('answers null (not a failure) while a new user has not replicated, then the user', async () => {
    f.emu.behaviour.graph.newUserReplication = { requests: 2, seconds: 0 };
    const created = await createDirectoryUser(f.graph, starter());
    if (!created.ok) throw new Error('create failed');
    const first = await readDirectoryUser(f.graph, created.value.id);
    expect(first).toMatchObject({ ok: true, value: null, response: { status: 404 } });
    expect(await readDirectoryUser(f.graph, created.value.userPrincipalName)).toMatchObject({
      ok: true,
      value: null,
    });
    const third = await readDirectoryUser(f.graph, created.value.id);
    expect(third).toMatchObject({ ok: true, value: { id: created.value.id, employeeId: 'REQ-42' } });
    expect(counted(f, 'GET /users/{id}')).toBe(3);
  });
});

describe('findAddressesInUse', () => {
  it('finds UPNs, mail and smtp proxy addresses of users and groups in any case, with one request for six candidates', async () => {
    const taken = await findAddressesInUse(f.graph, [
      'MeganB@contoso.com',
      'adele@CONTOSO.onmicrosoft.com',
      'allstaff@contoso.com',
      'free.one@contoso.com',
      'adams@contoso.com',
      'zoe@fabrikam.com',
    ]);
    expect(taken).toMatchObject({
      ok: true,
      value: [
        'adams@contoso.com',
        'adele@contoso.onmicrosoft.com',
        'allstaff@contoso.com',
        'meganb@contoso.com',
        'zoe@fabrikam.com',
      ],
    });
    expect(f.sent).toEqual(['POST /v1.0/$batch']);
    expect(counted(f, 'POST /$batch')).toBe(1);
    expect(counted(f, 'GET /users')).toBe(2);
    expect(counted(f, 'GET /groups')).toBe(2);
  });

  it('escapes quotes, answers one request for a few candidates, and nothing for none', async () => {
    const taken = await findAddressesInUse(f.graph, [
      'a@contoso.com',
      'DiegoS@contoso.com',
      "o'brien@contoso.com",
    ]);
    expect(taken).toMatchObject({ ok: true, value: ['diegos@contoso.com'] });
    expect(f.sent).toHaveLength(1);
    expect(await findAddressesInUse(f.graph, [' '])).toEqual({
      ok: true,
      value: [],
      request: null,
      response: null,
    });
    expect(f.sent).toHaveLength(1);
  });

  it('counts SIP addresses (Teams sign-in) as in use too', async () => {
    f.emu.estate.updateUser(f.fx.tenant, f.fx.users.megan, {
      proxyAddresses: ['SMTP:MeganB@contoso.com', 'SIP:megan.teams@contoso.com'],
    });
    const taken = await findAddressesInUse(f.graph, ['Megan.Teams@contoso.com', 'megan.free@contoso.com']);
    expect(taken).toMatchObject({ ok: true, value: ['megan.teams@contoso.com'] });
  });

  it('sees a user created a moment ago only once it has replicated', async () => {
    f.emu.behaviour.graph.newUserReplication = { requests: 1, seconds: 0 };
    await createDirectoryUser(f.graph, starter());
    expect(await findAddressesInUse(f.graph, ['jane.doe@contoso.com'])).toMatchObject({
      ok: true,
      value: [],
    });
    expect(await findAddressesInUse(f.graph, ['jane.doe@contoso.com'])).toMatchObject({
      ok: true,
      value: ['jane.doe@contoso.com'],
    });
  });
});
