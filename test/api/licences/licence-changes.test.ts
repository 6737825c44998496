import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LicenceChangeView, UserLicencesView } from '../../../src/contracts/api/licence-changes.js';
import { queryRows } from '../../../src/store/index.js';
import { call, givenAgent } from '../access/fixtures.js';
import { EMS, SPB, startLicenceWorld, type LicenceWorld } from './licence-world.js';

/**
 * Licence changes from the desk, end to end against the emulator: queued by the API, sent by the
 * app's own worker (`licences.send-changes`), confirmed by Microsoft, then shown on the user.
 */
let w: LicenceWorld;

beforeAll(async () => {
  w = await startLicenceWorld({ workers: true, people: 8 });
  w.s.person(20, {}); // no usage location
  w.s.person(21, {}); // no usage location, customer default used
  w.s.person(22, { usageLocation: 'GB' });
  await w.importUsers();
}, 90_000);
afterAll(async () => {
  await w?.close();
});

const request = async (n: number, body: Record<string, unknown>) =>
  call(w.app, w.admin, 'POST', `/api/users/${await w.deskId(n)}/licence-changes`, body);
const licencesOf = async (n: number) =>
  (await call(w.app, w.admin, 'GET', `/api/users/${await w.deskId(n)}/licences`)).json() as UserLicencesView;
const emulatorLicences = (n: number) =>
  (w.tenant().users.get(w.s.id(n))!.props.assignedLicenses as { skuId: string }[]).map((l) => l.skuId);
const deskSeats = async (skuId: string) =>
  (
    await queryRows<{ consumed_units: number }>(
      w.app.deps.db,
      sql`select consumed_units from customer_licences where tenant_id = ${w.s.tenantId} and sku_id = ${skuId}`,
    )
  )[0]!.consumed_units;

describe('assigning a licence from the desk', () => {
  it('queues the change, sends it, and shows the licence once Microsoft confirmed it', async () => {
    const before = { microsoft: w.seats(EMS).consumed, desk: await deskSeats(EMS) };
    const res = await request(1, { operation: 'assign', skuId: EMS });
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json() as LicenceChangeView;
    expect(queued).toMatchObject({
      operation: 'assign',
      skuId: EMS,
      skuName: 'Enterprise Mobility + Security E3',
    });
    expect(['pending', 'running', 'succeeded']).toContain(queued.status);
    expect(queued.requestedBy?.id).toBe(w.admin.accountId);

    const done = await w.settled(queued.id);
    expect(done).toMatchObject({ status: 'succeeded', error: null, attempts: 1 });
    expect(emulatorLicences(1)).toEqual([EMS]);
    expect(w.seats(EMS).consumed).toBe(before.microsoft + 1);
    expect(await deskSeats(EMS)).toBe(before.desk + 1);
    const shown = await licencesOf(1);
    expect(shown.licences).toEqual([
      { skuId: EMS, name: 'Enterprise Mobility + Security E3', viaGroup: false, disabledPlans: [] },
    ]);
    expect(shown.managedBy?.connectionId).toBe(w.s.connectionId);

    // The Outbound Requests log of the connection shows the request and Microsoft's answer.
    const log = await call(
      w.app,
      w.admin,
      'GET',
      `/api/entra/connections/${w.s.connectionId}/outbound/${queued.id}`,
    );
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json()).toMatchObject({
      kind: 'licence.assign',
      status: 'succeeded',
      request: { method: 'POST', url: `/users/${w.s.id(1)}/assignLicense` },
      response: { status: 200 },
    });
  });

  it('asking twice while the first is waiting queues one change, not two', async () => {
    const [a, b] = await Promise.all([
      request(2, { operation: 'assign', skuId: EMS }),
      request(2, { operation: 'assign', skuId: EMS }),
    ]);
    expect(a.statusCode).toBe(202);
    const ids = new Set([a.json().id, b.statusCode === 202 ? b.json().id : a.json().id]);
    await w.settled(a.json().id);
    const changes = await call(w.app, w.admin, 'GET', `/api/licence-changes?userId=${await w.deskId(2)}`);
    const items = changes.json().items as LicenceChangeView[];
    // Either the second found the first waiting, or it came after it and was refused as held.
    expect(items.filter((c) => c.status === 'succeeded')).toHaveLength(1);
    expect(ids.size === 1 || b.statusCode === 409).toBe(true);
    expect(emulatorLicences(2)).toEqual([EMS]);
  });

  it('fails visibly when no seats are left, naming the licence and the seats, and changes nothing', async () => {
    const sku = w.tenant().skus.get(SPB)!;
    sku.prepaidUnits.enabled = sku.consumedUnits; // every seat taken
    const res = await request(3, { operation: 'assign', skuId: SPB });
    expect(res.statusCode, res.body).toBe(202);
    const done = await w.settled(res.json().id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({
      code: 'Request_BadRequest.NoAvailableLicenses',
      title: 'No licences left',
    });
    expect(done.error!.message).toContain('Microsoft 365 Business Premium');
    expect(done.error!.message).toMatch(/seats assigned/);
    expect(done.error!.howToFix).toMatch(/Buy more seats/);
    expect(emulatorLicences(3)).toEqual([]);
    expect((await licencesOf(3)).licences).toEqual([]);
    sku.prepaidUnits.enabled = sku.consumedUnits + 5;
  });

  it('sets the customer default usage location first when the user has none', async () => {
    await w.app.deps.db.execute(
      sql`update customers set default_usage_location = 'NZ' where id = ${w.customerId}`,
    );
    const res = await request(21, { operation: 'assign', skuId: EMS });
    const done = await w.settled(res.json().id);
    expect(done).toMatchObject({ status: 'succeeded', usageLocationSet: 'NZ' });
    expect(w.tenant().users.get(w.s.id(21))!.props.usageLocation).toBe('NZ');
    expect(emulatorLicences(21)).toEqual([EMS]);
    await w.app.deps.db.execute(
      sql`update customers set default_usage_location = null where id = ${w.customerId}`,
    );
  });

  it('without a default usage location, fails saying what to set', async () => {
    const res = await request(20, { operation: 'assign', skuId: EMS });
    const done = await w.settled(res.json().id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'Request_BadRequest.UsageLocationMissing' });
    expect(done.error!.howToFix).toMatch(/usage location/i);
    expect(emulatorLicences(20)).toEqual([]);
  });
});

describe('removing a licence from the desk', () => {
  it('removes a direct licence and frees the seat', async () => {
    await w.settled((await request(4, { operation: 'assign', skuId: EMS })).json().id);
    const before = w.seats(EMS).consumed;
    const done = await w.settled((await request(4, { operation: 'remove', skuId: EMS })).json().id);
    expect(done).toMatchObject({ status: 'succeeded', operation: 'remove' });
    expect(emulatorLicences(4)).toEqual([]);
    expect(w.seats(EMS).consumed).toBe(before - 1);
    expect((await licencesOf(4)).licences).toEqual([]);
  });

  it('refuses a licence inherited from a group before queuing anything, and says why', async () => {
    const group = w.s.group('Licensed staff', { people: [5] });
    w.world.emu.estate.setLicenses(
      w.tenant(),
      w.s.id(5),
      [{ skuId: EMS, disabledPlans: [], assignedByGroup: group }],
      [],
    );
    await w.importUsers();
    expect((await licencesOf(5)).licences).toEqual([expect.objectContaining({ skuId: EMS, viaGroup: true })]);
    const res = await request(5, { operation: 'remove', skuId: EMS });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/through a group/);
    expect(emulatorLicences(5)).toEqual([EMS]);
  });

  it('reports Microsoft refusing a group licence the desk did not know about', async () => {
    // The desk shows a direct licence; Microsoft has moved it to a group since the last sync.
    await w.settled((await request(6, { operation: 'assign', skuId: EMS })).json().id);
    const group = w.s.group('Moved', { people: [6] });
    w.world.emu.estate.setLicenses(
      w.tenant(),
      w.s.id(6),
      [{ skuId: EMS, disabledPlans: [], assignedByGroup: group }],
      [{ skuId: EMS }],
    );
    const done = await w.settled((await request(6, { operation: 'remove', skuId: EMS })).json().id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'Request_BadRequest.LicenceInheritedFromGroup' });
    expect(emulatorLicences(6)).toEqual([EMS]);
  });
});

describe('what the desk refuses before queuing', () => {
  it('licences already held, licences not held, and SKUs the tenant does not have', async () => {
    await w.settled((await request(7, { operation: 'assign', skuId: EMS })).json().id);
    const held = await request(7, { operation: 'assign', skuId: EMS });
    expect(held.statusCode).toBe(409);
    expect(held.json().message).toMatch(/already holds/);
    const notHeld = await request(7, { operation: 'remove', skuId: SPB });
    expect(notHeld.statusCode).toBe(409);
    expect(notHeld.json().message).toMatch(/does not hold/);
    const unknown = await request(7, { operation: 'assign', skuId: '11111111-2222-3333-4444-555555555555' });
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json().errors).toEqual([{ field: 'skuId', message: 'licence.unknown' }]);
  });

  it('names the field of a malformed request', async () => {
    const res = await request(7, { operation: 'give', skuId: 'E3' });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['operation', 'skuId']);
  });
});

describe('who may change licences', () => {
  it('refuses agents without licences.manage, and lets customers.read holders see the changes', async () => {
    const reader = await givenAgent(w.app.deps.db, { permissions: ['customers.read'] });
    const userId = await w.deskId(8);
    const refused = await call(w.app, reader, 'POST', `/api/users/${userId}/licence-changes`, {
      operation: 'assign',
      skuId: EMS,
    });
    expect(refused.statusCode).toBe(403);
    expect((await call(w.app, reader, 'GET', `/api/users/${userId}/licences`)).statusCode).toBe(200);
    expect((await call(w.app, reader, 'GET', `/api/licence-changes`)).statusCode).toBe(200);
    const nobody = await givenAgent(w.app.deps.db, { permissions: [] });
    expect((await call(w.app, nobody, 'GET', `/api/licence-changes`)).statusCode).toBe(403);
    expect((await call(w.app, nobody, 'GET', `/api/users/${userId}/licences`)).statusCode).toBe(403);
  });
});
