import { describe, expect, it } from 'vitest';
import { clientStateMatches, hashClientState, newClientState } from './client-state.js';
import {
  maintainSubscriptions,
  RENEW_WITHIN_MS,
  SUBSCRIPTION_LIFETIME_MS,
  type MaintainPorts,
} from './maintain.js';
import type { StoredSubscription } from './types.js';
import { sortNotifications } from './verify.js';

const CONNECTION = '00000000-0000-4000-8000-00000000c0c0';
const TENANT = '00000000-0000-4000-8000-00000000a1a1';
const DAY = 24 * 3600_000;

/** An in-memory world: rows, Microsoft's subscriptions, and every call made. */
function world(options: { active?: boolean; tenantIds?: string[]; urls?: boolean } = {}) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const rows: StoredSubscription[] = [];
  const microsoft = new Map<string, { resource: string; expires: number; clientState: string }>();
  const calls: string[] = [];
  const catchUps: string[] = [];
  let failCreate: Error | null = null;
  let n = 0;
  const row = (id: string) => rows.find((r) => r.id === id)!;
  const ports: MaintainPorts = {
    now: () => new Date(now),
    connection: async (id) => ({
      id,
      active: options.active ?? true,
      tenantIds: options.tenantIds ?? [TENANT],
    }),
    urls: () =>
      options.urls === false
        ? { code: 'publicUrlMissing', message: 'set publicUrl' }
        : {
            notificationUrl: 'https://r.test/api/notifications/graph',
            lifecycleNotificationUrl: 'https://r.test/l',
          },
    calls: async () => ({
      async create(input) {
        calls.push(`create ${input.resource}`);
        if (failCreate) throw failCreate;
        const id = `sub-${++n}`;
        microsoft.set(id, {
          resource: input.resource,
          expires: input.expirationDateTime.getTime(),
          clientState: input.clientState,
        });
        return { id, expirationDateTime: input.expirationDateTime.toISOString() };
      },
      async renew(id, until) {
        calls.push(`renew ${id}`);
        const sub = microsoft.get(id);
        if (!sub || sub.expires <= now) return 'gone';
        sub.expires = until.getTime();
        return 'renewed';
      },
      async reauthorize(id) {
        calls.push(`reauthorize ${id}`);
        return microsoft.has(id) ? 'reauthorized' : 'gone';
      },
      async delete(id) {
        calls.push(`delete ${id}`);
        microsoft.delete(id);
      },
    }),
    describe: (error) => ({ code: 'failed', message: (error as Error).message }),
    store: {
      list: async () => rows.map((r) => ({ ...r })),
      ensure: async (connectionId, tenantId, resource) => {
        if (rows.some((r) => r.tenantId === tenantId && r.resource === resource)) return;
        rows.push({
          id: `row-${rows.length}`,
          connectionId,
          tenantId,
          resource,
          subscriptionId: null,
          clientStateHash: '',
          status: 'pending',
          expiresAt: null,
        });
      },
      activated: async (id, values) =>
        void Object.assign(row(id), values, { status: 'active', expiresAt: values.expiresAt }),
      renewed: async (id, expiresAt) => void Object.assign(row(id), { expiresAt, status: 'active' }),
      failed: async (id) =>
        void Object.assign(row(id), { status: row(id).status === 'removed' ? 'removed' : 'failed' }),
      detached: async (id) =>
        void Object.assign(row(id), {
          subscriptionId: null,
          expiresAt: null,
          status: row(id).status === 'removed' ? 'removed' : 'pending',
        }),
      remove: async (id) => void rows.splice(rows.indexOf(row(id)), 1),
    },
    catchUp: async (connectionId, tenantId) => void catchUps.push(`${connectionId}/${tenantId}`),
  };
  const enable = () =>
    ['users', 'groups'].forEach((resource) =>
      rows.push({
        id: `row-${rows.length}`,
        connectionId: CONNECTION,
        tenantId: TENANT,
        resource: resource as 'users',
        subscriptionId: null,
        clientStateHash: '',
        status: 'pending',
        expiresAt: null,
      }),
    );
  return {
    ports,
    rows,
    microsoft,
    calls,
    catchUps,
    enable,
    advance: (ms: number) => void (now += ms),
    failCreates: (error: Error | null) => void (failCreate = error),
  };
}

describe('maintainSubscriptions', () => {
  it('creates a subscription per tenant and resource with a fresh client state kept only as a hash', async () => {
    const w = world();
    w.enable();
    const summary = await maintainSubscriptions(w.ports);
    expect(summary.created).toBe(2);
    expect(w.rows.map((r) => r.status)).toEqual(['active', 'active']);
    for (const r of w.rows) {
      const sub = w.microsoft.get(r.subscriptionId!)!;
      expect(r.clientStateHash).toBe(hashClientState(sub.clientState));
      expect(r.clientStateHash).not.toContain(sub.clientState);
      expect(sub.expires - Date.parse('2026-01-01T00:00:00Z')).toBe(SUBSCRIPTION_LIFETIME_MS);
    }
    expect(SUBSCRIPTION_LIFETIME_MS).toBeLessThanOrEqual(41_760 * 60_000);
    // A second run has nothing to do.
    w.calls.length = 0;
    expect(await maintainSubscriptions(w.ports)).toMatchObject({ created: 0, renewed: 0 });
    expect(w.calls).toEqual([]);
  });

  it('renews a subscription once less than the margin is left, before it expires', async () => {
    const w = world();
    w.enable();
    await maintainSubscriptions(w.ports);
    w.advance(SUBSCRIPTION_LIFETIME_MS - RENEW_WITHIN_MS - DAY);
    expect((await maintainSubscriptions(w.ports)).renewed).toBe(0);
    w.advance(2 * DAY);
    const summary = await maintainSubscriptions(w.ports);
    expect(summary).toMatchObject({ renewed: 2, recreated: 0 });
    const until = w.ports.now().getTime() + SUBSCRIPTION_LIFETIME_MS;
    expect(w.rows.map((r) => r.expiresAt!.getTime())).toEqual([until, until]);
  });

  it('creates a lost subscription again (renew answers 404, or it expired) and catches up with a sync', async () => {
    const w = world();
    w.enable();
    await maintainSubscriptions(w.ports);
    const lost = w.rows[0]!.subscriptionId!;
    w.microsoft.delete(lost);
    w.advance(SUBSCRIPTION_LIFETIME_MS - RENEW_WITHIN_MS + DAY);
    const summary = await maintainSubscriptions(w.ports);
    expect(summary).toMatchObject({ renewed: 1, recreated: 1 });
    expect(w.rows[0]!.subscriptionId).not.toBe(lost);
    expect(w.catchUps).toEqual([`${CONNECTION}/${TENANT}`]);
    // Expired while nobody maintained it: created again without asking Microsoft to renew.
    w.advance(SUBSCRIPTION_LIFETIME_MS + DAY);
    w.calls.length = 0;
    expect(await maintainSubscriptions(w.ports)).toMatchObject({ recreated: 2 });
    expect(w.calls.filter((c) => c.startsWith('renew'))).toEqual([]);
  });

  it('reauthorizes when asked, and recreates when the subscription is gone', async () => {
    const w = world();
    w.enable();
    await maintainSubscriptions(w.ports);
    const [users, groups] = w.rows.map((r) => r.subscriptionId!);
    w.microsoft.delete(groups!);
    const summary = await maintainSubscriptions(w.ports, { reauthorize: [users!, groups!] });
    expect(summary).toMatchObject({ reauthorized: 1, recreated: 1 });
  });

  it('deletes subscriptions switched off, and of tenants the connection no longer reads', async () => {
    const w = world();
    w.enable();
    await maintainSubscriptions(w.ports);
    for (const r of w.rows) r.status = 'removed';
    expect((await maintainSubscriptions(w.ports)).deleted).toBe(2);
    expect(w.rows).toEqual([]);
    expect(w.microsoft.size).toBe(0);
  });

  it('deletes them while the connection is disabled and waits, saying why', async () => {
    const w = world({ active: false });
    w.enable();
    expect(await maintainSubscriptions(w.ports)).toMatchObject({ created: 0 });
    expect(w.rows.map((r) => r.status)).toEqual(['pending', 'pending']);
  });

  it('records failures per subscription and tries again next time', async () => {
    const w = world();
    w.enable();
    w.failCreates(new Error('validation failed'));
    expect((await maintainSubscriptions(w.ports)).failed).toBe(2);
    expect(w.rows.map((r) => r.status)).toEqual(['failed', 'failed']);
    w.failCreates(null);
    expect((await maintainSubscriptions(w.ports)).created).toBe(2);
  });

  it('does not call Microsoft without a usable publicUrl', async () => {
    const w = world({ urls: false });
    w.enable();
    expect((await maintainSubscriptions(w.ports)).failed).toBe(2);
    expect(w.calls).toEqual([]);
  });

  it('repair deletes and creates every subscription again', async () => {
    const w = world();
    w.enable();
    await maintainSubscriptions(w.ports);
    const before = w.rows.map((r) => r.subscriptionId);
    expect(await maintainSubscriptions(w.ports, { repair: true })).toMatchObject({ recreated: 2 });
    expect(w.rows.map((r) => r.subscriptionId)).not.toEqual(before);
    expect(w.microsoft.size).toBe(2);
  });
});

describe('client state and notification checks', () => {
  it('makes secrets Graph accepts (≤ 128 characters, URL-safe) and compares them in constant time', () => {
    const { secret, hash } = newClientState();
    expect(secret).toMatch(/^[\w-]{64}$/);
    expect(clientStateMatches(secret, hash)).toBe(true);
    expect(clientStateMatches(`${secret}x`, hash)).toBe(false);
    expect(clientStateMatches(null, hash)).toBe(false);
    expect(clientStateMatches(secret, '')).toBe(false);
  });

  it('accepts known subscriptions with their client state and tenant only', () => {
    const { secret, hash } = newClientState();
    const sub: StoredSubscription = {
      id: 'r1',
      connectionId: CONNECTION,
      tenantId: TENANT,
      resource: 'users',
      subscriptionId: 'S1',
      clientStateHash: hash,
      status: 'active',
      expiresAt: null,
    };
    const known = new Map([['s1', sub]]);
    const verdicts = sortNotifications(
      [
        { subscriptionId: 'S1', clientState: secret, tenantId: TENANT },
        { subscriptionId: 'S1', clientState: 'wrong', tenantId: TENANT },
        { subscriptionId: 'S1', clientState: secret, tenantId: '00000000-0000-4000-8000-000000000bad' },
        { subscriptionId: 'S2', clientState: secret, tenantId: TENANT },
      ],
      known,
    );
    expect(verdicts.accepted).toHaveLength(1);
    expect(verdicts.rejected).toHaveLength(2);
    expect(verdicts.unknown).toHaveLength(1);
  });
});
