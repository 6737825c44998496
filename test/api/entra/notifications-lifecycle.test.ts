import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENEW_WITHIN_MS, SUBSCRIPTION_LIFETIME_MS } from '../../../src/sync/notifications/index.js';
import { call } from '../access/fixtures.js';
import { givenScenario, type ImportScenario } from './import-scenario.js';
import {
  activeSubscriptions,
  eventually,
  startNotificationWorld,
  subscriptionsOf,
  syncJobsFor,
  type NotificationWorld,
} from './notifications-fixtures.js';

const DAY_MS = 24 * 3600_000;

/** Rollcall's clock and the emulator's, moved forward together (Microsoft's time passes too). */
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

let w: NotificationWorld;
let scenario: ImportScenario;

function advance(ms: number) {
  offsetMs += ms;
  w.world.emu.context.clock.advance(ms);
}

async function maintain() {
  await w.app.deps.jobs!.enqueue('notifications.maintain', { connectionId: scenario.connectionId });
}

/** The tenant's subscriptions Microsoft still holds (expired ones are only removed when next read). */
const microsoftSubscriptions = () =>
  [...w.world.emu.estate.tenant(scenario.tenantId)!.graphSubscriptions.values()].filter(
    (s) => Date.parse(s.expirationDateTime) > w.world.emu.context.clock.now(),
  );

beforeAll(async () => {
  w = await startNotificationWorld({ now });
  scenario = await givenScenario({ world: w.world, app: w.app, admin: w.admin }, 'renew');
  scenario.person(1);
  const res = await call(
    w.app,
    w.admin,
    'PUT',
    `/api/entra/connections/${scenario.connectionId}/notifications`,
    {
      enabled: true,
    },
  );
  expect(res.statusCode, res.body).toBe(200);
  await activeSubscriptions(w.app, scenario.connectionId);
}, 60_000);
afterAll(() => w?.close());

describe('Graph subscriptions over time', () => {
  it('leaves them alone while far from expiry, and renews them before they expire', async () => {
    const before = await subscriptionsOf(w.app, scenario.connectionId);
    advance(DAY_MS);
    await maintain();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await subscriptionsOf(w.app, scenario.connectionId)).map((r) => r.expiresAt)).toEqual(
      before.map((r) => r.expiresAt),
    );

    advance(SUBSCRIPTION_LIFETIME_MS - RENEW_WITHIN_MS);
    await maintain();
    const renewed = await eventually('renewed subscriptions', async () => {
      const rows = await subscriptionsOf(w.app, scenario.connectionId);
      return rows.every((r, i) => r.expiresAt!.getTime() > before[i]!.expiresAt!.getTime()) && rows;
    });
    // Renewed in place: same Microsoft subscriptions, later expiry there too.
    expect(renewed.map((r) => r.subscriptionId)).toEqual(before.map((r) => r.subscriptionId));
    for (const sub of microsoftSubscriptions()) {
      expect(Date.parse(sub.expirationDateTime)).toBeGreaterThan(now().getTime() + 28 * DAY_MS);
    }
  });

  it('creates a lost one again (renew answers 404) and catches up with a sync of the tenant', async () => {
    const [users] = (await subscriptionsOf(w.app, scenario.connectionId)).filter(
      (r) => r.resource === 'users',
    );
    w.world.emu.estate.tenant(scenario.tenantId)!.graphSubscriptions.delete(users!.subscriptionId!);
    const syncsBefore = (await syncJobsFor(w.app, scenario.tenantId)).length;
    advance(SUBSCRIPTION_LIFETIME_MS - RENEW_WITHIN_MS + DAY_MS);
    await maintain();
    const row = await eventually('the users subscription created again', async () => {
      const rows = await subscriptionsOf(w.app, scenario.connectionId);
      const again = rows.find((r) => r.id === users!.id);
      return again?.status === 'active' && again.subscriptionId !== users!.subscriptionId && again;
    });
    expect(microsoftSubscriptions().map((s) => s.id)).toContain(row.subscriptionId);
    await eventually(
      'a catch-up sync',
      async () => (await syncJobsFor(w.app, scenario.tenantId)).length > syncsBefore,
    );
  });

  it('creates them again when they expired while nobody maintained them', async () => {
    const before = await subscriptionsOf(w.app, scenario.connectionId);
    advance(30 * DAY_MS);
    expect(microsoftSubscriptions()).toEqual([]);
    await maintain();
    const rows = await eventually('new subscriptions', async () => {
      const rows = await subscriptionsOf(w.app, scenario.connectionId);
      return (
        rows.every(
          (r) => r.status === 'active' && !before.some((b) => b.subscriptionId === r.subscriptionId),
        ) && rows
      );
    });
    expect(
      microsoftSubscriptions()
        .map((s) => s.id)
        .sort(),
    ).toEqual(rows.map((r) => r.subscriptionId).sort());
  });
});
