import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ImportedLicence, ImportedSubscription } from '../../contracts/licences/imported.js';
import type { Database } from '../database-types.js';
import { customerLicences, cspSubscriptions } from '../schema/licences.js';
import { inboundLog } from '../schema/sync.js';

/** A stored row as the planner compares it (the domain's `StoredLicenceRecord`). */
export interface StoredLicenceRecord<T> {
  id: string;
  customerId: string | null;
  removed: boolean;
  value: T;
}

/** The writes of one kind of record (the domain's `LicenceRecordPlan`). */
export interface LicenceRecordPlan<T> {
  inserts: T[];
  updates: { id: string; value: T; changed: string[]; restored: boolean }[];
  removals: { id: string; value: T }[];
  unchanged: number;
}

/** One tenant's licence rows as the planner compares them. */
export interface StoredTenantLicences {
  licences: StoredLicenceRecord<ImportedLicence>[];
  subscriptions: StoredLicenceRecord<ImportedSubscription>[];
}

/** What one tenant's licence import writes (a kind absent: not read this run, left alone). */
export interface LicenceWrite {
  connectionId: string;
  tenantId: string;
  customerId: string | null;
  syncRunId: string;
  licences?: LicenceRecordPlan<ImportedLicence>;
  subscriptions?: LicenceRecordPlan<ImportedSubscription>;
}

type LicenceRow = typeof customerLicences.$inferSelect;
type SubscriptionRow = typeof cspSubscriptions.$inferSelect;

const licenceValue = (row: LicenceRow): ImportedLicence => ({
  skuId: row.skuId,
  skuPartNumber: row.skuPartNumber,
  friendlyName: row.friendlyName,
  capabilityStatus: row.capabilityStatus,
  totalUnits: row.totalUnits,
  consumedUnits: row.consumedUnits,
  suspendedUnits: row.suspendedUnits,
  warningUnits: row.warningUnits,
  lockedOutUnits: row.lockedOutUnits,
});

const subscriptionValue = (row: SubscriptionRow): ImportedSubscription => ({
  subscriptionId: row.subscriptionId,
  offerId: row.offerId,
  offerName: row.offerName,
  friendlyName: row.friendlyName,
  quantity: row.quantity,
  unitType: row.unitType,
  status: row.status,
  termDuration: row.termDuration,
  billingCycle: row.billingCycle,
  autoRenew: row.autoRenew,
  isTrial: row.isTrial,
  createdOn: row.createdOn?.toISOString() ?? null,
  startDate: row.startDate,
  commitmentEndDate: row.commitmentEndDate,
  details: row.details,
});

const subscriptionColumns = (value: ImportedSubscription) => ({
  ...value,
  createdOn: value.createdOn ? new Date(value.createdOn) : null,
});

/** Loads one tenant's licence rows, and writes an import's plan (call inside the run's transaction). */
export interface LicenceImportRepository {
  load(connectionId: string, tenantId: string): Promise<StoredTenantLicences>;
  /** Writes the plan and its inbound log; rows written by table. */
  apply(write: LicenceWrite): Promise<Record<string, number>>;
}

interface LogEntry {
  entityType: 'licence' | 'subscription';
  externalId: string;
  action: 'create' | 'update' | 'restore' | 'remove';
  reason: string;
  details: Record<string, unknown>;
}

function entriesOf<T>(
  entityType: LogEntry['entityType'],
  plan: LicenceRecordPlan<T> | undefined,
  describe: (value: T) => { externalId: string; name: string },
): LogEntry[] {
  if (!plan) return [];
  const what = entityType === 'licence' ? 'licence' : 'subscription';
  const entry = (
    value: T,
    action: LogEntry['action'],
    reason: string,
    extra: Record<string, unknown> = {},
  ) => {
    const { externalId, name } = describe(value);
    return { entityType, externalId, action, reason, details: { displayName: name, ...extra } };
  };
  return [
    ...plan.inserts.map((v) => entry(v, 'create', `new ${what} returned by Partner Center`)),
    ...plan.updates.map((u) =>
      u.restored
        ? entry(u.value, 'restore', `${what} returned by Partner Center again`, { changed: u.changed })
        : entry(u.value, 'update', `changed in Partner Center: ${u.changed.join(', ')}`, {
            changed: u.changed,
          }),
    ),
    ...plan.removals.map((r) => entry(r.value, 'remove', `${what} no longer returned by Partner Center`)),
  ];
}

/** A {@link LicenceImportRepository} over `db` (a database or a transaction). */
export function createLicenceImportRepository(db: Database): LicenceImportRepository {
  return {
    async load(connectionId, tenantId) {
      const [licences, subscriptions] = await Promise.all([
        db
          .select()
          .from(customerLicences)
          .where(
            and(eq(customerLicences.connectionId, connectionId), eq(customerLicences.tenantId, tenantId)),
          ),
        db
          .select()
          .from(cspSubscriptions)
          .where(
            and(eq(cspSubscriptions.connectionId, connectionId), eq(cspSubscriptions.tenantId, tenantId)),
          ),
      ]);
      return {
        licences: licences.map((row) => ({
          id: row.id,
          customerId: row.customerId,
          removed: row.removedAt !== null,
          value: licenceValue(row),
        })),
        subscriptions: subscriptions.map((row) => ({
          id: row.id,
          customerId: row.customerId,
          removed: row.removedAt !== null,
          value: subscriptionValue(row),
        })),
      };
    },

    async apply(write) {
      const key = {
        connectionId: write.connectionId,
        tenantId: write.tenantId,
        customerId: write.customerId,
      };
      const written = { customer_licences: 0, csp_subscriptions: 0, inbound_log: 0 };
      const now = sql`now()`;
      const licences = write.licences;
      if (licences) {
        if (licences.inserts.length > 0) {
          // A retry that finds a row another attempt inserted updates it instead of failing.
          const rows = await db
            .insert(customerLicences)
            .values(licences.inserts.map((v) => ({ ...key, ...v, source: 'partnerCenter' })))
            .onConflictDoUpdate({
              target: [customerLicences.connectionId, customerLicences.tenantId, customerLicences.skuId],
              set: {
                customerId: sql`excluded.customer_id`,
                skuPartNumber: sql`excluded.sku_part_number`,
                friendlyName: sql`excluded.friendly_name`,
                capabilityStatus: sql`excluded.capability_status`,
                totalUnits: sql`excluded.total_units`,
                consumedUnits: sql`excluded.consumed_units`,
                suspendedUnits: sql`excluded.suspended_units`,
                warningUnits: sql`excluded.warning_units`,
                lockedOutUnits: sql`excluded.locked_out_units`,
                lastSeenAt: now,
                removedAt: null,
                updatedAt: now,
              },
            })
            .returning({ id: customerLicences.id });
          written.customer_licences += rows.length;
        }
        for (const update of licences.updates) {
          await db
            .update(customerLicences)
            .set({
              ...update.value,
              customerId: write.customerId,
              lastSeenAt: now,
              removedAt: null,
              updatedAt: now,
            })
            .where(eq(customerLicences.id, update.id));
          written.customer_licences += 1;
        }
        written.customer_licences += await markRemoved(
          db,
          'licences',
          licences.removals.map((r) => r.id),
        );
      }
      const subscriptions = write.subscriptions;
      if (subscriptions) {
        if (subscriptions.inserts.length > 0) {
          const rows = await db
            .insert(cspSubscriptions)
            .values(subscriptions.inserts.map((v) => ({ ...key, ...subscriptionColumns(v) })))
            .onConflictDoUpdate({
              target: [cspSubscriptions.connectionId, cspSubscriptions.subscriptionId],
              set: {
                tenantId: sql`excluded.tenant_id`,
                customerId: sql`excluded.customer_id`,
                offerId: sql`excluded.offer_id`,
                offerName: sql`excluded.offer_name`,
                friendlyName: sql`excluded.friendly_name`,
                quantity: sql`excluded.quantity`,
                unitType: sql`excluded.unit_type`,
                status: sql`excluded.status`,
                termDuration: sql`excluded.term_duration`,
                billingCycle: sql`excluded.billing_cycle`,
                autoRenew: sql`excluded.auto_renew`,
                isTrial: sql`excluded.is_trial`,
                createdOn: sql`excluded.created_on`,
                startDate: sql`excluded.start_date`,
                commitmentEndDate: sql`excluded.commitment_end_date`,
                details: sql`excluded.details`,
                lastSeenAt: now,
                removedAt: null,
                updatedAt: now,
              },
            })
            .returning({ id: cspSubscriptions.id });
          written.csp_subscriptions += rows.length;
        }
        for (const update of subscriptions.updates) {
          await db
            .update(cspSubscriptions)
            .set({
              ...subscriptionColumns(update.value),
              customerId: write.customerId,
              lastSeenAt: now,
              removedAt: null,
              updatedAt: now,
            })
            .where(eq(cspSubscriptions.id, update.id));
          written.csp_subscriptions += 1;
        }
        written.csp_subscriptions += await markRemoved(
          db,
          'subscriptions',
          subscriptions.removals.map((r) => r.id),
        );
      }
      const entries = [
        ...entriesOf('licence', licences, (v) => ({ externalId: v.skuId, name: v.friendlyName })),
        ...entriesOf('subscription', subscriptions, (v) => ({
          externalId: v.subscriptionId,
          name: v.friendlyName,
        })),
      ];
      if (entries.length > 0) {
        await db.insert(inboundLog).values(
          entries.map((e) => ({
            ...e,
            syncRunId: write.syncRunId,
            connectionId: write.connectionId,
            tenantId: write.tenantId,
            reasonCode: `licences.${e.action}`,
          })),
        );
        written.inbound_log = entries.length;
      }
      return written;
    },
  };
}

async function markRemoved(
  db: Database,
  table: 'licences' | 'subscriptions',
  ids: string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const target = table === 'licences' ? customerLicences : cspSubscriptions;
  const rows = await db
    .update(target)
    .set({ removedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(inArray(target.id, ids), sql`${target.removedAt} is null`))
    .returning({ id: target.id });
  return rows.length;
}
