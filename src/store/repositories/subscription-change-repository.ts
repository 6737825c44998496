import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ImportedSubscription } from '../../contracts/licences/imported.js';
import type { Database } from '../database-types.js';
import type { OutboundActionStatus } from '../schema/outbound-actions.js';
import { queryRows } from '../sql-rows.js';
import { createOutboundActionRepository, type OutboundAttempt } from './outbound-action-repository.js';

/** The outbound action kind of a CSP subscription quantity change. */
export const SUBSCRIPTION_QUANTITY_KIND = 'subscription.quantity';

/** What a queued quantity change carries (the outbound action's payload). */
export interface SubscriptionQuantityPayload {
  [key: string]: unknown;
  /** The customer's tenant id (Partner Center's customer id). */
  customerTenantId: string;
  /** Partner Center's subscription id. */
  subscriptionId: string;
  fromQuantity: number;
  /** The absolute target: sending it twice sets the same quantity twice. */
  toQuantity: number;
}

/** A desk CSP subscription (csp_subscriptions row) as quantity changes see it. */
export interface DeskSubscription {
  id: string;
  connectionId: string;
  connectionName: string;
  connectionInactive: boolean;
  tenantId: string;
  customerId: string | null;
  subscriptionId: string;
  offerId: string;
  friendlyName: string;
  quantity: number;
  status: string;
  termDuration: string | null;
  billingCycle: string | null;
  autoRenew: boolean;
  createdOn: Date | null;
  startDate: string | null;
  commitmentEndDate: string | null;
  removedAt: Date | null;
}

/** A quantity change as the desk shows it. */
export interface SubscriptionChangeRow {
  id: string;
  status: OutboundActionStatus;
  payload: SubscriptionQuantityPayload;
  result: Record<string, unknown> | null;
  lastError: { code: string; message: string } | null;
  attempts: number;
  connectionId: string;
  tenantId: string;
  subscriptionRowId: string;
  friendlyName: string;
  customerId: string | null;
  requestedById: string | null;
  requestedByName: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

const SUBSCRIPTION_COLUMNS = sql`
  s.id, s.connection_id as "connectionId", c.name as "connectionName", c.inactive as "connectionInactive",
  s.tenant_id as "tenantId", s.customer_id as "customerId", s.subscription_id as "subscriptionId",
  s.offer_id as "offerId", s.friendly_name as "friendlyName", s.quantity, s.status,
  s.term_duration as "termDuration", s.billing_cycle as "billingCycle", s.auto_renew as "autoRenew",
  s.created_on as "createdOn", s.start_date::text as "startDate",
  s.commitment_end_date::text as "commitmentEndDate", s.removed_at as "removedAt"`;

const CHANGE_COLUMNS = sql`
  a.id, a.status, a.payload, a.result, a.last_error as "lastError", a.attempts,
  a.connection_id as "connectionId", a.tenant_id as "tenantId", s.id as "subscriptionRowId",
  s.friendly_name as "friendlyName", s.customer_id as "customerId",
  acc.id as "requestedById", acc.display_name as "requestedByName",
  a.created_at as "createdAt", a.completed_at as "completedAt"`;

const CHANGE_FROM = sql`outbound_actions a
  join csp_subscriptions s on s.id = a.subject_id
  left join accounts acc on acc.id = a.requested_by`;

const KIND = sql.raw(`kind = '${SUBSCRIPTION_QUANTITY_KIND}'`);

function subscriptionDates(row: DeskSubscription): DeskSubscription {
  return {
    ...row,
    createdOn: row.createdOn === null ? null : new Date(row.createdOn),
    removedAt: row.removedAt === null ? null : new Date(row.removedAt),
  };
}

function changeDates(row: SubscriptionChangeRow): SubscriptionChangeRow {
  return {
    ...row,
    createdAt: new Date(row.createdAt),
    completedAt: row.completedAt === null ? null : new Date(row.completedAt),
  };
}

/** The columns a Partner Center answer refreshes on the desk's subscription row. */
function refreshed(value: ImportedSubscription) {
  return sql`quantity = ${value.quantity}, status = ${value.status}, friendly_name = ${value.friendlyName},
    term_duration = ${value.termDuration}, billing_cycle = ${value.billingCycle}, auto_renew = ${value.autoRenew},
    commitment_end_date = ${value.commitmentEndDate}::date, details = ${JSON.stringify(value.details)}::jsonb,
    last_seen_at = now(), updated_at = now()`;
}

/** Quantity changes of CSP subscriptions (outbound actions of kind `subscription.quantity`). */
export function createSubscriptionChangeRepository(db: Database) {
  return {
    async subscription(id: string): Promise<DeskSubscription | undefined> {
      const [row] = await queryRows<DeskSubscription>(
        db,
        sql`select ${SUBSCRIPTION_COLUMNS} from csp_subscriptions s
              join connections c on c.id = s.connection_id where s.id = ${id}`,
      );
      return row ? subscriptionDates(row) : undefined;
    },

    /** The change still waiting or being sent for the subscription row, if any. */
    async inFlight(subscriptionRowId: string): Promise<SubscriptionChangeRow | undefined> {
      const [row] = await queryRows<SubscriptionChangeRow>(
        db,
        sql`select ${CHANGE_COLUMNS} from ${CHANGE_FROM}
             where a.subject_id = ${subscriptionRowId} and a.${KIND} and a.status in ('pending', 'running')
             order by a.created_at desc limit 1`,
      );
      return row ? changeDates(row) : undefined;
    },

    /**
     * Queues a change unless one is already waiting or being sent for the subscription (its row
     * is locked meanwhile, so two requests at once queue one change). Returns the change queued,
     * or the one in flight (`created: false`) for the caller to compare.
     */
    async queue(
      input: { subscriptionRowId: string; connectionId: string; tenantId: string },
      payload: SubscriptionQuantityPayload,
      requestedBy: string | null,
    ): Promise<{ id: string; created: boolean; payload: SubscriptionQuantityPayload }> {
      return db.transaction(async (tx) => {
        await tx.execute(
          sql`select id from csp_subscriptions where id = ${input.subscriptionRowId} for update`,
        );
        const [waiting] = await queryRows<{ id: string; payload: SubscriptionQuantityPayload }>(
          tx,
          sql`select id, payload from outbound_actions
               where subject_id = ${input.subscriptionRowId} and ${KIND} and status in ('pending', 'running')
               order by created_at desc limit 1`,
        );
        if (waiting) return { id: waiting.id, created: false, payload: waiting.payload };
        const id = randomUUID();
        await tx.execute(sql`insert into outbound_actions
            (id, idempotency_key, connection_id, tenant_id, kind, payload, subject_id, requested_by)
            values (${id}, ${`subscription-quantity:${id}`}, ${input.connectionId}, ${input.tenantId},
                    ${SUBSCRIPTION_QUANTITY_KIND}, ${JSON.stringify(payload)}::jsonb, ${input.subscriptionRowId},
                    ${requestedBy}::uuid)`);
        return { id, created: true, payload };
      });
    },

    async get(id: string): Promise<SubscriptionChangeRow | undefined> {
      const [row] = await queryRows<SubscriptionChangeRow>(
        db,
        sql`select ${CHANGE_COLUMNS} from ${CHANGE_FROM} where a.id = ${id} and a.${KIND}`,
      );
      return row ? changeDates(row) : undefined;
    },

    /** The subscription's changes, newest first. */
    async listFor(subscriptionRowId: string, limit: number): Promise<SubscriptionChangeRow[]> {
      const rows = await queryRows<SubscriptionChangeRow>(
        db,
        sql`select ${CHANGE_COLUMNS} from ${CHANGE_FROM}
             where a.subject_id = ${subscriptionRowId} and a.${KIND}
             order by a.created_at desc, a.id desc limit ${limit}`,
      );
      return rows.map(changeDates);
    },

    /** The change if it is still to send (pending, or running when a worker stopped mid-way). */
    async pending(id: string): Promise<
      | {
          id: string;
          connectionId: string;
          tenantId: string;
          subscriptionRowId: string;
          payload: SubscriptionQuantityPayload;
        }
      | undefined
    > {
      const [row] = await queryRows<{
        id: string;
        connectionId: string;
        tenantId: string;
        subscriptionRowId: string;
        payload: SubscriptionQuantityPayload;
      }>(
        db,
        sql`select id, connection_id as "connectionId", tenant_id as "tenantId",
                   subject_id as "subscriptionRowId", payload
              from outbound_actions
             where id = ${id} and ${KIND} and status in ('pending', 'running')`,
      );
      return row;
    },

    async markRunning(id: string): Promise<void> {
      await db.execute(
        sql`update outbound_actions set status = 'running', updated_at = clock_timestamp()
             where id = ${id} and status in ('pending', 'running')`,
      );
    },

    /**
     * Records a change Microsoft confirmed, in one transaction: the desk's subscription row
     * becomes what Partner Center answered and the action succeeds.
     */
    async confirm(
      change: { id: string; subscriptionRowId: string },
      outcome: {
        subscription: ImportedSubscription;
        result: Record<string, unknown>;
        attempt: Omit<OutboundAttempt, 'status' | 'result'>;
      },
    ): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`update csp_subscriptions set ${refreshed(outcome.subscription)} where id = ${change.subscriptionRowId}`,
        );
        await createOutboundActionRepository(tx).recordAttempt(change.id, {
          ...outcome.attempt,
          status: 'succeeded',
          result: outcome.result,
        });
      });
    },

    async recordFailure(id: string, attempt: OutboundAttempt): Promise<void> {
      await createOutboundActionRepository(db).recordAttempt(id, attempt);
    },

    /** Changes no worker touched for `staleSeconds` that are due again, oldest first. */
    async stale(staleSeconds: number, limit: number): Promise<string[]> {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select id from outbound_actions
             where ${KIND} and status in ('pending', 'running')
               and updated_at < clock_timestamp() - make_interval(secs => ${staleSeconds})
               and next_attempt_at <= clock_timestamp()
             order by created_at limit ${limit}`,
      );
      return rows.map((r) => r.id);
    },

    /**
     * Refreshes the desk's row of a subscription Partner Center reported (a webhook event):
     * returns the row id and quantities before and after, or undefined when the desk has no
     * such subscription on the connection (not imported yet: the caller queues a licences run).
     */
    async refreshFromPartnerCenter(
      connectionId: string,
      value: ImportedSubscription,
    ): Promise<{ id: string; tenantId: string; before: number; after: number } | undefined> {
      return db.transaction(async (tx) => {
        const [row] = await queryRows<{ id: string; tenantId: string; before: number; after: number }>(
          tx,
          sql`with old as (select id, quantity from csp_subscriptions
                            where connection_id = ${connectionId} and subscription_id = ${value.subscriptionId}
                            for update)
              update csp_subscriptions s set ${refreshed(value)}
                from old where s.id = old.id
              returning s.id, s.tenant_id as "tenantId", old.quantity as before, s.quantity as after`,
        );
        if (!row) return undefined;
        // The connection's Inbound Requests show what the event changed (no sync run: a webhook).
        const reason =
          row.before === row.after
            ? `Partner Center reported the subscription changed (webhook); quantity ${row.after}, status ${value.status}`
            : `Partner Center reported the subscription changed (webhook): quantity ${row.before} → ${row.after}`;
        await tx.execute(sql`insert into inbound_log
            (connection_id, tenant_id, entity_type, external_id, action, reason_code, reason, details)
            values (${connectionId}, ${row.tenantId}, 'subscription', ${value.subscriptionId}, 'update',
                    'webhook.subscription-updated', ${reason},
                    ${JSON.stringify({ displayName: value.friendlyName, before: { quantity: row.before }, after: { quantity: row.after, status: value.status } })}::jsonb)`);
        return row;
      });
    },
  };
}

export type SubscriptionChangeRepository = ReturnType<typeof createSubscriptionChangeRepository>;
