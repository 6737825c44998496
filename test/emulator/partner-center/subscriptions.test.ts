import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { keysOf, SUBSCRIPTIONS_LIST } from './examples.js';
import { call, createFixture, DAY_MS, IDS, SKUS, type Fixture } from './fixtures.js';

let f: Fixture;
let token: string;
beforeAll(async () => {
  f = await createFixture();
});
// Tests move the clock by days: fresh estate and token each time.
beforeEach(async () => {
  f.reset();
  f.emu.behaviour.partnerCenter.slowPatchMs = 0;
  token = await f.pc();
});
afterAll(() => f.emu.close());

const SUBS = `/partnercenter/v1/customers/${IDS.fabrikam}/subscriptions`;
const get = (id: string) => call(f.emu, 'GET', `${SUBS}/${id}`, token);
const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  call(f.emu, 'PATCH', `${SUBS}/${id}`, token, { body, headers });
const prepaid = (skuId: string) => f.fabrikam.skus.get(skuId)!.prepaidUnits.enabled;

describe('GET subscriptions', () => {
  it('lists a customer’s subscriptions in the documented shape', async () => {
    const res = await call(f.emu, 'GET', SUBS, token);
    expect(res.status).toBe(200);
    expect(keysOf(res.body)).toEqual([...keysOf(SUBSCRIPTIONS_LIST), 'links'].sort());
    expect(res.body.totalCount).toBe(3);
    const example = SUBSCRIPTIONS_LIST.items[0]!;
    for (const item of res.body.items) {
      for (const key of keysOf(example)) expect(item).toHaveProperty(key);
      expect(keysOf(item.links)).toEqual(keysOf(example.links));
      expect(item.attributes).toEqual({ etag: expect.any(String), objectType: 'Subscription' });
    }
    const spb = res.body.items.find((s: { id: string }) => s.id === IDS.spbSub);
    expect(spb).toMatchObject({ quantity: 3, status: 'active', offerName: 'Microsoft 365 Business Premium' });
    expect(spb.offerId).toMatch(/^CFQ7TTC0LCHC:0002:/);
  });

  it('gets one subscription and 404s unknown ones', async () => {
    expect((await get(IDS.spbSub)).body.id).toBe(IDS.spbSub);
    const missing = await get('99999999-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(20003);
    const noCustomer = await call(f.emu, 'GET', '/partnercenter/v1/customers/nobody/subscriptions', token);
    expect(noCustomer.status).toBe(404);
  });
});

describe('PATCH subscription quantity', () => {
  it('increases at any time, keeping the Graph SKU’s prepaid seats equal to the quantity', async () => {
    const before = (await get(IDS.emsSub)).body;
    const res = await patch(IDS.emsSub, { ...before, quantity: 15 });
    expect(res.status).toBe(200);
    expect(res.body.quantity).toBe(15);
    expect(res.body.attributes.etag).not.toBe(before.attributes.etag);
    expect(prepaid(SKUS.EMS.skuId)).toBe(15);
    const graph = await call(
      f.emu,
      'GET',
      `/v1.0/subscribedSkus/${IDS.fabrikam}_${SKUS.EMS.skuId}`,
      await f.graph(IDS.fabrikam, ['Organization.Read.All']),
    );
    expect(graph.body.prepaidUnits.enabled).toBe(15);
  });

  it('accepts PascalCase property names', async () => {
    const before = (await get(IDS.spbSub)).body;
    const pascal = Object.fromEntries(
      Object.entries({ ...before, quantity: 4 }).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v]),
    );
    const res = await patch(IDS.spbSub, pascal);
    expect(res.status).toBe(200);
    expect(res.body.quantity).toBe(4);
  });

  it('decreases a new-commerce subscription only inside the window after purchase', async () => {
    const spb = (await get(IDS.spbSub)).body;
    const inside = await patch(IDS.spbSub, { ...spb, quantity: 2 });
    expect(inside.status).toBe(200);
    expect(prepaid(SKUS.SPB.skuId)).toBe(2);

    f.emu.clock.advance(6 * DAY_MS);
    token = await f.pc();
    const later = (await get(IDS.spbSub)).body;
    const outside = await patch(IDS.spbSub, { ...later, quantity: 1 });
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ code: 800090, source: 'PartnerFD' });
    expect(prepaid(SKUS.SPB.skuId)).toBe(2);
  });

  it('opens the window again at renewal', async () => {
    const ems = (await get(IDS.emsSub)).body;
    expect((await patch(IDS.emsSub, { ...ems, quantity: 9 })).status).toBe(400);
    // Bought 40 days ago on a yearly term: renewal is ~325 days away.
    f.emu.clock.advance(327 * DAY_MS);
    token = await f.pc();
    const renewed = (await get(IDS.emsSub)).body;
    expect(Date.parse(renewed.commitmentEndDate)).toBeGreaterThan(f.emu.clock.now() + 300 * DAY_MS);
    const res = await patch(IDS.emsSub, { ...renewed, quantity: 9 });
    expect(res.status).toBe(200);
    expect(prepaid(SKUS.EMS.skuId)).toBe(9);
  });

  it('decreases a legacy subscription at any time', async () => {
    const legacy = (await get(IDS.legacySub)).body;
    expect((await patch(IDS.legacySub, { ...legacy, quantity: 1 })).status).toBe(200);
    expect(prepaid(SKUS.ENTERPRISEPACK.skuId)).toBe(1);
  });

  it('answers 412 when If-Match or the body etag is stale', async () => {
    const first = (await get(IDS.spbSub)).body;
    expect(
      (await patch(IDS.spbSub, { ...first, quantity: 5 }, { 'If-Match': first.attributes.etag })).status,
    ).toBe(200);
    const stale = await patch(IDS.spbSub, { ...first, quantity: 6 }, { 'If-Match': first.attributes.etag });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe(2055);
    expect((await patch(IDS.spbSub, { ...first, quantity: 6 })).status).toBe(412);
  });

  it('refuses partial bodies and quantities out of range', async () => {
    expect((await patch(IDS.spbSub, { quantity: 5 })).status).toBe(400);
    const sub = (await get(IDS.spbSub)).body;
    const zero = await patch(IDS.spbSub, { ...sub, quantity: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.code).toBe(2002);
  });

  it('answers 202 + Location when slow and applies the change once the time has passed', async () => {
    f.emu.behaviour.partnerCenter.slowPatchMs = 60_000;
    const sub = (await get(IDS.emsSub)).body;
    const res = await patch(IDS.emsSub, { ...sub, quantity: 12 });
    expect(res.status).toBe(202);
    expect(res.headers.location).toMatch(
      new RegExp(`/partnercenter/v1/customers/${IDS.fabrikam}/subscriptions/${IDS.emsSub}$`),
    );
    expect((await get(IDS.emsSub)).body.quantity).toBe(10);
    expect(prepaid(SKUS.EMS.skuId)).toBe(10);
    expect((await patch(IDS.emsSub, { ...sub, quantity: 13 })).status).toBe(409);

    f.emu.clock.advance(60_000);
    // Graph sees the new seats without Partner Center being read first.
    const graph = await call(
      f.emu,
      'GET',
      `/v1.0/subscribedSkus/${IDS.fabrikam}_${SKUS.EMS.skuId}`,
      await f.graph(IDS.fabrikam, ['Organization.Read.All']),
    );
    expect(graph.body.prepaidUnits.enabled).toBe(12);
    const done = await call(f.emu, 'GET', new URL(res.headers.location!).pathname, token);
    expect(done.body.quantity).toBe(12);
    expect(prepaid(SKUS.EMS.skuId)).toBe(12);
  });

  it('suspending moves the seats to suspended', async () => {
    const sub = (await get(IDS.legacySub)).body;
    const res = await patch(IDS.legacySub, { ...sub, status: 'suspended' });
    expect(res.status).toBe(200);
    const sku = f.fabrikam.skus.get(SKUS.ENTERPRISEPACK.skuId)!;
    expect(sku.prepaidUnits).toMatchObject({ enabled: 0, suspended: 2 });
    expect(sku.capabilityStatus).toBe('Suspended');
  });
});
