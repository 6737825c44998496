import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CspSubscriptionView,
  CustomerLicenceView,
  LicenceSummaryView,
} from '../../../src/contracts/api/csp-licences.js';
import { queryRows } from '../../../src/store/index.js';
import { call, givenAgent, type Caller } from '../access/fixtures.js';
import {
  getJson,
  givenDeskCustomer,
  mapTenant,
  partnerCenterOf,
  pcCustomer,
  runLicencesNow,
  type LicenceRun,
  setConnectionImportType,
  startLicenceWorld,
  type LicenceWorld,
} from './licences-fixtures.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number | null;
}

let world: LicenceWorld;
let alpha: string;
let t1: string;
let t2: string;
let t3: string;

beforeAll(async () => {
  world = await startLicenceWorld({ tenants: 3, jobs: true });
  [t1, t2, t3] = world.customerTenantIds as [string, string, string];
  const db = world.app.deps.db;
  alpha = await givenDeskCustomer(db, 'Alpha');
  // Two tenants of one customer, and a third the partner does not import.
  await mapTenant(db, world.connection.id, t1, alpha);
  await mapTenant(db, world.connection.id, t2, alpha);
  await mapTenant(db, world.connection.id, t3, null);
  // A second licence (with its CSP subscription) in the first tenant, bought through the partner.
  const added = await world.emu.inject({
    method: 'POST',
    url: `/_emulator/tenants/${t1}/skus`,
    body: { sku: 'EMS', enabled: 7 },
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
}, 60_000);
afterAll(() => world?.close());

const skusOf = (tenantId: string) => [...world.emu.estate.tenant(tenantId)!.skus.values()];
const subscriptionsOf = (tenantId: string) => [
  ...(partnerCenterOf(world.emu).subscriptions.get(tenantId)?.values() ?? []),
];

async function licencesOf(customerId: string, query = ''): Promise<CustomerLicenceView[]> {
  const page = await getJson<Page<CustomerLicenceView>>(
    world,
    world.admin,
    `/api/customers/${customerId}/licences?limit=200${query}`,
  );
  return page.items;
}

async function subscriptionsOfCustomer(customerId: string, query = ''): Promise<CspSubscriptionView[]> {
  const page = await getJson<Page<CspSubscriptionView>>(
    world,
    world.admin,
    `/api/customers/${customerId}/subscriptions?limit=200${query}`,
  );
  return page.items;
}

/** What a run read, from its counts: `licences` (SKUs), `subscriptions`, or both. */
const reads = (run: LicenceRun) => [...new Set(Object.keys(run.counts).map((k) => k.split('.')[0]!))].sort();

/** What a re-run with nothing to do must leave untouched. */
async function deskFingerprint() {
  const [row] = await queryRows<{ licences: string; subscriptions: string; log: number }>(
    world.app.deps.db,
    sql`select (select coalesce(max(updated_at)::text, '') from customer_licences) as licences,
               (select coalesce(max(updated_at)::text, '') from csp_subscriptions) as subscriptions,
               (select count(*)::int from inbound_log) as log`,
  );
  return row;
}

describe('licences module: importing SKUs and subscriptions from Partner Center', () => {
  it('imports every subscribed SKU of both tenants of a customer by default, and skips do-not-import', async () => {
    const results = await runLicencesNow(world);
    const byTenant = Object.fromEntries(results.map((r) => [r.tenantId, r]));
    // Only the tenants mapped to a customer are queued: the do-not-import one is not run at all.
    expect(Object.keys(byTenant).sort()).toEqual([t1, t2].sort());
    expect(byTenant[t1]).toMatchObject({ status: 'succeeded', error: null });
    expect(byTenant[t2]).toMatchObject({ status: 'succeeded' });
    expect(reads(byTenant[t1]!)).toEqual(['licences']);

    const licences = await licencesOf(alpha);
    const expected = [...skusOf(t1).map((s) => ({ t: t1, s })), ...skusOf(t2).map((s) => ({ t: t2, s }))];
    expect(licences).toHaveLength(expected.length);
    for (const { t, s } of expected) {
      const licence = licences.find((l) => l.tenantId === t && l.skuId === s.skuId);
      const total = s.prepaidUnits.enabled + s.prepaidUnits.warning;
      expect(licence, `${s.skuPartNumber} of ${t}`).toMatchObject({
        skuPartNumber: s.skuPartNumber,
        friendlyName: s.displayName,
        capabilityStatus: s.capabilityStatus,
        totalUnits: total,
        consumedUnits: s.consumedUnits,
        availableUnits: Math.max(0, total - s.consumedUnits),
        suspendedUnits: s.prepaidUnits.suspended,
        source: 'partnerCenter',
        tenantName: world.emu.estate.tenant(t)!.displayName,
        removedAt: null,
      });
    }
    // "All subscribed SKUs" reads no subscriptions.
    expect(await subscriptionsOfCustomer(alpha)).toEqual([]);
    expect(world.emu.counters.total({ route: 'GET /v1/customers/{id}/subscriptions' })).toBe(0);
    // Nothing of the do-not-import tenant.
    const [t3Rows] = await queryRows<{ n: number }>(
      world.app.deps.db,
      sql`select count(*)::int as n from customer_licences where tenant_id = ${t3}`,
    );
    expect(t3Rows?.n).toBe(0);
  });

  it('shows the customer record’s figures: users synced, subscriptions, seats available, last sync', async () => {
    const summary = await getJson<LicenceSummaryView>(
      world,
      world.admin,
      `/api/customers/${alpha}/licence-summary`,
    );
    const licences = await licencesOf(alpha);
    expect(summary.licences).toBe(licences.length);
    expect(summary.seatsAvailable).toBe(licences.reduce((n, l) => n + l.availableUnits, 0));
    expect(summary.lastSyncAt).not.toBeNull();
    expect(summary.tenants.map((t) => t.tenantId).sort()).toEqual([t1, t2].sort());
    expect(summary.tenants.every((t) => t.lastError === null && t.lastSuccessAt !== null)).toBe(true);
  });

  it('a re-run with nothing changed writes nothing', async () => {
    const before = await deskFingerprint();
    const results = await runLicencesNow(world);
    for (const r of results) {
      expect(r.counts).toMatchObject({ 'licences.created': 0, 'licences.updated': 0, 'licences.removed': 0 });
    }
    expect(await deskFingerprint()).toEqual(before);
  });

  it('imports subscriptions too when the connection says both, and only subscriptions for an overriding tenant', async () => {
    await setConnectionImportType(world, 'both');
    await mapTenant(world.app.deps.db, world.connection.id, t2, alpha, 'subscriptions');
    const licencesBefore = await licencesOf(alpha);
    const results = await runLicencesNow(world);
    expect(reads(results.find((r) => r.tenantId === t1)!)).toEqual(['licences', 'subscriptions']);
    expect(reads(results.find((r) => r.tenantId === t2)!)).toEqual(['subscriptions']);

    const subscriptions = await subscriptionsOfCustomer(alpha);
    const expected = [...subscriptionsOf(t1), ...subscriptionsOf(t2)];
    expect(subscriptions).toHaveLength(expected.length);
    for (const sub of expected) {
      const p = sub.props as Record<string, unknown>;
      expect(subscriptions.find((s) => s.subscriptionId === sub.props.id.toLowerCase())).toMatchObject({
        offerId: p.offerId,
        offerName: p.offerName,
        quantity: p.quantity,
        status: p.status,
        termDuration: p.termDuration,
        billingCycle: p.billingCycle,
        autoRenew: p.autoRenewEnabled,
        startDate: String(p.effectiveStartDate).slice(0, 10),
        commitmentEndDate: String(p.commitmentEndDate).slice(0, 10),
      });
    }
    // The tenant that now reads only subscriptions keeps its SKUs as they were (not read, not removed).
    expect(await licencesOf(alpha)).toEqual(licencesBefore);
    await mapTenant(world.app.deps.db, world.connection.id, t2, alpha, null);
  });

  it('marks a SKU and a subscription Microsoft no longer returns as removed, and follows seat changes', async () => {
    const tenant = world.emu.estate.tenant(t1)!;
    const [gone, changed] = skusOf(t1);
    expect(gone && changed).toBeTruthy();
    tenant.skus.delete(gone!.skuId);
    changed!.prepaidUnits.enabled += 3;
    const [cancelled] = subscriptionsOf(t1);
    partnerCenterOf(world.emu).subscriptions.get(t1)!.delete(cancelled!.props.id);

    const results = await runLicencesNow(world, [t1]);
    expect(results[0]!.counts).toMatchObject({
      'licences.removed': 1,
      'licences.updated': 1,
      'subscriptions.removed': 1,
    });
    const current = await licencesOf(alpha);
    expect(current.find((l) => l.skuId === gone!.skuId && l.tenantId === t1)).toBeUndefined();
    expect(current.find((l) => l.skuId === changed!.skuId && l.tenantId === t1)?.totalUnits).toBe(
      changed!.prepaidUnits.enabled + changed!.prepaidUnits.warning,
    );
    const withRemoved = await licencesOf(alpha, '&includeRemoved=true');
    expect(withRemoved.find((l) => l.skuId === gone!.skuId && l.tenantId === t1)?.removedAt).not.toBeNull();
    const subs = await subscriptionsOfCustomer(alpha, '&includeRemoved=true');
    expect(
      subs.find((s) => s.subscriptionId === cancelled!.props.id.toLowerCase())?.removedAt,
    ).not.toBeNull();

    // The inbound log says what happened, with the run.
    const log = await queryRows<{ action: string; entity_type: string }>(
      world.app.deps.db,
      sql`select action, entity_type from inbound_log where sync_run_id = ${results[0]!.runId} order by action`,
    );
    expect(log.map((e) => `${e.entity_type}:${e.action}`).sort()).toEqual(
      ['licence:remove', 'licence:update', 'subscription:remove'].sort(),
    );

    // Bought again: the same row comes back.
    tenant.skus.set(gone!.skuId, gone!);
    await runLicencesNow(world, [t1]);
    const back = (await licencesOf(alpha)).filter((l) => l.skuId === gone!.skuId && l.tenantId === t1);
    expect(back).toHaveLength(1);
    expect(back[0]!.removedAt).toBeNull();
  });

  it('converges when Partner Center throttles mid-run (429 + Retry-After), without duplicates', async () => {
    const before = await deskFingerprint();
    const counts = await licencesOf(alpha, '&includeRemoved=true');
    const skuReadsBefore = world.emu.counters.total({ route: 'GET /v1/customers/{id}/subscribedskus' });
    world.emu.faults.add({
      service: 'partnercenter',
      route: 'GET /v1/customers/{id}/subscribedskus',
      action: { type: 'status', status: 429, retryAfterSeconds: 1 },
      skip: 1,
      times: 2,
    });
    const results = await runLicencesNow(world);
    expect(results.filter((r) => r.status === 'succeeded')).toHaveLength(2);
    expect(await licencesOf(alpha, '&includeRemoved=true')).toEqual(counts);
    expect(await deskFingerprint()).toEqual(before);
    // Partner Center saw the throttled attempts and their retries: one SKU read per tenant plus two.
    expect(
      world.emu.counters.total({ route: 'GET /v1/customers/{id}/subscribedskus' }) - skuReadsBefore,
    ).toBe(4);
  }, 30_000);

  it('one tenant Forbidden (reseller relationship ended) fails with guide 002’s explanation; the other succeeds', async () => {
    pcCustomer(world.emu, t1).relationshipToPartner = 'none';
    try {
      const results = await runLicencesNow(world);
      const failed = results.find((r) => r.tenantId === t1)!;
      expect(failed.status).toBe('failed');
      expect(failed.error?.code).toBe('licences.forbidden');
      expect(failed.error?.message).toMatch(/reseller relationship/);
      expect(results.find((r) => r.tenantId === t2)?.status).toBe('succeeded');
      const summary = await getJson<LicenceSummaryView>(
        world,
        world.admin,
        `/api/customers/${alpha}/licence-summary`,
      );
      expect(summary.tenants.find((t) => t.tenantId === t1)?.lastError?.code).toBe('licences.forbidden');
      // Nothing of the failing tenant was marked removed.
      expect((await licencesOf(alpha)).some((l) => l.tenantId === t1)).toBe(true);
    } finally {
      pcCustomer(world.emu, t1).relationshipToPartner = 'reseller';
    }
  });
});

describe('licences on the customer record: editing, removing, permissions', () => {
  let reader: Caller;
  let writer: Caller;
  let nobody: Caller;

  beforeAll(async () => {
    const db = world.app.deps.db;
    reader = await givenAgent(db, { permissions: ['customers.read'] });
    writer = await givenAgent(db, { permissions: ['customers.read', 'customers.write'] });
    nobody = await givenAgent(db, { permissions: [] });
  });

  it('edits extra data, refuses imported fields by name, and keeps extra through a sync', async () => {
    const [licence] = await licencesOf(alpha);
    const url = `/api/customers/${alpha}/licences/${licence!.id}`;
    const refused = await call(world.app, writer, 'PATCH', url, { extra: {}, totalUnits: 99 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual({
      field: 'totalUnits',
      message: expect.stringMatching(/read-only/),
    });
    const badDate = await call(world.app, writer, 'PATCH', url, { extra: { installDate: 'tomorrow' } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe('extra.installDate');

    const ok = await call(world.app, writer, 'PATCH', url, {
      extra: { installDate: '2024-05-01', reference: 'PO-1234' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().extra).toEqual({ installDate: '2024-05-01', reference: 'PO-1234' });
    const cleared = await call(world.app, writer, 'PATCH', url, { extra: { reference: null } });
    expect(cleared.json().extra).toEqual({ installDate: '2024-05-01' });

    await runLicencesNow(world);
    const after = (await licencesOf(alpha)).find((l) => l.id === licence!.id);
    expect(after?.extra).toEqual({ installDate: '2024-05-01' });
  });

  it('only an administrator removes an imported licence or subscription', async () => {
    await setConnectionImportType(world, 'both');
    await runLicencesNow(world);
    const [licence] = await licencesOf(alpha);
    const [subscription] = await subscriptionsOfCustomer(alpha);
    const licenceUrl = `/api/customers/${alpha}/licences/${licence!.id}`;
    const subscriptionUrl = `/api/customers/${alpha}/subscriptions/${subscription!.id}`;
    expect((await call(world.app, writer, 'DELETE', licenceUrl)).statusCode).toBe(403);
    expect((await call(world.app, writer, 'DELETE', subscriptionUrl)).statusCode).toBe(403);
    expect((await call(world.app, world.admin, 'DELETE', licenceUrl)).statusCode).toBe(204);
    expect((await call(world.app, world.admin, 'DELETE', subscriptionUrl)).statusCode).toBe(204);
    expect((await call(world.app, world.admin, 'DELETE', licenceUrl)).statusCode).toBe(404);
    const audit = await queryRows<{ action: string }>(
      world.app.deps.db,
      sql`select action from audit_events where action in ('licence.delete', 'subscription.delete')`,
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['licence.delete', 'subscription.delete']);
  });

  it('refuses each route to a caller without its permission', async () => {
    const [licence] = await licencesOf(alpha);
    const [subscription] = await subscriptionsOfCustomer(alpha);
    const base = `/api/customers/${alpha}`;
    const reads = [
      `${base}/licence-summary`,
      `${base}/licences`,
      `${base}/licences/${licence!.id}/users`,
      `${base}/subscriptions`,
    ];
    for (const url of reads) {
      expect((await call(world.app, nobody, 'GET', url)).statusCode, url).toBe(403);
      expect((await call(world.app, null, 'GET', url)).statusCode, url).toBe(401);
      expect((await call(world.app, reader, 'GET', url)).statusCode, url).toBe(200);
    }
    const edits = [`${base}/licences/${licence!.id}`, `${base}/subscriptions/${subscription!.id}`];
    for (const url of edits) {
      expect((await call(world.app, reader, 'PATCH', url, { extra: { notes: 'x' } })).statusCode, url).toBe(
        403,
      );
      expect((await call(world.app, reader, 'DELETE', url)).statusCode, url).toBe(403);
    }
    const run = `/api/csp/connections/${world.connection.id}/licences/run`;
    expect((await call(world.app, writer, 'POST', run, {})).statusCode).toBe(403);
    expect((await call(world.app, null, 'POST', run, {})).statusCode).toBe(401);
  });

  it('pages and searches licences', async () => {
    const all = await licencesOf(alpha);
    const first = await getJson<Page<CustomerLicenceView>>(
      world,
      reader,
      `/api/customers/${alpha}/licences?limit=1`,
    );
    expect(first.items).toHaveLength(1);
    expect(first.total).toBe(all.length);
    if (all.length > 1) {
      expect(first.nextCursor).not.toBeNull();
      const second = await getJson<Page<CustomerLicenceView>>(
        world,
        reader,
        `/api/customers/${alpha}/licences?limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`,
      );
      expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    }
    const term = all[0]!.skuPartNumber.slice(0, 3).toLowerCase();
    const found = await licencesOf(alpha, `&search=${encodeURIComponent(term)}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((l) => `${l.friendlyName} ${l.skuPartNumber}`.toLowerCase().includes(term))).toBe(
      true,
    );
  });
});
