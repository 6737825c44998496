import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLicenceChangeJobDeps } from '../../../src/api/integrations/licences/licence-changes.js';
import type { LicenceChangeView } from '../../../src/contracts/api/licence-changes.js';
import { queryRows } from '../../../src/store/index.js';
import { call } from '../access/fixtures.js';
import { EMS, SPB, startLicenceWorld, type LicenceWorld } from './licence-world.js';

/**
 * Bulk licence changes and the worker's reliability, driven step by step: the app has no job
 * queue here, so the test sends what the API queued itself (as `licences.send-changes` would) and
 * counts what reached Microsoft.
 */
const PEOPLE = 45;
let w: LicenceWorld;
let worker: ReturnType<typeof createLicenceChangeJobDeps>;

beforeAll(async () => {
  w = await startLicenceWorld({ workers: false, people: PEOPLE });
  await w.importUsers();
  worker = createLicenceChangeJobDeps({
    db: w.app.deps.db,
    secrets: async () => w.app.deps.secrets,
    microsoft: w.app.deps.microsoft,
    now: () => new Date(),
  });
}, 90_000);
afterAll(async () => {
  await w?.close();
});

const counters = () => w.world.emu.context.counters;
const batches = () => counters().total({ route: 'POST /$batch', tenantId: w.s.tenantId });
const assignCalls = () =>
  counters().total({ route: 'POST /users/{id}/assignLicense', tenantId: w.s.tenantId });
const holdersOf = (skuId: string) =>
  [...w.tenant().users.values()].filter((u) =>
    (u.props.assignedLicenses as { skuId: string }[]).some((l) => l.skuId === skuId),
  ).length;
const pendingIds = async () =>
  (
    await queryRows<{ id: string }>(
      w.app.deps.db,
      sql`select id from outbound_actions where status in ('pending', 'running') order by created_at`,
    )
  ).map((r) => r.id);

describe('a bulk licence change', () => {
  it('queues one change per user, refuses who it cannot change, and sends 20 per $batch', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => w.deskId(i + 1)));
    const stranger = '0b7e3c1a-5d6f-4a8b-9c0d-1e2f3a4b5c6d';
    const res = await call(w.app, w.admin, 'POST', '/api/licence-changes/bulk', {
      operation: 'assign',
      skuId: EMS,
      userIds: [...ids, stranger],
    });
    expect(res.statusCode, res.body).toBe(202);
    const body = res.json() as {
      batchId: string;
      queued: LicenceChangeView[];
      refused: { userId: string; code: string }[];
    };
    expect(body.queued).toHaveLength(40);
    expect(body.refused).toEqual([
      { userId: stranger, code: 'user.notFound', message: 'No such user in the desk.' },
    ]);

    // Each change carries only itself, never the whole list of users.
    const [payload] = await queryRows<{ payload: Record<string, unknown> }>(
      w.app.deps.db,
      sql`select payload from outbound_actions where id = ${body.queued[0]!.id}`,
    );
    expect(Object.keys(payload!.payload).sort()).toEqual([
      'disabledPlans',
      'entraObjectId',
      'operation',
      'skuId',
    ]);

    const [batchesBefore, holdersBefore] = [batches(), holdersOf(EMS)];
    const outcome = await worker.send(body.queued.map((c) => c.id));
    expect(outcome).toEqual({ succeeded: 40, failed: 0, retrying: 0 });
    expect(batches() - batchesBefore).toBe(Math.ceil(40 / 20));
    expect(holdersOf(EMS)).toBe(holdersBefore + 40);

    const progress = await call(w.app, w.admin, 'GET', `/api/licence-changes/batches/${body.batchId}`);
    expect(progress.json()).toMatchObject({ total: 40, counts: { succeeded: 40, pending: 0, failed: 0 } });
    const page = await call(w.app, w.admin, 'GET', `/api/licence-changes?batchId=${body.batchId}&limit=15`);
    expect(page.json().items).toHaveLength(15);
    expect(page.json().nextCursor).toEqual(expect.any(String));
  });

  it('rides out throttling mid-bulk: throttled items are retried, none is lost or doubled', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => w.deskId(i + 1)));
    const res = await call(w.app, w.admin, 'POST', '/api/licence-changes/bulk', {
      operation: 'remove',
      skuId: EMS,
      userIds: ids,
    });
    const queued = (res.json() as { queued: LicenceChangeView[] }).queued;
    w.world.emu.context.faults.add({
      service: 'graph',
      route: 'POST /users/{id}/assignLicense',
      tenantId: w.s.tenantId,
      action: { type: 'status', status: 429, retryAfterSeconds: 1 },
      skip: 5,
      times: 6,
    });
    const [batchesBefore, callsBefore] = [batches(), assignCalls()];
    const outcome = await worker.send(queued.map((c) => c.id));
    expect(outcome).toEqual({ succeeded: 40, failed: 0, retrying: 0 });
    expect(holdersOf(EMS)).toBe(0);
    // Each throttled item was sent again, once; the first round took ceil(40/20) requests.
    expect(assignCalls() - callsBefore).toBe(40 + 6);
    expect(batches() - batchesBefore).toBeGreaterThan(2);
    expect(batches() - batchesBefore).toBeLessThanOrEqual(2 + 6);
  });
});

describe('a worker stopped mid-send', () => {
  it('is resumed by the sweep, and the change that reached Microsoft takes no second seat', async () => {
    const userId = await w.deskId(41);
    const res = await call(w.app, w.admin, 'POST', `/api/users/${userId}/licence-changes`, {
      operation: 'assign',
      skuId: EMS,
    });
    const change = res.json() as LicenceChangeView;
    // The worker sent it and Microsoft applied it, then the process died before recording it.
    await w.app.deps.db.execute(
      sql`update outbound_actions set status = 'running', updated_at = now() - interval '10 minutes'
           where id = ${change.id}`,
    );
    w.world.emu.estate.setLicenses(w.tenant(), w.s.id(41), [{ skuId: EMS, disabledPlans: [] }], []);
    const seats = w.seats(EMS).consumed;

    const stale = await worker.stale(100);
    expect(stale).toEqual([change.id]);
    expect(await worker.send(stale)).toEqual({ succeeded: 1, failed: 0, retrying: 0 });
    expect(w.seats(EMS).consumed).toBe(seats);
    const done = (await call(w.app, w.admin, 'GET', `/api/licence-changes/${change.id}`)).json();
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
    // Sending the same ids again sends nothing: settled changes are skipped.
    const before = assignCalls();
    expect(await worker.send([change.id])).toEqual({ succeeded: 0, failed: 0, retrying: 0 });
    expect(assignCalls()).toBe(before);
    expect(await pendingIds()).toEqual([]);
  });

  it('a change Microsoft cannot take now stays due, with the reason, and is sent on a later attempt', async () => {
    const userId = await w.deskId(42);
    const res = await call(w.app, w.admin, 'POST', `/api/users/${userId}/licence-changes`, {
      operation: 'assign',
      skuId: EMS,
    });
    const id = (res.json() as LicenceChangeView).id;
    const fault = w.world.emu.context.faults.add({
      service: 'graph',
      route: 'POST /$batch',
      tenantId: w.s.tenantId,
      action: { type: 'status', status: 503 },
    });
    try {
      expect(await worker.send([id])).toMatchObject({ retrying: 1 });
      const waiting = (
        await call(w.app, w.admin, 'GET', `/api/licence-changes/${id}`)
      ).json() as LicenceChangeView;
      expect(waiting.status).toBe('running');
      expect(waiting.error).toMatchObject({
        code: 'serviceNotAvailable',
        message: expect.stringContaining('temporarily unavailable'),
      });
    } finally {
      w.world.emu.context.faults.remove(fault.id);
    }
    expect(await worker.send([id])).toEqual({ succeeded: 1, failed: 0, retrying: 0 });
  });
});

describe('the users sync and changes in flight', () => {
  it('leaves the licences of a user with a change waiting alone, and records them once it settled', async () => {
    const userId = await w.deskId(43);
    const res = await call(w.app, w.admin, 'POST', `/api/users/${userId}/licence-changes`, {
      operation: 'assign',
      skuId: EMS,
    });
    const id = (res.json() as LicenceChangeView).id;
    // Meanwhile someone gives persons 43 and 44 a licence in Microsoft 365.
    for (const n of [43, 44]) {
      w.world.emu.estate.setLicenses(w.tenant(), w.s.id(n), [{ skuId: SPB, disabledPlans: [] }], []);
    }
    await w.importUsers();
    const held = async (n: number) =>
      (await call(w.app, w.admin, 'GET', `/api/users/${await w.deskId(n)}/licences`)).json().licences.length;
    expect(await held(44)).toBe(1);
    expect(await held(43)).toBe(0);
    expect(await worker.send([id])).toMatchObject({ succeeded: 1 });
    expect(await held(43)).toBe(2);
  });
});

describe('who manages a tenant’s licences', () => {
  it('refuses a second connection for the same tenant, naming the first', async () => {
    const again = await call(
      w.app,
      w.admin,
      'GET',
      `/api/connections/${w.s.connectionId}/licence-management`,
    );
    expect(again.json()).toEqual({ enabled: true, tenantIds: [w.s.tenantId] });
    const other = await call(w.app, w.admin, 'POST', '/api/entra/connections', {
      name: 'Second Entra connection',
      tenantId: w.s.tenantId,
      clientId: '4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
      authMethod: 'clientSecret',
      enabledFor: 'production',
      clientSecret: 'not-used-in-this-test',
    });
    expect(other.statusCode, other.body).toBe(201);
    const refused = await call(
      w.app,
      w.admin,
      'PUT',
      `/api/connections/${other.json().id}/licence-management`,
      {
        enabled: true,
      },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('already managed through another connection');
    expect(refused.json().errors).toEqual([{ field: 'enabled', message: expect.any(String) }]);
  });
});
