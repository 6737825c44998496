/**
 * `npm run bench -- licence-bulk [--users 1000] [--latency-ms 30] [--throttled 0]`
 *
 * Issue 7's figures for licence changes from the desk: ONE SKU assigned to `--users` users of a
 * tenant with a bulk request, then sent the way the worker sends it (`licences.send-changes`:
 * Graph `$batch`, 20 per request), against an emulator answering every Graph request
 * `--latency-ms` late; `--throttled N` makes Graph answer 429 to N of the inner requests, to count
 * what retries cost. Prints:
 * - `requests`: Graph requests the send made (the emulator's counters), against `requestsTarget`
 *   = ceil(users / 20) + retries (`retries`: inner requests sent again after a 429);
 * - `seconds`: the send, end to end; `latencyBoundSeconds`: `requestsTarget` × latency (what the
 *   requests cost if sent one after another and nothing else took time); `vsLatencyBound`;
 * - `queueSeconds`: the bulk request (checks, queuing, audit) for every user;
 * - `succeeded`, `failed` (must be `users` and 0), and `peakRssMb` of this process.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createLicenceChangeJobDeps } from '../src/api/integrations/licences/licence-changes.js';
import { createSkuRecord } from '../src/emulator/graph/licences/records.js';
import { call, givenAgent, givenBuiltInRoles } from '../test/api/access/fixtures.js';
import { startTestApp } from '../test/support/app.js';
import { startEmulator } from '../test/support/emulator.js';
import { rssSampler } from './support/entra-estate.js';

const log = (message: string) => process.stderr.write(`[bench licence-bulk] ${message}\n`);
const EMS = 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e';
const PER_BATCH = 20;

function must(res: { statusCode: number; body: string }, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      users: { type: 'string', default: '1000' },
      'latency-ms': { type: 'string', default: '30' },
      throttled: { type: 'string', default: '0' },
    },
  });
  const users = Number(values.users);
  const latencyMs = Number(values['latency-ms']);
  const throttled = Number(values.throttled);
  const rss = rssSampler();

  const emu = await startEmulator({ preset: 'empty', listen: true });
  const tenantId = randomUUID();
  const tenant = emu.estate.createTenant({
    id: tenantId,
    displayName: 'Bulk Licences',
    initialDomain: 'bulk-licences.onmicrosoft.com',
  });
  tenant.skus.set(EMS, createSkuRecord({ sku: 'EMS', enabled: users + 100 }));
  for (let n = 0; n < users; n += 1) {
    emu.estate.addUser(
      tenant,
      {
        id: randomUUID(),
        accountEnabled: true,
        userType: 'Member',
        userPrincipalName: `user${n}@bulk-licences.onmicrosoft.com`,
        displayName: `User ${n}`,
        usageLocation: 'GB',
        assignedLicenses: [],
      },
      { silent: true },
    );
  }
  const registered = await emu.inject({
    method: 'POST',
    url: '/_emulator/apps',
    body: {
      tenantId,
      displayName: 'Rollcall licences',
      graphRoles: ['User.Read.All', 'Group.Read.All', 'Organization.Read.All', 'User.ReadWrite.All'],
    },
  });
  const registration = registered.body as { clientId: string; clientSecret: string };
  const info = emu.info();
  const app = await startTestApp({
    config: {
      microsoft: {
        authorityHost: info.authorityHost,
        graphBaseUrl: info.graphBaseUrl,
        extraCaPath: info.caCertPath,
      },
    },
  });
  try {
    const db = app.deps.db;
    await givenBuiltInRoles(db);
    const admin = await givenAgent(db, { roleNames: ['Administrator'] });
    const created = await call(app, admin, 'POST', '/api/entra/connections', {
      name: 'Bulk licences',
      tenantId,
      clientId: registration.clientId,
      authMethod: 'clientSecret',
      enabledFor: 'all',
      clientSecret: registration.clientSecret,
    });
    must(created, 201, 'create the connection');
    const connectionId = created.json().id as string;
    const customer = await call(app, admin, 'POST', '/api/customers', { name: 'Bulk Licences Ltd' });
    must(customer, 201, 'create the customer');
    const siteId = customer.json().defaultSite.id as string;
    const base = `/api/entra/connections/${connectionId}`;
    const current = await call(app, admin, 'GET', `${base}/import-config`);
    must(
      await call(app, admin, 'PUT', `${base}/import-config`, {
        expectedVersion: current.json().version,
        acceptWarnings: true,
        config: {
          userFieldMappings: [{ entraField: 'displayName', deskField: 'displayName' }],
          agentFieldMappings: [],
          siteMappings: [
            { id: randomUUID(), type: 'existingSite', sequence: 10, description: 'All', siteId },
          ],
        },
      }),
      200,
      'save the import configuration',
    );
    log(`importing ${users} users`);
    must(await call(app, admin, 'POST', `${base}/apply`, { module: 'users' }), 200, 'import users');
    await db.execute(sql`insert into customer_licences
        (connection_id, tenant_id, customer_id, sku_id, sku_part_number, friendly_name, capability_status,
         total_units, consumed_units, source)
        values (${connectionId}, ${tenantId}, ${customer.json().id}, ${EMS}, 'EMS',
                'Enterprise Mobility + Security E3', 'Enabled', ${users + 100}, 0, 'graph')`);
    must(
      await call(app, admin, 'PUT', `/api/connections/${connectionId}/licence-management`, { enabled: true }),
      200,
      'allow licence management',
    );
    const ids = (
      (await db.execute(sql`select id from desk_users where tenant_id = ${tenantId}`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows.map((r) => r.id);

    log(`queuing one licence for ${ids.length} users`);
    const queueStarted = performance.now();
    const bulk = await call(app, admin, 'POST', '/api/licence-changes/bulk', {
      operation: 'assign',
      skuId: EMS,
      userIds: ids,
    });
    must(bulk, 202, 'bulk request');
    const queueSeconds = (performance.now() - queueStarted) / 1000;
    const actionIds = (bulk.json().queued as { id: string }[]).map((q) => q.id);

    const { counters, faults } = emu.context;
    faults.add({ service: 'graph', action: { type: 'latency', ms: latencyMs }, inBatch: false });
    if (throttled > 0) {
      faults.add({
        service: 'graph',
        route: 'POST /users/{id}/assignLicense',
        action: { type: 'status', status: 429, retryAfterSeconds: 1 },
        probability: 1,
        skip: Math.floor(users / 2),
        times: throttled,
      });
    }
    const worker = createLicenceChangeJobDeps({
      db,
      secrets: async () => app.deps.secrets,
      microsoft: app.deps.microsoft,
      now: () => new Date(),
    });
    const graphBefore = counters.total({ service: 'graph', tenantId });
    const innerBefore = counters.total({ route: 'POST /users/{id}/assignLicense', tenantId });
    log(`sending with ${latencyMs} ms latency per Graph request`);
    const sendStarted = performance.now();
    const outcome = await worker.send(actionIds);
    const seconds = (performance.now() - sendStarted) / 1000;
    const inner = counters.total({ route: 'POST /users/{id}/assignLicense', tenantId }) - innerBefore;
    // Every inner request reaches the counters too: the HTTP requests are the $batch calls.
    const requests = counters.total({ service: 'graph', tenantId, route: 'POST /$batch' });
    const allGraph = counters.total({ service: 'graph', tenantId }) - graphBefore - inner;
    const retries = inner - users;
    const requestsTarget = Math.ceil(users / PER_BATCH) + retries;
    const latencyBoundSeconds = (requestsTarget * latencyMs) / 1000;
    const holders = [...tenant.users.values()].filter((u) =>
      (u.props.assignedLicenses as { skuId: string }[]).some((l) => l.skuId === EMS),
    ).length;
    return {
      benchmark: 'licence-bulk',
      users,
      latencyMs,
      throttled,
      succeeded: outcome.succeeded,
      failed: outcome.failed,
      retrying: outcome.retrying,
      holdersInMicrosoft: holders,
      requests,
      graphRequestsOther: allGraph - requests,
      requestsTarget,
      retries,
      requestsWithinTarget: requests <= requestsTarget,
      seconds: Math.round(seconds * 1000) / 1000,
      latencyBoundSeconds,
      vsLatencyBound: Math.round((seconds / latencyBoundSeconds) * 100) / 100,
      queueSeconds: Math.round(queueSeconds * 1000) / 1000,
      peakRssMb: rss.peakMb(),
    };
  } finally {
    rss.stop();
    await app.close();
    await emu.close();
  }
}
