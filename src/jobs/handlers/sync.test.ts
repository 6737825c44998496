import { describe, expect, it } from 'vitest';
import { integratorConfigSchema, type IntegratorConfigInput } from '../../contracts/api/integrator.js';
import type { IntegratorScope } from '../../domain/integrator/schedule.js';
import { syncTenantJob } from '../catalogue/sync.js';
import type { UnfinishedJob } from '../runtime.js';
import {
  createIntegratorTickHandler,
  createSyncTenantHandler,
  TenantSyncRetryError,
  TICK_DEBOUNCE_SECONDS,
  type IntegratorStatePort,
  type TenantSyncOutcome,
} from './sync.js';

const connectionId = 'c0000000-0000-4000-8000-000000000001';
const tenant = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const NOW = new Date('2026-12-05T12:00:00Z');

interface Row {
  connectionId: string;
  tenantId: string;
  module: string;
  nextDueAt: Date | null;
  quarantinedAt: Date | null;
  quarantineReason: { code: string; message: string } | null;
  consecutiveFailures: number;
  lastError: { code: string; message: string } | null;
}

/** The state repository's rules, in memory. */
function memoryStates() {
  const rows = new Map<string, Row>();
  const k = (key: { tenantId: string; module: string }) => `${key.tenantId}/${key.module}`;
  const row = (key: { connectionId: string; tenantId: string; module: string }): Row => {
    let r = rows.get(k(key));
    if (!r) {
      r = {
        ...key,
        nextDueAt: null,
        quarantinedAt: null,
        quarantineReason: null,
        consecutiveFailures: 0,
        lastError: null,
      };
      rows.set(k(key), r);
    }
    return r;
  };
  const port: IntegratorStatePort = {
    list: async () => [...rows.values()],
    get: async (key) => rows.get(k(key)),
    ensure: async (keys, dueAt) => {
      for (const key of keys) if (!rows.has(k(key))) row(key).nextDueAt = dueAt;
    },
    markDue: async (key, dueAt, options) => {
      const r = row(key);
      if (options && r.nextDueAt?.getTime() !== options.ifNextDueAt?.getTime()) return false;
      r.nextDueAt = dueAt;
      return true;
    },
    recordStart: async () => undefined,
    recordRetry: async (key, error) => void (row(key).lastError = error),
    recordSuccess: async (key, { nextDueAt, unquarantine }) => {
      const r = row(key);
      Object.assign(r, { consecutiveFailures: 0, lastError: null, nextDueAt });
      if (unquarantine) Object.assign(r, { quarantinedAt: null, quarantineReason: null });
      return r;
    },
    recordFailure: async (key, { at, error, nextDueAt, quarantineAfter }) => {
      const r = row(key);
      r.consecutiveFailures += 1;
      Object.assign(r, { lastError: error, nextDueAt });
      if (!r.quarantinedAt && r.consecutiveFailures >= quarantineAfter) {
        Object.assign(r, { quarantinedAt: at, quarantineReason: error });
      }
      return r;
    },
  };
  return { port, rows, row };
}

function world(configInput: IntegratorConfigInput, tenantCount = 1) {
  const config = integratorConfigSchema.parse(configInput);
  const tenantIds = Array.from({ length: tenantCount }, (_, i) => tenant(i + 1));
  // An Entra-kind scope over several tenants: every per-tenant module runs for each.
  const scope: IntegratorScope = { kind: 'entra', homeTenantId: tenantIds[0]!, tenantIds };
  const states = memoryStates();
  const queued: Array<{ name: string; payload: Record<string, unknown>; options?: object }> = [];
  const unfinished: UnfinishedJob[] = [];
  const outcomes: TenantSyncOutcome[] = [];
  const runs: string[] = [];
  const deps = {
    integrator: {
      enabled: async () => (config.enabled ? [{ connectionId, config, scope }] : []),
      of: async () => ({ connectionId, config, scope }),
      states: states.port,
      runTenant: async (run: { tenantId: string; trigger: string }) => {
        runs.push(`${run.tenantId}:${run.trigger}`);
        return (
          outcomes.shift() ?? { status: 'succeeded' as const, runId: 'r', error: null, transient: false }
        );
      },
    },
    now: () => NOW,
    queue: {
      enqueue: async (name: string, payload: object, options?: object) => {
        queued.push({ name, payload: payload as Record<string, unknown>, ...(options ? { options } : {}) });
        return `job-${queued.length}`;
      },
      unfinished: async () => unfinished,
    },
  };
  return {
    config,
    tenantIds,
    states,
    queued,
    unfinished,
    outcomes,
    runs,
    tick: createIntegratorTickHandler(deps as never),
    sync: createSyncTenantHandler(deps as never),
  };
}

const context = (attempt = 1) => ({
  id: 'j',
  name: 'sync.tenant',
  attempt,
  signal: new AbortController().signal,
});
const denied = { code: 'Authorization_RequestDenied', message: 'Permission not granted' };
const throttled = { code: 'TooManyRequests', message: 'Throttled' };

describe('sync.integrator-tick', () => {
  it('queues every due tenant once, and none again while their jobs are unfinished', async () => {
    const w = world({ enabled: true, modules: ['users', 'agents'], concurrency: 32 }, 3);
    await w.tick({}, context());
    const tenants = w.queued
      .filter((q) => q.name === 'sync.tenant')
      .map((q) => `${q.payload.tenantId}/${q.payload.module}`);
    expect(tenants.sort()).toEqual(w.tenantIds.flatMap((t) => [`${t}/agents`, `${t}/users`]).sort());
    expect(w.queued.every((q) => q.payload.trigger === 'scheduled')).toBe(true);

    // Next tick: nothing is due (due times moved an hour on), so nothing more is queued.
    await w.tick({}, context());
    expect(w.queued).toHaveLength(6);
  });

  it('never queues a key already queued or running, even when due', async () => {
    const w = world({ enabled: true }, 2);
    w.unfinished.push({
      id: 'x',
      state: 'active',
      singletonKey: `${connectionId}/${tenant(1)}/users`,
      data: {},
      retryCount: 0,
      createdAt: NOW,
    });
    await w.tick({}, context());
    expect(w.queued.map((q) => q.payload.tenantId)).toEqual([tenant(2)]);
  });

  it('writes the state of new pairs only: a tick after a tick writes none', async () => {
    const w = world({ enabled: true, concurrency: 2 }, 3);
    const ensured: string[][] = [];
    const ensure = w.states.port.ensure;
    w.states.port.ensure = async (keys, dueAt) => {
      ensured.push(keys.map((k) => k.tenantId));
      return ensure(keys, dueAt);
    };
    await w.tick({}, context());
    await w.tick({}, context());
    expect(ensured).toEqual([w.tenantIds]);
    // Reading the stored states is enough: the second tick queues the tenant the first had no slot for.
    const queuedTenants = w.queued.filter((q) => q.name === 'sync.tenant').map((q) => q.payload.tenantId);
    expect(queuedTenants.sort()).toEqual([...w.tenantIds].sort());
  });

  it("queues no more than the connection's concurrency; the others stay due", async () => {
    const w = world({ enabled: true, concurrency: 2 }, 5);
    await w.tick({}, context());
    expect(w.queued).toHaveLength(2);
    const stillDue = [...w.states.rows.values()].filter((r) => r.nextDueAt && r.nextDueAt <= NOW);
    expect(stillDue).toHaveLength(3);
  });

  it('skips quarantined tenants, disabled overrides and disabled integrators', async () => {
    const w = world(
      { enabled: true, tenantOverrides: [{ tenantId: tenant(3), enabled: false, modules: ['users'] }] },
      3,
    );
    await w.states.port.ensure([{ connectionId, tenantId: tenant(1), module: 'users' }], NOW);
    w.states.row({ connectionId, tenantId: tenant(1), module: 'users' }).quarantinedAt = NOW;
    await w.tick({}, context());
    expect(w.queued.map((q) => q.payload.tenantId)).toEqual([tenant(2)]);
    const off = world({ enabled: false }, 3);
    await off.tick({}, context());
    expect(off.queued).toEqual([]);
  });
});

describe('sync.tenant', () => {
  const payload = (trigger: 'scheduled' | 'manual' | 'notification' = 'scheduled') => ({
    connectionId,
    tenantId: tenant(1),
    module: 'users' as const,
    trigger,
  });

  it('quarantines after N failures in a row with the reason, then skips scheduled runs', async () => {
    const w = world({ enabled: true, quarantineAfterFailures: 3 });
    for (let i = 0; i < 3; i += 1)
      w.outcomes.push({ status: 'failed', runId: 'r', error: denied, transient: false });
    for (let i = 0; i < 3; i += 1) await w.sync(payload(), context());
    const row = w.states.row({ connectionId, tenantId: tenant(1), module: 'users' });
    expect(row).toMatchObject({ consecutiveFailures: 3, quarantinedAt: NOW, quarantineReason: denied });

    await w.sync(payload(), context());
    await w.sync(payload('notification'), context());
    expect(w.runs).toHaveLength(3);
  });

  it('lifts a quarantine with a successful manual run, but not with a failed one', async () => {
    const w = world({ enabled: true, quarantineAfterFailures: 1 });
    w.outcomes.push({ status: 'failed', runId: 'r', error: denied, transient: false });
    await w.sync(payload(), context());
    w.outcomes.push({ status: 'failed', runId: 'r', error: denied, transient: false });
    await w.sync(payload('manual'), context());
    const row = w.states.row({ connectionId, tenantId: tenant(1), module: 'users' });
    expect(row.quarantinedAt).toEqual(NOW);
    await w.sync(payload('manual'), context());
    expect(row).toMatchObject({ quarantinedAt: null, consecutiveFailures: 0 });
    expect(w.runs).toEqual([`${tenant(1)}:scheduled`, `${tenant(1)}:manual`, `${tenant(1)}:manual`]);
  });

  it('throws transient failures for the queue to retry, counting them once on the last attempt', async () => {
    const w = world({ enabled: true, quarantineAfterFailures: 5 });
    const row = () => w.states.row({ connectionId, tenantId: tenant(1), module: 'users' });
    for (let attempt = 1; attempt <= syncTenantJob.retryLimit; attempt += 1) {
      w.outcomes.push({ status: 'failed', runId: 'r', error: throttled, transient: true });
      await expect(w.sync(payload(), context(attempt))).rejects.toBeInstanceOf(TenantSyncRetryError);
      expect(row()).toMatchObject({ consecutiveFailures: 0, lastError: throttled });
    }
    w.outcomes.push({ status: 'failed', runId: 'r', error: throttled, transient: true });
    await expect(w.sync(payload(), context(syncTenantJob.retryLimit + 1))).rejects.toThrow(/TooManyRequests/);
    expect(row().consecutiveFailures).toBe(1);
  });

  it('asks for a debounced tick of every connection when it ends, so the next due tenant starts within seconds', async () => {
    const w = world({ enabled: true });
    await w.sync(payload(), context());
    expect(w.queued).toEqual([
      { name: 'sync.integrator-tick', payload: {}, options: { debounceSeconds: TICK_DEBOUNCE_SECONDS } },
    ]);
  });

  it('skips a scheduled run when the integrator was switched off after it was queued', async () => {
    const w = world({ enabled: false });
    await w.sync(payload(), context());
    await w.sync(payload('manual'), context());
    expect(w.runs).toEqual([`${tenant(1)}:manual`]);
  });
});
