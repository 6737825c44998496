import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { graphSubscriptions } from '../schema/integrator.js';

export const GRAPH_SUBSCRIPTION_RESOURCES = ['users', 'groups'] as const;
export type GraphSubscriptionResource = (typeof GRAPH_SUBSCRIPTION_RESOURCES)[number];
export type GraphSubscriptionStatus = 'pending' | 'active' | 'failed' | 'removed';

/** A Graph change-notification subscription as stored (the client state only as its hash). */
export interface GraphSubscriptionRow {
  id: string;
  connectionId: string;
  tenantId: string;
  resource: GraphSubscriptionResource;
  subscriptionId: string | null;
  clientStateHash: string;
  status: GraphSubscriptionStatus;
  expiresAt: Date | null;
  lastError: { code: string; message: string } | null;
  lastNotificationAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Kept by pending rows until a subscription is created: matches no client state. */
const NO_CLIENT_STATE = '';

/** The subscriptions Rollcall holds, one per (connection, tenant, resource). */
export interface GraphSubscriptionRepository {
  /** One connection's, or everyone's, by tenant and resource. */
  list(connectionId?: string): Promise<GraphSubscriptionRow[]>;
  /** By Microsoft's subscription ids (lower-cased), for incoming notifications. */
  findBySubscriptionIds(subscriptionIds: string[]): Promise<GraphSubscriptionRow[]>;
  /** Switches a connection's notifications on: a pending row per tenant and resource (kept ones stay). */
  enable(connectionId: string, tenantIds: string[]): Promise<void>;
  /** Switches them off: every row `removed` until maintenance deletes it at Microsoft. */
  disable(connectionId: string): Promise<void>;
  ensure(connectionId: string, tenantId: string, resource: GraphSubscriptionResource): Promise<void>;
  activated(
    id: string,
    values: { subscriptionId: string; clientStateHash: string; expiresAt: Date },
  ): Promise<void>;
  renewed(id: string, expiresAt: Date): Promise<void>;
  failed(id: string, problem: { code: string; message: string }): Promise<void>;
  /** Forgets the Microsoft subscription; the row waits (pending) for a new one. */
  detached(id: string, problem: { code: string; message: string } | null): Promise<void>;
  remove(id: string): Promise<void>;
  /** Records when notifications of these rows last arrived. */
  notified(ids: string[], at: Date): Promise<void>;
}

function rowOf(row: typeof graphSubscriptions.$inferSelect): GraphSubscriptionRow {
  return {
    ...row,
    resource: row.resource as GraphSubscriptionResource,
    status: row.status as GraphSubscriptionStatus,
    lastError: row.lastError ?? null,
  };
}

export function createGraphSubscriptionRepository(db: Database): GraphSubscriptionRepository {
  const touch = { updatedAt: sql`now()` };
  const insertPending = (connectionId: string, tenantId: string, resource: GraphSubscriptionResource) =>
    db
      .insert(graphSubscriptions)
      .values({ connectionId, tenantId, resource, clientStateHash: NO_CLIENT_STATE, status: 'pending' })
      .onConflictDoNothing();
  return {
    async list(connectionId) {
      const rows = await db
        .select()
        .from(graphSubscriptions)
        .where(connectionId ? eq(graphSubscriptions.connectionId, connectionId) : undefined)
        .orderBy(graphSubscriptions.connectionId, graphSubscriptions.tenantId, graphSubscriptions.resource);
      return rows.map(rowOf);
    },

    async findBySubscriptionIds(subscriptionIds) {
      if (subscriptionIds.length === 0) return [];
      const ids = [...new Set(subscriptionIds.map((id) => id.toLowerCase()))];
      const rows = await db
        .select()
        .from(graphSubscriptions)
        .where(inArray(sql`lower(${graphSubscriptions.subscriptionId})`, ids));
      return rows.map(rowOf);
    },

    async enable(connectionId, tenantIds) {
      await db.transaction(async (tx) => {
        await tx
          .update(graphSubscriptions)
          .set({
            status: sql`case when ${graphSubscriptions.subscriptionId} is null then 'pending' else 'active' end`,
            ...touch,
          })
          .where(
            and(eq(graphSubscriptions.connectionId, connectionId), eq(graphSubscriptions.status, 'removed')),
          );
        for (const tenantId of tenantIds) {
          for (const resource of GRAPH_SUBSCRIPTION_RESOURCES) {
            await tx
              .insert(graphSubscriptions)
              .values({
                connectionId,
                tenantId,
                resource,
                clientStateHash: NO_CLIENT_STATE,
                status: 'pending',
              })
              .onConflictDoNothing();
          }
        }
      });
    },

    async disable(connectionId) {
      await db
        .update(graphSubscriptions)
        .set({ status: 'removed', ...touch })
        .where(
          and(eq(graphSubscriptions.connectionId, connectionId), ne(graphSubscriptions.status, 'removed')),
        );
    },

    async ensure(connectionId, tenantId, resource) {
      await insertPending(connectionId, tenantId, resource);
    },

    async activated(id, values) {
      await db
        .update(graphSubscriptions)
        .set({ ...values, status: 'active', lastError: null, ...touch })
        .where(and(eq(graphSubscriptions.id, id), ne(graphSubscriptions.status, 'removed')));
    },

    async renewed(id, expiresAt) {
      await db
        .update(graphSubscriptions)
        .set({ expiresAt, status: 'active', lastError: null, ...touch })
        .where(and(eq(graphSubscriptions.id, id), ne(graphSubscriptions.status, 'removed')));
    },

    async failed(id, problem) {
      await db
        .update(graphSubscriptions)
        .set({
          lastError: problem,
          status: sql`case when ${graphSubscriptions.status} = 'removed' then 'removed' else 'failed' end`,
          ...touch,
        })
        .where(eq(graphSubscriptions.id, id));
    },

    async detached(id, problem) {
      await db
        .update(graphSubscriptions)
        .set({
          subscriptionId: null,
          clientStateHash: NO_CLIENT_STATE,
          expiresAt: null,
          lastError: problem,
          status: sql`case when ${graphSubscriptions.status} = 'removed' then 'removed' else 'pending' end`,
          ...touch,
        })
        .where(eq(graphSubscriptions.id, id));
    },

    async remove(id) {
      await db.delete(graphSubscriptions).where(eq(graphSubscriptions.id, id));
    },

    async notified(ids, at) {
      if (ids.length === 0) return;
      await db
        .update(graphSubscriptions)
        .set({ lastNotificationAt: at })
        .where(inArray(graphSubscriptions.id, [...new Set(ids)]));
    },
  };
}
