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
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { EntraImportConfigInput } from '../src/contracts/entra/index.js';
import { runConnectionImport } from '../src/api/integrations/entra/run-import.js';
import { createHttpsTransport, GRAPH_DEFAULT_SCOPE } from '../src/microsoft/index.js';
import {
  createConnectionRepository,
  createCustomerRepository,
  createRoleRepository,
} from '../src/store/index.js';
import type { TenantRunResult } from '../src/sync/entra/index.js';
import { call, givenAgent, givenBuiltInRoles } from '../test/api/access/fixtures.js';
import { startTestApp, type TestApp } from '../test/support/app.js';
import {
  startEmulatorProcess,
  stopEmulatorProcess,
  type RunningEmulator,
} from './support/emulator-process.js';
import { rawQuery, rawUpsertSeconds } from './support/raw-upsert.js';

const log = (message: string) => process.stderr.write(`[bench sync-full] ${message}\n`);
const USERS_PAGE = 999;
const MEMBERS_PAGE = 999;
const MAPPED_GROUP = 'SG-Managers';

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    peakMb: () => Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    stop: () => clearInterval(timer),
  };
}

function importConfig(customerSiteId: string, roleId: string): EntraImportConfigInput {
  return {
    userFieldMappings: [
      { entraField: 'displayName', deskField: 'displayName' },
      { entraField: 'givenName', deskField: 'givenName' },
      { entraField: 'surname', deskField: 'surname' },
      { entraField: 'mail', deskField: 'email' },
      { entraField: 'userPrincipalName', deskField: 'userPrincipalName' },
      { entraField: 'jobTitle', deskField: 'jobTitle' },
      { entraField: 'department', deskField: 'department' },
      { entraField: 'mobilePhone', deskField: 'mobileNumber' },
    ],
    agentFieldMappings: [],
    siteMappings: [
      {
        id: crypto.randomUUID(),
        type: 'doNotImport',
        sequence: 5,
        description: 'Contractors',
        filter: {
          combinator: 'and',
          criteria: [{ entraField: 'employeeType', operator: 'equals', value: 'Contractor' }],
        },
      },
      {
        id: crypto.randomUUID(),
        type: 'existingSite',
        sequence: 10,
        description: 'Everyone',
        siteId: customerSiteId,
      },
    ],
    groupMappings: { userRoles: [{ groupName: MAPPED_GROUP, roleId }] },
  };
}

/** Consent for every tenant's Graph app, so no tenant of the generated estate is left out. */
async function consentEverywhere(
  emulator: RunningEmulator,
): Promise<{ tenantId: string; clientId: string; clientSecret: string }[]> {
  const apps = emulator.info.apps.filter((a) => a.kind === 'graph');
  const byTenant = new Map(apps.map((a) => [a.tenantId, a]));
  const https = createHttpsTransport({ extraCaPem: readFileSync(emulator.info.caCertPath, 'utf8') });
  try {
    for (const app of byTenant.values()) {
      const res = await https.fetch(`${emulator.info.adminUrl}/apps/${app.clientId}/consents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenantId: app.tenantId }),
      });
      if (!res.ok) throw new Error(`consent for ${app.tenantId} answered ${res.status}`);
    }
  } finally {
    https.close();
  }
  return [...byTenant.values()];
}

interface BenchTenant {
  connectionId: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  users: number;
}

/** Users (transitive) in the mapped group of a tenant, read outside the counted client; null: no such group. */
async function mappedGroupSize(app: TestApp, tenant: BenchTenant): Promise<number | null> {
  const clients = await app.deps.microsoft.clients();
  const graph = clients.graph(
    clients.tokens.app({
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      credential: { kind: 'secret', secret: tenant.clientSecret },
      scopes: [GRAPH_DEFAULT_SCOPE],
    }),
  );
  const found = await graph.get(
    `/groups?$filter=displayName eq '${MAPPED_GROUP}'&$select=id`,
    z.looseObject({ value: z.array(z.looseObject({ id: z.string() })) }),
  );
  const id = found.value[0]?.id;
  if (!id) return null;
  let members = 0;
  for await (const page of graph.pages(
    `/groups/${id}/transitiveMembers/microsoft.graph.user?$select=id&$top=999`,
    z.looseObject({ id: z.string() }),
  ))
    members += page.items.length;
  return members;
}

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

async function setUp(app: TestApp, emulator: RunningEmulator) {
  const db = app.deps.db;
  await givenBuiltInRoles(db);
  const admin = await givenAgent(db, { permissions: ['integrations.entra.configure'] });
  const role = await createRoleRepository(db).create({
    kind: 'portal',
    name: 'Managers (bench)',
    permissions: [],
  });
  const apps = await consentEverywhere(emulator);
  const customers = createCustomerRepository(db);
  const connections: BenchTenant[] = [];
  for (const [i, graphApp] of apps.entries()) {
    const tenant = emulator.info.tenants.find((t) => t.id === graphApp.tenantId)!;
    const { defaultSite } = await customers.create({ name: `${tenant.displayName} ${i}` });
    const created = await call(app, admin, 'POST', '/api/entra/connections', {
      name: `${tenant.displayName} ${i}`,
      tenantId: graphApp.tenantId,
      clientId: graphApp.clientId,
      authMethod: 'clientSecret',
      enabledFor: 'production',
      clientSecret: graphApp.clientSecret,
    });
    if (created.statusCode !== 201)
      throw new Error(`creating a connection answered ${created.statusCode}: ${created.body}`);
    const id = created.json().id as string;
    const saved = await call(app, admin, 'PUT', `/api/entra/connections/${id}/import-config`, {
      expectedVersion: 0,
      config: importConfig(defaultSite.id, role.id),
      acceptWarnings: true,
    });
    if (saved.statusCode !== 200)
      throw new Error(`saving a configuration answered ${saved.statusCode}: ${saved.body}`);
    connections.push({ connectionId: id, ...graphApp, users: tenant.users });
  }
  return connections;
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
  const emulator = await startEmulatorProcess([
    '--tenants',
    String(tenants),
    '--users',
    String(users),
    '--largest-tenant',
    String(largest),
    '--seed',
    String(values.seed),
  ]);
  const rss = rssSampler();
  const app = await startTestApp({
    engine,
    config: {
      microsoft: {
        authorityHost: emulator.info.authorityHost,
        graphBaseUrl: emulator.info.graphBaseUrl,
        extraCaPath: emulator.info.caCertPath,
      },
    },
  });
  try {
    const benchTenants = await setUp(app, emulator);
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
