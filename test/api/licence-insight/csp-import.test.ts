import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CspSubscriptionView, CustomerLicenceView } from '../../../src/contracts/api/csp-licences.js';
import type {
  InsightSummaryView,
  RenewalView,
  SkuInsightView,
} from '../../../src/contracts/api/licence-insight.js';
import {
  getJson,
  givenDeskCustomer,
  mapTenant,
  runLicencesNow,
  setConnectionImportType,
  startLicenceWorld,
  type LicenceWorld,
} from '../csp/licences-fixtures.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number | null;
}

const DAY_MS = 86_400_000;

/**
 * Licence insight over what a real licence import wrote: a CSP partner's customer tenants in the
 * emulator, imported with "both" (SKUs and subscriptions). Its figures must agree with the
 * customer's licences and subscriptions as the existing API lists them.
 */
describe('licence insight after a CSP licence import', () => {
  let world: LicenceWorld;
  let alpha: string;
  let bravo: string;

  beforeAll(async () => {
    world = await startLicenceWorld({ tenants: 3, jobs: true });
    const [t1, t2, t3] = world.customerTenantIds as [string, string, string];
    const db = world.app.deps.db;
    alpha = await givenDeskCustomer(db, 'Alpha');
    bravo = await givenDeskCustomer(db, 'Bravo');
    await mapTenant(db, world.connection.id, t1, alpha);
    await mapTenant(db, world.connection.id, t2, alpha);
    await mapTenant(db, world.connection.id, t3, bravo);
    await setConnectionImportType(world, 'both');
    const results = await runLicencesNow(world);
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  }, 120_000);
  afterAll(() => world?.close());

  const licencesOf = async (customerId: string) =>
    (
      await getJson<Page<CustomerLicenceView>>(
        world,
        world.admin,
        `/api/customers/${customerId}/licences?limit=200`,
      )
    ).items;
  const subscriptionsOf = async (customerId: string) =>
    (
      await getJson<Page<CspSubscriptionView>>(
        world,
        world.admin,
        `/api/customers/${customerId}/subscriptions?limit=200`,
      )
    ).items;

  it('adds up the seats the import wrote, per customer and across all', async () => {
    const all = await getJson<{ summary: InsightSummaryView; skus: Page<SkuInsightView> }>(
      world,
      world.admin,
      '/api/licence-insight?limit=200',
    );
    const licences = [...(await licencesOf(alpha)), ...(await licencesOf(bravo))];
    expect(licences.length).toBeGreaterThan(0);
    const sum = (pick: (l: CustomerLicenceView) => number) => licences.reduce((n, l) => n + pick(l), 0);
    expect(all.summary.customers).toBe(2);
    expect(all.summary.totals).toMatchObject({
      licences: licences.length,
      paid: sum((l) => l.totalUnits),
      assigned: sum((l) => l.consumedUnits),
      unassigned: sum((l) => l.availableUnits),
    });
    expect(all.skus.total).toBe(licences.length);
    // No users imported yet: every assigned seat is untracked, and nothing counts as used.
    expect(all.summary.totals).toMatchObject({ holders: 0, used: 0, untracked: sum((l) => l.consumedUnits) });

    const one = await getJson<{ summary: InsightSummaryView }>(
      world,
      world.admin,
      `/api/licence-insight?customerId=${bravo}`,
    );
    const bravoLicences = await licencesOf(bravo);
    expect(one.summary.totals.paid).toBe(bravoLicences.reduce((n, l) => n + l.totalUnits, 0));
  });

  it('lists the imported subscriptions that renew in the window, with no price yet', async () => {
    const subscriptions = [...(await subscriptionsOf(alpha)), ...(await subscriptionsOf(bravo))];
    expect(subscriptions.length).toBeGreaterThan(0);
    const today = new Date().toISOString().slice(0, 10);
    const until = new Date(Date.now() + 365 * DAY_MS).toISOString().slice(0, 10);
    const expected = subscriptions
      .filter((s) => s.status.toLowerCase() === 'active' && s.commitmentEndDate)
      .filter((s) => s.commitmentEndDate! >= today && s.commitmentEndDate! <= until)
      .map((s) => s.subscriptionId)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const renewals = await getJson<Page<RenewalView>>(
      world,
      world.admin,
      '/api/licence-insight/renewals?renewingWithinDays=365&limit=200',
    );
    expect(renewals.items.map((r) => r.subscriptionId).sort()).toEqual(expected);
    expect(renewals.items.every((r) => r.currency === null && r.monthlyCost === null)).toBe(true);
    const { summary } = await getJson<{ summary: InsightSummaryView }>(
      world,
      world.admin,
      '/api/licence-insight',
    );
    expect(summary.money).toEqual({
      priced: 0,
      unpriced: subscriptions.filter((s) => s.status.toLowerCase() === 'active').length,
      byCurrency: [],
    });
  });
});
