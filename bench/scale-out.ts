/**
 * `npm run bench -- scale-out [--tenants 200] [--users 4000] [--latency-ms 30] [--page-cap 1]
 * [--concurrency 2] [--workers 1,2,4] [--seed 1]` (PostgreSQL: needs DATABASE_URL)
 *
 * Issue 5's scale-out figures: `rollcall worker` processes sharing the queue. An emulator (its own
 * process) holds `--tenants` customers; each gets an Entra connection (the estate of `sync-full`,
 * without delta queries, so every run reads its tenant in full). A warm-up round imports every
 * tenant with 4 workers; then, with `--latency-ms` added to every Graph request, one `sync.tenant`
 * (trigger manual) per tenant is queued and timed until the last job completes, with 1, 2 and 4
 * fresh worker processes of `--concurrency` jobs each (ROLLCALL_WORKERS_CONCURRENCY).
 *
 * The unit is a re-run with nothing changed: every tenant is read in full and plans only
 * `unchanged`, so the three rounds do the same work on the same desk and can be compared (a fresh
 * desk per round would need three imports and three databases for no better figure). Tenants
 * are queued largest first (sizes are log-normal): a large tenant's run is one chain of sequential
 * requests, and one picked last would stretch the wall time by its whole chain whatever the workers.
 *
 * Why latency-bound: the machine has 2 cores shared by the emulator, PostgreSQL and the workers,
 * so a CPU-bound workload would measure the cores, not the workers. A run costs the workers tens
 * of milliseconds of CPU whatever its size (token, run record, desk read, plan) and each Graph
 * request about 1 ms in the emulator, so tenants of ~20 users read in pages of one object
 * (`graph.listPageCap` 1: about 28 sequential requests per tenant, 0.8 s of latency) make waiting
 * on Microsoft dominate; 2 jobs per worker keeps the total concurrency (8 with 4 workers) where the
 * cores stay about half busy (`cpuSeconds` shows it: machine-wide, workers, emulator). With pages
 * of 2 the same estate is CPU-bound at 4 workers (speedup ~1.9). What stays is what scale-out is
 * about: requests waiting on Microsoft, overlapped across workers.
 *
 * Prints `wallSeconds` per worker count, `speedup4` = wall(1) ÷ wall(4) (target ≥ 3.0),
 * `graphRequests` per round (the emulator's counters) and `vsLatencyBound` = wall(4) ÷ (Graph
 * requests × latency ÷ (4 × concurrency)): how close 4 workers come to doing nothing but wait for
 * Microsoft (target ≤ 1.3).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { createJobRuntime, jobCatalogue, QUEUE_SCHEMA, type JobRuntime } from '../src/jobs/index.js';
import { createHttpsTransport } from '../src/microsoft/index.js';
import { generateSecretKey } from '../src/store/index.js';
import { startTestApp } from '../test/support/app.js';
import { startWorkers, stopWorkers } from '../test/support/worker-processes.js';
import {
  startEmulatorProcess,
  stopEmulatorProcess,
  type RunningEmulator,
} from './support/emulator-process.js';
import { setUpEstate, type BenchTenant } from './support/entra-estate.js';

const log = (message: string) => process.stderr.write(`[bench scale-out] ${message}\n`);

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds the whole machine has been busy (every core), from /proc/stat. */
function machineBusySeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return (cpu.reduce((a, b) => a + b, 0) - idle) / 100;
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
  return { send, close: () => https.close() };
}

/** Queues one sync.tenant per tenant and waits until every one completed; the wall time. */
async function round(queue: JobRuntime, pool: pg.Pool, tenants: BenchTenant[]): Promise<number> {
  const started = performance.now();
  const ids: string[] = [];
  // Largest first: otherwise the wall time measures when the largest tenant happened to be picked.
  for (const t of [...tenants].sort((a, b) => b.users - a.users)) {
    ids.push(
      await queue.enqueue('sync.tenant', {
        connectionId: t.connectionId,
        tenantId: t.tenantId,
        module: 'users',
        trigger: 'manual',
      }),
    );
  }
  for (;;) {
    const { rows } = await pool.query<{ state: string; n: number }>(
      `select state, count(*)::int as n from ${QUEUE_SCHEMA}.job where name = 'sync.tenant' and id = any($1::uuid[]) group by state`,
      [ids],
    );
    const count = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
    if (count('failed') > 0) throw new Error(`${count('failed')} sync.tenant jobs failed`);
    if (count('completed') === ids.length) return (performance.now() - started) / 1000;
    await sleep(100);
  }
}

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tenants: { type: 'string', default: '200' },
      users: { type: 'string', default: '4000' },
      'latency-ms': { type: 'string', default: '30' },
      'page-cap': { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '2' },
      workers: { type: 'string', default: '1,2,4' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!process.env.DATABASE_URL) throw new Error('scale-out runs on PostgreSQL: set DATABASE_URL');
  const tenantCount = Number(values.tenants);
  const latencyMs = Number(values['latency-ms']);
  const pageCap = Number(values['page-cap']);
  const concurrency = Number(values.concurrency);
  const workerCounts = values.workers.split(',').map(Number);

  log(`emulator: ${tenantCount} tenants, ${values.users} users`);
  const emulator = await startEmulatorProcess([
    '--tenants',
    String(tenantCount),
    '--users',
    String(values.users),
    '--seed',
    String(values.seed),
  ]);
  const admin = emulatorAdmin(emulator);
  const secretKey = generateSecretKey();
  const microsoft = {
    authorityHost: emulator.info.authorityHost,
    graphBaseUrl: emulator.info.graphBaseUrl,
    extraCaPath: emulator.info.caCertPath,
  };
  const app = await startTestApp({ engine: 'postgres', secretKey, config: { microsoft } });
  if (app.database.kind !== 'postgres') throw new Error('expected PostgreSQL');
  const pool = app.database.pool;
  const queue = createJobRuntime({
    connection: { kind: 'postgres', pool },
    catalogue: jobCatalogue,
    workers: false,
    concurrency: 1,
  });
  const workerEnv = (jobs: number) => ({
    DATABASE_URL: app.config.databaseUrl!,
    ROLLCALL_SECRET_KEY: secretKey,
    ROLLCALL_MICROSOFT_AUTHORITY_HOST: microsoft.authorityHost,
    ROLLCALL_MICROSOFT_GRAPH_BASE_URL: microsoft.graphBaseUrl,
    ROLLCALL_MICROSOFT_EXTRA_CA_PATH: microsoft.extraCaPath,
    ROLLCALL_WORKERS_CONCURRENCY: String(jobs),
    ROLLCALL_LOG_LEVEL: 'info',
  });
  try {
    const tenants = (await setUpEstate(app, emulator)).slice(0, tenantCount);
    await admin.send('PATCH', '/config', { graph: { listPageCap: pageCap } });
    await queue.start();

    log(`warm-up: importing ${tenants.length} tenants with 4 workers (no latency)`);
    let workers = await startWorkers(4, workerEnv(4));
    const importSeconds = await round(queue, pool, tenants);
    await stopWorkers(workers);
    log(`imported in ${importSeconds.toFixed(1)} s; ${latencyMs} ms per Graph request from now on`);
    await admin.send('POST', '/faults', { service: 'graph', action: { type: 'latency', ms: latencyMs } });

    const round3 = (n: number) => Math.round(n * 1000) / 1000;
    const wallSeconds: Record<string, number> = {};
    const graphRequests: Record<string, number> = {};
    const cpuSeconds: Record<string, { machine: number; workers: number; emulator: number }> = {};
    for (const count of workerCounts) {
      workers = await startWorkers(count, workerEnv(concurrency));
      await admin.send('DELETE', '/counters');
      const workerCpu = () => workers.reduce((sum, w) => sum + cpuSecondsOf(w.child.pid), 0);
      const before = {
        machine: machineBusySeconds(),
        workers: workerCpu(),
        emulator: cpuSecondsOf(emulator.child.pid),
      };
      try {
        wallSeconds[count] = Math.round((await round(queue, pool, tenants)) * 100) / 100;
        cpuSeconds[count] = {
          machine: round3(machineBusySeconds() - before.machine),
          workers: round3(workerCpu() - before.workers),
          emulator: round3(cpuSecondsOf(emulator.child.pid) - before.emulator),
        };
      } finally {
        await stopWorkers(workers);
      }
      const counted = (await admin.send('GET', '/counters?service=graph')) as { total: number };
      graphRequests[count] = counted.total;
      log(`${count} worker(s) × ${concurrency}: ${wallSeconds[count]} s, ${counted.total} Graph requests`);
    }

    const { rows } = await pool.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from sync_runs group by status`,
    );
    const most = Math.max(...workerCounts);
    const boundSeconds = ((graphRequests[most] ?? 0) * latencyMs) / 1000 / (most * concurrency);
    return {
      bench: 'scale-out',
      engine: 'postgres',
      tenants: tenants.length,
      users: Number(values.users),
      latencyMs,
      pageCap,
      concurrencyPerWorker: concurrency,
      importSeconds: round3(importSeconds),
      wallSeconds,
      graphRequests,
      cpuSeconds,
      cores: availableParallelism(),
      graphRequestsPerTenant: round3((graphRequests[most] ?? 0) / tenants.length),
      speedup4: round3((wallSeconds[1] ?? NaN) / (wallSeconds[4] ?? NaN)),
      latencyBoundSeconds4: round3(boundSeconds),
      vsLatencyBound: round3((wallSeconds[most] ?? NaN) / boundSeconds),
      syncRuns: Object.fromEntries(rows.map((r) => [r.status, r.n])),
      targets: { speedup4: 3.0, vsLatencyBound: 1.3 },
      node: process.version,
    };
  } finally {
    await queue.stop().catch(() => undefined);
    admin.close();
    await app.close();
    await stopEmulatorProcess(emulator);
  }
}
