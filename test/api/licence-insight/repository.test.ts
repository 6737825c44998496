import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inactiveBefore, renewalWindow } from '../../../src/domain/licences/insight.js';
import { createLicenceInsightRepository } from '../../../src/store/repositories/licence-insight-repository.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { givenLicenceEstate, SKUS } from './fixtures.js';

describe('licence insight repository', () => {
  let app: TestApp;
  let estate: Awaited<ReturnType<typeof givenLicenceEstate>>;
  const now = new Date();
  const cut = inactiveBefore(now, 90);

  beforeAll(async () => {
    app = await startTestApp();
    estate = await givenLicenceEstate(app.deps.db, app.deps.secrets, now);
  });
  afterAll(() => app?.close());

  const repo = () => createLicenceInsightRepository(app.deps.db);

  it('counts the holders of each current licence by state, without the removed one', async () => {
    const rows = await repo().allLicences({ inactiveBefore: cut, customerId: estate.alpha.customer.id });
    const bySku = Object.fromEntries(rows.map((r) => [r.skuId, r]));
    expect(Object.keys(bySku).sort()).toEqual([SKUS.businessPremium, SKUS.exchangePlan1].sort());
    expect(bySku[SKUS.businessPremium]).toMatchObject({
      totalUnits: 15,
      consumedUnits: 12,
      holders: 12,
      heldByDisabled: 2,
      heldByInactive: 3,
      heldByUnknown: 1,
      used: 6,
    });
    expect(bySku[SKUS.exchangePlan1]).toMatchObject({ holders: 2, heldByDisabled: 1, used: 1 });
  });

  it('gives the same counts one page at a time as in the whole list', async () => {
    const all = await repo().allLicences({ inactiveBefore: cut });
    const first = await repo().listLicences({ inactiveBefore: cut }, { limit: 2 });
    expect(first.nextCursor).toBeDefined();
    const second = await repo().listLicences({ inactiveBefore: cut }, { limit: 2, cursor: first.nextCursor });
    const paged = [...first.items, ...second.items];
    expect(paged.map((r) => r.friendlyName)).toEqual([
      'Exchange Online (Plan 1)',
      'Microsoft 365 Business Premium',
      'Microsoft 365 E3',
    ]);
    for (const row of paged) expect(row).toEqual(all.find((r) => r.licenceId === row.licenceId));
    expect(await repo().countLicences({ inactiveBefore: cut }, { search: 'bravo' })).toBe(1);
  });

  it('lists the users behind a count', async () => {
    const page = await repo().listHolders(
      { inactiveBefore: cut, kind: 'inactive', customerId: estate.alpha.customer.id },
      {},
    );
    expect(page.items.map((h) => h.displayName)).toEqual([
      'Alpha User 008',
      'Alpha User 009',
      'Alpha User 011',
    ]);
    expect(page.items[0]!.licences).toEqual([
      { skuId: SKUS.businessPremium, name: 'Microsoft 365 Business Premium', viaGroup: true },
    ]);
    // Users, not holdings: Alpha's user 6 holds two licences and counts once.
    const disabled = await repo().countHolders({ inactiveBefore: cut, kind: 'disabled' }, {});
    expect(disabled).toBe(2);
  });

  it('lists active subscriptions renewing in the window, soonest first', async () => {
    const window = renewalWindow(now, 30);
    const page = await repo().listRenewals(window, {});
    expect(page.items.map((r) => [r.friendlyName, r.autoRenew])).toEqual([
      ['Microsoft 365 Business Premium', true],
      ['Microsoft 365 E3', false],
    ]);
    expect(await repo().countRenewals(window, {})).toEqual({ count: 2, autoRenewOff: 1 });
  });
});
