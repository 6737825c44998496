/**
 * `npm run bench -- assets [--tenants 100] [--devices 50000] [--users 5000] [--latency-ms 30]
 * [--seed 1] [--engine pglite|postgres]` (postgres: DATABASE_URL)
 *
 * Issue 7's figures for Intune devices → assets: one integrator round of the `assets` module for a
 * CSP partner with `--tenants` customer tenants holding `--devices` Intune managed devices in all
 * (as even as the seeded devices allow), every request to Microsoft `--latency-ms` slower. The
 * emulator runs in its own process.
 *
 * Set-up (not timed), as an administrator does it (bench/support/csp-estate.ts): a CSP connection,
 * Authorise, Sync tenants, every tenant mapped to a new customer and consented, Generate mappings;
 * each tenant buys Intune (INTUNE_A) and enrols devices up to its share (emulator admin API); the
 * users module runs once (so devices link to desk users); asset import is switched on with the
 * default configuration. Latency on, counters emptied; then the ROUND: the integrator's "Run now"
 * for module `assets` (one `sync.tenant` job per tenant, worked by the app's job workers), timed
 * until no job of the connection is left. A second round (nothing changed in Intune) follows.
 *
 * Prints one JSON object:
 * - `seconds`: the first round's wall time (every device creates an asset); `rerunSeconds`: the
 *   second round's (every asset unchanged); `rerunVsFirst` = rerunSeconds ÷ seconds.
 * - `requests`: every request the emulator counted during the first round (token endpoint, Graph);
 *   `requestsMinimum`: per tenant ⌈devices ÷ 1,000⌉ device pages (at least one) — the GDAP tokens
 *   were obtained by the users run minutes earlier and a correct round reuses them;
 *   `requestsVsMinimum` = requests ÷ requestsMinimum (target ≤ 1.05).
 * - `vsLatencyBound` = seconds ÷ the least time the round's requests need when waiting on
 *   Microsoft is all it does: max(requests × latency ÷ concurrency, the longest tenant's pages ×
 *   latency).
 * - `peakRssMb`: peak resident memory of this process (the product and, with pglite, its embedded
 *   database) during the rounds; the emulator is another process. Devices are read a page at a
 *   time, so it does not grow with a tenant's devices.
 * - `runSeconds`: per round, the time inside the tenants' assets runs (read, plan, write) summed
 *   (`sum`) and the longest (`longest`): the rest of the wall time is the job queue's.
 * - `assets`: assets in the desk after the round, `linked`: of them, linked to a desk user.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createAppJobRuntime } from '../src/api/app.js';
import { createHttpsTransport } from '../src/microsoft/index.js';
import { call, type Caller } from '../test/api/access/fixtures.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import { CSP_PUBLIC_URL, emulatorAdmin, setUpCspEstate } from './support/csp-estate.js';
import { startEmulatorProcess, stopEmulatorProcess } from './support/emulator-process.js';
import { rssSampler } from './support/entra-estate.js';
import { rawQuery } from './support/raw-upsert.js';

const log = (message: string) => process.stderr.write(`[bench assets] ${message}\n`);
const DEVICE_PAGE = 1000;
const MAX_ENROL = 10_000;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

interface CounterRow {
  service: string;
  route: string;
  method: string;
  count: number;
}

/** "Run now" for one module of the connection; waits until none of its jobs is left. */
async function runModule(
  app: TestApp,
  caller: Caller,
  connectionId: string,
  module: 'users' | 'assets',
): Promise<number> {
  const jobs = app.deps.jobs!;
  const started = performance.now();
  const queued = await call(app, caller, 'POST', `/api/csp/connections/${connectionId}/integrator/run`, {
    module,
  });
  if (queued.statusCode !== 201) throw new Error(`Run now answered ${queued.statusCode}: ${queued.body}`);
  let lastLog = started;
  for (;;) {
    const left = await jobs.unfinished('sync.tenant', `${connectionId}/`);
    if (!left.length) break;
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      log(`${module}: ${left.length} jobs left after ${((lastLog - started) / 1000).toFixed(0)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return (performance.now() - started) / 1000;
}

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tenants: { type: 'string', default: '100' },
      devices: { type: 'string', default: '50000' },
      users: { type: 'string', default: '5000' },
      'latency-ms': { type: 'string', default: '30' },
      seed: { type: 'string', default: '1' },
      engine: { type: 'string', default: 'pglite' },
    },
  });
  const engine = values.engine;
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine must be pglite or postgres');
  if (engine === 'postgres' && !process.env.DATABASE_URL)
    throw new Error('--engine postgres needs DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test)');
  const tenantCount = Number(values.tenants);
  const deviceCount = Number(values.devices);
  const userCount = Number(values.users);
  const latencyMs = Number(values['latency-ms']);
  if (!Number.isInteger(tenantCount) || tenantCount < 1)
    throw new Error('--tenants must be a whole number ≥ 1');
  if (!Number.isInteger(deviceCount) || deviceCount < tenantCount)
    throw new Error('--devices must be a whole number, at least --tenants');
  if (!Number.isInteger(userCount) || userCount < tenantCount)
    throw new Error('--users must be a whole number, at least --tenants');
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error('--latency-ms must be ≥ 0');

  log(`emulator: a partner and ${tenantCount} customer tenants, ${userCount} users (seed ${values.seed})`);
  const emulator = await startEmulatorProcess([
    '--tenants',
    String(tenantCount),
    '--users',
    String(userCount),
    '--seed',
    String(values.seed),
  ]);
  const https = createHttpsTransport({ extraCaPem: readFileSync(emulator.info.caCertPath, 'utf8') });
  const admin = emulatorAdmin(emulator, https);
  const info = emulator.info;
  const app = await startTestApp({
    engine,
    jobs: createAppJobRuntime,
    config: {
      publicUrl: CSP_PUBLIC_URL,
      microsoft: {
        authorityHost: info.authorityHost,
        graphBaseUrl: info.graphBaseUrl,
        partnerCenterBaseUrl: info.partnerCenterBaseUrl,
        extraCaPath: info.caCertPath,
      },
    },
  });
  try {
    const estate = await setUpCspEstate(app, emulator, { licenceImportType: 'skus', delta: false, log });
    const { connectionId, configurer } = estate;

    log(`every tenant buys Intune and enrols devices: ${deviceCount} in all`);
    const tenants = (await admin('GET', '/tenants')) as { id: string; devices: number; intune: boolean }[];
    const customers = tenants.filter((t) => estate.tenants.some((e) => e.tenantId === t.id.toLowerCase()));
    const share = Math.floor(deviceCount / customers.length);
    let extra = deviceCount - share * customers.length;
    const devicesByTenant: Record<string, number> = {};
    for (const tenant of customers) {
      if (!tenant.intune) await admin('POST', `/tenants/${tenant.id}/skus`, { sku: 'INTUNE_A', enabled: 25 });
      const wanted = share + (extra > 0 ? 1 : 0);
      extra = Math.max(0, extra - 1);
      let missing = Math.max(0, wanted - tenant.devices);
      while (missing > 0) {
        const count = Math.min(missing, MAX_ENROL);
        await admin('POST', `/tenants/${tenant.id}/devices`, { count });
        missing -= count;
      }
      devicesByTenant[tenant.id] = Math.max(wanted, tenant.devices);
    }
    const totalDevices = Object.values(devicesByTenant).reduce((a, b) => a + b, 0);

    log('users module once (not timed), so devices link to desk users');
    await runModule(app, configurer, connectionId, 'users');
    const saved = await call(app, configurer, 'PUT', `/api/connections/${connectionId}/asset-config`, {
      expectedVersion: 0,
      config: { enabled: true },
    });
    if (saved.statusCode !== 200) throw new Error(`saving the asset configuration: ${saved.body}`);

    log(`set up; ${latencyMs} ms per request from now on; the round: Run now for module assets`);
    await admin('POST', '/faults', { action: { type: 'latency', ms: latencyMs } });
    await admin('DELETE', '/counters');
    const rss = rssSampler();
    const firstStartedAt = new Date();
    const seconds = await runModule(app, configurer, connectionId, 'assets');
    const rerunStartedAt = new Date();
    const all = (await admin('GET', '/counters')) as { rows: CounterRow[] };
    const microsoftRows = all.rows.filter((r) => r.service !== 'admin');
    const requests = microsoftRows.reduce((n, r) => n + r.count, 0);
    log(`round: ${seconds.toFixed(1)} s, ${requests} requests; again with nothing changed`);
    const rerunSeconds = await runModule(app, configurer, connectionId, 'assets');
    rss.stop();

    const query = rawQuery(app.database);
    const { rows: runs } = (await query(
      `select status, count(*)::int as n from sync_runs where connection_id = $1 and module = 'assets' group by status`,
      [connectionId],
    )) as { rows: { status: string; n: number }[] };
    // Time inside the assets runs themselves (read, plan, write), summed over tenants, per round:
    // what the round's wall time spends beyond it is the job queue's.
    const runSeconds = async (from: Date, to: Date | null) => {
      const { rows } = (await query(
        `select coalesce(sum(extract(epoch from (finished_at - started_at))), 0)::float as s,
                coalesce(max(extract(epoch from (finished_at - started_at))), 0)::float as longest
           from sync_runs where connection_id = $1 and module = 'assets' and started_at >= $2
            and ($3::timestamptz is null or started_at < $3)`,
        [connectionId, from, to],
      )) as { rows: { s: number; longest: number }[] };
      return { sum: round3(rows[0]?.s ?? 0), longest: round3(rows[0]?.longest ?? 0) };
    };
    const [firstRuns, rerunRuns] = [
      await runSeconds(firstStartedAt, rerunStartedAt),
      await runSeconds(rerunStartedAt, null),
    ];
    const { rows: counts } = (await query(
      `select count(*)::int as assets, count(desk_user_id)::int as linked from assets where connection_id = $1`,
      [connectionId],
    )) as { rows: { assets: number; linked: number }[] };

    const pages = Object.values(devicesByTenant).map((n) => Math.max(1, Math.ceil(n / DEVICE_PAGE)));
    const requestsMinimum = pages.reduce((a, b) => a + b, 0);
    const concurrency = app.config.workers.concurrency;
    const latencyBoundSeconds = Math.max(
      (requests * latencyMs) / 1000 / concurrency,
      (Math.max(...pages) * latencyMs) / 1000,
    );
    const byRoute: Record<string, number> = {};
    for (const row of microsoftRows) {
      const key = `${row.service} ${row.method} ${row.route}`;
      byRoute[key] = (byRoute[key] ?? 0) + row.count;
    }
    return {
      bench: 'assets',
      engine,
      tenants: customers.length,
      devices: totalDevices,
      users: userCount,
      latencyMs,
      concurrency,
      seconds: round3(seconds),
      rerunSeconds: round3(rerunSeconds),
      rerunVsFirst: round3(rerunSeconds / seconds),
      runSeconds: { first: firstRuns, rerun: rerunRuns },
      devicesPerSecond: Math.round(totalDevices / seconds),
      latencyBoundSeconds: round3(latencyBoundSeconds),
      vsLatencyBound: round3(seconds / latencyBoundSeconds),
      requests,
      requestsMinimum,
      requestsVsMinimum: round3(requests / requestsMinimum),
      requestsByRoute: byRoute,
      peakRssMb: rss.peakMb(),
      runs: Object.fromEntries(runs.map((r) => [r.status, r.n])),
      assets: counts[0]?.assets ?? 0,
      linked: counts[0]?.linked ?? 0,
      targets: { requestsVsMinimum: 1.05 },
      node: process.version,
    };
  } finally {
    https.close();
    await app.close();
    await stopEmulatorProcess(emulator);
  }
}
