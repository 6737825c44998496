import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeliveries, whenDeliveriesIdle } from '../../../src/emulator/graph/subscriptions/routes.js';
import { createConnectionGrantRepository } from '../../../src/store/index.js';
import { emitReauthorizationRequired } from '../../../src/emulator/graph/subscriptions/routes.js';
import { call, givenAgent } from '../access/fixtures.js';
import { givenScenario, type ImportScenario } from './import-scenario.js';
import {
  activeSubscriptions,
  eventually,
  startNotificationWorld,
  subscriptionsOf,
  syncJobsFor,
  type NotificationWorld,
} from './notifications-fixtures.js';

let w: NotificationWorld;
let scenario: ImportScenario;
const base = () => `/api/entra/connections/${scenario.connectionId}/notifications`;

beforeAll(async () => {
  w = await startNotificationWorld();
  scenario = await givenScenario({ world: w.world, app: w.app, admin: w.admin }, 'notify');
  scenario.person(1);
  scenario.person(2);
}, 60_000);
afterAll(() => w?.close());

const notify = (body: unknown) =>
  fetch(`${w.publicUrl}/api/notifications/graph`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('Graph change notifications of an Entra connection', () => {
  it('is off until switched on, and says where Microsoft will deliver', async () => {
    const res = await call(w.app, w.admin, 'GET', base());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      enabled: false,
      notificationUrl: `${w.publicUrl}/api/notifications/graph`,
      unavailableReason: null,
      subscriptions: [],
    });
  });

  it('switched on, creates a validated subscription on users and groups of the tenant', async () => {
    const res = await call(w.app, w.admin, 'PUT', base(), { enabled: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().enabled).toBe(true);
    const rows = await activeSubscriptions(w.app, scenario.connectionId);
    expect(rows.map((r) => [r.tenantId, r.resource]).sort()).toEqual([
      [scenario.tenantId, 'groups'],
      [scenario.tenantId, 'users'],
    ]);
    const tenant = w.world.emu.estate.tenant(scenario.tenantId)!;
    const atMicrosoft = [...tenant.graphSubscriptions.values()];
    expect(atMicrosoft.map((s) => s.resource).sort()).toEqual(['/groups', '/users']);
    for (const sub of atMicrosoft) {
      expect(sub.notificationUrl).toBe(`${w.publicUrl}/api/notifications/graph`);
      expect(sub.lifecycleNotificationUrl).toBe(`${w.publicUrl}/api/notifications/graph/lifecycle`);
      expect(sub.changeType).toBe('updated,deleted');
      expect(sub.clientState!.length).toBeGreaterThanOrEqual(43);
      expect(sub.clientState!.length).toBeLessThanOrEqual(128);
      const row = rows.find((r) => r.subscriptionId === sub.id)!;
      // Only a hash is kept.
      expect(row.clientStateHash).not.toContain(sub.clientState);
      expect(Date.parse(sub.expirationDateTime) - Date.now()).toBeGreaterThan(28 * 24 * 3600_000);
    }
    const view = (await call(w.app, w.admin, 'GET', base())).json();
    expect(view.subscriptions.map((s: { status: string }) => s.status)).toEqual(['active', 'active']);
  });

  it('a change in the directory is notified and queues the tenant sync', async () => {
    scenario.updatePerson(1, { jobTitle: `Changed ${randomUUID().slice(0, 6)}` });
    const jobs = await eventually('a sync.tenant job for the notified tenant', async () => {
      const rows = await syncJobsFor(w.app, scenario.tenantId);
      return rows.length > 0 && rows;
    });
    expect(jobs[0]!.data).toMatchObject({
      connectionId: scenario.connectionId,
      tenantId: scenario.tenantId,
      module: 'users',
      trigger: 'notification',
    });
    const rows = await subscriptionsOf(w.app, scenario.connectionId);
    expect(rows.find((r) => r.resource === 'users')!.lastNotificationAt).not.toBeNull();
    await whenDeliveriesIdle(w.world.emu.context);
    const delivered = listDeliveries(w.world.emu.context).filter((d) => d.tenantId === scenario.tenantId);
    expect(delivered.some((d) => d.outcome === 'delivered' && d.status === 202)).toBe(true);
  });

  it('a burst of changes queues few syncs, not one per change', async () => {
    const changed = () => syncJobsFor(w.app, scenario.tenantId, 'notifications.changed');
    // Past the windows of earlier notifications.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const before = (await changed()).length;
    const started = performance.now();
    for (let n = 0; n < 20; n++) {
      scenario.updatePerson(2, { jobTitle: `Burst ${n}` });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await whenDeliveriesIdle(w.world.emu.context);
    // The windows the burst's deliveries spanned (about one on a quiet machine, more when it is busy).
    const windows = Math.ceil((performance.now() - started) / 1_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const after = await changed();
    expect(after.length - before).toBeGreaterThanOrEqual(1);
    // Debounced per tenant over 1-second windows: at most one per window the burst spanned, plus one
    // (20 changes: never one sync per change).
    expect(after.length - before).toBeLessThanOrEqual(Math.min(windows + 2, 10));
    // However many ran, at most one sync per module waits to start.
    const waiting = (await syncJobsFor(w.app, scenario.tenantId)).filter((j) => j.state === 'created');
    expect(waiting.length).toBeLessThanOrEqual(1);
  });

  it('ignores (202) notifications with a wrong client state, and for unknown subscriptions', async () => {
    const [users] = await subscriptionsOf(w.app, scenario.connectionId).then((rows) =>
      rows.filter((r) => r.resource === 'users'),
    );
    const before = (await syncJobsFor(w.app, scenario.tenantId)).length;
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const wrong = await notify({
      value: [
        {
          subscriptionId: users!.subscriptionId,
          clientState: 'not-the-secret',
          tenantId: scenario.tenantId,
          changeType: 'updated',
          resource: `Users/${scenario.id(1)}`,
        },
        {
          subscriptionId: randomUUID(),
          clientState: 'whatever',
          tenantId: scenario.tenantId,
          changeType: 'updated',
        },
      ],
    });
    expect(wrong.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await syncJobsFor(w.app, scenario.tenantId)).length).toBe(before);
    const metrics = await (await fetch(`${w.publicUrl}/metrics`)).text();
    expect(metrics).toMatch(/rollcall_graph_notifications_total\{kind="change",outcome="rejected"\} [1-9]/);
    expect(metrics).toMatch(/rollcall_graph_notifications_total\{kind="change",outcome="unknown"\} [1-9]/);
  });

  it('answers the validation handshake with the decoded token as text/plain', async () => {
    const token = 'Validation: Testing client application reachability for subscription Request-Id: 1234';
    for (const path of ['/api/notifications/graph', '/api/notifications/graph/lifecycle']) {
      const res = await fetch(`${w.publicUrl}${path}?validationToken=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: '',
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe(token);
    }
  });

  it('refuses a body that is not a notification collection', async () => {
    expect((await notify({ nothing: true })).status).toBe(400);
  });

  it('refuses who may not: anonymous 401, agents without access 404, read grants may look but not switch', async () => {
    expect((await call(w.app, null, 'GET', base())).statusCode).toBe(401);
    expect((await call(w.app, null, 'PUT', base(), { enabled: false })).statusCode).toBe(401);
    const stranger = await givenAgent(w.app.deps.db, { permissions: ['customers.read'] });
    expect((await call(w.app, stranger, 'GET', base())).statusCode).toBe(404);
    expect((await call(w.app, stranger, 'PUT', base(), { enabled: false })).statusCode).toBe(404);
    expect((await call(w.app, stranger, 'POST', `${base()}/repair`)).statusCode).toBe(404);
    const reader = await givenAgent(w.app.deps.db, { permissions: [] });
    await createConnectionGrantRepository(w.app.deps.db).replaceForConnection(scenario.connectionId, [
      { accountId: reader.accountId, access: 'read' },
    ]);
    expect((await call(w.app, reader, 'GET', base())).statusCode).toBe(200);
    expect((await call(w.app, reader, 'PUT', base(), { enabled: false })).statusCode).toBe(403);
    expect((await call(w.app, reader, 'POST', `${base()}/repair`)).statusCode).toBe(403);
    expect((await subscriptionsOf(w.app, scenario.connectionId)).every((r) => r.status === 'active')).toBe(
      true,
    );
  });

  it('answers reauthorizationRequired by reauthorizing the subscription', async () => {
    const [users] = (await subscriptionsOf(w.app, scenario.connectionId)).filter(
      (r) => r.resource === 'users',
    );
    const counter = () =>
      w.world.emu.context.counters.total({
        route: 'POST /subscriptions/{id}/reauthorize',
        tenantId: scenario.tenantId,
      });
    const before = counter();
    expect(emitReauthorizationRequired(w.world.emu.context, scenario.tenantId, users!.subscriptionId!)).toBe(
      true,
    );
    await eventually('the reauthorize call', async () => counter() > before);
    expect(
      (await subscriptionsOf(w.app, scenario.connectionId)).find((r) => r.id === users!.id)!.subscriptionId,
    ).toBe(users!.subscriptionId);
  });

  it('recreates a subscription Microsoft says it removed, and syncs the tenant; ignores lifecycle events with a wrong client state', async () => {
    const [groups] = (await subscriptionsOf(w.app, scenario.connectionId)).filter(
      (r) => r.resource === 'groups',
    );
    const atMicrosoft = w.world.emu.estate
      .tenant(scenario.tenantId)!
      .graphSubscriptions.get(groups!.subscriptionId!)!;
    const lifecycle = (clientState: string, lifecycleEvent: string) =>
      fetch(`${w.publicUrl}/api/notifications/graph/lifecycle`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          value: [
            {
              subscriptionId: groups!.subscriptionId,
              tenantId: scenario.tenantId,
              clientState,
              lifecycleEvent,
            },
          ],
        }),
      });
    expect((await lifecycle('forged', 'subscriptionRemoved')).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      (await subscriptionsOf(w.app, scenario.connectionId)).find((r) => r.id === groups!.id)!.subscriptionId,
    ).toBe(groups!.subscriptionId);
    w.world.emu.estate.tenant(scenario.tenantId)!.graphSubscriptions.delete(groups!.subscriptionId!);
    const changedBefore = (await syncJobsFor(w.app, scenario.tenantId, 'notifications.changed')).length;
    expect((await lifecycle(atMicrosoft.clientState!, 'subscriptionRemoved')).status).toBe(202);
    await eventually('the groups subscription created again', async () => {
      const row = (await subscriptionsOf(w.app, scenario.connectionId)).find((r) => r.id === groups!.id)!;
      return row.status === 'active' && row.subscriptionId !== groups!.subscriptionId;
    });
    await eventually(
      'a sync of the tenant',
      async () =>
        (await syncJobsFor(w.app, scenario.tenantId, 'notifications.changed')).length > changedBefore,
    );
  });

  it('repair creates the subscriptions again (the old ones are deleted at Microsoft)', async () => {
    const before = (await subscriptionsOf(w.app, scenario.connectionId)).map((r) => r.subscriptionId);
    const res = await call(w.app, w.admin, 'POST', `${base()}/repair`);
    expect(res.statusCode, res.body).toBe(200);
    await eventually('new subscriptions', async () => {
      const rows = await subscriptionsOf(w.app, scenario.connectionId);
      return rows.every((r) => r.status === 'active' && !before.includes(r.subscriptionId));
    });
    const tenant = w.world.emu.estate.tenant(scenario.tenantId)!;
    expect([...tenant.graphSubscriptions.keys()].some((id) => before.includes(id))).toBe(false);
  });

  it('switched off, deletes the subscriptions at Microsoft and forgets them', async () => {
    const res = await call(w.app, w.admin, 'PUT', base(), { enabled: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().enabled).toBe(false);
    await eventually(
      'the subscriptions to be gone',
      async () => (await subscriptionsOf(w.app, scenario.connectionId)).length === 0,
    );
    expect(w.world.emu.estate.tenant(scenario.tenantId)!.graphSubscriptions.size).toBe(0);
  });
});
