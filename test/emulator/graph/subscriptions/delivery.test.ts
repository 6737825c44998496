import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deliveryStats,
  emitReauthorizationRequired,
  listDeliveries,
  whenDeliveriesIdle,
} from '../../../../src/emulator/graph/subscriptions/routes.js';
import type { Emulator } from '../../../../src/emulator/index.js';
import { createDeltaFixture, startDeltaEmulator, type DeltaFixture } from '../delta/fixtures.js';
import { correctEndpoint, eventually, startReceiver, type Receiver } from './receiver.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('subscriptions: delivery', () => {
  let emu: Emulator;
  let receiver: Receiver;
  let fx: DeltaFixture;
  beforeAll(async () => {
    emu = await startDeltaEmulator();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await emu.close();
  });
  beforeEach(async () => {
    // Retries in milliseconds so a redelivery happens within the test.
    fx = await createDeltaFixture(emu, { graph: { webhookRetryInitialMs: 20, webhookRetryMaxMs: 100 } });
    receiver.respondWith(correctEndpoint);
    receiver.requests.length = 0;
  });

  const subscribe = async (resource: string, extra: Record<string, unknown> = {}) => {
    const res = await emu.inject({
      method: 'POST',
      url: '/v1.0/subscriptions',
      headers: { authorization: `Bearer ${fx.token}` },
      body: {
        changeType: 'updated,deleted',
        notificationUrl: receiver.url(),
        resource,
        expirationDateTime: new Date(emu.clock.now() + 24 * HOUR).toISOString(),
        clientState: 'secretClientValue',
        ...extra,
      },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; expirationDateTime: string };
  };

  it('posts a notification after a user changes, in the documented shape', async () => {
    const user = fx.addUser('Ana Lopes');
    const sub = await subscribe('/users');
    fx.emu.estate.updateUser(fx.tenant, user.props.id, { jobTitle: 'Engineer' });
    await eventually(() => receiver.notifications().length === 1, 'a notification');

    const [notification] = receiver.notifications()[0]!.value;
    expect(notification).toEqual({
      id: expect.any(String),
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: sub.expirationDateTime,
      clientState: 'secretClientValue',
      changeType: 'updated',
      resource: `Users/${user.props.id}`,
      tenantId: fx.tenant.id,
      resourceData: {
        '@odata.type': '#Microsoft.Graph.User',
        '@odata.id': `Users/${user.props.id}`,
        id: user.props.id,
        organizationId: fx.tenant.id,
      },
    });
    expect(receiver.requests.at(-1)!.contentType).toMatch(/^application\/json/);
  });

  it('batches changes of one moment into one POST and sends deleted for a purge', async () => {
    const [a, b] = [fx.addUser('Bo Li'), fx.addUser('Chloé Martin')];
    await subscribe('/users');
    fx.emu.estate.updateUser(fx.tenant, a.props.id, { jobTitle: 'Lead' });
    fx.emu.estate.purgeUser(fx.tenant, b.props.id);
    await whenDeliveriesIdle(emu.context);

    const posts = receiver.notifications();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.value.map((n) => [n.resource, n.changeType])).toEqual([
      [`Users/${a.props.id}`, 'updated'],
      [`Users/${b.props.id}`, 'updated'],
      [`Users/${b.props.id}`, 'deleted'],
    ]);
  });

  it('only notifies the subscribed object and change types', async () => {
    const [a, b] = [fx.addUser('Dmitri Ivanov'), fx.addUser('Eun-ji Park')];
    await subscribe(`/users/${a.props.id}`, { changeType: 'updated' });
    fx.emu.estate.updateUser(fx.tenant, b.props.id, { jobTitle: 'X' });
    fx.emu.estate.purgeUser(fx.tenant, a.props.id);
    await whenDeliveriesIdle(emu.context);
    const values = receiver.notifications().flatMap((p) => p.value);
    expect(values.map((n) => [n.resource, n.changeType])).toEqual([[`Users/${a.props.id}`, 'updated']]);
  });

  it('notifies membership changes of a watched group with the member', async () => {
    const user = fx.addUser('Fatima Zahra');
    const group = fx.addGroup('Sales');
    await subscribe(`/groups/${group.props.id}/members`);
    fx.emu.estate.addMember(fx.tenant, group.props.id, user.props.id, '#microsoft.graph.user');
    fx.emu.estate.updateGroup(fx.tenant, group.props.id, { description: 'not a membership change' });
    await whenDeliveriesIdle(emu.context);
    const values = receiver.notifications().flatMap((p) => p.value);
    expect(values).toHaveLength(1);
    expect(values[0]!.resourceData).toMatchObject({
      '@odata.type': '#Microsoft.Graph.Group',
      id: group.props.id,
      'members@delta': [{ id: user.props.id }],
    });
  });

  it('retries after a 500 from the receiver and records each attempt', async () => {
    const user = fx.addUser('Gao Yan');
    const sub = await subscribe('/users');
    let posts = 0;
    receiver.respondWith((req) =>
      req.validationToken === null && posts++ === 0 ? { status: 500 } : { status: 202 },
    );
    fx.emu.estate.updateUser(fx.tenant, user.props.id, { jobTitle: 'Retry me' });
    await whenDeliveriesIdle(emu.context);

    const received = receiver.notifications();
    expect(received).toHaveLength(2);
    expect(received[1]).toEqual(received[0]);
    expect(listDeliveries(emu.context, sub.id).map((d) => [d.attempt, d.outcome, d.status])).toEqual([
      [1, 'failed', 500],
      [2, 'delivered', 202],
    ]);
    expect(deliveryStats(emu.context).failed).toBeGreaterThanOrEqual(1);
  });

  it('gives up once the 4-hour retry window is over', async () => {
    const user = fx.addUser('Hana Sato');
    const sub = await subscribe('/users');
    let failures = 0;
    receiver.respondWith((req) => {
      if (req.validationToken !== null) return correctEndpoint(req, 0);
      failures += 1;
      if (failures === 2) emu.clock.advance(5 * HOUR);
      return { status: 503 };
    });
    fx.emu.estate.updateUser(fx.tenant, user.props.id, { jobTitle: 'Never arrives' });
    await whenDeliveriesIdle(emu.context);
    const outcomes = listDeliveries(emu.context, sub.id).map((d) => d.outcome);
    expect(outcomes).toEqual(['failed', 'failed', 'dropped']);
  });

  it('stops delivering once the subscription has expired or is deleted', async () => {
    const user = fx.addUser('Ivan Petrov');
    const expiring = await subscribe('/users', {
      expirationDateTime: new Date(emu.clock.now() + HOUR).toISOString(),
    });
    emu.clock.advance(HOUR + MINUTE);
    fx.emu.estate.updateUser(fx.tenant, user.props.id, { jobTitle: 'Unheard' });
    await whenDeliveriesIdle(emu.context);
    expect(receiver.notifications()).toHaveLength(0);
    expect(listDeliveries(emu.context, expiring.id)).toEqual([]);

    const deleted = await subscribe('/users');
    await emu.inject({
      method: 'DELETE',
      url: `/v1.0/subscriptions/${deleted.id}`,
      headers: { authorization: `Bearer ${fx.token}` },
    });
    fx.emu.estate.updateUser(fx.tenant, user.props.id, { jobTitle: 'Still unheard' });
    await whenDeliveriesIdle(emu.context);
    expect(receiver.notifications()).toHaveLength(0);
  });

  it('sends reauthorizationRequired to the lifecycle URL on demand', async () => {
    const sub = await subscribe('/groups', { lifecycleNotificationUrl: receiver.url('/lifecycle') });
    expect(emitReauthorizationRequired(emu.context, fx.tenant.id, sub.id)).toBe(true);
    await whenDeliveriesIdle(emu.context);
    expect(receiver.notifications('/lifecycle')[0]!.value).toEqual([
      {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: sub.expirationDateTime,
        tenantId: fx.tenant.id,
        clientState: 'secretClientValue',
        lifecycleEvent: 'reauthorizationRequired',
      },
    ]);
    const withoutLifecycle = await subscribe('/groups');
    expect(emitReauthorizationRequired(emu.context, fx.tenant.id, withoutLifecycle.id)).toBe(false);
  });
});
