import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { createAppJobRuntime } from '../../../src/api/app.js';
import type { QuantityChangeView } from '../../../src/contracts/api/csp-subscriptions.js';
import type { Emulator } from '../../../src/emulator/index.js';
import type { PcSubscriptionWithPending } from '../../../src/emulator/partner-center/records.js';
import {
  createConnectionRepository,
  queryRows,
  schema,
  type ConnectionSummary,
} from '../../../src/store/index.js';
import { authorisePartnerUser } from '../../microsoft/sign-in.js';
import { startEmulator } from '../../support/emulator.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { call, givenAgent, givenBuiltInRoles, type Caller } from '../access/fixtures.js';
import { freePort } from '../entra/notifications-fixtures.js';
import {
  givenDeskCustomer,
  mapTenant,
  partnerCenterOf,
  runLicencesNow,
  setConnectionImportType,
} from '../csp/licences-fixtures.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * A CSP partner whose customer's subscriptions the desk imported: an emulator (real HTTPS), the
 * app with its own job workers (`createAppJobRuntime`), a CSP connection with the partner's
 * Partner Center app, the first customer tenant mapped to a desk customer, and a licences run
 * that imported its CSP subscriptions.
 */
export interface SubscriptionWorld {
  emu: Emulator;
  app: TestApp;
  admin: Caller;
  connection: ConnectionSummary;
  customerTenantIds: string[];
  tenantId: string;
  customerId: string;
  /** The emulator's subscriptions of the mapped tenant. */
  pcSubscriptions(): PcSubscriptionWithPending[];
  /** The desk row id of a Partner Center subscription. */
  deskRow(pcSubscriptionId: string): Promise<{ id: string; quantity: number }>;
  /** Moves a Partner Center subscription's purchase `daysAgo` into the past (term dates follow). */
  purchasedDaysAgo(sub: PcSubscriptionWithPending, daysAgo: number): void;
  /** Runs the licences module (subscriptions) for the mapped tenant. */
  importSubscriptions(): Promise<void>;
  /** Waits for a change to settle (succeeded/failed) and returns it. */
  settled(id: string): Promise<QuantityChangeView>;
  close(): Promise<void>;
}

export async function startSubscriptionWorld(
  options: { listen?: boolean; publicUrl?: boolean } = {},
): Promise<SubscriptionWorld> {
  const emu = await startEmulator({ tenants: 2, users: 20, listen: true, seed: 11 });
  const info = emu.info();
  let app: TestApp | undefined;
  const port = options.listen ? await freePort() : 0;
  try {
    app = await startTestApp({
      config: {
        ...(options.listen && options.publicUrl !== false ? { publicUrl: `http://127.0.0.1:${port}` } : {}),
        microsoft: {
          authorityHost: info.authorityHost,
          graphBaseUrl: info.graphBaseUrl,
          partnerCenterBaseUrl: info.partnerCenterBaseUrl,
          extraCaPath: info.caCertPath,
        },
      },
      jobs: createAppJobRuntime,
    });
    if (options.listen) await app.app.listen({ port, host: '127.0.0.1' });
    const db = app.deps.db;
    await givenBuiltInRoles(db);
    const admin = await givenAgent(db, { roleNames: ['Administrator'] });
    const partnerApp = info.apps.find((a) => a.kind === 'partner');
    if (!partnerApp?.clientSecret || !info.partnerTenantId)
      throw new Error('the emulator has no partner app');
    const connection = await createConnectionRepository(db, app.deps.secrets).create({
      kind: 'csp',
      name: `CSP ${randomUUID().slice(0, 8)}`,
      tenantId: info.partnerTenantId,
      clientId: partnerApp.clientId,
      // "Authorise" done: Partner Center serves subscribed SKUs to App+User credentials only.
      secrets: {
        clientSecret: partnerApp.clientSecret,
        refreshToken: (await authorisePartnerUser(emu)).refreshToken,
      },
    });
    const customerTenantIds = info.tenants.map((t) => t.id).filter((id) => id !== info.partnerTenantId);
    for (const tenantId of customerTenantIds) {
      const tenant = emu.estate.tenant(tenantId)!;
      await db.insert(schema.cspTenants).values({
        connectionId: connection.id,
        tenantId,
        name: tenant.displayName,
        defaultDomain: tenant.initialDomain,
        resellerRelationship: true,
      });
    }
    const tenantId = customerTenantIds[0]!;
    const customerId = await givenDeskCustomer(db, 'Seats');
    await mapTenant(db, connection.id, tenantId, customerId);
    const started = app;
    const world: SubscriptionWorld = {
      emu,
      app: started,
      admin,
      connection,
      customerTenantIds,
      tenantId,
      customerId,
      pcSubscriptions: () => [
        ...((partnerCenterOf(emu).subscriptions.get(tenantId)?.values() ??
          []) as Iterable<PcSubscriptionWithPending>),
      ],
      async deskRow(pcSubscriptionId) {
        const [row] = await queryRows<{ id: string; quantity: number }>(
          db,
          sql`select id, quantity from csp_subscriptions
               where connection_id = ${connection.id} and subscription_id = ${pcSubscriptionId.toLowerCase()}`,
        );
        if (!row) throw new Error(`subscription ${pcSubscriptionId} is not in the desk`);
        return row;
      },
      purchasedDaysAgo(sub, daysAgo) {
        const start = emu.clock.now() - daysAgo * DAY_MS;
        const end = new Date(start);
        end.setUTCFullYear(end.getUTCFullYear() + 1);
        const iso = new Date(start).toISOString();
        Object.assign(sub.props, {
          creationDate: iso,
          effectiveStartDate: iso,
          termDuration: 'P1Y',
          commitmentEndDate: end.toISOString(),
        });
      },
      async importSubscriptions() {
        const results = await runLicencesNow(world, [tenantId]);
        expect(results[0]?.status, JSON.stringify(results)).toBe('succeeded');
      },
      async settled(id) {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const res = await call(started, admin, 'GET', `/api/csp/subscription-changes/${id}`);
          expect(res.statusCode, res.body).toBe(200);
          const change = res.json() as QuantityChangeView;
          if (change.status === 'succeeded' || change.status === 'failed') return change;
          if (Date.now() > deadline) throw new Error(`quantity change ${id} still ${change.status}`);
          await sleep(100);
        }
      },
      async close() {
        await started.close();
        await emu.close();
      },
    };
    await setConnectionImportType(world, 'both');
    return world;
  } catch (error) {
    await app?.close();
    await emu.close();
    throw error;
  }
}
