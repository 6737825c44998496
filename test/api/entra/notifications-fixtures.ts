import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { createAppJobRuntime } from '../../../src/api/app.js';
import { createGraphSubscriptionRepository, type GraphSubscriptionRow } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import { entraConfig, startEntraWorld, type EntraWorld } from './fixtures.js';

/** A free TCP port on the loopback interface (the app listens there so the emulator can deliver). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** An emulator and a listening app with workers whose publicUrl the emulator delivers to. */
export interface NotificationWorld {
  world: EntraWorld;
  app: TestApp;
  admin: Caller;
  publicUrl: string;
  close(): Promise<void>;
}

export async function startNotificationWorld(
  options: { now?: () => Date; publicUrl?: string } = {},
): Promise<NotificationWorld> {
  const world = await startEntraWorld();
  const port = await freePort();
  const publicUrl = options.publicUrl ?? `http://127.0.0.1:${port}`;
  const app = await startTestApp({
    config: { ...entraConfig(world), publicUrl },
    jobs: createAppJobRuntime,
    ...(options.now ? { now: options.now } : {}),
  });
  await app.app.listen({ port, host: '127.0.0.1' });
  await givenBuiltInRoles(app.deps.db);
  const admin = await givenAgent(app.deps.db, { roleNames: ['Administrator'] });
  return {
    world,
    app,
    admin,
    publicUrl,
    async close() {
      await app.close();
      await world.close();
    },
  };
}

/** Polls until `check` passes (or fails with `what` after `ms`). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const subscriptionsOf = (app: TestApp, connectionId: string): Promise<GraphSubscriptionRow[]> =>
  createGraphSubscriptionRepository(app.deps.db).list(connectionId);

/** Waits until every subscription of the connection is active. */
export async function activeSubscriptions(
  app: TestApp,
  connectionId: string,
): Promise<GraphSubscriptionRow[]> {
  return eventually('the subscriptions to be active', async () => {
    const rows = await subscriptionsOf(app, connectionId);
    return rows.length > 0 && rows.every((r) => r.status === 'active') && rows;
  });
}

/** Jobs queued (in any state) for a tenant, from the queue's own table (`sync.tenant` by default). */
export async function syncJobsFor(
  app: TestApp,
  tenantId: string,
  name: 'sync.tenant' | 'notifications.changed' = 'sync.tenant',
): Promise<{ state: string; data: Record<string, unknown> }[]> {
  const result = await app.deps.db.execute(
    sql`select state, data from pgboss.job where name = ${name} and data->>'tenantId' = ${tenantId} order by created_on`,
  );
  const rows = (result as unknown as { rows: { state: string; data: Record<string, unknown> }[] }).rows;
  expect(Array.isArray(rows)).toBe(true);
  return rows;
}
