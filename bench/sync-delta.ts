/**
 * `npm run bench -- sync-delta [--users 100000] [--tenants 100] [--largest 50000]
 * [--engine pglite|postgres] [--seed 1] [--change-percent 1] [--concurrency 4]`
 *
 * Issue 5's figures: the estate of `sync-full` (an emulator in its own process, one Entra
 * connection per tenant) with delta queries on. The first run of every tenant reads it in full and
 * stores its delta links; then `--change-percent` of each tenant's users change in the emulated
 * directory (a quarter joiners, a third movers of department and title, a fifth leavers — soft
 * and hard deletes — and the rest moved in or out of the mapped group), and every tenant runs
 * again reading only the changes, then once more reading in full. Tenants run `--concurrency` at
 * a time, as the integrator runs them. Prints:
 * - `deltaSeconds`, `fullSeconds` (the full re-read) and `deltaVsFull` (target ≤ 0.05);
 * - `fullAfterDeltaChanges`: what the full re-read still had to change (0: the delta run left the
 *   desk exactly as a full read does);
 * - `graphRequests` of the delta runs against `graphRequestsMinimum`: the pages of the users and
 *   groups delta rounds themselves (read again by the benchmark from the same links), which any
 *   delta client must read; the rest re-reads the mapped groups' members after group changes and
 *   reads users whose membership alone changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runConnectionImport } from '../src/api/integrations/entra/run-import.js';
import { createHttpsTransport } from '../src/microsoft/index.js';
import { createCheckpointRepository, createConnectionRepository } from '../src/store/index.js';
import { deltaResource, parseDeltaCursor, type TenantRunResult } from '../src/sync/entra/index.js';
import type { TestApp } from '../test/support/app.js';
import { stopEmulatorProcess, type RunningEmulator } from './support/emulator-process.js';
import {
  benchGraph,
  mappedGroup,
  setUpEstate,
  startEstateApp,
  startEstateEmulator,
  type BenchTenant,
} from './support/entra-estate.js';

const log = (message: string) => process.stderr.write(`[bench sync-delta] ${message}\n`);

/** Runs every tenant's users module `concurrency` at a time; the wall time and the results. */
async function runAll(
  app: TestApp,
  tenants: BenchTenant[],
  read: 'auto' | 'full',
  concurrency: number,
): Promise<{ seconds: number; results: TenantRunResult[] }> {
  const repository = createConnectionRepository(app.deps.db, app.deps.secrets);
  const results: TenantRunResult[] = [];
  const queue = [...tenants];
  const started = performance.now();
  const worker = async () => {
    for (let tenant = queue.shift(); tenant; tenant = queue.shift()) {
      const connection = (await repository.findById(tenant.connectionId))!;
      const request = { module: 'users' as const, trigger: 'scheduled' as const, read, dryRun: false };
      results.push(...(await runConnectionImport(app.deps, connection, request)));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const failed = results.filter((r) => r.status !== 'succeeded');
  if (failed.length)
    throw new Error(`${failed.length} tenants failed: ${JSON.stringify(failed.map((f) => f.error))}`);
  return { seconds, results };
}

function totals(results: TenantRunResult[]) {
  const summary: Record<string, number> = {};
  for (const r of results)
    for (const [k, v] of Object.entries(r.plan?.summary ?? {})) summary[k] = (summary[k] ?? 0) + v;
  return {
    summary,
    graphRequests: results.reduce((n, r) => n + (r.plan?.graphRequests ?? 0), 0),
    modes: results.reduce(
      (m, r) => ({ ...m, [r.plan?.read.mode ?? 'none']: (m[r.plan?.read.mode ?? 'none'] ?? 0) + 1 }),
      {} as Record<string, number>,
    ),
  };
}

interface ChangeCounts {
  joiners: number;
  movers: number;
  softDeleted: number;
  purged: number;
  groupMoves: number;
}

/** Changes `percent` of a tenant's users through the emulator's admin API. */
async function changeTenant(
  admin: (path: string, body: unknown) => Promise<unknown>,
  app: TestApp,
  tenant: BenchTenant,
  percent: number,
): Promise<ChangeCounts> {
  const total = Math.max(1, Math.round((tenant.users * percent) / 100));
  const joiners = Math.round(total * 0.25);
  const movers = Math.round(total * 0.35);
  // Rounded down: a tiny tenant losing a fifth of its users at once would trip the mass-deactivation guard.
  const softDeleted = Math.floor(total * 0.1);
  const purged = Math.floor(total * 0.1);
  let groupMoves = total - joiners - movers - softDeleted - purged;
  const base = `/tenants/${tenant.tenantId}`;
  if (joiners) await admin(`${base}/joiners`, { count: joiners });
  if (movers) await admin(`${base}/movers`, { count: movers, changes: ['department', 'jobTitle'] });
  if (softDeleted) await admin(`${base}/leavers`, { count: softDeleted, mode: 'softDelete' });
  if (purged) await admin(`${base}/leavers`, { count: purged, mode: 'purge' });
  const group = await mappedGroup(app, tenant);
  if (group && groupMoves > 0) {
    const members = new Set(group.members);
    const graph = await benchGraph(app, tenant);
    const outsiders: string[] = [];
    for await (const page of graph.pages('/users?$select=id&$top=999', z.looseObject({ id: z.string() }))) {
      outsiders.push(...page.items.map((u) => u.id).filter((id) => !members.has(id)));
      if (outsiders.length >= groupMoves) break;
    }
    const add = outsiders.slice(0, Math.ceil(groupMoves / 2));
    const remove = group.members.slice(0, groupMoves - add.length);
    await admin(`${base}/groups/${group.id}/members`, { add, remove });
    groupMoves = add.length + remove.length;
  } else groupMoves = 0;
  return { joiners, movers, softDeleted, purged, groupMoves };
}

/** Pages of the users and groups rounds from each tenant's stored links: what any delta client reads. */
async function roundPages(app: TestApp, tenants: BenchTenant[]): Promise<number> {
  const checkpoints = createCheckpointRepository(app.deps.db);
  let pages = 0;
  for (const tenant of tenants) {
    const stored = await checkpoints.get({
      connectionId: tenant.connectionId,
      tenantId: tenant.tenantId,
      resource: deltaResource('users'),
    });
    const cursor = parseDeltaCursor(stored.cursor);
    if (cursor?.kind !== 'links') throw new Error(`tenant ${tenant.tenantId} has no delta links`);
    const graph = await benchGraph(app, tenant);
    for (const link of [cursor.users, cursor.groups]) {
      // Every page of a round is yielded once (the last with the deltaLink).
      for await (const page of graph.delta(link, z.looseObject({ id: z.string() }))) if (page) pages += 1;
    }
  }
  return pages;
}

/** Runs `work`, writing a CPU profile of it to `file` when given. */
async function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

function adminClient(emulator: RunningEmulator): {
  post: (path: string, body: unknown) => Promise<unknown>;
  close(): void;
} {
  const https = createHttpsTransport({
    extraCaPem: readFileSync(emulator.info.caCertPath, 'utf8'),
  });
  return {
    async post(path, body) {
      const res = await https.fetch(`${emulator.info.adminUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`emulator ${path} answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
    close: () => https.close(),
  };
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
      'change-percent': { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '4' },
      /** Write a CPU profile of the delta runs here (open it in Chrome's DevTools). */
      profile: { type: 'string' },
    },
  });
  const users = Number(values.users);
  const tenantCount = Number(values.tenants);
  const largest = Math.min(Number(values.largest), users);
  const engine = values.engine === 'postgres' ? 'postgres' : 'pglite';
  const percent = Number(values['change-percent']);
  const concurrency = Number(values.concurrency);

  log(`emulator: ${tenantCount} tenants, ${users} users, the largest ${largest}`);
  const emulator = await startEstateEmulator({
    tenants: tenantCount,
    users,
    largest,
    seed: String(values.seed),
  });
  const app = await startEstateApp(emulator, engine);
  const admin = adminClient(emulator);
  try {
    const tenants = await setUpEstate(app, emulator, { enabled: true, method: 'allChanges' });
    log(`first run of ${tenants.length} tenants on ${engine} (full read, delta links stored)`);
    const first = await runAll(app, tenants, 'auto', concurrency);
    log(`imported in ${first.seconds.toFixed(1)} s; changing ${percent}% of every tenant's users`);
    const changes: ChangeCounts = { joiners: 0, movers: 0, softDeleted: 0, purged: 0, groupMoves: 0 };
    for (const tenant of tenants) {
      const made = await changeTenant(admin.post, app, tenant, percent);
      for (const key of Object.keys(changes) as (keyof ChangeCounts)[]) changes[key] += made[key];
    }
    const minimum = await roundPages(app, tenants);
    log(`delta run: ${JSON.stringify(changes)}`);
    const delta = await profiled(values.profile, () => runAll(app, tenants, 'auto', concurrency));
    log(`delta run took ${delta.seconds.toFixed(2)} s; full re-read`);
    const full = await runAll(app, tenants, 'full', concurrency);
    const deltaTotals = totals(delta.results);
    const fullTotals = totals(full.results);
    const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
    return {
      bench: 'sync-delta',
      users,
      tenants: tenantCount,
      engine,
      concurrency,
      changePercent: percent,
      changes,
      importSeconds: round(first.seconds),
      deltaSeconds: round(delta.seconds),
      fullSeconds: round(full.seconds),
      deltaVsFull: round(delta.seconds / full.seconds, 3),
      deltaSummary: deltaTotals.summary,
      deltaModes: deltaTotals.modes,
      fullAfterDeltaChanges:
        (fullTotals.summary.created ?? 0) +
        (fullTotals.summary.updated ?? 0) +
        (fullTotals.summary.deactivated ?? 0),
      graphRequests: deltaTotals.graphRequests,
      graphRequestsMinimum: minimum,
      graphRequestsVsMinimum: round(deltaTotals.graphRequests / minimum, 2),
      fullGraphRequests: fullTotals.graphRequests,
      targets: { deltaVsFull: 0.05, fullAfterDeltaChanges: 0 },
      node: process.version,
    };
  } finally {
    admin.close();
    await app.close();
    await stopEmulatorProcess(emulator);
  }
}
