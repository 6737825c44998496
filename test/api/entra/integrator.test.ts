import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../../src/api/app.js';
import type { IntegratorConfigInput } from '../../../src/contracts/api/integrator.js';
import type { JobInfo, JobRuntime } from '../../../src/jobs/index.js';
import { createIntegratorStateRepository, queryRows } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { testEngines } from '../../store/engines.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import {
  connectionInput,
  createConnection,
  entraConfig,
  startEntraWorld,
  TENANTS,
  type EntraWorld,
} from './fixtures.js';

let world: EntraWorld;
let app: TestApp;
let admin: Caller;

const base = (connectionId: string) => `/api/entra/connections/${connectionId}/integrator`;
const jobs = (): JobRuntime => app.deps.jobs!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function newConnection(): Promise<string> {
  return (await createConnection(app, admin, connectionInput(world.full))).id;
}

async function save(connectionId: string, config: IntegratorConfigInput, caller: Caller = admin) {
  const current = await call(app, admin, 'GET', base(connectionId));
  return call(app, caller, 'PUT', base(connectionId), { expectedVersion: current.json().version, config });
}

/** Waits until `done` holds for the job (polling the queue). */
async function waitForJob(
  id: string,
  done: (job: JobInfo) => boolean,
  name: 'sync.tenant' | 'sync.integrator-tick' = 'sync.tenant',
) {
  for (let i = 0; i < 300; i += 1) {
    const job = await jobs().job(name, id);
    if (job && done(job)) return job;
    await sleep(100);
  }
  throw new Error(`job ${id} did not get there: ${JSON.stringify(await jobs().job(name, id))}`);
}
const finished = (job: JobInfo) => job.state === 'completed' || job.state === 'failed';

/** Waits until no `sync.tenant` job of the connection is unfinished. */
async function waitForIdle(connectionId: string) {
  for (let i = 0; i < 300; i += 1) {
    if (!(await jobs().unfinished('sync.tenant', `${connectionId}/`)).length) return;
    await sleep(100);
  }
  throw new Error('the connection still has unfinished jobs');
}

async function tick(connectionId: string) {
  const id = await jobs().enqueue('sync.integrator-tick', { connectionId });
  await waitForJob(id, finished, 'sync.integrator-tick');
  await waitForIdle(connectionId);
}

const tenants = async (connectionId: string, caller: Caller = admin) =>
  (await call(app, caller, 'GET', `${base(connectionId)}/tenants`)).json().items as Array<
    Record<string, unknown>
  >;

async function runsOf(connectionId: string) {
  return queryRows<{
    module: string;
    trigger: string;
    status: string;
    started_at: string;
    finished_at: string | null;
  }>(
    app.deps.db,
    sql`select module, trigger, status, started_at::text, finished_at::text from sync_runs
         where connection_id = ${connectionId} order by started_at`,
  );
}

/** Makes every (tenant, module) of the connection due now, as time passing would. */
async function makeDue(connectionId: string) {
  const states = createIntegratorStateRepository(app.deps.db);
  for (const state of await states.list(connectionId))
    await states.markDue(state, new Date(Date.now() - 1000));
}

async function addFault(rule: Record<string, unknown>) {
  const res = await world.emu.inject({ method: 'POST', url: '/_emulator/faults', body: rule });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

beforeAll(async () => {
  world = await startEntraWorld();
  app = await startTestApp({ config: entraConfig(world), jobs: createAppJobRuntime });
  await givenBuiltInRoles(app.deps.db);
  admin = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
});
afterEach(async () => {
  await world.emu.inject({ method: 'DELETE', url: '/_emulator/faults' });
});
afterAll(async () => {
  await app?.close();
  await world?.close();
});

describe('the integrator through the API', () => {
  it('starts switched off with the defaults, listing the tenants overrides may name', async () => {
    const connectionId = await newConnection();
    const res = await call(app, admin, 'GET', base(connectionId));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      version: 0,
      updatedAt: null,
      tenantIds: [TENANTS.contoso],
      config: {
        enabled: false,
        modules: ['users'],
        schedule: { kind: 'interval', minutes: 60 },
        concurrency: 4,
        quarantineAfterFailures: 5,
        tenantOverrides: [],
      },
    });
    expect(await tenants(connectionId)).toEqual([]);
  });

  it('refuses invalid configurations, naming each field', async () => {
    const connectionId = await newConnection();
    const fields = async (config: Record<string, unknown>) => {
      const res = await save(connectionId, config as IntegratorConfigInput);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().errors as Array<{ field: string; message: string }>;
    };
    expect(await fields({ schedule: { kind: 'interval', minutes: 2 } })).toContainEqual({
      field: 'config.schedule.minutes',
      message: expect.stringContaining('at least 5'),
    });
    expect(await fields({ schedule: { kind: 'cron', expression: '0 25 * * *' } })).toContainEqual({
      field: 'config.schedule.expression',
      message: expect.stringContaining('hour field has 25'),
    });
    expect(await fields({ schedule: { kind: 'cron', expression: 'hourly' } })).toContainEqual({
      field: 'config.schedule.expression',
      message: expect.stringContaining('5 fields'),
    });
    expect(
      await fields({ concurrency: 0, quarantineAfterFailures: 21, modules: ['users', 'groups'] }),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'config.concurrency' }),
        expect.objectContaining({ field: 'config.quarantineAfterFailures' }),
        expect.objectContaining({ field: 'config.modules.1' }),
      ]),
    );
    const stranger = 'e0e00000-0000-4000-8000-00000000beef';
    expect(
      await fields({ tenantOverrides: [{ tenantId: stranger, enabled: true, modules: ['agents'] }] }),
    ).toEqual([
      {
        field: 'config.tenantOverrides.0.tenantId',
        message: expect.stringContaining("not one of this connection's tenants"),
      },
    ]);
  });

  it('saves with compare-and-swap: a save over a newer version is refused with 409', async () => {
    const connectionId = await newConnection();
    const first = await save(connectionId, {
      enabled: false,
      schedule: { kind: 'cron', expression: '0 6 * * MON-FRI' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      version: 1,
      config: { schedule: { kind: 'cron', expression: '0 6 * * MON-FRI' } },
    });
    const stale = await call(app, admin, 'PUT', base(connectionId), { expectedVersion: 0, config: {} });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().errors[0].field).toBe('expectedVersion');
  });

  it('lets a read grant see the integrator but not change or run it; others do not see it', async () => {
    const connectionId = await newConnection();
    const reader = await givenAgent(app.deps.db, { permissions: [] });
    const outsider = await givenAgent(app.deps.db, { permissions: ['customers.write'] });
    const grantor = await givenAgent(app.deps.db, { permissions: ['agents.write'] });
    const granted = await call(app, grantor, 'PUT', `/api/connections/${connectionId}/grants`, {
      grants: [{ accountId: reader.accountId, access: 'read' }],
    });
    expect(granted.statusCode, granted.body).toBe(200);

    expect((await call(app, reader, 'GET', base(connectionId))).statusCode).toBe(200);
    expect((await call(app, reader, 'GET', `${base(connectionId)}/tenants`)).statusCode).toBe(200);
    expect((await save(connectionId, { enabled: true }, reader)).statusCode).toBe(403);
    expect((await call(app, reader, 'POST', `${base(connectionId)}/run`, {})).statusCode).toBe(403);
    for (const [method, path] of [
      ['GET', base(connectionId)],
      ['GET', `${base(connectionId)}/tenants`],
      ['POST', `${base(connectionId)}/run`],
    ] as const) {
      expect((await call(app, outsider, method, path, {})).statusCode).toBe(404);
    }
    expect((await save(connectionId, { enabled: true }, outsider)).statusCode).toBe(404);
    expect((await call(app, null, 'GET', base(connectionId))).statusCode).toBe(401);
  });

  it('"Run now" queues a manual run per module, answers the job ids, and records the run', async () => {
    const connectionId = await newConnection();
    const refused = await call(app, admin, 'POST', `${base(connectionId)}/run`, {
      tenantId: TENANTS.northwind,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('tenantId');

    const res = await call(app, admin, 'POST', `${base(connectionId)}/run`, { module: 'agents' });
    expect(res.statusCode, res.body).toBe(201);
    const [queued] = res.json().jobs;
    expect(res.json().jobs).toEqual([
      { tenantId: TENANTS.contoso, module: 'agents', jobId: expect.any(String), alreadyQueued: false },
    ]);
    await waitForJob(queued.jobId, finished);
    expect((await jobs().job('sync.tenant', queued.jobId))?.state).toBe('completed');
    expect(await runsOf(connectionId)).toEqual([
      expect.objectContaining({ module: 'agents', trigger: 'manual', status: 'succeeded' }),
    ]);
    expect(await tenants(connectionId)).toEqual([
      expect.objectContaining({
        tenantId: TENANTS.contoso,
        module: 'agents',
        scheduled: false,
        consecutiveFailures: 0,
        lastSuccessAt: expect.any(String),
        quarantine: null,
        job: null,
      }),
    ]);
  });
});

// The jobs on each engine (PostgreSQL when DATABASE_URL is set): the queue's claims, keys and
// unfinished-job reads are SQL of their own.
describe.each(testEngines().map((e) => e.name))(
  'the integrator jobs on %s, against the emulated tenant',
  (engine) => {
    let previous: { app: TestApp; admin: Caller } | undefined;
    beforeAll(async () => {
      if (engine === 'pglite') return;
      previous = { app, admin };
      app = await startTestApp({ engine, config: entraConfig(world), jobs: createAppJobRuntime });
      await givenBuiltInRoles(app.deps.db);
      admin = await givenAgent(app.deps.db, { permissions: ['integrations.entra.configure'] });
    });
    afterAll(async () => {
      if (!previous) return;
      await app.close();
      ({ app, admin } = previous);
    });

    it('a tick queues each due (tenant, module) once, and nothing until they are due again', async () => {
      const connectionId = await newConnection();
      expect((await save(connectionId, { enabled: true, modules: ['users', 'agents'] })).statusCode).toBe(
        200,
      );
      await tick(connectionId);
      await tick(connectionId);
      const runs = await runsOf(connectionId);
      expect(runs.map((r) => `${r.module}:${r.trigger}:${r.status}`).sort()).toEqual([
        'agents:scheduled:succeeded',
        'users:scheduled:succeeded',
      ]);
      const states = await tenants(connectionId);
      expect(states).toHaveLength(2);
      for (const state of states) {
        expect(state).toMatchObject({ scheduled: true, consecutiveFailures: 0, job: null });
        // An hour after the run ended (the default interval).
        const next = Date.parse(state.nextDueAt as string) - Date.parse(state.lastSuccessAt as string);
        expect(next).toBe(60 * 60_000);
      }
      await makeDue(connectionId);
      await tick(connectionId);
      expect(await runsOf(connectionId)).toHaveLength(4);
    });

    it('never runs one tenant twice at once, however many runs are queued', async () => {
      const connectionId = await newConnection();
      await addFault({
        service: 'graph',
        tenantId: TENANTS.contoso,
        action: { type: 'latency', ms: 150 },
        times: 20,
      });
      const ids = await Promise.all(
        (['manual', 'cli', 'notification'] as const).map((trigger) =>
          jobs().enqueue('sync.tenant', {
            connectionId,
            tenantId: TENANTS.contoso,
            module: 'users',
            trigger,
          }),
        ),
      );
      for (const id of ids) await waitForJob(id, finished);
      const runs = await runsOf(connectionId);
      expect(runs).toHaveLength(3);
      for (let i = 1; i < runs.length; i += 1) {
        expect(Date.parse(runs[i]!.started_at)).toBeGreaterThanOrEqual(Date.parse(runs[i - 1]!.finished_at!));
      }
    });

    it('quarantines a tenant failing N times in a row, shows the reason, skips it, and a manual success lifts it', async () => {
      const connectionId = await newConnection();
      expect((await save(connectionId, { enabled: true, quarantineAfterFailures: 2 })).statusCode).toBe(200);
      await addFault({
        service: 'graph',
        tenantId: TENANTS.contoso,
        action: {
          type: 'status',
          status: 403,
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges',
        },
        times: 2,
      });
      await tick(connectionId);
      let [state] = await tenants(connectionId);
      expect(state).toMatchObject({
        consecutiveFailures: 1,
        quarantine: null,
        lastError: { code: 'Authorization_RequestDenied' },
      });
      await makeDue(connectionId);
      await tick(connectionId);
      [state] = await tenants(connectionId);
      expect(state).toMatchObject({
        consecutiveFailures: 2,
        quarantine: {
          at: expect.any(String),
          reason: {
            code: 'Authorization_RequestDenied',
            message: expect.stringContaining('Permission not granted'),
          },
        },
      });
      // A quarantined tenant is not scheduled, however due.
      await makeDue(connectionId);
      await tick(connectionId);
      expect(await runsOf(connectionId)).toHaveLength(2);

      const res = await call(app, admin, 'POST', `${base(connectionId)}/run`, {});
      await waitForJob(res.json().jobs[0].jobId, finished);
      [state] = await tenants(connectionId);
      expect(state).toMatchObject({ consecutiveFailures: 0, quarantine: null, lastError: null });
      expect((await runsOf(connectionId)).map((r) => `${r.trigger}:${r.status}`)).toEqual([
        'scheduled:failed',
        'scheduled:failed',
        'manual:succeeded',
      ]);
    });

    it('retries a transient Microsoft failure with backoff, without counting it as a failure', async () => {
      const connectionId = await newConnection();
      expect((await save(connectionId, { enabled: true })).statusCode).toBe(200);
      await addFault({
        service: 'graph',
        tenantId: TENANTS.contoso,
        action: { type: 'status', status: 500 },
        times: 1,
      });
      const id = await jobs().enqueue('sync.tenant', {
        connectionId,
        tenantId: TENANTS.contoso,
        module: 'users',
        trigger: 'scheduled',
      });
      const retrying = await waitForJob(id, (job) => job.state === 'retry');
      expect(retrying.error).toMatch(/500|5xx|generalException/i);
      let [state] = await tenants(connectionId);
      expect(state).toMatchObject({
        consecutiveFailures: 0,
        lastError: expect.objectContaining({ code: expect.any(String) }),
        quarantine: null,
      });
      // The backoff waits 30 s or more; bring the retry forward rather than wait.
      await app.deps.db.execute(sql`update pgboss.job set start_after = now() where id = ${id}`);
      const done = await waitForJob(id, finished);
      expect(done).toMatchObject({ state: 'completed', retryCount: 1 });
      [state] = await tenants(connectionId);
      expect(state).toMatchObject({
        consecutiveFailures: 0,
        lastError: null,
        lastSuccessAt: expect.any(String),
      });
    });
  },
);
