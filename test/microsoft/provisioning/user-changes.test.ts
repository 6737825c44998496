import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIRECTORY_REFUSAL_CODES } from '../../../src/contracts/onboarding/directory.js';
import {
  assignUserLicences,
  createDirectoryUser,
  deleteDirectoryUser,
  readDirectoryUser,
  revokeUserSessions,
  setUserManager,
  updateDirectoryUser,
} from '../../../src/microsoft/index.js';
import { counted, EMS, SPB, startProvisioningFixture, type ProvisioningFixture } from './emulated-graph.js';

let f: ProvisioningFixture;
beforeAll(async () => {
  f = await startProvisioningFixture();
});
afterAll(() => f.emu.close());
beforeEach(() => f.reset());

const newUser = async (usageLocation?: string) => {
  const created = await createDirectoryUser(f.graph, {
    userPrincipalName: 'sam.new@contoso.com',
    mailNickname: 'sam.new',
    displayName: 'Sam New',
    givenName: 'Sam',
    surname: 'New',
    accountEnabled: false,
    password: 'Kx7!mQv2#pLr9zTw',
    forceChangePasswordNextSignIn: true,
    ...(usageLocation ? { usageLocation } : {}),
  });
  if (!created.ok) throw new Error(created.refusal.title);
  return created.value.id;
};

describe('setUserManager', () => {
  it('sets the manager; a new user not replicated yet is retryable, an unknown manager is not', async () => {
    expect(await setUserManager(f.graph, f.fx.users.zoe, f.fx.users.adele)).toMatchObject({
      ok: true,
      request: { method: 'PUT', url: `/users/${f.fx.users.zoe}/manager/$ref` },
      response: { status: 204 },
    });
    expect(f.fx.tenant.users.get(f.fx.users.zoe)!.managerId).toBe(f.fx.users.adele);

    f.emu.behaviour.graph.newUserReplication = { requests: 1, seconds: 0 };
    const userId = await newUser();
    const early = await setUserManager(f.graph, userId, f.fx.users.adele);
    expect(early).toMatchObject({
      ok: false,
      refusal: { code: DIRECTORY_REFUSAL_CODES.notReplicatedYet, retryable: true },
      response: { status: 404 },
    });
    expect(await setUserManager(f.graph, userId, f.fx.users.adele)).toMatchObject({ ok: true });

    const gone = await setUserManager(f.graph, userId, 'deadbeef-0000-4000-8000-000000000000');
    expect(gone).toMatchObject({
      ok: false,
      refusal: { code: 'Request_ResourceNotFound', retryable: false },
    });
  });
});

describe('assignUserLicences', () => {
  it('assigns and removes in one request and answers the licences held afterwards', async () => {
    const userId = await newUser('GB');
    const assigned = await assignUserLicences(f.graph, userId, {
      add: [{ skuId: SPB }, { skuId: EMS }],
      remove: [],
    });
    expect(assigned).toMatchObject({ ok: true, value: { skuIds: [EMS, SPB].sort() } });
    expect(counted(f, 'POST /users/{id}/assignLicense')).toBe(1);
    const removed = await assignUserLicences(f.graph, userId, { add: [], remove: [EMS] });
    expect(removed).toMatchObject({ ok: true, value: { skuIds: [SPB] } });
    expect(f.fx.tenant.skus.get(EMS)!.consumedUnits).toBe(0);
  });

  it('names the licence that has no seat left and says to buy or free one', async () => {
    const userId = await newUser('GB');
    await assignUserLicences(f.graph, f.fx.users.megan, { add: [{ skuId: EMS }], remove: [] });
    const full = await assignUserLicences(f.graph, userId, { add: [{ skuId: EMS }], remove: [] });
    expect(full.ok).toBe(false);
    if (full.ok) return;
    expect(full.refusal).toMatchObject({ code: DIRECTORY_REFUSAL_CODES.noSeatsLeft, retryable: false });
    expect(full.refusal.whatHappened).toContain(EMS);
    expect(full.refusal.howToFix).toMatch(/buy more seats.*free one.*retry/i);
    expect(full.refusal.microsoftMessage).toBe(
      `Subscription with SKU ${EMS} does not have any available licenses.`,
    );
    expect(full.response).toMatchObject({ status: 400 });
  });

  it('refuses a user without usage location, then works once it is set', async () => {
    const userId = await newUser();
    const refused = await assignUserLicences(f.graph, userId, { add: [{ skuId: SPB }], remove: [] });
    expect(refused).toMatchObject({
      ok: false,
      refusal: { code: DIRECTORY_REFUSAL_CODES.usageLocationMissing },
    });
    const invalid = await updateDirectoryUser(f.graph, userId, { usageLocation: 'Britain' });
    expect(invalid).toMatchObject({
      ok: false,
      refusal: { code: DIRECTORY_REFUSAL_CODES.invalidUsageLocation },
    });
    expect(await updateDirectoryUser(f.graph, userId, { usageLocation: 'GB' })).toMatchObject({
      ok: true,
      request: { method: 'PATCH', body: { usageLocation: 'GB' } },
      response: { status: 204 },
    });
    expect(await assignUserLicences(f.graph, userId, { add: [{ skuId: SPB }], remove: [] })).toMatchObject({
      ok: true,
      value: { skuIds: [SPB] },
    });
  });
});

describe('leaver steps', () => {
  it('blocks sign-in, revokes sessions and deletes; deleting again counts as done', async () => {
    expect(await updateDirectoryUser(f.graph, f.fx.users.megan, { accountEnabled: false })).toMatchObject({
      ok: true,
    });
    expect(f.fx.tenant.users.get(f.fx.users.megan)!.props.accountEnabled).toBe(false);

    const revoked = await revokeUserSessions(f.graph, f.fx.users.megan);
    expect(revoked).toMatchObject({ ok: true, response: { status: 200, body: { value: true } } });
    expect(f.fx.tenant.users.get(f.fx.users.megan)!.props.signInSessionsValidFromDateTime).toEqual(
      expect.any(String),
    );

    expect(await deleteDirectoryUser(f.graph, f.fx.users.megan)).toMatchObject({
      ok: true,
      value: { alreadyGone: false },
      response: { status: 204 },
    });
    expect(await deleteDirectoryUser(f.graph, f.fx.users.megan)).toMatchObject({
      ok: true,
      value: { alreadyGone: true },
    });
    expect(await readDirectoryUser(f.graph, f.fx.users.megan)).toMatchObject({ ok: true, value: null });
    expect(counted(f, 'DELETE /users/{id}')).toBe(2);
  });

  it('reports a refused revoke in plain words', async () => {
    await f.grant(['User.Read.All']);
    expect(await revokeUserSessions(f.graph, f.fx.users.megan)).toMatchObject({
      ok: false,
      refusal: { code: 'Authorization_RequestDenied' },
      response: { status: 403 },
    });
  });
});
