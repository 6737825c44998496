import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  QuantityChangeView,
  SubscriptionQuantityView,
} from '../../../src/contracts/api/csp-subscriptions.js';
import type { PcSubscriptionWithPending } from '../../../src/emulator/partner-center/records.js';
import { createSubscriptionJobDeps } from '../../../src/api/integrations/subscriptions/quantity-changes.js';
import { createSweepQuantityChangesHandler } from '../../../src/jobs/handlers/subscriptions.js';
import { createSubscriptionChangeRepository, queryRows } from '../../../src/store/index.js';
import { call, givenAgent } from '../access/fixtures.js';
import { startSubscriptionWorld, type SubscriptionWorld } from './subscription-world.js';

let w: SubscriptionWorld;
let subs: PcSubscriptionWithPending[];

const PATCH = { service: 'partnercenter', route: 'PATCH /v1/customers/{id}/subscriptions/{id}' } as const;
const GET_ONE = { service: 'partnercenter', route: 'GET /v1/customers/{id}/subscriptions/{id}' } as const;
const counts = () => ({ patch: w.emu.counters.total(PATCH), get: w.emu.counters.total(GET_ONE) });

beforeAll(async () => {
  w = await startSubscriptionWorld();
  // Four of the tenant's subscriptions: two bought two days ago (window open), two a month ago.
  subs = w.pcSubscriptions().filter((s) => s.props.status === 'active');
  if (subs.length < 4) {
    for (const sku of ['EMS', 'SPB', 'SPE_E3', 'AAD_PREMIUM'].slice(0, 4 - subs.length)) {
      const res = await w.emu.inject({
        method: 'POST',
        url: `/_emulator/tenants/${w.tenantId}/skus`,
        body: { sku, enabled: 10 },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    subs = w.pcSubscriptions().filter((s) => s.props.status === 'active');
  }
  expect(subs.length).toBeGreaterThanOrEqual(4);
  w.purchasedDaysAgo(subs[0]!, 2);
  w.purchasedDaysAgo(subs[1]!, 2);
  w.purchasedDaysAgo(subs[2]!, 30);
  w.purchasedDaysAgo(subs[3]!, 2);
  for (const s of subs) if (s.props.quantity < 5) s.props.quantity = 5;
  await w.importSubscriptions();
}, 90_000);
afterAll(() => w?.close());
afterEach(() => {
  w.emu.behaviour.partnerCenter.slowPatchMs = 0;
});

async function requestQuantity(rowId: string, quantity: number, caller = w.admin) {
  return call(w.app, caller, 'POST', `/api/csp/subscriptions/${rowId}/quantity`, { quantity });
}

async function queued(rowId: string, quantity: number): Promise<QuantityChangeView> {
  const res = await requestQuantity(rowId, quantity);
  expect(res.statusCode, res.body).toBe(202);
  return res.json() as QuantityChangeView;
}

describe('adjusting a CSP subscription quantity', () => {
  it('adds seats at any time: one GET and one PATCH, and the desk shows the new quantity at once', async () => {
    const sub = subs[2]!; // bought a month ago: decreases closed, increases fine
    const row = await w.deskRow(sub.props.id);
    const before = counts();
    const change = await queued(row.id, row.quantity + 3);
    expect(change).toMatchObject({
      status: 'pending',
      fromQuantity: row.quantity,
      toQuantity: row.quantity + 3,
    });
    const done = await w.settled(change.id);
    expect(done).toMatchObject({ status: 'succeeded', quantity: row.quantity + 3, error: null });
    expect(sub.props.quantity).toBe(row.quantity + 3);
    expect((await w.deskRow(sub.props.id)).quantity).toBe(row.quantity + 3);
    expect(counts()).toEqual({ patch: before.patch + 1, get: before.get + 1 });
  });

  it('removes seats inside the 7-day window', async () => {
    const sub = subs[0]!;
    const row = await w.deskRow(sub.props.id);
    const view = (
      await call(w.app, w.admin, 'GET', `/api/csp/subscriptions/${row.id}/quantity`)
    ).json() as SubscriptionQuantityView;
    expect(view).toMatchObject({ newCommerce: true, window: { kind: 'open' }, blockedBy: null });
    const done = await w.settled((await queued(row.id, row.quantity - 2)).id);
    expect(done).toMatchObject({ status: 'succeeded', quantity: row.quantity - 2 });
    expect(sub.props.quantity).toBe(row.quantity - 2);
    expect((await w.deskRow(sub.props.id)).quantity).toBe(row.quantity - 2);
  });

  it('refuses a decrease outside the window before sending anything, naming the reopen date', async () => {
    const sub = subs[2]!;
    const row = await w.deskRow(sub.props.id);
    const view = (
      await call(w.app, w.admin, 'GET', `/api/csp/subscriptions/${row.id}/quantity`)
    ).json() as SubscriptionQuantityView;
    const renewal = String(sub.props.commitmentEndDate).slice(0, 10);
    expect(view.window).toMatchObject({ kind: 'closed' });
    expect(view.window.kind === 'closed' && view.window.reopensAt?.slice(0, 10)).toBe(renewal);
    const before = counts();
    const res = await requestQuantity(row.id, row.quantity - 1);
    expect(res.statusCode, res.body).toBe(409);
    const body = res.json() as { message: string; errors: { field: string; message: string }[] };
    expect(body.message).toContain(`from ${row.quantity} seats to ${row.quantity - 1}`);
    expect(body.message).toContain(`Decreases reopen on ${renewal}`);
    expect(body.errors).toEqual([{ field: 'quantity', message: 'subscription.decreaseWindowClosed' }]);
    expect(counts()).toEqual(before);
    const [{ n }] = (await queryRows<{ n: number }>(
      w.app.deps.db,
      sql`select count(*)::int as n from outbound_actions where subject_id = ${row.id} and status = 'pending'`,
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('refuses 0 and non-numbers, naming the field', async () => {
    const row = await w.deskRow(subs[0]!.props.id);
    const zero = await requestQuantity(row.id, 0);
    expect(zero.statusCode).toBe(400);
    expect(zero.body).toContain('0 would cancel the subscription');
    const text = await call(w.app, w.admin, 'POST', `/api/csp/subscriptions/${row.id}/quantity`, {
      quantity: 'ten',
    });
    expect(text.statusCode).toBe(400);
    expect(text.body).toContain('quantity');
  });

  it("fails with Microsoft's words when Partner Center refuses (the desk's dates were behind)", async () => {
    const sub = subs[3]!;
    const row = await w.deskRow(sub.props.id);
    // Partner Center knows better than the desk's last import: bought 40 days ago.
    w.purchasedDaysAgo(sub, 40);
    const before = counts();
    const done = await w.settled((await queued(row.id, row.quantity - 1)).id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'PartnerCenter.800090', title: 'Seats cannot be reduced now' });
    expect(done.error!.message).toContain('Microsoft said');
    expect(done.error!.howToFix).toMatch(/renewal/);
    expect(sub.props.quantity).toBe(row.quantity);
    expect((await w.deskRow(sub.props.id)).quantity).toBe(row.quantity);
    expect(counts().patch).toBe(before.patch + 1);
    // The Outbound Requests log keeps what was sent and what came back.
    const [logged] = await queryRows<{
      request: { method: string; body: unknown };
      response: { status: number };
    }>(w.app.deps.db, sql`select request, response from outbound_actions where id = ${done.id}`);
    expect(logged).toMatchObject({
      request: { method: 'PATCH', body: { quantity: row.quantity - 1 } },
      response: { status: 400 },
    });
  });

  it('explains a refusal of a subscription suspended since the last import', async () => {
    const sub = subs[3]!;
    const row = await w.deskRow(sub.props.id);
    sub.props.status = 'suspended';
    try {
      const done = await w.settled((await queued(row.id, row.quantity + 1)).id);
      expect(done).toMatchObject({
        status: 'failed',
        error: { code: 'PartnerCenter.2001', title: 'Subscription is suspended' },
      });
      expect(done.error!.howToFix).toContain('Reactivate the subscription in Partner Center');
    } finally {
      sub.props.status = 'active';
    }
  });

  it('polls a 202 + Location to completion', async () => {
    w.emu.behaviour.partnerCenter.slowPatchMs = 700;
    const sub = subs[1]!;
    const row = await w.deskRow(sub.props.id);
    const before = counts();
    const done = await w.settled((await queued(row.id, row.quantity + 1)).id);
    expect(done).toMatchObject({ status: 'succeeded', quantity: row.quantity + 1 });
    expect(sub.props.quantity).toBe(row.quantity + 1);
    expect((await w.deskRow(sub.props.id)).quantity).toBe(row.quantity + 1);
    const after = counts();
    expect(after.patch).toBe(before.patch + 1);
    // The first GET, then polls of the Location until the new quantity showed.
    expect(after.get - before.get).toBeGreaterThanOrEqual(2);
    const [{ result }] = (await queryRows<{ result: Record<string, unknown> }>(
      w.app.deps.db,
      sql`select result from outbound_actions where id = ${done.id}`,
    )) as [{ result: Record<string, unknown> }];
    expect(result).toMatchObject({ longRunning: true, quantity: row.quantity + 1 });
  });

  it('queues a repeated request once while it is in flight, and refuses a different one meanwhile', async () => {
    w.emu.behaviour.partnerCenter.slowPatchMs = 1500;
    const sub = subs[1]!;
    const row = await w.deskRow(sub.props.id);
    const before = counts();
    const first = await queued(row.id, row.quantity + 2);
    const again = await queued(row.id, row.quantity + 2);
    expect(again.id).toBe(first.id);
    const other = await requestQuantity(row.id, row.quantity + 5);
    expect(other.statusCode, other.body).toBe(409);
    expect(other.body).toContain('still being sent');
    expect((await w.settled(first.id)).status).toBe('succeeded');
    expect(counts().patch).toBe(before.patch + 1);
    expect(sub.props.quantity).toBe(row.quantity + 2);
  });

  it('never changes the quantity twice when a job runs again, even after a crash mid-way', async () => {
    const sub = subs[2]!;
    const row = await w.deskRow(sub.props.id);
    const done = await w.settled((await queued(row.id, row.quantity + 1)).id);
    expect(done.status).toBe('succeeded');
    const before = counts();
    // The same job again (a redelivery): the change is settled, nothing is sent.
    await w.app.deps.jobs!.enqueue('subscriptions.send-quantity', { actionId: done.id });
    // A worker that died after Partner Center took the PATCH but before recording it.
    await w.app.deps.db.execute(
      sql`update outbound_actions set status = 'running', completed_at = null where id = ${done.id}`,
    );
    await w.app.deps.jobs!.enqueue('subscriptions.send-quantity', { actionId: done.id });
    const again = await w.settled(done.id);
    await sleep(300);
    expect(again.status).toBe('succeeded');
    expect(sub.props.quantity).toBe(row.quantity + 1);
    const after = counts();
    expect(after.patch).toBe(before.patch);
    expect(after.get).toBe(before.get + 1);
    const [{ result }] = (await queryRows<{ result: Record<string, unknown> }>(
      w.app.deps.db,
      sql`select result from outbound_actions where id = ${done.id}`,
    )) as [{ result: Record<string, unknown> }];
    expect(result).toMatchObject({ alreadyAtTarget: true, quantity: row.quantity + 1 });
  });

  it('sends a change left waiting (a process stopped after queuing it) from the minute sweep', async () => {
    const sub = subs[2]!;
    const row = await w.deskRow(sub.props.id);
    // Queued as the API does, but no job was handed to a worker; two minutes pass.
    const queuedChange = await createSubscriptionChangeRepository(w.app.deps.db).queue(
      { subscriptionRowId: row.id, connectionId: w.connection.id, tenantId: w.tenantId },
      {
        customerTenantId: w.tenantId,
        subscriptionId: sub.props.id,
        fromQuantity: row.quantity,
        toQuantity: row.quantity + 1,
      },
      null,
    );
    await w.app.deps.db.execute(
      sql`update outbound_actions set updated_at = now() - interval '5 minutes' where id = ${queuedChange.id}`,
    );
    const deps = createSubscriptionJobDeps({
      db: w.app.deps.db,
      secrets: async () => w.app.deps.secrets,
      microsoft: w.app.deps.microsoft,
      now: () => new Date(),
    });
    const sweep = createSweepQuantityChangesHandler({ ...deps, queue: w.app.deps.jobs! });
    await sweep(
      {},
      { id: 'sweep', name: 'subscriptions.sweep-quantity', attempt: 1, signal: new AbortController().signal },
    );
    expect((await w.settled(queuedChange.id)).status).toBe('succeeded');
    expect(sub.props.quantity).toBe(row.quantity + 1);
  });

  it("shows the change on the connection's Outbound Requests log", async () => {
    const res = await call(
      w.app,
      w.admin,
      'GET',
      `/api/csp/connections/${w.connection.id}/outbound?limit=50`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('subscription.quantity');
  });
});

describe('who may adjust quantities', () => {
  it('refuses agents without licences.manage, and lets customers.read holders see the window', async () => {
    const reader = await givenAgent(w.app.deps.db, { permissions: ['customers.read'] });
    const row = await w.deskRow(subs[2]!.props.id);
    const refused = await requestQuantity(row.id, row.quantity + 1, reader);
    expect(refused.statusCode).toBe(403);
    const seen = await call(w.app, reader, 'GET', `/api/csp/subscriptions/${row.id}/quantity`);
    expect(seen.statusCode, seen.body).toBe(200);
    const nobody = await givenAgent(w.app.deps.db, { permissions: [] });
    expect((await call(w.app, nobody, 'GET', `/api/csp/subscriptions/${row.id}/quantity`)).statusCode).toBe(
      403,
    );
  });
});
