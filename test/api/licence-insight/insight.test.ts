import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import { givenLicenceEstate, SKUS } from './fixtures.js';

describe('licence insight API', () => {
  let app: TestApp;
  let reader: Caller;
  let stranger: Caller;
  let estate: Awaited<ReturnType<typeof givenLicenceEstate>>;

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.deps.db;
    await givenBuiltInRoles(db);
    reader = await givenAgent(db, { permissions: ['customers.read'] });
    stranger = await givenAgent(db, { permissions: ['logs.view'] });
    estate = await givenLicenceEstate(db, app.deps.secrets);
  });
  afterAll(() => app?.close());

  const get = (url: string, who: Caller = reader) => call(app, who, 'GET', url);

  it('refuses an agent without customers.read on every insight route, naming the permission', async () => {
    for (const url of [
      '/api/licence-insight',
      '/api/licence-insight/holders?kind=disabled',
      '/api/licence-insight/renewals',
      '/api/licence-insight/export.csv?report=skus',
    ]) {
      const response = await get(url, stranger);
      expect(response.statusCode, url).toBe(403);
      expect(response.json().message).toContain('customers.read');
    }
    expect((await call(app, null, 'GET', '/api/licence-insight')).statusCode).toBe(401);
  });

  it('sums seats paid, assigned and used across all customers, and names the most wasteful', async () => {
    const response = await get('/api/licence-insight');
    expect(response.statusCode).toBe(200);
    const { summary, skus } = response.json();
    expect(summary).toMatchObject({
      customerId: null,
      inactiveDays: 90,
      renewingWithinDays: 30,
      customers: 2,
      totals: {
        licences: 3,
        paid: 30,
        assigned: 17,
        used: 10,
        unassigned: 13,
        heldByDisabled: 3,
        heldByInactive: 3,
        heldByUnknown: 1,
        holders: 17,
        untracked: 0,
        wasted: 19,
      },
      renewals: { count: 2, autoRenewOff: 1 },
    });
    expect(summary.topCustomers.map((c: { customerName: string; wasted: number }) => c.wasted)).toEqual([
      12, 7,
    ]);
    expect(skus.total).toBe(3);
    expect(skus.items.map((s: { friendlyName: string }) => s.friendlyName)).toEqual([
      'Exchange Online (Plan 1)',
      'Microsoft 365 Business Premium',
      'Microsoft 365 E3',
    ]);
  });

  it('gives monthly money only from priced subscriptions and counts the ones with no price yet', async () => {
    const { summary } = (await get('/api/licence-insight')).json();
    // Business Premium 15 × 18.10 / 20.60 a month; Exchange 5 × 36 / 48 a year; E3 not priced.
    expect(summary.money).toEqual({
      priced: 2,
      unpriced: 1,
      byCurrency: [{ currency: 'GBP', monthlyCost: 286.5, monthlyPrice: 329 }],
    });
  });

  it('narrows to one customer, with a longer inactivity limit when asked', async () => {
    const id = estate.alpha.customer.id;
    const response = await get(`/api/licence-insight?customerId=${id}&inactiveDays=120`);
    const { summary, skus } = response.json();
    expect(summary).toMatchObject({ customerId: id, customers: 1, topCustomers: [] });
    const premium = skus.items.find((s: { skuId: string }) => s.skuId === SKUS.businessPremium);
    // User 11 signed in 100 days ago: inactive at 90 days, used at 120.
    expect(premium).toMatchObject({ paid: 15, assigned: 12, used: 7, heldByInactive: 2, wasted: 7 });
  });

  it('searches and pages the licences', async () => {
    const first = (await get('/api/licence-insight?limit=1&search=microsoft')).json().skus;
    expect(first.total).toBe(2);
    expect(first.items).toHaveLength(1);
    const second = (
      await get(
        `/api/licence-insight?limit=1&search=microsoft&cursor=${encodeURIComponent(first.nextCursor)}`,
      )
    ).json().skus;
    expect([first.items[0].friendlyName, second.items[0].friendlyName]).toEqual([
      'Microsoft 365 Business Premium',
      'Microsoft 365 E3',
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('lists the users behind a number', async () => {
    const id = estate.alpha.customer.id;
    const inactive = (
      await get(`/api/licence-insight/holders?kind=inactive&customerId=${id}&skuId=${SKUS.businessPremium}`)
    ).json();
    expect(inactive.total).toBe(3);
    expect(inactive.items.map((h: { displayName: string }) => h.displayName)).toEqual([
      'Alpha User 008',
      'Alpha User 009',
      'Alpha User 011',
    ]);
    expect(inactive.items[0]).toMatchObject({
      inactive: false,
      licences: [{ skuId: SKUS.businessPremium, name: 'Microsoft 365 Business Premium', viaGroup: true }],
    });
    expect(Date.parse(inactive.items[0].lastSignInAt)).toBeLessThan(Date.now() - 199 * 86_400_000);

    const disabled = (await get(`/api/licence-insight/holders?kind=disabled&customerId=${id}`)).json();
    // One row per user, with every current licence they hold.
    expect(
      disabled.items.map(
        (h: { displayName: string; licences: { name: string }[] }) =>
          `${h.displayName}: ${h.licences.map((l) => l.name).join(' + ')}`,
      ),
    ).toEqual([
      'Alpha User 006: Exchange Online (Plan 1) + Microsoft 365 Business Premium',
      'Alpha User 007: Microsoft 365 Business Premium',
    ]);
    const unknown = (await get('/api/licence-insight/holders?kind=unknown')).json();
    expect(
      unknown.items.map((h: { displayName: string; lastSignInAt: null }) => [h.displayName, h.lastSignInAt]),
    ).toEqual([['Alpha User 010', null]]);
  });

  it('lists renewals in the window soonest first, with money or "no price yet"', async () => {
    const page = (await get('/api/licence-insight/renewals')).json();
    expect(page.total).toBe(2);
    expect(
      page.items.map((r: { friendlyName: string; daysUntil: number; autoRenew: boolean }) => [
        r.friendlyName,
        r.daysUntil,
        r.autoRenew,
      ]),
    ).toEqual([
      ['Microsoft 365 Business Premium', 10, true],
      ['Microsoft 365 E3', 20, false],
    ]);
    expect(page.items[0]).toMatchObject({ currency: 'GBP', monthlyCost: 271.5, monthlyPrice: 309 });
    expect(page.items[1]).toMatchObject({ currency: null, monthlyCost: null, monthlyPrice: null });
    const wider = (await get('/api/licence-insight/renewals?renewingWithinDays=60')).json();
    expect(wider.items.map((r: { daysUntil: number }) => r.daysUntil)).toEqual([10, 20, 45]);
  });

  it('refuses bad input with the field and the fix', async () => {
    const days = await get('/api/licence-insight?inactiveDays=0');
    expect(days.statusCode).toBe(400);
    expect(JSON.stringify(days.json())).toContain(
      'inactiveDays must be a whole number of days from 1 to 3650',
    );
    const kind = await get('/api/licence-insight/holders?kind=gone');
    expect(kind.statusCode).toBe(400);
    expect(JSON.stringify(kind.json())).toContain('kind must be one of disabled, inactive, unknown');
    const report = await get('/api/licence-insight/export.csv?report=money');
    expect(JSON.stringify(report.json())).toContain('report must be one of skus, holders, renewals');
    const missing = await get('/api/licence-insight?customerId=6f0d5a56-2d0a-4c5e-9a57-3f1f1f0f0f0f');
    expect(missing.statusCode).toBe(404);
  });

  it('exports each report as CSV with quoting a spreadsheet reads back', async () => {
    const skus = await get('/api/licence-insight/export.csv?report=skus');
    expect(skus.statusCode).toBe(200);
    expect(skus.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(skus.headers['content-disposition']).toMatch(
      /attachment; filename="rollcall-licence-skus-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = skus.body.split('\r\n');
    expect(lines[0]).toBe(
      'Customer,Tenant,Product,Part number,SKU id,Status,Paid,Assigned,Used,Unassigned,Held by disabled users,Held by inactive users,Held by users never seen signing in,Assigned to users not imported,Wasted',
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(
      `${estate.alpha.customer.name},${estate.alpha.tenantId},Exchange Online (Plan 1),EXCHANGESTANDARD,${SKUS.exchangePlan1},Enabled,5,2,1,3,1,0,0,0,4`,
    );

    const renewals = await get('/api/licence-insight/export.csv?report=renewals&renewingWithinDays=60');
    const rows = renewals.body.trim().split('\r\n');
    expect(rows).toHaveLength(4);
    // A name with a comma and quotes is quoted, its quotes doubled.
    expect(rows[3]).toContain(
      ',"Exchange Online (Plan 1), ""Kiosk""","Exchange Online (Plan 1), ""Kiosk""",',
    );
    expect(rows[3]).toMatch(/,no,\d{4}-\d{2}-\d{2},45,GBP,15,20$/);
    expect(rows[2]).toMatch(/,20,no price yet,,$/);

    const holders = await get(
      `/api/licence-insight/export.csv?report=holders&kind=inactive&customerId=${estate.alpha.customer.id}`,
    );
    const holderRows = holders.body.trim().split('\r\n');
    expect(holderRows[0]).toBe(
      'Customer,Name,Email,User principal name,Product,SKU id,Disabled,Service account,Last sign-in,Via group',
    );
    expect(holderRows.slice(1).map((r) => r.split(',')[1])).toEqual([
      'Alpha User 008',
      'Alpha User 009',
      'Alpha User 011',
    ]);
  });
});
