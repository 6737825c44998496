import { sql } from 'drizzle-orm';
import type { PlannedUser } from '../../../contracts/entra/import-plan.js';
import type { Database } from '../../database-types.js';
import { chunk } from '../../sql-arrays.js';
import { queryRows } from '../../sql-rows.js';
import { UPSERT_CHUNK_ROWS } from '../user-upsert.js';
import { bulkRows } from '../../bulk-rows.js';
import { DESK_USER_KIND, entraKey } from './desk-fields.js';
import type { NewSite } from './new-sites.js';
import { closeSettledReviews, upsertReviews, writeInboundLog, type LogEntry } from './plan-log.js';
import { preparePlan, type PreparedRecord } from './plan-records.js';
import { insertRecords, linkManagers, updateRecords, type RecordTable } from './record-writes.js';
import { placeUsers } from './user-sites.js';
import { writeUserLicences, type UserLicenceInput } from './user-licences.js';

export type { NewSite } from './new-sites.js';

/** A plan of desk users to write, and the run it belongs to. */
export interface ApplyUserPlanInput {
  connectionId: string;
  syncRunId: string;
  users: readonly PlannedUser[];
  /** Sites to create; the `newSite`s the users name are created as well. */
  newSites?: readonly NewSite[];
  /** The licences of the Entra users read, recorded on their desk users (`desk_user_licences`). */
  licences?: readonly UserLicenceInput[];
}

/** What an apply wrote. */
export interface ApplyResult {
  /** Rows inserted, updated or deleted, by table; a row written by two statements counts twice. */
  rowsWritten: Record<string, number>;
}

const DESK_USERS: RecordTable = { name: 'desk_users', kind: DESK_USER_KIND, managerColumn: 'manager_id' };

/**
 * Writes a plan of desk users. Call it inside the transaction that also moves the checkpoint and
 * finishes the run. Creations take their `values`; updates and deactivations their `changes`
 * (desk fields, link, site, inactive flag, roles), as the planner's reference apply does. A few
 * statements per 5,000 records; unchanged and excluded records write nothing, so applying a plan
 * with nothing to change writes no row at all.
 */
export async function applyUserPlan(db: Database, input: ApplyUserPlanInput): Promise<ApplyResult> {
  const plan = preparePlan(DESK_USER_KIND, input.users, UPSERT_CHUNK_ROWS);
  const placement = await placeUsers(db, [...plan.creates, ...plan.updates], input.newSites ?? []);
  const created = await insertRecords(db, DESK_USERS, plan.creates, placement.columns);
  const updated = await updateRecords(db, DESK_USERS, plan.updates, placement.columns);
  const withRoles = await addUserRoles(db, [...plan.creates, ...plan.updates]);
  const linked = await linkManagers(db, DESK_USERS, plan.deferredManagers);
  const target = { connectionId: input.connectionId, module: 'users' as const };
  const reviews = await upsertReviews(db, target, plan.reviews);
  const closed = await closeSettledReviews(db, target, input.users);
  // After the inserts: new desk users hold their licences from their first import.
  const licences = await writeUserLicences(db, input.licences ?? [], {
    syncRunId: input.syncRunId,
    createdNow: new Set(plan.creates.map((r) => entraKey(r.planned.tenantId, r.planned.entraId))),
  });

  // Only records this apply really wrote get a log entry: a planned update or deactivation that
  // found the desk already so (another run got there first) is not news.
  const touched = new Set([...updated, ...withRoles.deskUserIds]);
  const entries: LogEntry[] = [
    ...plan.creates.map((r) => ({ planned: r.planned, deskId: r.id })),
    ...plan.updates.filter((r) => touched.has(r.id)).map((r) => ({ planned: r.planned, deskId: r.id })),
    ...reviews.map((p) => ({ planned: p, deskId: null })),
  ];
  const logged = await writeInboundLog(db, { ...input, entityType: 'user' }, entries);
  return {
    rowsWritten: {
      sites: placement.sitesInserted,
      desk_users: created.length + updated.length + linked.length,
      desk_user_role_assignments: withRoles.inserted,
      sync_reviews: reviews.length + closed,
      // Only runs that read licences report the table.
      ...(input.licences ? { desk_user_licences: licences } : {}),
      inbound_log: logged,
    },
  };
}

/**
 * Gives records whose plan changes their roles the user roles it lists that they lack. User
 * roles are never taken away here (the planner's list keeps the ones held); ids that are not
 * portal roles are skipped.
 */
async function addUserRoles(
  db: Database,
  records: readonly PreparedRecord[],
): Promise<{ inserted: number; deskUserIds: string[] }> {
  const pairs = records
    .filter((r) => r.parts.has('roleIds'))
    .flatMap((r) => (r.planned.roleIds ?? []).map((roleId) => ({ id: r.id, roleId })));
  const deskUserIds: string[] = [];
  for (const part of chunk(pairs, UPSERT_CHUNK_ROWS)) {
    const input = bulkRows([
      { name: 'desk_user_id', type: 'uuid', values: part.map((p) => p.id) },
      { name: 'role_id', type: 'uuid', values: part.map((p) => p.roleId) },
    ]);
    const rows = await queryRows<{ desk_user_id: string }>(
      db,
      sql`insert into desk_user_role_assignments (desk_user_id, role_id)
          select i.desk_user_id, i.role_id from ${input} as i join roles r on r.id = i.role_id and r.kind = 'portal'
          on conflict do nothing
          returning desk_user_id`,
    );
    deskUserIds.push(...rows.map((row) => row.desk_user_id));
  }
  return { inserted: deskUserIds.length, deskUserIds };
}
