import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database-types.js';
import { chunk } from '../../sql-arrays.js';
import { queryRows } from '../../sql-rows.js';
import { UPSERT_CHUNK_ROWS } from '../user-upsert.js';
import { bulkRows } from '../../bulk-rows.js';
import { entraKey } from './desk-fields.js';

/** The licences an Entra user holds, as a users run read them. */
export interface UserLicenceInput {
  tenantId: string;
  entraId: string;
  licences: readonly { skuId: string; disabledPlans: readonly string[]; viaGroup: boolean }[];
}

/**
 * Whether the desk user `u` has a licence change from the desk that this run must not undo: one
 * still waiting or being sent, or one Microsoft confirmed after the run started reading (the run
 * read the user before the change). The next run reads the user again and records the truth.
 */
function changedFromDesk(syncRunId: string | undefined): SQL {
  if (!syncRunId) return sql`false`;
  return sql`exists (
    select 1 from outbound_actions a
     where a.subject_id = u.id and a.kind in ('licence.assign', 'licence.remove')
       and (a.status in ('pending', 'running')
            or a.completed_at >= (select r.started_at from sync_runs r where r.id = ${syncRunId})))`;
}

/**
 * `u`: the desk user linked to the Entra user of row `alias` (`tenant_id`, `entra_id`), read one row
 * at a time through the `(tenant_id, entra_object_id)` key. The planner cannot estimate rows read
 * from a JSON parameter; as a plain join it hashed every desk user of every tenant for each chunk,
 * which grew with the square of the estate (ADR 0024).
 */
function deskUserOf(alias: 'p' | 'i'): SQL {
  const row = sql.raw(alias);
  return sql`cross join lateral (select u.id from desk_users u
      where u.tenant_id = ${row}.tenant_id and u.entra_object_id = ${row}.entra_id offset 0) as u`;
}

/**
 * Makes `desk_user_licences` of the desk users linked to these Entra users equal to what was read:
 * licences added or whose disabled plans / group inheritance changed are written, licences no
 * longer held are deleted; a user whose licences did not change writes nothing. Users without a
 * desk user (excluded) are ignored, and so are users with a licence change from the desk in
 * flight (see {@link changedFromDesk}): a sync never fights a change Microsoft has not confirmed
 * yet. A few statements per 5,000 users. Returns rows written.
 */
export async function writeUserLicences(
  db: Database,
  users: readonly UserLicenceInput[],
  options: {
    syncRunId?: string;
    /** `entraKey`s of users this apply created: they hold no licence yet, so none is looked for. */
    createdNow?: ReadonlySet<string>;
  } = {},
): Promise<number> {
  const leaveAlone = changedFromDesk(options.syncRunId);
  const createdNow = options.createdNow ?? new Set<string>();
  let written = 0;
  for (const part of chunk(users, UPSERT_CHUNK_ROWS)) {
    const held = heldRows(part);
    // A desk user created by this very apply holds nothing yet: nothing of theirs to delete.
    const known = part.filter((u) => !createdNow.has(entraKey(u.tenantId, u.entraId)));
    if (known.length > 0) written += await deleteNoLongerHeld(db, known, held, leaveAlone);
    if (held.count === 0) continue;
    const upserted = await queryRows<{ desk_user_id: string }>(
      db,
      sql`insert into desk_user_licences (desk_user_id, tenant_id, sku_id, disabled_plans, via_group)
          select u.id, i.tenant_id, i.sku_id,
                 coalesce(string_to_array(nullif(i.disabled, ''), ',')::uuid[], '{}'::uuid[]), i.via_group
            from ${held.rows} as i ${deskUserOf('i')}
           where not ${leaveAlone}
          on conflict (desk_user_id, sku_id) do update
             set tenant_id = excluded.tenant_id, disabled_plans = excluded.disabled_plans,
                 via_group = excluded.via_group, updated_at = now()
           where desk_user_licences.disabled_plans is distinct from excluded.disabled_plans
              or desk_user_licences.via_group is distinct from excluded.via_group
              or desk_user_licences.tenant_id is distinct from excluded.tenant_id
          returning desk_user_id`,
    );
    written += upserted.length;
  }
  return written;
}

/** One bulk row per licence held: (tenant_id, entra_id, sku_id, disabled, via_group). */
function heldRows(users: readonly UserLicenceInput[]): { rows: SQL; count: number } {
  const held = users.flatMap((u) =>
    u.licences.map((l) => ({ tenantId: u.tenantId, entraId: u.entraId, licence: l })),
  );
  const rows = bulkRows([
    { name: 'tenant_id', type: 'uuid', values: held.map((h) => h.tenantId) },
    { name: 'entra_id', type: 'uuid', values: held.map((h) => h.entraId) },
    { name: 'sku_id', type: 'uuid', values: held.map((h) => h.licence.skuId) },
    // The disabled plans as one comma-joined text per row, split back into uuid[] in SQL.
    { name: 'disabled', type: 'text', values: held.map((h) => h.licence.disabledPlans.join(',')) },
    { name: 'via_group', type: 'boolean', values: held.map((h) => h.licence.viaGroup) },
  ]);
  return { rows, count: held.length };
}

/** Deletes the licences `users`' desk users hold that `held` no longer lists; returns rows deleted. */
async function deleteNoLongerHeld(
  db: Database,
  users: readonly UserLicenceInput[],
  held: { rows: SQL },
  leaveAlone: SQL,
): Promise<number> {
  const people = bulkRows([
    { name: 'tenant_id', type: 'uuid', values: users.map((u) => u.tenantId) },
    { name: 'entra_id', type: 'uuid', values: users.map((u) => u.entraId) },
  ]);
  const removed = await queryRows<{ desk_user_id: string }>(
    db,
    sql`with p as materialized (
          select p.tenant_id, p.entra_id, u.id from ${people} as p ${deskUserOf('p')} where not ${leaveAlone})
        delete from desk_user_licences d
         using p
         where d.desk_user_id = any(array(select p.id from p)) and d.desk_user_id = p.id
           and not exists (select 1 from ${held.rows} as i
                            where i.tenant_id = p.tenant_id and i.entra_id = p.entra_id and i.sku_id = d.sku_id)
        returning d.desk_user_id`,
  );
  return removed.length;
}
