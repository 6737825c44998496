import { sql } from 'drizzle-orm';
import type { FieldChange, PlannedUser } from '../../../contracts/entra/import-plan.js';
import type { Database } from '../../database-types.js';
import { InvalidPlanError } from '../../errors.js';
import type { SyncReviewModule } from '../../schema/sync-reviews.js';
import { chunk } from '../../sql-arrays.js';
import { queryRows } from '../../sql-rows.js';
import { UPSERT_CHUNK_ROWS } from '../user-upsert.js';
import { bulkRows } from '../../bulk-rows.js';
import { entraKey } from './desk-fields.js';

/** Where an apply's log entries and reviews belong. */
export interface PlanTarget {
  connectionId: string;
  syncRunId: string;
}

/** A planned record that was written, and the desk record it wrote (known after creation). */
export interface LogEntry {
  planned: PlannedUser;
  deskId: string | null;
}

/** Appends one inbound log row per entry, with one statement per chunk; returns the rows written. */
export async function writeInboundLog(
  db: Database,
  target: PlanTarget & { entityType: 'user' | 'agent' },
  entries: readonly LogEntry[],
): Promise<number> {
  let written = 0;
  for (const part of chunk(entries, UPSERT_CHUNK_ROWS)) {
    const input = bulkRows([
      { name: 'tenant_id', type: 'uuid', values: part.map((e) => e.planned.tenantId) },
      { name: 'external_id', type: 'text', values: part.map((e) => e.planned.entraId.toLowerCase()) },
      { name: 'action', type: 'text', values: part.map((e) => e.planned.outcome) },
      { name: 'reason_code', type: 'text', values: part.map((e) => e.planned.reasonCode) },
      { name: 'reason', type: 'text', values: part.map((e) => e.planned.reason) },
      { name: 'details', type: 'jsonb', values: part.map(detailsOf) },
    ]);
    const rows = await queryRows<{ id: string }>(
      db,
      sql`insert into inbound_log (sync_run_id, connection_id, tenant_id, entity_type, external_id, action, reason_code, reason, details)
          select ${target.syncRunId}::uuid, ${target.connectionId}::uuid, i.tenant_id, ${target.entityType}, i.external_id,
                 i.action, i.reason_code, i.reason, i.details
          from ${input} as i
          returning id`,
    );
    written += rows.length;
  }
  return written;
}

function detailsOf({ planned, deskId }: LogEntry): Record<string, unknown> {
  // A creation's plan may list no changes; its values are then the "after" of every field.
  const changes: FieldChange[] =
    planned.outcome === 'create' && planned.changes.length === 0
      ? Object.entries(planned.values ?? {}).map(([field, after]) => ({ field, before: null, after }))
      : planned.changes;
  const details: Record<string, unknown> = {
    displayName: planned.displayName,
    changes,
    mappingId: planned.mappingId,
    deskId,
  };
  if (planned.outcome === 'review') details.candidates = planned.candidates;
  return details;
}

/**
 * Records review outcomes: a new entry, or an entry whose candidates or reason changed or that a
 * person had resolved (the ambiguity is back). Returns the reviews written; an unchanged open
 * review writes nothing, so repeating a run writes nothing.
 */
export async function upsertReviews(
  db: Database,
  target: { connectionId: string; module: SyncReviewModule },
  reviews: readonly PlannedUser[],
): Promise<PlannedUser[]> {
  const unique = [...new Map(reviews.map((r) => [entraKey(r.tenantId, r.entraId), r])).values()];
  if (unique.length === 0) return [];
  const input = bulkRows([
    { name: 'tenant_id', type: 'uuid', values: unique.map((r) => r.tenantId) },
    { name: 'entra_id', type: 'uuid', values: unique.map((r) => r.entraId) },
    { name: 'display_name', type: 'text', values: unique.map((r) => r.displayName) },
    { name: 'candidates', type: 'text', values: unique.map((r) => candidateList(r.candidates)) },
    { name: 'reason', type: 'text', values: unique.map((r) => r.reason) },
  ]);
  const written = await queryRows<{ tenant_id: string; entra_id: string }>(
    db,
    sql`insert into sync_reviews (connection_id, tenant_id, module, entra_id, display_name, candidates, reason)
        select ${target.connectionId}::uuid, i.tenant_id, ${target.module}, i.entra_id, i.display_name,
               i.candidates::uuid[], i.reason
        from ${input} as i
        on conflict (connection_id, tenant_id, module, entra_id) do update
          set display_name = excluded.display_name, candidates = excluded.candidates,
              reason = excluded.reason, resolved_at = null
          where sync_reviews.resolved_at is not null
             or (sync_reviews.display_name, sync_reviews.candidates, sync_reviews.reason)
                is distinct from (excluded.display_name, excluded.candidates, excluded.reason)
        returning tenant_id, entra_id`,
  );
  const keys = new Set(written.map((row) => entraKey(row.tenant_id, row.entra_id)));
  return unique.filter((r) => keys.has(entraKey(r.tenantId, r.entraId)));
}

/** Candidates as a Postgres array literal, sorted so the same set always compares equal. */
function candidateList(candidates: readonly string[]): string {
  const ids = candidates.map((id) => id.toLowerCase()).sort();
  if (ids.some((id) => !/^[0-9a-f-]{36}$/.test(id)))
    throw new InvalidPlanError('review candidates must be desk ids');
  return `{${ids.join(',')}}`;
}

/**
 * Resolves the open reviews of Entra users this plan decided (any outcome but review): the
 * ambiguity is gone. Open reviews are few, so they are read first and only those are written.
 */
export async function closeSettledReviews(
  db: Database,
  target: { connectionId: string; module: SyncReviewModule },
  planned: readonly PlannedUser[],
): Promise<number> {
  // A round that decided nobody (a delta round with no change) has nothing to settle.
  if (!planned.some((p) => p.outcome !== 'review')) return 0;
  const open = await queryRows<{ tenant_id: string; entra_id: string }>(
    db,
    sql`select tenant_id, entra_id from sync_reviews
        where connection_id = ${target.connectionId} and module = ${target.module} and resolved_at is null`,
  );
  if (open.length === 0) return 0;
  const openKeys = new Set(open.map((row) => entraKey(row.tenant_id, row.entra_id)));
  const settled = planned.filter(
    (p) => p.outcome !== 'review' && openKeys.has(entraKey(p.tenantId, p.entraId)),
  );
  if (settled.length === 0) return 0;
  const input = bulkRows([
    { name: 'tenant_id', type: 'uuid', values: settled.map((p) => p.tenantId) },
    { name: 'entra_id', type: 'uuid', values: settled.map((p) => p.entraId) },
  ]);
  const closed = await queryRows<{ id: string }>(
    db,
    sql`update sync_reviews as r set resolved_at = now() from ${input} as i
        where r.connection_id = ${target.connectionId} and r.module = ${target.module} and r.resolved_at is null
          and r.tenant_id = i.tenant_id and r.entra_id = i.entra_id
        returning r.id`,
  );
  return closed.length;
}
