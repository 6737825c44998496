import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConnectionRepository,
  createGraphSubscriptionRepository,
  type DatabaseHandle,
} from '../../src/store/index.js';
import { testSecretBox } from './cases/fixtures.js';
import { openMigrated, testEngines } from './engines.js';

describe.each(testEngines())('graph subscription repository on $name', (engine) => {
  let opened: Awaited<ReturnType<typeof openMigrated>> | undefined;
  const handle = (): DatabaseHandle => opened!.handle;
  beforeAll(async () => {
    opened = await openMigrated(engine);
  });
  afterAll(async () => {
    await opened?.dispose();
  });

  async function connection() {
    const created = await createConnectionRepository(handle().db, testSecretBox()).create({
      kind: 'entra',
      name: `Subscriptions ${randomUUID()}`,
      tenantId: randomUUID(),
    });
    return {
      id: created.id,
      tenantId: created.tenantId,
      repo: createGraphSubscriptionRepository(handle().db),
    };
  }

  it('switches on with a pending row per tenant and resource, once', async () => {
    const { id, tenantId, repo } = await connection();
    await repo.enable(id, [tenantId]);
    await repo.enable(id, [tenantId]);
    const rows = await repo.list(id);
    expect(rows.map((r) => [r.resource, r.status, r.subscriptionId])).toEqual([
      ['groups', 'pending', null],
      ['users', 'pending', null],
    ]);
  });

  it('keeps what Microsoft created, finds it by its id in any case, and records notifications', async () => {
    const { id, tenantId, repo } = await connection();
    await repo.enable(id, [tenantId]);
    const [groups, users] = await repo.list(id);
    const subscriptionId = randomUUID();
    const expiresAt = new Date('2030-01-01T00:00:00Z');
    await repo.activated(users!.id, { subscriptionId, clientStateHash: 'a'.repeat(64), expiresAt });
    const [found] = await repo.findBySubscriptionIds([subscriptionId.toUpperCase()]);
    expect(found).toMatchObject({
      id: users!.id,
      status: 'active',
      clientStateHash: 'a'.repeat(64),
      expiresAt,
    });
    const at = new Date('2030-01-02T00:00:00Z');
    await repo.notified([users!.id], at);
    expect((await repo.list(id)).find((r) => r.id === users!.id)!.lastNotificationAt).toEqual(at);
    await repo.failed(groups!.id, { code: 'validationFailed', message: 'unreachable' });
    expect((await repo.list(id)).find((r) => r.id === groups!.id)).toMatchObject({
      status: 'failed',
      lastError: { code: 'validationFailed', message: 'unreachable' },
    });
    await repo.detached(users!.id, null);
    expect((await repo.list(id)).find((r) => r.id === users!.id)).toMatchObject({
      status: 'pending',
      subscriptionId: null,
      expiresAt: null,
    });
    expect(await repo.findBySubscriptionIds([subscriptionId])).toEqual([]);
  });

  it('switches off (removed stays removed whatever fails) and back on keeps a live subscription', async () => {
    const { id, tenantId, repo } = await connection();
    await repo.enable(id, [tenantId]);
    const [, users] = await repo.list(id);
    await repo.activated(users!.id, {
      subscriptionId: randomUUID(),
      clientStateHash: 'b'.repeat(64),
      expiresAt: new Date(),
    });
    await repo.disable(id);
    await repo.failed(users!.id, { code: 'x', message: 'delete failed' });
    expect((await repo.list(id)).map((r) => r.status)).toEqual(['removed', 'removed']);
    await repo.enable(id, [tenantId]);
    expect((await repo.list(id)).map((r) => r.status)).toEqual(['pending', 'active']);
  });

  it('refuses two rows holding one Microsoft subscription', async () => {
    const first = await connection();
    const second = await connection();
    await first.repo.enable(first.id, [first.tenantId]);
    await second.repo.enable(second.id, [second.tenantId]);
    const subscriptionId = randomUUID();
    const values = { subscriptionId, clientStateHash: 'c'.repeat(64), expiresAt: new Date() };
    await first.repo.activated((await first.repo.list(first.id))[0]!.id, values);
    await expect(second.repo.activated((await second.repo.list(second.id))[0]!.id, values)).rejects.toThrow();
  });
});
