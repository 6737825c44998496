/**
 * `npm run bench -- csp [--tenants 500] [--users 250000] [--latency-ms 30] [--seed 1]
 * [--engine pglite|postgres] [--licence-import-type skus|subscriptions|both] [--delta on|off]`
 * (postgres: DATABASE_URL)
 *
 * Issue 6's figures: one integrator round of a CSP partner with `--tenants` customer tenants
 * holding `--users` users in all (log-normal sizes: a few large customers, a long tail of small
 * ones; deterministic with `--seed`), every request to Microsoft (token endpoint, Graph, Partner
 * Center) `--latency-ms` slower. The emulator runs in its own process.
 *
 * Set-up, as an administrator does it in the console (bench/support/csp-estate.ts): a CSP
 * connection, "Authorise" as a partner admin agent, "Sync tenants now", every tenant mapped to a
 * new desk customer (licence import type `--licence-import-type`, `both` by default: SKUs and
 * subscriptions), each customer's admin consents the GDAP app, "Generate mappings", delta queries
 * turned on (Advanced tab; `--delta off` leaves them off), the integrator saved with modules
 * tenants, licences and users. Latency is switched on and the
 * emulator's counters are emptied; then the ROUND: "Run now" for the whole connection (the API's
 * `POST …/integrator/run`), which queues one `sync.tenant` job per (tenant, module), worked by the
 * app's own in-process job workers (`workers.concurrency`, the product's default unless
 * `--workers-concurrency` says otherwise), timed until no job of the connection is left.
 *
 * Prints one JSON object:
 * - `seconds`: the round's wall time; `moduleSeconds`: per module, the sum of its runs' durations.
 * - `requests`: every request the emulator counted during the round: token endpoint (`identity`),
 *   Graph and Partner Center (`requestsByService`, `requestsByRoute`).
 * - `requestsMinimum`: the fewest a correct round can make (`requestsMinimumTerms`):
 *   - tokens: one GDAP app token per customer tenant. The Partner Center token (refresh-token
 *     grant) and the app-only Graph token in the partner tenant (GDAP relationships) are not
 *     counted: "Sync tenants now" in the set-up obtained them minutes earlier and a correct round
 *     reuses them for their lifetime (an hour);
 *   - tenants module: Partner Center customer pages (its default page size, the emulator's
 *     `partnerCenter.customersPageSize`), GDAP customer and relationship pages of 300;
 *   - licences module: per tenant one subscribed-SKUs read when the licence import type asks for
 *     SKUs, one subscriptions read when it asks for subscriptions;
 *   - users module: per tenant ⌈users ÷ 999⌉ user pages (at least one), and with delta queries
 *     on the users' delta link from now (`usersDeltaLinks`; no group is mapped, so no groups round).
 *   `requestsVsMinimum` = requests ÷ requestsMinimum (target ≤ 1.1).
 * - `vsLatencyBound` = seconds ÷ latencyBoundSeconds (target ≤ 1.3), where the bound is the
 *   least time the round's requests need when waiting on Microsoft is all it does:
 *   max(requests × latency ÷ concurrency, the longest sequential chain × latency). `concurrency` is
 *   the jobs the workers run at once (`workers.concurrency`: each job is one tenant's module, whose
 *   requests follow one another); the longest chain is the largest tenant's users module: its GDAP
 *   token then its user pages one after another.
 * - `cpuBoundSeconds` = the CPU seconds the machine spent on the round, less the emulator's (it
 *   stands in for Microsoft, whose work is not on the MSP's machine), ÷ its cores: the least time
 *   the product's own work (its process, PostgreSQL, anything else running) needs on this machine
 *   however well it overlaps with waiting. `vsWorkBound` = seconds ÷ max(latencyBoundSeconds,
 *   cpuBoundSeconds): how far the round is from the nearer of the two limits. When
 *   `cpuBoundSeconds` × 1.3 exceeds `latencyBoundSeconds`, `vsLatencyBound` cannot meet its target
 *   on this machine; a cheaper round or more cores can.
 * - `resync`: the same figures for the next round, "Run now" again with nothing changed in
 *   Microsoft: what keeping the estate in sync costs. Its `requestsMinimum`: the tenants and
 *   licences reads again (tokens held), and per tenant one users delta round (`--delta off`: the
 *   full read again); its bound is requests × latency ÷ concurrency.
 * - `peakRssMb`: peak resident memory of this process (the product and, with pglite, its
 *   embedded database) during the round; the emulator is another process.
 * - `cpuSeconds` during the round: this process (`product`), the emulator and the whole machine
 *   (`machine`, all cores, whoever used them: PostgreSQL's server processes come and go with their
 *   connections, so they are not counted alone): a round far above its latency bound with the
 *   machine busy throughout is bound by CPU, not by waiting on Microsoft.
 */
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createAppJobRuntime } from '../src/api/app.js';
import { createHttpsTransport } from '../src/microsoft/index.js';
import { call } from '../test/api/access/fixtures.js';
import { startTestApp } from '../test/support/app.js';
import { setUpCspEstate, CSP_PUBLIC_URL, emulatorAdmin } from './support/csp-estate.js';
import { startEmulatorProcess, stopEmulatorProcess } from './support/emulator-process.js';
import { rssSampler } from './support/entra-estate.js';
import { rawQuery } from './support/raw-upsert.js';

const log = (message: string) => process.stderr.write(`[bench csp] ${message}\n`);
const USERS_PAGE = 999;
const GDAP_PAGE = 300;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const CORES = availableParallelism();

/** The CPU bound of a round and how far its time is from the nearer bound (see the keys above). */
function workBounds(
  seconds: number,
  latencyBoundSeconds: number,
  cpu: { emulator: number; machine: number },
) {
  const cpuBoundSeconds = Math.max(0, cpu.machine - cpu.emulator) / CORES;
  return {
    cpuBoundSeconds: round3(cpuBoundSeconds),
    vsWorkBound: round3(seconds / Math.max(latencyBoundSeconds, cpuBoundSeconds)),
  };
}

/** CPU seconds the whole machine has been busy (every core), from /proc/stat. */
function machineBusySeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return (cpu.reduce((a, b) => a + b, 0) - idle) / 100;
}

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

interface CounterRow {
  service: string;
  route: string;
  method: string;
  count: number;
}

/** Requests by service and by route, from the emulator's counter rows. */
function tally(rows: readonly CounterRow[]) {
  const byService: Record<string, number> = {};
  const byRoute: Record<string, number> = {};
  for (const row of rows) {
    byService[row.service] = (byService[row.service] ?? 0) + row.count;
    const key = `${row.service} ${row.method} ${row.route}`;
    byRoute[key] = (byRoute[key] ?? 0) + row.count;
  }
  return { byService, byRoute };
}

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tenants: { type: 'string', default: '500' },
      users: { type: 'string', default: '250000' },
      'latency-ms': { type: 'string', default: '30' },
      seed: { type: 'string', default: '1' },
      engine: { type: 'string', default: 'pglite' },
      'licence-import-type': { type: 'string', default: 'both' },
      'workers-concurrency': { type: 'string' },
      delta: { type: 'string', default: 'on' },
    },
  });
  const engine = values.engine;
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine must be pglite or postgres');
  if (engine === 'postgres' && !process.env.DATABASE_URL)
    throw new Error('--engine postgres needs DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test)');
  const licenceImportType = values['licence-import-type'];
  if (licenceImportType !== 'skus' && licenceImportType !== 'subscriptions' && licenceImportType !== 'both')
    throw new Error('--licence-import-type must be skus, subscriptions or both');
  if (values.delta !== 'on' && values.delta !== 'off') throw new Error('--delta must be on or off');
  const delta = values.delta === 'on';
  const tenantCount = Number(values.tenants);
  const userCount = Number(values.users);
  const latencyMs = Number(values['latency-ms']);
  if (!Number.isInteger(tenantCount) || tenantCount < 1)
    throw new Error('--tenants must be a whole number ≥ 1');
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
      ...(values['workers-concurrency']
        ? { workers: { concurrency: Number(values['workers-concurrency']) } }
        : {}),
    },
  });
  const jobs = app.deps.jobs;
  if (!jobs) throw new Error('the app has no job runtime');
  try {
    const estate = await setUpCspEstate(app, emulator, { licenceImportType, delta, log });
    const partner = (await admin('GET', `/tenants/${info.partnerTenantId}`)) as {
      gdapRelationships: { customerTenantId: string }[];
    };
    const behaviour = (await admin('GET', '/config')) as { partnerCenter: { customersPageSize: number } };

    log(`set up; ${latencyMs} ms per request from now on; the round: Run now for every tenant`);
    await admin('POST', '/faults', { action: { type: 'latency', ms: latencyMs } });

    /** One "Run now" for the whole connection, timed until no job of it is left. */
    const timedRound = async (label: string) => {
      await admin('DELETE', '/counters');
      const rss = rssSampler();
      const roundStartedAt = new Date();
      const cpuBefore = {
        product: process.cpuUsage(),
        emulator: cpuSecondsOf(emulator.child.pid),
        machine: machineBusySeconds(),
      };
      const started = performance.now();
      const queued = await call(
        app,
        estate.configurer,
        'POST',
        `/api/csp/connections/${estate.connectionId}/integrator/run`,
        {},
      );
      if (queued.statusCode !== 201) throw new Error(`Run now answered ${queued.statusCode}: ${queued.body}`);
      let lastLog = started;
      for (;;) {
        const left = await jobs.unfinished('sync.tenant', `${estate.connectionId}/`);
        if (!left.length) break;
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          log(`${label}: ${left.length} jobs left after ${((lastLog - started) / 1000).toFixed(0)} s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const seconds = (performance.now() - started) / 1000;
      const productCpu = process.cpuUsage(cpuBefore.product);
      const cpuSeconds = {
        product: round3((productCpu.user + productCpu.system) / 1e6),
        emulator: round3(cpuSecondsOf(emulator.child.pid) - cpuBefore.emulator),
        machine: round3(machineBusySeconds() - cpuBefore.machine),
      };
      rss.stop();
      const all = (await admin('GET', '/counters')) as { rows: CounterRow[] };
      // Microsoft's services only: the emulator's admin API (this benchmark's own calls) is not Microsoft.
      const microsoftRows = all.rows.filter((r) => r.service !== 'admin');
      const counted = { total: microsoftRows.reduce((n, r) => n + r.count, 0), rows: microsoftRows };
      log(`${label}: ${seconds.toFixed(1)} s, ${counted.total} requests`);
      // How each run ended, and its module's time.
      const { rows } = (await rawQuery(app.database)(
        `select module, status, count(*)::int as n,
                sum(extract(epoch from (finished_at - started_at)))::float as s
           from sync_runs where connection_id = $1 and started_at >= $2
          group by module, status`,
        [estate.connectionId, roundStartedAt],
      )) as { rows: { module: string; status: string; n: number; s: number }[] };
      return { seconds, cpuSeconds, peakRssMb: rss.peakMb(), counted, rows };
    };

    const { seconds, cpuSeconds, peakRssMb, counted, rows } = await timedRound('import round');
    log('the keep-in-sync round: Run now again, nothing changed in Microsoft since');
    const resync = await timedRound('keep-in-sync round');

    const customersPages = Math.max(1, Math.ceil(tenantCount / behaviour.partnerCenter.customersPageSize));
    const gdapCustomers = new Set(partner.gdapRelationships.map((r) => r.customerTenantId)).size;
    const gdapPages =
      Math.max(1, Math.ceil(gdapCustomers / GDAP_PAGE)) +
      Math.max(1, Math.ceil(partner.gdapRelationships.length / GDAP_PAGE));
    const userPages = estate.tenants.reduce((n, t) => n + Math.max(1, Math.ceil(t.users / USERS_PAGE)), 0);
    const terms = {
      gdapTokens: estate.tenants.length,
      partnerCenterCustomerPages: customersPages,
      gdapPages,
      subscribedSkus: licenceImportType === 'subscriptions' ? 0 : estate.tenants.length,
      subscriptions: licenceImportType === 'skus' ? 0 : estate.tenants.length,
      userPages,
      // With delta queries on, a full read ends with the users' delta link from now (no group is mapped).
      usersDeltaLinks: delta ? estate.tenants.length : 0,
    };
    // The keep-in-sync round: tokens held, the tenants and licences reads again, and per tenant one
    // users delta round (nothing changed) or, without delta, the full read again.
    const resyncTerms = {
      partnerCenterCustomerPages: customersPages,
      gdapPages,
      subscribedSkus: terms.subscribedSkus,
      subscriptions: terms.subscriptions,
      users: delta ? estate.tenants.length : userPages,
    };
    const resyncMinimum = Object.values(resyncTerms).reduce((a, b) => a + b, 0);
    const requestsMinimum = Object.values(terms).reduce((a, b) => a + b, 0);
    const concurrency = app.config.workers.concurrency;
    const concurrencyBound = (requests: number) => (requests * latencyMs) / 1000 / concurrency;
    const largest = Math.max(...estate.tenants.map((t) => t.users));
    const longestChain = 1 + Math.max(1, Math.ceil(largest / USERS_PAGE));
    const latencyBoundSeconds = Math.max(concurrencyBound(counted.total), (longestChain * latencyMs) / 1000);
    const { byService, byRoute } = tally(counted.rows);
    const resyncBoundSeconds = Math.max(concurrencyBound(resync.counted.total), (2 * latencyMs) / 1000);
    return {
      bench: 'csp',
      engine,
      tenants: estate.tenants.length,
      users: userCount,
      largestTenantUsers: largest,
      latencyMs,
      licenceImportType,
      delta,
      concurrency,
      seconds: round3(seconds),
      moduleSeconds: Object.fromEntries(rows.map((r) => [`${r.module}:${r.status}`, round3(r.s)])),
      runs: Object.fromEntries(rows.map((r) => [`${r.module}:${r.status}`, r.n])),
      latencyBoundSeconds: round3(latencyBoundSeconds),
      vsLatencyBound: round3(seconds / latencyBoundSeconds),
      ...workBounds(seconds, latencyBoundSeconds, cpuSeconds),
      cores: CORES,
      cpuSeconds,
      requests: counted.total,
      requestsMinimum,
      requestsVsMinimum: round3(counted.total / requestsMinimum),
      requestsMinimumTerms: terms,
      requestsByService: byService,
      requestsByRoute: byRoute,
      peakRssMb,
      resync: {
        seconds: round3(resync.seconds),
        latencyBoundSeconds: round3(resyncBoundSeconds),
        vsLatencyBound: round3(resync.seconds / resyncBoundSeconds),
        ...workBounds(resync.seconds, resyncBoundSeconds, resync.cpuSeconds),
        requests: resync.counted.total,
        requestsMinimum: resyncMinimum,
        requestsVsMinimum: round3(resync.counted.total / resyncMinimum),
        requestsMinimumTerms: resyncTerms,
        requestsByRoute: tally(resync.counted.rows).byRoute,
        runs: Object.fromEntries(resync.rows.map((r) => [`${r.module}:${r.status}`, r.n])),
        cpuSeconds: resync.cpuSeconds,
        peakRssMb: resync.peakRssMb,
      },
      targets: { vsLatencyBound: 1.3, requestsVsMinimum: 1.1 },
      node: process.version,
    };
  } finally {
    https.close();
    await app.close();
    await stopEmulatorProcess(emulator);
  }
}
