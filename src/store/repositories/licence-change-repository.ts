import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { HeldLicence, LicenceManager, TenantLicence } from '../../contracts/licences/changes.js';
import type { Database } from '../database-types.js';
import { decodeCursor, encodeCursor, InvalidCursorError, pageSize, type Page } from '../pagination.js';
import type { OutboundActionStatus, RedactedExchange } from '../schema/outbound-actions.js';
import { queryRows } from '../sql-rows.js';

/** Outbound action kinds of licence changes. */
export const LICENCE_CHANGE_KINDS = { assign: 'licence.assign', remove: 'licence.remove' } as const;

/** What a queued licence change carries (the outbound action's payload: no secrets). */
export interface LicenceChangePayload {
  [key: string]: unknown;
  operation: 'assign' | 'remove';
  skuId: string;
  disabledPlans: readonly string[];
  entraObjectId: string;
}

/** The desk user a change is for, with what the change needs to know about them. */
export interface LicenceChangeUser {
  id: string;
  displayName: string;
  userPrincipalName: string | null;
  customerId: string;
  tenantId: string | null;
  entraObjectId: string | null;
  licences: HeldLicence[];
}

export interface QueueLicenceChange {
  deskUserId: string;
  connectionId: string;
  tenantId: string;
  payload: LicenceChangePayload;
}

/** What happened to one change on one attempt (see `record`). */
export interface LicenceChangeRecord {
  change: { id: string; deskUserId: string; tenantId: string; payload: { skuId: string } };
  status: 'succeeded' | 'failed' | 'running';
  /** Succeeded: what the user holds now; null: only this licence is gone. */
  licences?: readonly HeldLicence[] | null;
  seatDelta?: number;
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
  nextAttemptAt?: Date;
  attempt: { request: RedactedExchange | null; response: RedactedExchange | null };
}

/** A licence change as the desk lists it. */
export interface LicenceChangeRow {
  id: string;
  batchId: string | null;
  kind: string;
  status: OutboundActionStatus;
  payload: LicenceChangePayload;
  result: Record<string, unknown> | null;
  lastError: { code: string; message: string } | null;
  attempts: number;
  connectionId: string;
  tenantId: string;
  userId: string;
  userDisplayName: string;
  userPrincipalName: string | null;
  customerId: string | null;
  skuName: string | null;
  requestedById: string | null;
  requestedByName: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** A change the worker sends, with what it needs to send it and to explain a refusal. */
export interface PendingLicenceChange {
  id: string;
  status: OutboundActionStatus;
  connectionId: string;
  tenantId: string;
  deskUserId: string;
  payload: LicenceChangePayload;
  licence: TenantLicence | undefined;
  /** The user's customer's default usage location (set first when Microsoft wants one). */
  defaultUsageLocation: string | null;
  /** Whether the desk showed the user holding the SKU when the change was sent. */
  heldBefore: boolean;
}

export interface LicenceChangeListOptions {
  userId?: string;
  customerId?: string;
  batchId?: string;
  status?: OutboundActionStatus;
  /** Only changes of these customers (an agent's reach); undefined: all. */
  customerIds?: readonly string[];
  limit?: number;
  cursor?: string;
}

const LICENCE_KINDS = sql.raw(`kind in ('licence.assign', 'licence.remove')`);

/** The columns of {@link LicenceChangeRow}, over `outbound_actions a` joined to its user `u`. */
const ROW_COLUMNS = sql`
  a.id, a.batch_id as "batchId", a.kind, a.status, a.payload, a.result, a.last_error as "lastError",
  a.attempts, a.connection_id as "connectionId", a.tenant_id as "tenantId",
  u.id as "userId", u.display_name as "userDisplayName", u.user_principal_name as "userPrincipalName",
  u.customer_id as "customerId",
  (select l.friendly_name from customer_licences l
    where l.tenant_id = a.tenant_id and l.sku_id = (a.payload->>'skuId')::uuid
    order by l.removed_at nulls first limit 1) as "skuName",
  acc.id as "requestedById", acc.display_name as "requestedByName",
  a.created_at as "createdAt", a.completed_at as "completedAt"`;

const ROW_FROM = sql`outbound_actions a
  join desk_users u on u.id = a.subject_id
  left join accounts acc on acc.id = a.requested_by`;

function licenceOf(row: {
  sku_id: string | null;
  friendly_name: string | null;
  total_units: number | null;
  consumed_units: number | null;
}): TenantLicence | undefined {
  if (!row.sku_id) return undefined;
  return {
    skuId: row.sku_id,
    name: row.friendly_name ?? row.sku_id,
    totalUnits: row.total_units ?? 0,
    consumedUnits: row.consumed_units ?? 0,
  };
}

/** The licence changes queued from the desk (outbound actions of kind `licence.*`). */
export function createLicenceChangeRepository(db: Database) {
  return {
    /** The desk user with their licences; undefined when unknown. */
    async user(id: string): Promise<LicenceChangeUser | undefined> {
      return (await this.users([id]))[0];
    },

    /** The users among `ids` that exist, each with their licences. */
    async users(ids: readonly string[]): Promise<LicenceChangeUser[]> {
      if (ids.length === 0) return [];
      const rows = await queryRows<Omit<LicenceChangeUser, 'licences'>>(
        db,
        sql`select id, display_name as "displayName", user_principal_name as "userPrincipalName",
                   customer_id as "customerId", tenant_id as "tenantId", entra_object_id as "entraObjectId"
              from desk_users where id = any(${sql.param([...ids])}::uuid[])`,
      );
      const held = await this.heldLicences(rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, licences: held.get(r.id) ?? [] }));
    },

    async heldLicences(userIds: readonly string[]): Promise<Map<string, HeldLicence[]>> {
      const rows = await queryRows<{
        desk_user_id: string;
        sku_id: string;
        disabled_plans: string[];
        via_group: boolean;
      }>(
        db,
        sql`select desk_user_id, sku_id, disabled_plans, via_group from desk_user_licences
             where desk_user_id = any(${sql.param([...userIds])}::uuid[])`,
      );
      const byUser = new Map<string, HeldLicence[]>();
      for (const r of rows) {
        const list = byUser.get(r.desk_user_id) ?? byUser.set(r.desk_user_id, []).get(r.desk_user_id)!;
        list.push({ skuId: r.sku_id, disabledPlans: r.disabled_plans, viaGroup: r.via_group });
      }
      return byUser;
    },

    /** The tenant's licence as imported (a removed one only when nothing else is known). */
    async tenantLicence(tenantId: string, skuId: string): Promise<TenantLicence | undefined> {
      const [row] = await queryRows<Parameters<typeof licenceOf>[0]>(
        db,
        sql`select sku_id, friendly_name, total_units, consumed_units from customer_licences
             where tenant_id = ${tenantId} and sku_id = ${skuId}
             order by removed_at nulls first, last_seen_at desc limit 1`,
      );
      return row ? licenceOf(row) : undefined;
    },

    /** The tenant's licences (not removed), each SKU once, by name. */
    async tenantLicences(tenantId: string): Promise<TenantLicence[]> {
      const rows = await queryRows<Parameters<typeof licenceOf>[0]>(
        db,
        sql`select distinct on (sku_id) sku_id, friendly_name, total_units, consumed_units
              from customer_licences where tenant_id = ${tenantId} and removed_at is null
             order by sku_id, last_seen_at desc`,
      );
      return rows.map((r) => licenceOf(r)!).sort((a, b) => a.name.localeCompare(b.name));
    },

    /**
     * The active connections allowed to manage licences for `tenantId`: an Entra connection of
     * that tenant, or a CSP connection that maps it to a customer.
     */
    async managers(tenantId: string): Promise<LicenceManager[]> {
      return queryRows<LicenceManager>(
        db,
        sql`select c.id as "connectionId", c.name from connections c
             where not c.inactive and (c.settings->>'manageLicences')::boolean is true
               and ((c.kind = 'entra' and c.tenant_id = ${tenantId})
                 or (c.kind = 'csp' and exists (
                       select 1 from tenant_mappings m
                        where m.connection_id = c.id and m.tenant_id = ${tenantId}
                          and m.customer_id is not null)))
             order by c.name`,
      );
    },

    /**
     * Queues the changes as outbound actions of one batch, in one transaction. A change equal to
     * one still waiting or being sent (same user, licence and operation) is not queued again: the
     * waiting one is returned instead. Returns the ids, in input order, and which were new.
     */
    async queue(
      changes: readonly QueueLicenceChange[],
      options: { requestedBy: string | null; batchId: string | null },
    ): Promise<{ id: string; created: boolean }[]> {
      if (changes.length === 0) return [];
      return db.transaction(async (tx) => {
        const waiting = await queryRows<{ id: string; subject_id: string; kind: string; sku: string }>(
          tx,
          sql`select id, subject_id, kind, payload->>'skuId' as sku from outbound_actions
               where subject_id = any(${sql.param(changes.map((c) => c.deskUserId))}::uuid[])
                 and ${LICENCE_KINDS} and status in ('pending', 'running')`,
        );
        const key = (userId: string, kind: string, sku: string) => `${userId}|${kind}|${sku.toLowerCase()}`;
        const found = new Map(waiting.map((w) => [key(w.subject_id, w.kind, w.sku), w.id]));
        const out: { id: string; created: boolean }[] = [];
        const fresh: (QueueLicenceChange & { id: string; kind: string })[] = [];
        for (const change of changes) {
          const kind = LICENCE_CHANGE_KINDS[change.payload.operation];
          const k = key(change.deskUserId, kind, change.payload.skuId);
          const existing = found.get(k);
          if (existing) {
            out.push({ id: existing, created: false });
            continue;
          }
          const id = randomUUID();
          found.set(k, id);
          fresh.push({ ...change, id, kind });
          out.push({ id, created: true });
        }
        for (let i = 0; i < fresh.length; i += 1000) {
          const part = fresh.slice(i, i + 1000);
          await tx.execute(sql`insert into outbound_actions
              (id, idempotency_key, connection_id, tenant_id, kind, payload, subject_id, batch_id, requested_by)
              select x.id, 'licence:' || x.id, x.connection_id, x.tenant_id, x.kind, x.payload, x.subject_id,
                     ${options.batchId}::uuid, ${options.requestedBy}::uuid
                from jsonb_to_recordset(${JSON.stringify(
                  part.map((c) => ({
                    id: c.id,
                    connection_id: c.connectionId,
                    tenant_id: c.tenantId,
                    kind: c.kind,
                    payload: c.payload,
                    subject_id: c.deskUserId,
                  })),
                )}::jsonb) as x(id uuid, connection_id uuid, tenant_id uuid, kind text, payload jsonb, subject_id uuid)`);
        }
        return out;
      });
    },

    async get(id: string): Promise<LicenceChangeRow | undefined> {
      return (await this.getMany([id]))[0];
    },

    async getMany(ids: readonly string[]): Promise<LicenceChangeRow[]> {
      if (ids.length === 0) return [];
      const rows = await queryRows<LicenceChangeRow>(
        db,
        sql`select ${ROW_COLUMNS} from ${ROW_FROM}
             where a.id = any(${sql.param([...ids])}::uuid[]) and a.${LICENCE_KINDS}`,
      );
      return rows.map(withDates);
    },

    /** Changes newest first, filtered; keyset-paged on (created_at, id). */
    async list(options: LicenceChangeListOptions): Promise<Page<LicenceChangeRow>> {
      const limit = pageSize(options.limit);
      const where: SQL[] = [sql`a.${LICENCE_KINDS}`];
      if (options.userId) where.push(sql`a.subject_id = ${options.userId}`);
      if (options.batchId) where.push(sql`a.batch_id = ${options.batchId}`);
      if (options.status) where.push(sql`a.status = ${options.status}`);
      if (options.customerId) where.push(sql`u.customer_id = ${options.customerId}`);
      if (options.customerIds)
        where.push(sql`u.customer_id = any(${sql.param([...options.customerIds])}::uuid[])`);
      if (options.cursor) {
        const [at, id] = decodeCursor(options.cursor, 2) as [string, string];
        if (Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) throw new InvalidCursorError();
        where.push(sql`(a.created_at, a.id) < (${at}::timestamptz, ${id}::uuid)`);
      }
      const rows = await queryRows<LicenceChangeRow & { sortKey: string }>(
        db,
        sql`select ${ROW_COLUMNS}, a.created_at::text as "sortKey" from ${ROW_FROM}
             where ${sql.join(where, sql` and `)}
             order by a.created_at desc, a.id desc limit ${limit + 1}`,
      );
      const items = rows.slice(0, limit).map(withDates);
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return last ? { items, nextCursor: encodeCursor([last.sortKey, last.id]) } : { items };
    },

    /** A batch's changes counted by status; undefined when no change has the id. */
    async batchCounts(batchId: string): Promise<Record<OutboundActionStatus, number> | undefined> {
      const rows = await queryRows<{ status: OutboundActionStatus; n: number }>(
        db,
        sql`select status, count(*)::int as n from outbound_actions
             where batch_id = ${batchId} and ${LICENCE_KINDS} group by status`,
      );
      if (rows.length === 0) return undefined;
      const counts = { pending: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },

    /** The changes among `ids` still to send (pending, or running when a worker stopped mid-way). */
    async pending(ids: readonly string[]): Promise<PendingLicenceChange[]> {
      const rows = await queryRows<Omit<PendingLicenceChange, 'licence'> & Parameters<typeof licenceOf>[0]>(
        db,
        sql`select a.id, a.status, a.connection_id as "connectionId", a.tenant_id as "tenantId",
                   a.subject_id as "deskUserId", a.payload, c.default_usage_location as "defaultUsageLocation",
                   exists (select 1 from desk_user_licences h
                            where h.desk_user_id = a.subject_id and h.sku_id = (a.payload->>'skuId')::uuid) as "heldBefore",
                   l.sku_id, l.friendly_name, l.total_units, l.consumed_units
              from outbound_actions a
              join desk_users u on u.id = a.subject_id
              join customers c on c.id = u.customer_id
              left join lateral (
                select sku_id, friendly_name, total_units, consumed_units from customer_licences l
                 where l.tenant_id = a.tenant_id and l.sku_id = (a.payload->>'skuId')::uuid
                 order by l.removed_at nulls first limit 1) l on true
             where a.id = any(${sql.param([...ids])}::uuid[]) and a.${LICENCE_KINDS}
               and a.status in ('pending', 'running')
             order by a.created_at, a.id`,
      );
      return rows.map(({ sku_id, friendly_name, total_units, consumed_units, ...change }) => ({
        ...change,
        licence: licenceOf({ sku_id, friendly_name, total_units, consumed_units }),
      }));
    },

    /** Marks changes as being sent (a worker took them). */
    async markRunning(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.execute(
        sql`update outbound_actions set status = 'running', updated_at = clock_timestamp()
             where id = any(${sql.param([...ids])}::uuid[]) and status in ('pending', 'running')`,
      );
    },

    /**
     * Changes waiting (or running) longer than `staleSeconds` without a worker touching them: a
     * process stopped after queuing or mid-send. Grouped ids, oldest first, to queue again.
     */
    async stale(staleSeconds: number, limit: number): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select id from outbound_actions
             where ${LICENCE_KINDS} and status in ('pending', 'running')
               and updated_at < clock_timestamp() - make_interval(secs => ${staleSeconds})
               and next_attempt_at <= clock_timestamp()
             order by created_at limit ${limit}`,
      );
      return rows.map((r) => r.id);
    },

    /**
     * Records what happened to changes, in one transaction: confirmed changes replace their
     * users' licences with what Microsoft answered (a user with several changes takes the last)
     * and move the tenant's seat counts; every change records its attempt and status.
     */
    async record(outcomes: readonly LicenceChangeRecord[]): Promise<void> {
      if (outcomes.length === 0) return;
      await db.transaction(async (tx) => {
        const confirmed = outcomes.filter((o) => o.status === 'succeeded');
        const latest = new Map<string, LicenceChangeRecord>();
        for (const o of confirmed) if (o.licences) latest.set(o.change.deskUserId, o);
        if (latest.size > 0) {
          const users = [...latest.keys()];
          await tx.execute(
            sql`delete from desk_user_licences where desk_user_id = any(${sql.param(users)}::uuid[])`,
          );
          const rows = [...latest.values()].flatMap((o) =>
            (o.licences ?? []).map((l) => ({
              desk_user_id: o.change.deskUserId,
              tenant_id: o.change.tenantId,
              sku_id: l.skuId,
              disabled_plans: l.disabledPlans,
              via_group: l.viaGroup,
            })),
          );
          if (rows.length > 0) {
            await tx.execute(sql`insert into desk_user_licences (desk_user_id, tenant_id, sku_id, disabled_plans, via_group)
                select x.desk_user_id, x.tenant_id, x.sku_id, x.disabled_plans, x.via_group
                  from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
                    as x(desk_user_id uuid, tenant_id uuid, sku_id uuid, disabled_plans uuid[], via_group boolean)
                on conflict (desk_user_id, sku_id) do nothing`);
          }
        }
        const gone = confirmed.filter((o) => o.licences === null && !latest.has(o.change.deskUserId));
        for (const o of gone) {
          await tx.execute(sql`delete from desk_user_licences
               where desk_user_id = ${o.change.deskUserId} and sku_id = ${o.change.payload.skuId}`);
        }
        const seats = new Map<string, { tenantId: string; skuId: string; delta: number }>();
        for (const o of confirmed) {
          const key = `${o.change.tenantId}|${o.change.payload.skuId}`;
          const entry = seats.get(key) ?? {
            tenantId: o.change.tenantId,
            skuId: o.change.payload.skuId,
            delta: 0,
          };
          entry.delta += o.seatDelta ?? 0;
          seats.set(key, entry);
        }
        for (const { tenantId, skuId, delta } of seats.values()) {
          if (delta === 0) continue;
          await tx.execute(sql`update customer_licences
                 set consumed_units = greatest(0, consumed_units + ${delta}), updated_at = now()
               where tenant_id = ${tenantId} and sku_id = ${skuId} and removed_at is null`);
        }
        const attempts = outcomes.map((o) => ({
          id: o.change.id,
          status: o.status,
          request: o.attempt.request,
          response: o.attempt.response,
          last_error: o.error ?? null,
          result: o.result ?? null,
          next_attempt_at: o.nextAttemptAt?.toISOString() ?? null,
        }));
        await tx.execute(sql`update outbound_actions a
               set status = x.status, attempts = a.attempts + 1, request = x.request, response = x.response,
                   last_error = x.last_error, result = coalesce(x.result, a.result),
                   next_attempt_at = coalesce(x.next_attempt_at, a.next_attempt_at),
                   completed_at = case when x.status in ('succeeded', 'failed', 'cancelled')
                                       then clock_timestamp() else null end,
                   updated_at = clock_timestamp()
              from jsonb_to_recordset(${JSON.stringify(attempts)}::jsonb)
                as x(id uuid, status text, request jsonb, response jsonb, last_error jsonb, result jsonb,
                     next_attempt_at timestamptz)
             where a.id = x.id`);
      });
    },
  };
}

function withDates(row: LicenceChangeRow): LicenceChangeRow {
  const { sortKey: _sortKey, ...rest } = row as LicenceChangeRow & { sortKey?: string };
  return {
    ...rest,
    createdAt: new Date(row.createdAt),
    completedAt: row.completedAt === null ? null : new Date(row.completedAt),
  };
}

export type LicenceChangeRepository = ReturnType<typeof createLicenceChangeRepository>;
