import { and, eq, inArray, sql } from 'drizzle-orm';
import type { ImportedLicence, ImportedSubscription } from '../../contracts/licences/imported.js';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../database-types.js';
import { deskUsers } from '../schema/desk-users.js';
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

/** Where a licence import read its rows: a CSP partner's Partner Center, or a tenant's own Graph. */
export type LicenceSource = 'partnerCenter' | 'graph';

const SOURCE_NAMES: Record<LicenceSource, string> = {
  partnerCenter: 'Partner Center',
  graph: 'Microsoft Graph',
};

/** What one tenant's licence import writes (a kind absent: not read this run, left alone). */
export interface LicenceWrite {
  /** Default `partnerCenter`. */
  source?: LicenceSource;
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
  servicePlans: row.servicePlans,
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
  /** How many desk users linked to `tenantId` each customer holds (whose tenant it is, for Entra). */
  tenantUserCustomers(tenantId: string): Promise<{ customerId: string; users: number }[]>;
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
  source: LicenceSource,
): LogEntry[] {
  if (!plan) return [];
  const from = SOURCE_NAMES[source];
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
    ...plan.inserts.map((v) => entry(v, 'create', `new ${what} returned by ${from}`)),
    ...plan.updates.map((u) =>
      u.restored
        ? entry(u.value, 'restore', `${what} returned by ${from} again`, { changed: u.changed })
        : entry(u.value, 'update', `changed in ${from}: ${u.changed.join(', ')}`, {
            changed: u.changed,
          }),
    ),
    ...plan.removals.map((r) => entry(r.value, 'remove', `${what} no longer returned by ${from}`)),
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

    async tenantUserCustomers(tenantId) {
      const rows = await db
        .select({ customerId: deskUsers.customerId, users: sql<number>`count(*)::int` })
        .from(deskUsers)
        .where(eq(deskUsers.tenantId, tenantId))
        .groupBy(deskUsers.customerId);
      return rows.map((r) => ({ customerId: r.customerId, users: Number(r.users) }));
    },

    async apply(write) {
      const key = {
        connectionId: write.connectionId,
        tenantId: write.tenantId,
        customerId: write.customerId,
      };
      const source = write.source ?? 'partnerCenter';
      const licences = { ...LICENCES, insertOnly: { source } };
      const written = {
        customer_licences: await writeKind(db, licences, write.licences, key),
        csp_subscriptions: await writeKind(db, SUBSCRIPTIONS, write.subscriptions, key),
        inbound_log: 0,
      };
      const entries = [
        ...entriesOf(
          'licence',
          write.licences,
          (v) => ({ externalId: v.skuId, name: v.friendlyName }),
          source,
        ),
        ...entriesOf(
          'subscription',
          write.subscriptions,
          (v) => ({ externalId: v.subscriptionId, name: v.friendlyName }),
          source,
        ),
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

/** How one kind of imported record is stored: its table and how a value becomes its columns. */
interface RecordTable<T, Table extends typeof customerLicences | typeof cspSubscriptions> {
  table: Table;
  /** The unique key an insert may meet (a retry finding the row another attempt inserted). */
  conflictTarget: PgColumn[];
  /** Columns such an insert overwrites with its own values (besides last seen / removed / updated). */
  refreshed: (keyof Table['$inferInsert'] & keyof Table)[];
  columns(value: T): Partial<Table['$inferInsert']>;
  /** Columns only an insert sets. */
  insertOnly?: Partial<Table['$inferInsert']>;
}

const LICENCES: RecordTable<ImportedLicence, typeof customerLicences> = {
  table: customerLicences,
  conflictTarget: [customerLicences.connectionId, customerLicences.tenantId, customerLicences.skuId],
  refreshed: [
    'customerId',
    'skuPartNumber',
    'friendlyName',
    'capabilityStatus',
    'totalUnits',
    'consumedUnits',
    'suspendedUnits',
    'warningUnits',
    'lockedOutUnits',
    'servicePlans',
  ],
  columns: (value) => value,
  insertOnly: { source: 'partnerCenter' },
};

const SUBSCRIPTIONS: RecordTable<ImportedSubscription, typeof cspSubscriptions> = {
  table: cspSubscriptions,
  conflictTarget: [cspSubscriptions.connectionId, cspSubscriptions.subscriptionId],
  refreshed: [
    'tenantId',
    'customerId',
    'offerId',
    'offerName',
    'friendlyName',
    'quantity',
    'unitType',
    'status',
    'termDuration',
    'billingCycle',
    'autoRenew',
    'isTrial',
    'createdOn',
    'startDate',
    'commitmentEndDate',
    'details',
  ],
  columns: subscriptionColumns,
};

/**
 * Writes one kind's plan: inserts in one statement, updates row by row, removals in one
 * statement. Returns the rows written; 0 when the kind was not read this run.
 */
async function writeKind<T, Table extends typeof customerLicences | typeof cspSubscriptions>(
  db: Database,
  kind: RecordTable<T, Table>,
  plan: LicenceRecordPlan<T> | undefined,
  key: { connectionId: string; tenantId: string; customerId: string | null },
): Promise<number> {
  if (!plan) return 0;
  // Typed through the union: drizzle does not narrow a generic table's insert and update shapes.
  const table: typeof customerLicences | typeof cspSubscriptions = kind.table;
  const now = sql`now()`;
  const seen = { lastSeenAt: now, removedAt: null, updatedAt: now };
  let written = 0;
  if (plan.inserts.length > 0) {
    const refreshed = Object.fromEntries(
      kind.refreshed.map((name) => [name, sql`excluded.${sql.identifier((table[name] as PgColumn).name)}`]),
    );
    const rows = await db
      .insert(table)
      .values(
        plan.inserts.map(
          (v) => ({ ...key, ...kind.columns(v), ...kind.insertOnly }) as Table['$inferInsert'],
        ),
      )
      .onConflictDoUpdate({ target: kind.conflictTarget, set: { ...refreshed, ...seen } })
      .returning({ id: table.id });
    written += rows.length;
  }
  for (const update of plan.updates) {
    await db
      .update(table)
      .set({ ...kind.columns(update.value), customerId: key.customerId, ...seen })
      .where(eq(table.id, update.id));
    written += 1;
  }
  const removed = plan.removals.map((r) => r.id);
  if (removed.length > 0) {
    const rows = await db
      .update(table)
      .set({ removedAt: now, updatedAt: now })
      .where(and(inArray(table.id, removed), sql`${table.removedAt} is null`))
      .returning({ id: table.id });
    written += rows.length;
  }
  return written;
}
