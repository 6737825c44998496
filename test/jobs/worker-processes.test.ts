/**
 * Issue 5, "Scale-out", on PostgreSQL with real processes: three `rollcall worker`s, an emulator
 * (in its own process) with 50 tenants, one Entra connection per tenant with delta queries on and
 * its integrator enabled. One tick syncs every tenant exactly once, spread over the workers; a
 * worker killed with SIGKILL mid-run leaves its tenant to another worker once its lease lapses
 * (3 s here) and the retry's backoff has passed, with no duplicate desk users and a delta
 * checkpoint the desk agrees with. Skipped without DATABASE_URL.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startEmulatorProcess,
  stopEmulatorProcess,
  type RunningEmulator,
} from '../../bench/support/emulator-process.js';
import { setUpEstate, type BenchTenant } from '../../bench/support/entra-estate.js';
import { resetDeltas } from '../../src/api/integrations/entra/delta-settings.js';
import { runConnectionImport } from '../../src/api/integrations/entra/run-import.js';
import { integratorConfigSchema } from '../../src/contracts/api/integrator.js';
import { createJobRuntime, jobCatalogue, QUEUE_SCHEMA, type JobRuntime } from '../../src/jobs/index.js';
import { createHttpsTransport } from '../../src/microsoft/index.js';
import {
  createConnectionRepository,
  createIntegratorConfigRepository,
  generateSecretKey,
} from '../../src/store/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startWorkers, stopWorkers, type WorkerProcess } from '../support/worker-processes.js';
import { testEngines } from '../store/engines.js';

const TENANTS = 50;
const LEASE_SECONDS = 3;
/** sync.tenant's first retry waits 30–60 s (backoff from 30 s); a lease, a look and a run on top. */
const RETRY_WINDOW_MS = 120_000;

/** Polls `check` every 250 ms until it answers something truthy; rejects after `limitMs`. */
async function poll<T>(
  description: string,
  limitMs: number,
  check: () => Promise<T>,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${description}`);
    await sleep(250);
  }
}

function emulatorAdmin(emulator: RunningEmulator) {
  const https = createHttpsTransport({ extraCaPem: readFileSync(emulator.info.caCertPath, 'utf8') });
  const send = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await https.fetch(`${emulator.info.adminUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  return {
    send,
    graphRequests: async (tenantId: string) =>
      ((await send('GET', `/counters?service=graph&tenantId=${tenantId}`)) as { total: number }).total,
    close: () => https.close(),
  };
}

for (const engine of testEngines().filter((e) => e.name === 'postgres')) {
  void engine;
  describe('rollcall worker processes sharing the integrator (PostgreSQL)', () => {
    let emulator: RunningEmulator;
    let admin: ReturnType<typeof emulatorAdmin>;
    let app: TestApp;
    let pool: pg.Pool;
    let tenants: BenchTenant[];
    let workers: WorkerProcess[] = [];
    let queue: JobRuntime;

    const runsByTenant = async () => {
      const { rows } = await pool.query<{ tenant_id: string; status: string; n: number }>(
        `select tenant_id, status, count(*)::int as n from sync_runs group by tenant_id, status`,
      );
      return rows;
    };
    const duplicateDeskUsers = async () => {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from (
           select tenant_id, entra_object_id from desk_users where entra_object_id is not null
            group by tenant_id, entra_object_id having count(*) > 1) d`,
      );
      return rows[0]!.n;
    };
    const jobRow = async (id: string) => {
      const { rows } = await pool.query<{ state: string; retry_count: number }>(
        `select state, retry_count from ${QUEUE_SCHEMA}.job where name = 'sync.tenant' and id = $1`,
        [id],
      );
      return rows[0];
    };
    /** Which worker logged that it started this job's attempt. */
    const startedBy = (id: string, attempt: number) =>
      workers.filter((w) =>
        w.logs.some((e) => e.msg === 'job started' && e.id === id && e.attempt === attempt),
      );

    beforeAll(async () => {
      emulator = await startEmulatorProcess(['--tenants', String(TENANTS), '--users', '1500', '--seed', '5']);
      admin = emulatorAdmin(emulator);
      const secretKey = generateSecretKey();
      app = await startTestApp({
        engine: 'postgres',
        secretKey,
        config: {
          microsoft: {
            authorityHost: emulator.info.authorityHost,
            graphBaseUrl: emulator.info.graphBaseUrl,
            extraCaPath: emulator.info.caCertPath,
          },
        },
      });
      if (app.database.kind !== 'postgres') throw new Error('expected PostgreSQL');
      pool = app.database.pool;
      const started = startWorkers(3, {
        DATABASE_URL: app.config.databaseUrl!,
        ROLLCALL_SECRET_KEY: secretKey,
        ROLLCALL_MICROSOFT_AUTHORITY_HOST: emulator.info.authorityHost,
        ROLLCALL_MICROSOFT_GRAPH_BASE_URL: emulator.info.graphBaseUrl,
        ROLLCALL_MICROSOFT_EXTRA_CA_PATH: emulator.info.caCertPath,
        ROLLCALL_WORKERS_CONCURRENCY: '4',
        ROLLCALL_WORKERS_LEASE_SECONDS: String(LEASE_SECONDS),
        // 'job started' (debug) says which worker runs which job.
        ROLLCALL_LOG_LEVEL: 'debug',
      });
      tenants = await setUpEstate(app, emulator, { enabled: true, method: 'allChanges' });
      const integrator = integratorConfigSchema.parse({
        enabled: true,
        modules: ['users'],
        schedule: { kind: 'interval', minutes: 60 },
      });
      const configs = createIntegratorConfigRepository(app.deps.db);
      for (const tenant of tenants) {
        await configs.save(tenant.connectionId, integrator, { expectedVersion: 0, updatedBy: null });
      }
      queue = createJobRuntime({
        connection: { kind: 'postgres', pool },
        catalogue: jobCatalogue,
        workers: false,
        concurrency: 1,
      });
      await queue.start();
      workers = await started;
    }, 180_000);

    afterAll(async () => {
      await stopWorkers(workers);
      await queue?.stop();
      admin?.close();
      await app?.close();
      if (emulator) await stopEmulatorProcess(emulator);
    }, 60_000);

    it('one tick syncs every tenant exactly once, spread over the workers', async () => {
      // Runs of a second or so: every worker polls (every 2 s) before the queue is empty.
      const latency = (await admin.send('POST', '/faults', {
        service: 'graph',
        action: { type: 'latency', ms: 100 },
      })) as { id: string };
      await queue.enqueue('sync.integrator-tick', {});
      const succeeded = () =>
        runsByTenant().then((rows) => rows.filter((r) => r.status === 'succeeded').length === TENANTS);
      await poll(`all ${TENANTS} tenants to sync`, 90_000, succeeded);
      await admin.send('DELETE', `/faults/${latency.id}`);
      // Finished runs ask for ticks of their connections; none may queue a tenant again.
      await sleep(3_000);

      const rows = await runsByTenant();
      expect(rows).toHaveLength(TENANTS);
      expect(rows.every((r) => r.status === 'succeeded' && r.n === 1)).toBe(true);
      expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set(tenants.map((t) => t.tenantId)));
      expect(await duplicateDeskUsers()).toBe(0);
      const perWorker = workers.map(
        (w) => w.logs.filter((e) => e.job === 'sync.tenant' && e.msg === 'synchronised').length,
      );
      expect(perWorker.reduce((a, b) => a + b, 0)).toBe(TENANTS);
      expect(perWorker.every((n) => n > 0)).toBe(true);
      console.info(`runs per worker: ${perWorker.join(', ')}`);
    }, 120_000);

    it('a worker killed mid-run leaves its tenant to another, which completes it with the desk and checkpoint consistent', async () => {
      const victim = tenants.reduce((a, b) => (b.users > a.users ? b : a));
      const base = `/tenants/${victim.tenantId}`;
      // Work for the run to do: joiners, movers and a soft-deleted leaver since the last delta round.
      await admin.send('POST', `${base}/joiners`, { count: 3 });
      await admin.send('POST', `${base}/movers`, { count: 3, changes: ['department', 'jobTitle'] });
      await admin.send('POST', `${base}/leavers`, { count: 1, mode: 'softDelete' });
      // A slow run: the tenant's delta checkpoint cleared, so the run reads it in full (a delta round
      // of a few changes takes two or three requests), in pages of two, 400 ms per Graph request.
      await resetDeltas(
        app.deps.db,
        { connectionId: victim.connectionId, tenantIds: [victim.tenantId] },
        'clear',
      );
      await admin.send('PATCH', '/config', { graph: { listPageCap: 2 } });
      const slow = (await admin.send('POST', '/faults', {
        service: 'graph',
        tenantId: victim.tenantId,
        action: { type: 'latency', ms: 400 },
      })) as { id: string };
      const requestsBefore = await admin.graphRequests(victim.tenantId);

      const run = { connectionId: victim.connectionId, tenantId: victim.tenantId, module: 'users' } as const;
      const id = await queue.enqueue('sync.tenant', { ...run, trigger: 'manual' });
      const [doomed] = await poll('a worker to start the run', 30_000, async () => {
        const found = startedBy(id, 1);
        return found.length > 0 ? found : null;
      });
      await poll('the run to be under way', 30_000, async () => {
        return (await admin.graphRequests(victim.tenantId)) >= requestsBefore + 3;
      });
      console.info(
        `killing ${doomed!.label} while it runs tenant ${victim.tenantId} (${victim.users} users)`,
      );
      doomed!.child.kill('SIGKILL');
      const killedAt = Date.now();
      await doomed!.exited;
      await admin.send('DELETE', `/faults/${slow.id}`);

      const done = await poll('the run to complete on another worker', RETRY_WINDOW_MS, async () => {
        const job = await jobRow(id);
        return job?.state === 'completed' ? job : null;
      });
      const secondsToComplete = (Date.now() - killedAt) / 1000;
      console.info(`killed ${doomed!.label}; the run completed ${secondsToComplete.toFixed(1)} s later`);
      expect(done.retry_count).toBeGreaterThanOrEqual(1);
      expect(startedBy(id, done.retry_count + 1).map((w) => w.label)).not.toContain(doomed!.label);
      expect(await duplicateDeskUsers()).toBe(0);
      const { rows: victimRuns } = await pool.query<{ status: string; counts: Record<string, number> }>(
        `select status, counts from sync_runs where tenant_id = $1 order by started_at`,
        [victim.tenantId],
      );
      // The tick's run, the killed attempt's (never finished) and the retry's.
      expect(victimRuns.filter((r) => r.status === 'succeeded')).toHaveLength(2);
      expect(victimRuns.at(-1)!.counts).toMatchObject({ created: 3 });

      // The checkpoint moved with the desk: the next delta run and a full read both plan nothing.
      const again = await queue.enqueue('sync.tenant', { ...run, trigger: 'manual' });
      await poll(
        'the delta run after the retry',
        60_000,
        async () => (await jobRow(again))?.state === 'completed',
      );
      const { rows: last } = await pool.query<{
        mode: string;
        status: string;
        counts: Record<string, number>;
      }>(`select mode, status, counts from sync_runs where tenant_id = $1 order by started_at desc limit 1`, [
        victim.tenantId,
      ]);
      expect(last[0]).toMatchObject({ mode: 'delta', status: 'succeeded' });
      expect(last[0]!.counts).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
      const connection = (await createConnectionRepository(app.deps.db, app.deps.secrets).findById(
        victim.connectionId,
      ))!;
      const [full] = await runConnectionImport(app.deps, connection, {
        module: 'users',
        trigger: 'manual',
        read: 'full',
        dryRun: true,
      });
      expect(full?.plan?.read.mode).toBe('full');
      expect(full?.plan?.summary).toMatchObject({ created: 0, updated: 0, deactivated: 0 });
    }, 240_000);
  });
}
