/**
 * `npm run bench -- notify-latency [--changes 100] [--users 200] [--interval-ms 250] [--engine pglite|postgres]`
 *
 * Issue 5's figure for Graph change notifications: a change in the emulated directory → the desk
 * shows it, with nobody running an import. One tenant of `--users` people is imported (delta
 * queries on), notifications are switched on (subscriptions created and validated against this
 * process's listening server), then `--changes` users are renamed one every `--interval-ms` (so
 * some land in the debounce window of the one before, as in a real directory) and each is timed
 * until its desk user carries the new name: Graph delivers the notification (the emulator's 50 ms
 * coalescing included), the receiver checks it and queues `notifications.changed` (debounced per
 * tenant), which queues `sync.tenant`, whose delta run applies the change. Prints `p50Ms`,
 * `p95Ms` (target ≤ 5000), `maxMs`, how many notification-triggered runs did it, and whether the
 * target is met. The emulator runs in this process (its delivery shares the event loop).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { createAppJobRuntime } from '../src/api/app.js';
import { runConnectionImport } from '../src/api/integrations/entra/run-import.js';
import { entraImportConfigSchema, type EntraImportConfigInput } from '../src/contracts/entra/index.js';
import { deliveryStats } from '../src/emulator/graph/subscriptions/routes.js';
import {
  createConnectionRepository,
  createEntraConfigRepository,
  createGraphSubscriptionRepository,
  schema,
} from '../src/store/index.js';
import { givenCustomer } from '../test/api/access/fixtures.js';
import { startTestApp } from '../test/support/app.js';
import { startEmulator } from '../test/support/emulator.js';
import { freePort } from './support/free-port.js';

const log = (message: string) => process.stderr.write(`[bench notify-latency] ${message}\n`);
const TARGET_P95_MS = 5_000;
const GIVE_UP_MS = 60_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function until(what: string, check: () => Promise<boolean>, ms = GIVE_UP_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args,
    options: {
      changes: { type: 'string', default: '100' },
      users: { type: 'string', default: '200' },
      'interval-ms': { type: 'string', default: '250' },
      engine: { type: 'string', default: 'pglite' },
    },
  });
  const changes = Number(values.changes);
  const users = Number(values.users);
  const intervalMs = Number(values['interval-ms']);
  const engine = values.engine === 'postgres' ? 'postgres' : 'pglite';

  const emu = await startEmulator({ preset: 'empty', listen: true });
  const tenantId = randomUUID();
  const domain = `notify-${tenantId.slice(0, 8)}.onmicrosoft.com`;
  const tenant = emu.estate.createTenant({
    id: tenantId,
    displayName: 'Notify bench',
    initialDomain: domain,
  });
  const registered = await emu.inject({
    method: 'POST',
    url: '/_emulator/apps',
    body: {
      tenantId,
      displayName: 'Rollcall bench',
      redirectUris: ['https://rollcall.test/callback'],
      graphRoles: ['User.Read.All', 'Group.Read.All', 'Organization.Read.All'],
    },
  });
  const registration = registered.body as { clientId: string; clientSecret: string };
  const id = (n: number) => `${tenantId.slice(0, 24)}${String(n).padStart(12, '0')}`;
  for (let n = 1; n <= users; n += 1) {
    emu.estate.addUser(
      tenant,
      {
        id: id(n),
        accountEnabled: true,
        userType: 'Member',
        userPrincipalName: `p${n}@${domain}`,
        mail: `p${n}@notify.example`,
        displayName: `Person ${n}`,
        assignedLicenses: [],
      },
      { silent: true },
    );
  }

  const port = await freePort();
  const info = emu.info();
  const app = await startTestApp({
    engine,
    config: {
      publicUrl: `http://127.0.0.1:${port}`,
      microsoft: {
        authorityHost: info.authorityHost,
        graphBaseUrl: info.graphBaseUrl,
        extraCaPath: info.caCertPath,
      },
    },
    jobs: createAppJobRuntime,
  });
  try {
    await app.app.listen({ port, host: '127.0.0.1' });
    const db = app.deps.db;
    const customer = await givenCustomer(db, 'Notify bench');
    const connection = await createConnectionRepository(db, app.deps.secrets).create({
      kind: 'entra',
      name: `Notify bench ${tenantId.slice(0, 8)}`,
      tenantId,
      clientId: registration.clientId,
      settings: { authMethod: 'clientSecret', enabledFor: 'all' },
      secrets: { clientSecret: registration.clientSecret },
    });
    const config: EntraImportConfigInput = {
      userFieldMappings: [
        { entraField: 'displayName', deskField: 'displayName' },
        { entraField: 'mail', deskField: 'email' },
        { entraField: 'userPrincipalName', deskField: 'userPrincipalName' },
      ],
      agentFieldMappings: [],
      siteMappings: [
        {
          id: randomUUID(),
          type: 'existingSite',
          sequence: 10,
          description: 'Everyone',
          siteId: customer.defaultSite.id,
        },
      ],
      delta: { enabled: true, method: 'allChanges' },
    };
    await createEntraConfigRepository(db).save(connection.id, entraImportConfigSchema.parse(config), {
      expectedVersion: 0,
      updatedBy: 'bench',
    });
    log(`importing ${users} users`);
    const [imported] = await runConnectionImport(app.deps, connection, {
      module: 'users',
      trigger: 'manual',
      read: 'auto',
      dryRun: false,
    });
    if (imported?.status !== 'succeeded')
      throw new Error(`the first import did not succeed: ${JSON.stringify(imported?.error)}`);

    log('switching notifications on');
    const subscriptions = createGraphSubscriptionRepository(db);
    await subscriptions.enable(connection.id, [tenantId]);
    await app.deps.jobs!.enqueue('notifications.maintain', { connectionId: connection.id });
    await until('active subscriptions', async () => {
      const rows = await subscriptions.list(connection.id);
      return rows.length === 2 && rows.every((r) => r.status === 'active');
    });

    const deskName = async (entraIds: string[]) => {
      const rows = await db
        .select({ entraId: schema.deskUsers.entraObjectId, displayName: schema.deskUsers.displayName })
        .from(schema.deskUsers)
        .where(
          and(eq(schema.deskUsers.tenantId, tenantId), inArray(schema.deskUsers.entraObjectId, entraIds)),
        );
      return new Map(rows.map((r) => [r.entraId, r.displayName]));
    };

    log(`renaming ${changes} users, one every ${intervalMs} ms`);
    const pending = new Map<string, { name: string; at: number }>();
    const latencies: number[] = [];
    const started = performance.now();
    let issued = 0;
    const issue = () => {
      const n = (issued % users) + 1;
      issued += 1;
      const name = `Renamed ${issued} ${randomUUID().slice(0, 4)}`;
      pending.set(id(n), { name, at: performance.now() });
      emu.estate.updateUser(tenant, id(n), { displayName: name });
    };
    const deadline = Date.now() + GIVE_UP_MS + changes * intervalMs;
    let nextAt = performance.now();
    while (issued < changes || pending.size > 0) {
      if (Date.now() > deadline) throw new Error(`${pending.size} changes never reached the desk`);
      if (issued < changes && performance.now() >= nextAt) {
        issue();
        nextAt += intervalMs;
      }
      if (pending.size > 0) {
        const shown = await deskName([...pending.keys()]);
        const now = performance.now();
        for (const [entraId, change] of pending) {
          if (shown.get(entraId) !== change.name) continue;
          latencies.push(now - change.at);
          pending.delete(entraId);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const runs = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(schema.syncRuns)
      .where(
        and(eq(schema.syncRuns.connectionId, connection.id), eq(schema.syncRuns.trigger, 'notification')),
      );
    const sorted = [...latencies].sort((a, b) => a - b);
    const p95Ms = Math.round(percentile(sorted, 95));
    const stats = deliveryStats(emu.context);
    return {
      bench: 'notify-latency',
      engine,
      users,
      changes,
      intervalMs,
      p50Ms: Math.round(percentile(sorted, 50)),
      p95Ms,
      maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
      minMs: Math.round(sorted[0] ?? 0),
      targetP95Ms: TARGET_P95_MS,
      meetsTarget: p95Ms <= TARGET_P95_MS,
      notificationSyncRuns: runs[0]?.count ?? 0,
      notificationPosts: stats.posts,
      notificationsDelivered: stats.notificationsDelivered,
      wallSeconds: Math.round(wallSeconds * 10) / 10,
    };
  } finally {
    await app.close();
    await emu.close();
  }
}
