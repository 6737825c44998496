/**
 * `npm run bench -- sync-full [--users 100000] [--tenants 100] [--largest 50000] [--engine pglite|postgres]
 * [--seed 1] [--no-small-run]`
 *
 * Issue 4's figures: a full Entra import of every tenant of an MSP-sized estate (an emulator in its
 * own process, `--tenants` customers holding `--users` users, the first of them `--largest`), one
 * Entra connection per tenant with a site mapping (guests excluded, contractors not imported) and
 * a group → user role mapping. Prints:
 * - `importSeconds`; `rawUpsertSeconds` (ONE bulk `unnest` insert of exactly the rows the import
 *   wrote, per table, into empty copies of those tables on the same engine) and `importVsRawUpsert`;
 * - `resyncSeconds`, `resyncVsImport` and `resyncRowsWritten` (a second run, nothing changed);
 * - `graphRequests` against `graphRequestsMinimum` (user pages of 999 plus, per tenant, one group
 *   lookup, one `$batch` of first member pages and the further member pages);
 * - `peakRssMb` of this process over the import and re-run (product + embedded database; the
 *   emulator is elsewhere), and
 *   `peakRssMbAt10k` from the same benchmark run in a child process at 10k users / 10 tenants.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runConnectionImport } from '../src/api/integrations/entra/run-import.js';
import { createConnectionRepository } from '../src/store/index.js';
import type { TenantRunResult } from '../src/sync/entra/index.js';
import type { TestApp } from '../test/support/app.js';
import { stopEmulatorProcess } from './support/emulator-process.js';
import {
  mappedGroupSize,
  rssSampler,
  setUpEstate,
  startEstateApp,
  startEstateEmulator,
  type BenchTenant,
} from './support/entra-estate.js';
import { rawQuery, rawUpsertSeconds } from './support/raw-upsert.js';

const log = (message: string) => process.stderr.write(`[bench sync-full] ${message}\n`);
const USERS_PAGE = 999;
const MEMBERS_PAGE = 999;

/**
 * The fewest requests a full read can make: user pages of 999, one group lookup, and for a tenant
 * that has the group one `$batch` of first member pages plus each further member page.
 */
async function minimumRequests(app: TestApp, tenants: BenchTenant[]): Promise<number> {
  let total = 0;
  for (const tenant of tenants) {
    total += Math.max(1, Math.ceil(tenant.users / USERS_PAGE)) + 1;
    const size = await mappedGroupSize(app, tenant);
    if (size !== null) total += 1 + Math.max(0, Math.ceil(size / MEMBERS_PAGE) - 1);
  }
  return total;
}

async function importAll(app: TestApp, tenants: BenchTenant[]) {
  const repository = createConnectionRepository(app.deps.db, app.deps.secrets);
  const results: TenantRunResult[] = [];
  // Where the time goes, from the run's progress events: Graph reads, desk load + plan, apply.
  const phases = { read: 0, plan: 0, apply: 0 };
  const started = performance.now();
  for (const { connectionId } of tenants) {
    const connection = (await repository.findById(connectionId))!;
    let mark = performance.now();
    let phase: keyof typeof phases = 'read';
    const enter = (next: keyof typeof phases) => {
      const now = performance.now();
      phases[phase] += now - mark;
      [phase, mark] = [next, now];
    };
    results.push(
      ...(await runConnectionImport(app.deps, connection, {
        module: 'users',
        trigger: 'cli',
        dryRun: false,
        onProgress: (event) => {
          if (event.phase === 'planning') enter('plan');
          if (event.phase === 'applying') enter('apply');
        },
      })),
    );
    enter('read');
  }
  const seconds = (performance.now() - started) / 1000;
  const failed = results.filter((r) => r.status !== 'succeeded');
  if (failed.length)
    throw new Error(`${failed.length} tenants failed: ${JSON.stringify(failed.map((f) => f.error))}`);
  const rowsWritten: Record<string, number> = {};
  for (const r of results)
    for (const [t, n] of Object.entries(r.rowsWritten)) rowsWritten[t] = (rowsWritten[t] ?? 0) + n;
  return {
    seconds,
    phaseSeconds: Object.fromEntries(Object.entries(phases).map(([k, ms]) => [k, Math.round(ms) / 1000])),
    rowsWritten,
    graphRequests: results.reduce((n, r) => n + (r.plan?.graphRequests ?? 0), 0),
    summary: results.reduce(
      (sum, r) => {
        for (const [k, v] of Object.entries(r.plan?.summary ?? {})) sum[k] = (sum[k] ?? 0) + v;
        return sum;
      },
      {} as Record<string, number>,
    ),
  };
}

function smallRunRss(engine: string): number | null {
  log('the same benchmark at 10k users / 10 tenants in a child process, for peakRssMbAt10k');
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/run.ts',
      'sync-full',
      '--users',
      '10000',
      '--tenants',
      '10',
      '--largest',
      '5000',
      '--engine',
      engine,
      '--no-small-run',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) return null;
  return (JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { peakRssMb: number }).peakRssMb;
}

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string', default: '100000' },
      tenants: { type: 'string', default: '100' },
      largest: { type: 'string', default: '50000' },
      engine: { type: 'string', default: 'pglite' },
      seed: { type: 'string', default: '1' },
      'no-small-run': { type: 'boolean', default: false },
    },
  });
  const users = Number(values.users);
  const tenants = Number(values.tenants);
  const largest = Math.min(Number(values.largest), users);
  const engine = values.engine === 'postgres' ? 'postgres' : 'pglite';

  log(`emulator: ${tenants} tenants, ${users} users, the largest ${largest}`);
  const emulator = await startEstateEmulator({ tenants: tenants, users, largest, seed: String(values.seed) });
  const rss = rssSampler();
  const app = await startEstateApp(emulator, engine);
  try {
    const benchTenants = await setUpEstate(app, emulator);
    log(`importing ${benchTenants.length} tenants on ${engine}`);
    const first = await importAll(app, benchTenants);
    log(`imported in ${first.seconds.toFixed(1)} s: ${JSON.stringify(first.summary)}`);
    log('re-running with nothing changed');
    const second = await importAll(app, benchTenants);
    // Sampled over the import and the re-run only: the baseline below reads whole tables into memory.
    const peakRssMb = rss.peakMb();
    rss.stop();
    // The re-run wrote nothing, so the tables still hold exactly what the import wrote.
    const query = rawQuery(app.database);
    let rawSeconds = 0;
    for (const table of Object.keys(first.rowsWritten))
      rawSeconds += (await rawUpsertSeconds(query, table)).seconds;
    const minimum = await minimumRequests(app, benchTenants);
    const peakRssMbAt10k = values['no-small-run'] || users <= 10_000 ? null : smallRunRss(engine);
    const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
    return {
      bench: 'sync-full',
      users,
      tenants,
      engine,
      importSeconds: round(first.seconds),
      rawUpsertSeconds: round(rawSeconds),
      importVsRawUpsert: round(first.seconds / rawSeconds, 2),
      resyncSeconds: round(second.seconds),
      resyncVsImport: round(second.seconds / first.seconds, 2),
      resyncRowsWritten: Object.values(second.rowsWritten).reduce((a, b) => a + b, 0),
      rowsWritten: first.rowsWritten,
      phaseSeconds: { import: first.phaseSeconds, resync: second.phaseSeconds },
      graphRequests: first.graphRequests,
      graphRequestsMinimum: minimum,
      graphRequestsVsMinimum: round(first.graphRequests / minimum, 3),
      peakRssMb,
      peakRssMbAt10k,
      summary: first.summary,
      targets: {
        importVsRawUpsert: 2.0,
        resyncVsImport: 0.3,
        resyncRowsWritten: 0,
        graphRequestsVsMinimum: 1.05,
      },
      node: process.version,
    };
  } finally {
    rss.stop();
    await app.close();
    await stopEmulatorProcess(emulator);
  }
}
