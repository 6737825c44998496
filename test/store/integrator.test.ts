import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integratorConfigSchema } from '../../src/contracts/api/integrator.js';
import {
  createConnectionRepository,
  createIntegratorConfigRepository,
  createIntegratorStateRepository,
  IntegratorVersionConflictError,
  type DatabaseHandle,
} from '../../src/store/index.js';
import { givenConnection, testSecretBox } from './cases/fixtures.js';
import { openMigrated, testEngines } from './engines.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 5, 12, minute));
const failure = (n: number) => ({ code: 'Authorization_RequestDenied', message: `denied ${n}` });

// The integrator's configuration (compare-and-swap) and per-tenant state (due times, failures in a
// row, quarantine), on each engine.
describe.each(testEngines())('integrator store on $name', (engine) => {
  let opened: Awaited<ReturnType<typeof openMigrated>> | undefined;
  const handle = (): DatabaseHandle => {
    if (!opened) throw new Error('database not open');
    return opened.handle;
  };
  beforeAll(async () => {
    opened = await openMigrated(engine);
  });
  afterAll(async () => {
    await opened?.dispose();
  });

  async function setup() {
    const db = handle().db;
    const { connection, tenantId } = await givenConnection(db);
    return {
      db,
      connectionId: connection.id,
      key: { connectionId: connection.id, tenantId, module: 'users' },
      configs: createIntegratorConfigRepository(db),
      states: createIntegratorStateRepository(db),
    };
  }

  it('saves the configuration with compare-and-swap and lists enabled integrators of enabled connections', async () => {
    const { db, connectionId, configs } = await setup();
    expect(await configs.get(connectionId)).toBeUndefined();
    const config = integratorConfigSchema.parse({ enabled: true });
    expect(await configs.save(connectionId, config, { expectedVersion: 0, updatedBy: 'alice' })).toBe(1);
    await expect(
      configs.save(connectionId, config, { expectedVersion: 0, updatedBy: 'bob' }),
    ).rejects.toBeInstanceOf(IntegratorVersionConflictError);
    await expect(
      configs.save(connectionId, config, { expectedVersion: 3, updatedBy: 'bob' }),
    ).rejects.toMatchObject({
      code: 'integrator-version-conflict',
      expectedVersion: 3,
      currentVersion: 1,
    });
    expect((await configs.listEnabled(connectionId)).map((c) => c.connectionId)).toEqual([connectionId]);

    await configs.save(connectionId, { ...config, enabled: false }, { expectedVersion: 1, updatedBy: 'bob' });
    expect(await configs.listEnabled(connectionId)).toEqual([]);
    await configs.save(connectionId, config, { expectedVersion: 2, updatedBy: 'bob' });
    await createConnectionRepository(db, testSecretBox()).update(connectionId, { inactive: true });
    expect(await configs.listEnabled(connectionId)).toEqual([]);
  });

  it('creates due states once, and claims a due time with compare-and-swap', async () => {
    const { key, states } = await setup();
    await states.ensure([key], at(0));
    await states.ensure([key], at(30));
    expect((await states.get(key))?.nextDueAt).toEqual(at(0));
    expect(await states.markDue(key, at(60), { ifNextDueAt: at(0) })).toBe(true);
    expect(await states.markDue(key, at(90), { ifNextDueAt: at(0) })).toBe(false);
    expect((await states.get(key))?.nextDueAt).toEqual(at(60));
  });

  it('quarantines at the threshold with the failure as reason; only an un-quarantining success lifts it', async () => {
    const { key, states } = await setup();
    for (const n of [1, 2]) {
      const state = await states.recordFailure(key, {
        at: at(n),
        error: failure(n),
        nextDueAt: at(n + 60),
        quarantineAfter: 3,
      });
      expect(state).toMatchObject({ consecutiveFailures: n, quarantinedAt: null, lastError: failure(n) });
    }
    const third = await states.recordFailure(key, {
      at: at(3),
      error: failure(3),
      nextDueAt: at(63),
      quarantineAfter: 3,
    });
    expect(third).toMatchObject({
      consecutiveFailures: 3,
      quarantinedAt: at(3),
      quarantineReason: failure(3),
    });
    const fourth = await states.recordFailure(key, {
      at: at(4),
      error: failure(4),
      nextDueAt: at(64),
      quarantineAfter: 3,
    });
    expect(fourth).toMatchObject({
      consecutiveFailures: 4,
      quarantinedAt: at(3),
      quarantineReason: failure(3),
      lastError: failure(4),
    });

    const scheduled = await states.recordSuccess(key, { at: at(5), nextDueAt: at(65), unquarantine: false });
    expect(scheduled).toMatchObject({
      consecutiveFailures: 0,
      lastError: null,
      quarantinedAt: at(3),
      lastSuccessAt: at(5),
    });
    const manual = await states.recordSuccess(key, { at: at(6), nextDueAt: at(66), unquarantine: true });
    expect(manual).toMatchObject({ quarantinedAt: null, quarantineReason: null, nextDueAt: at(66) });
  });

  it('quarantines on the first failure when the threshold is 1, and keeps counts under concurrent failures', async () => {
    const { key, states } = await setup();
    const first = await states.recordFailure(key, {
      at: at(1),
      error: failure(1),
      nextDueAt: null,
      quarantineAfter: 1,
    });
    expect(first).toMatchObject({ consecutiveFailures: 1, quarantinedAt: at(1) });
    await states.unquarantine(key);
    await Promise.all(
      [1, 2, 3, 4].map((n) =>
        states.recordFailure(key, { at: at(n), error: failure(n), nextDueAt: null, quarantineAfter: 20 }),
      ),
    );
    expect((await states.get(key))?.consecutiveFailures).toBe(4);
  });

  it('records starts and retries without counting a failure', async () => {
    const { key, states } = await setup();
    await states.recordStart(key, at(1));
    await states.recordRetry(key, failure(1));
    expect(await states.get(key)).toMatchObject({
      lastRunAt: at(1),
      lastError: failure(1),
      consecutiveFailures: 0,
    });
    await states.quarantine(key, failure(2), at(2));
    expect((await states.list(key.connectionId)).map((s) => s.quarantineReason)).toEqual([failure(2)]);
  });
});
