/**
 * `npm run bench -- api [--engine pglite|postgres] [--users 100000] [--customers 200] [--clients 50]
 * [--seconds 10] [--warmup 2] [--seed 1]`
 *
 * Issue 3's API figures, on the whole app (`createRollcallApp`) listening on 127.0.0.1:
 * - `p95Ms` (target ≤ 50) and `requestsPerSecond`: `--clients` concurrent keep-alive clients
 *   searching `GET /api/users` by realistic 3-letter prefixes (50 a page) and following
 *   `nextCursor` for one more page, with `--users` desk users in the database;
 * - `p95MsBaseline`: the same load on `GET /api/version` (session resolved, no query of its own), so
 *   `p95Ratio` says what the users list costs on this machine whatever its speed;
 * - `webBundleKb`: gzip KB of the first load of the console and of the portal (target ≤ 300 each).
 * `--engine postgres` needs DATABASE_URL (a database of its own is created and dropped).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startTestApp } from '../test/support/app.js';
import { WEB_DIST_DIR, webBundleKb, FIRST_LOAD_BUDGET_KB } from '../web/scripts/first-load-size.js';
import { refreshPlannerStatistics } from '../src/store/index.js';
import { seedDeskUsers } from './support/desk-user-seed.js';
import { runLoadInWorker } from './support/load-worker.js';

const P95_TARGET_MS = 50;
const SESSION_COOKIE = 'rollcall_session';
const MS_PER_SECOND = 1000;

const log = (message: string) => process.stderr.write(`[bench api] ${message}\n`);

function ensureWebBuilt(): void {
  if (existsSync(join(WEB_DIST_DIR, 'index.html')) && existsSync(join(WEB_DIST_DIR, 'portal/index.html')))
    return;
  log('web/dist is missing: npm run build:web');
  const built = spawnSync('npm', ['run', 'build:web'], { stdio: ['ignore', process.stderr, 'inherit'] });
  if (built.status !== 0) throw new Error(`npm run build:web failed with ${built.status}`);
}

/** Creates the first administrator the way a person does (first-run setup) and keeps the cookie. */
async function signInAdministrator(baseUrl: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'bench@example.com',
      name: 'Bench Admin',
      password: 'bench-password-1234',
    }),
  });
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (res.status !== 201 || !session) throw new Error(`setup answered ${res.status}: ${await res.text()}`);
  return { cookie: session, accept: 'application/json' };
}

export async function run(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'pglite' },
      users: { type: 'string', default: '100000' },
      customers: { type: 'string', default: '200' },
      clients: { type: 'string', default: '50' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      pages: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
    },
  });
  const engine = values.engine === 'postgres' ? 'postgres' : 'pglite';
  const users = Number(values.users);
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  const warmupSeconds = Number(values.warmup);

  ensureWebBuilt();
  const bundle = webBundleKb();

  log(`starting the app on ${engine}`);
  const app = await startTestApp({ engine });
  try {
    await app.app.listen({ host: '127.0.0.1', port: 0 });
    const baseUrl = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;

    log(`seeding ${users} desk users across ${values.customers} customers`);
    const seedStart = performance.now();
    const { prefixes } = await seedDeskUsers(app.database.db, {
      users,
      customers: Number(values.customers),
      seed: Number(values.seed),
      onProgress: (n) => log(`  ${n} users`),
    });
    const seedSeconds = (performance.now() - seedStart) / MS_PER_SECOND;
    // Users arrive through imports, which refresh the planner's statistics after large writes.
    await refreshPlannerStatistics(app.database.db, { desk_users: users, sites: users, customers: users });

    const headers = await signInAdministrator(baseUrl);
    const check = await fetch(`${baseUrl}/api/users?limit=1&count=true`, { headers });
    const { total } = (await check.json()) as { total: number | null };
    if (check.status !== 200 || total !== users) {
      throw new Error(`GET /api/users answered ${check.status} with total ${total}, expected ${users}`);
    }

    const load = { baseUrl, headers, clients, warmupSeconds, seconds };
    log(`baseline: ${clients} clients on /api/version for ${warmupSeconds}+${seconds} s`);
    const baseline = await runLoadInWorker({ ...load, scenario: { kind: 'path', path: '/api/version' } });
    log(`users list: ${clients} clients on /api/users for ${warmupSeconds}+${seconds} s`);
    const measured = await runLoadInWorker({
      ...load,
      scenario: { kind: 'user-search', prefixes, pages: Number(values.pages) },
    });

    return {
      bench: 'api',
      engine,
      users,
      clients,
      seconds,
      requests: measured.requests,
      errors: measured.errors + baseline.errors,
      p50Ms: measured.p50Ms,
      p95Ms: measured.p95Ms,
      p99Ms: measured.p99Ms,
      requestsPerSecond: measured.requestsPerSecond,
      p95MsBaseline: baseline.p95Ms,
      requestsPerSecondBaseline: baseline.requestsPerSecond,
      p95Ratio: Math.round((measured.p95Ms / baseline.p95Ms) * 100) / 100,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      webBundleKb: bundle,
      targets: { p95Ms: P95_TARGET_MS, webBundleKb: FIRST_LOAD_BUDGET_KB },
      node: process.version,
    };
  } finally {
    await app.close();
  }
}
