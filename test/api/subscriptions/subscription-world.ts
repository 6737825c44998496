import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { QuantityChangeView } from '../../../src/contracts/api/csp-subscriptions.js';
import type { PcSubscriptionWithPending } from '../../../src/emulator/partner-center/records.js';
import { queryRows } from '../../../src/store/index.js';
import { call } from '../access/fixtures.js';
import {
  givenDeskCustomer,
  mapTenant,
  partnerCenterOf,
  runLicencesNow,
  setConnectionImportType,
  startLicenceWorld,
  type LicenceWorld,
} from '../csp/licences-fixtures.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * A CSP partner whose customer's subscriptions the desk imported: an emulator (real HTTPS), the
 * app with its own job workers (`createAppJobRuntime`), a CSP connection with the partner's
 * Partner Center app, the first customer tenant mapped to a desk customer, and a licences run
 * that imported its CSP subscriptions.
 */
export interface SubscriptionWorld extends LicenceWorld {
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
}

export async function startSubscriptionWorld(
  options: { listen?: boolean; publicUrl?: boolean } = {},
): Promise<SubscriptionWorld> {
  const base = await startLicenceWorld({ tenants: 2, users: 20, seed: 11, jobs: true, ...options });
  try {
    const { emu, app, admin } = base;
    const db = app.deps.db;
    const tenantId = base.customerTenantIds[0]!;
    const customerId = await givenDeskCustomer(db, 'Seats');
    await mapTenant(db, base.connection.id, tenantId, customerId);
    const world: SubscriptionWorld = Object.assign(base, {
      tenantId,
      customerId,
      pcSubscriptions: () => [
        ...((partnerCenterOf(emu).subscriptions.get(tenantId)?.values() ??
          []) as Iterable<PcSubscriptionWithPending>),
      ],
      async deskRow(pcSubscriptionId: string) {
        const [row] = await queryRows<{ id: string; quantity: number }>(
          db,
          sql`select id, quantity from csp_subscriptions
               where connection_id = ${world.connection.id} and subscription_id = ${pcSubscriptionId.toLowerCase()}`,
        );
        if (!row) throw new Error(`subscription ${pcSubscriptionId} is not in the desk`);
        return row;
      },
      purchasedDaysAgo(sub: PcSubscriptionWithPending, daysAgo: number) {
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
      async settled(id: string) {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const res = await call(app, admin, 'GET', `/api/csp/subscription-changes/${id}`);
          expect(res.statusCode, res.body).toBe(200);
          const change = res.json() as QuantityChangeView;
          if (change.status === 'succeeded' || change.status === 'failed') return change;
          if (Date.now() > deadline) throw new Error(`quantity change ${id} still ${change.status}`);
          await sleep(100);
        }
      },
    });
    await setConnectionImportType(world, 'both');
    return world;
  } catch (error) {
    await base.close();
    throw error;
  }
}
