import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ASSIGN_LICENSE_RESPONSE } from '../../partner-center/examples.js';
import { call, createFixture, IDS, SKUS, type Fixture } from '../../partner-center/fixtures.js';

const WRITE = ['LicenseAssignment.ReadWrite.All'];

let f: Fixture;
beforeAll(async () => {
  f = await createFixture();
});
beforeEach(() => f.reset());
afterAll(() => f.emu.close());

describe('POST /v1.0/users/{id}/assignLicense', () => {
  let token: string;
  beforeAll(async () => {
    token = await f.graph(IDS.fabrikam, WRITE);
  });

  const assign = (user: string, body: unknown) =>
    call(f.emu, 'POST', `/v1.0/users/${user}/assignLicense`, token, { body });
  const consumed = (skuId: string) => f.fabrikam.skus.get(skuId)!.consumedUnits;

  it('answers 200 with the user object, as Microsoft documents it', async () => {
    const res = await assign(IDS.alice, {
      addLicenses: [{ skuId: SKUS.SPB.skuId, disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(res.status).toBe(200);
    for (const key of Object.keys(ASSIGN_LICENSE_RESPONSE)) expect(res.body).toHaveProperty(key);
    expect(res.body.assignedLicenses).toEqual([{ skuId: SKUS.SPB.skuId, disabledPlans: [] }]);
    expect(res.body.id).toBe(IDS.alice);
    expect(consumed(SKUS.SPB.skuId)).toBe(1);
  });

  it('works by user principal name', async () => {
    const res = await assign('alice@fabrikam.onmicrosoft.com', {
      addLicenses: [{ skuId: SKUS.EMS.skuId }],
      removeLicenses: [],
    });
    expect(res.status).toBe(200);
  });

  it('hands out seats until none are left, then refuses; a removal gives the seat back', async () => {
    const spb = { addLicenses: [{ skuId: SKUS.SPB.skuId, disabledPlans: [] }], removeLicenses: [] };
    for (const user of [IDS.alice, IDS.bob, IDS.carol]) expect((await assign(user, spb)).status).toBe(200);
    expect(consumed(SKUS.SPB.skuId)).toBe(3);

    f.emu.estate.updateUser(f.fabrikam, IDS.dave, { usageLocation: 'GB' });
    const full = await assign(IDS.dave, spb);
    expect(full.status).toBe(400);
    expect(full.body.error).toMatchObject({
      code: 'Request_BadRequest',
      message: `Subscription with SKU ${SKUS.SPB.skuId} does not have any available licenses.`,
    });

    const removed = await assign(IDS.alice, { addLicenses: [], removeLicenses: [SKUS.SPB.skuId] });
    expect(removed.status).toBe(200);
    expect(removed.body.assignedLicenses).toEqual([]);
    expect(consumed(SKUS.SPB.skuId)).toBe(2);
    expect((await assign(IDS.dave, spb)).status).toBe(200);
  });

  it('re-assigning a held SKU only changes disabled plans and takes no seat', async () => {
    const plan = SKUS.SPB.servicePlans[0]!.servicePlanId;
    await assign(IDS.alice, { addLicenses: [{ skuId: SKUS.SPB.skuId }], removeLicenses: [] });
    const res = await assign(IDS.alice, {
      addLicenses: [{ skuId: SKUS.SPB.skuId, disabledPlans: [plan] }],
      removeLicenses: [],
    });
    expect(res.body.assignedLicenses).toEqual([{ skuId: SKUS.SPB.skuId, disabledPlans: [plan] }]);
    expect(consumed(SKUS.SPB.skuId)).toBe(1);
  });

  it('keeps licenseAssignmentStates; a licence inherited from a group cannot be removed from the user', async () => {
    const group = '8a4f0b1e-0c3c-4d8e-9d6a-2f1b3c4d5e6f';
    f.emu.estate.setLicenses(
      f.fabrikam,
      IDS.alice,
      [{ skuId: SKUS.SPB.skuId, disabledPlans: [], assignedByGroup: group }],
      [],
    );
    expect(consumed(SKUS.SPB.skuId)).toBe(1);
    const refused = await assign(IDS.alice, { addLicenses: [], removeLicenses: [SKUS.SPB.skuId] });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'Request_BadRequest',
      message:
        'User license is inherited from group membership and cannot be removed directly from the user.',
    });

    // Held both ways: removing the direct grant leaves the inherited one (and the seat) in place.
    const both = await assign(IDS.alice, { addLicenses: [{ skuId: SKUS.SPB.skuId }], removeLicenses: [] });
    expect(both.body.licenseAssignmentStates).toEqual([
      expect.objectContaining({ skuId: SKUS.SPB.skuId, assignedByGroup: group, state: 'Active' }),
      expect.objectContaining({ skuId: SKUS.SPB.skuId, assignedByGroup: null, state: 'Active' }),
    ]);
    expect(consumed(SKUS.SPB.skuId)).toBe(1);
    const direct = await assign(IDS.alice, { addLicenses: [], removeLicenses: [SKUS.SPB.skuId] });
    expect(direct.status).toBe(200);
    expect(direct.body.assignedLicenses).toEqual([{ skuId: SKUS.SPB.skuId, disabledPlans: [] }]);
    expect(direct.body.licenseAssignmentStates).toEqual([
      expect.objectContaining({ skuId: SKUS.SPB.skuId, assignedByGroup: group }),
    ]);
    expect(consumed(SKUS.SPB.skuId)).toBe(1);
  });

  it('needs a usage location', async () => {
    const res = await assign(IDS.dave, { addLicenses: [{ skuId: SKUS.SPB.skuId }], removeLicenses: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'License assignment cannot be done for user with invalid usage location.',
    );
    expect(consumed(SKUS.SPB.skuId)).toBe(0);
  });

  it('refuses SKUs the tenant does not have and plans the SKU does not contain', async () => {
    const unknown = await assign(IDS.alice, {
      addLicenses: [{ skuId: SKUS.SPE_E5.skuId }],
      removeLicenses: [],
    });
    expect(unknown.body.error.message).toBe(
      `License ${SKUS.SPE_E5.skuId} does not correspond to a valid company License.`,
    );
    const badPlan = await assign(IDS.alice, {
      addLicenses: [{ skuId: SKUS.SPB.skuId, disabledPlans: ['00000000-0000-0000-0000-000000000000'] }],
      removeLicenses: [],
    });
    expect(badPlan.status).toBe(400);
    expect(badPlan.body.error.message).toContain('00000000-0000-0000-0000-000000000000');
  });

  it('has no seats to give from a suspended SKU', async () => {
    const res = await assign(IDS.alice, {
      addLicenses: [{ skuId: SKUS.INTUNE_A.skuId }],
      removeLicenses: [],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('does not have any available licenses');
  });

  it('requires both addLicenses and removeLicenses', async () => {
    const res = await assign(IDS.alice, { addLicenses: [{ skuId: SKUS.SPB.skuId }] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('removeLicenses');
  });

  it('needs a write permission and a live user', async () => {
    const reader = await f.graph(IDS.fabrikam, ['User.Read.All']);
    const denied = await call(f.emu, 'POST', `/v1.0/users/${IDS.alice}/assignLicense`, reader, {
      body: { addLicenses: [], removeLicenses: [] },
    });
    expect(denied.status).toBe(403);
    const missing = await assign('99999999-0000-4000-8000-000000000000', {
      addLicenses: [],
      removeLicenses: [],
    });
    expect(missing.status).toBe(404);
  });

  it('frees the seat when the user is deleted', async () => {
    await assign(IDS.alice, { addLicenses: [{ skuId: SKUS.SPB.skuId }], removeLicenses: [] });
    f.emu.estate.softDeleteUser(f.fabrikam, IDS.alice);
    const skus = await call(
      f.emu,
      'GET',
      '/v1.0/subscribedSkus',
      await f.graph(IDS.fabrikam, ['Directory.Read.All']),
    );
    const spb = skus.body.value.find((s: { skuId: string }) => s.skuId === SKUS.SPB.skuId);
    expect(spb.consumedUnits).toBe(0);
  });
});

describe('GET /v1.0/users/{id}/licenseDetails', () => {
  it('lists one entry per SKU with disabled plans marked Disabled', async () => {
    const plan = SKUS.EMS.servicePlans[1]!.servicePlanId;
    f.emu.estate.setLicenses(f.fabrikam, IDS.alice, [{ skuId: SKUS.EMS.skuId, disabledPlans: [plan] }], []);
    const res = await call(
      f.emu,
      'GET',
      `/v1.0/users/${IDS.alice}/licenseDetails`,
      await f.graph(IDS.fabrikam, ['User.Read.All']),
    );
    expect(res.status).toBe(200);
    expect(res.body.value).toHaveLength(1);
    const detail = res.body.value[0];
    expect(detail).toMatchObject({ skuId: SKUS.EMS.skuId, skuPartNumber: 'EMS', id: expect.any(String) });
    const statuses = Object.fromEntries(
      detail.servicePlans.map((p: { servicePlanId: string; provisioningStatus: string }) => [
        p.servicePlanId,
        p.provisioningStatus,
      ]),
    );
    expect(statuses[plan]).toBe('Disabled');
    expect(Object.values(statuses).filter((s) => s === 'Success')).toHaveLength(
      SKUS.EMS.servicePlans.length - 1,
    );
  });
});
