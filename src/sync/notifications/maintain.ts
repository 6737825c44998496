import { newClientState } from './client-state.js';
import {
  NOTIFICATION_RESOURCES,
  type NotificationResource,
  type StoredSubscription,
  type SubscriptionProblem,
} from './types.js';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/**
 * What Rollcall asks for: Graph's maximum for directory resources (41,760 minutes) less an hour,
 * so a clock ahead of Microsoft's never asks for more than the maximum (which Graph refuses).
 */
export const SUBSCRIPTION_LIFETIME_MS = (41_760 - 60) * MINUTE_MS;
/** Renewed when less than this is left: maintenance runs every few minutes, so days of slack. */
export const RENEW_WITHIN_MS = 3 * DAY_MS;

/** Graph's subscription calls for one tenant, 404s turned into `gone`. */
export interface SubscriptionCalls {
  create(input: {
    resource: string;
    notificationUrl: string;
    lifecycleNotificationUrl: string;
    expirationDateTime: Date;
    clientState: string;
  }): Promise<{ id: string; expirationDateTime: string }>;
  renew(id: string, expirationDateTime: Date): Promise<'renewed' | 'gone'>;
  reauthorize(id: string): Promise<'reauthorized' | 'gone'>;
  /** Deleting one that is already gone is not an error. */
  delete(id: string): Promise<void>;
}

/** What maintenance needs to know of a connection. */
export interface NotifiedConnection {
  id: string;
  /** False when the connection is disabled (or not enabled for this instance): no subscriptions. */
  active: boolean;
  inactiveReason?: string;
  tenantIds: string[];
}

export interface MaintainPorts {
  now(): Date;
  /** The connection, or null when it no longer exists. */
  connection(connectionId: string): Promise<NotifiedConnection | null>;
  /** Where Microsoft delivers, or why it cannot (publicUrl unset or not https). */
  urls(): { notificationUrl: string; lifecycleNotificationUrl: string } | SubscriptionProblem;
  calls(connectionId: string, tenantId: string): Promise<SubscriptionCalls>;
  /** Words a person can act on for a failed call. */
  describe(error: unknown, during: 'create' | 'renew' | 'reauthorize' | 'delete'): SubscriptionProblem;
  store: {
    /** Subscriptions of one connection, or of every connection. */
    list(connectionId?: string): Promise<StoredSubscription[]>;
    /** Adds a pending subscription for a tenant the connection gained (no-op if it exists). */
    ensure(connectionId: string, tenantId: string, resource: NotificationResource): Promise<void>;
    activated(
      id: string,
      values: { subscriptionId: string; clientStateHash: string; expiresAt: Date },
    ): Promise<void>;
    renewed(id: string, expiresAt: Date): Promise<void>;
    /** Keeps the Microsoft subscription (if any) and records why the last attempt failed. */
    failed(id: string, problem: SubscriptionProblem): Promise<void>;
    /** Forgets the Microsoft subscription: back to pending (with why, when there is a reason). */
    detached(id: string, problem: SubscriptionProblem | null): Promise<void>;
    remove(id: string): Promise<void>;
  };
  /** A subscription was created again after one was lost: changes in between were not notified. */
  catchUp(connectionId: string, tenantId: string): Promise<void>;
}

export interface MaintainRequest {
  connectionId?: string;
  /** Microsoft subscription ids that asked for `reauthorizationRequired`. */
  reauthorize?: string[];
  /** Delete and create every subscription of the scope again. */
  repair?: boolean;
}

export interface MaintainSummary {
  created: number;
  renewed: number;
  reauthorized: number;
  recreated: number;
  deleted: number;
  failed: number;
}

const LOST: SubscriptionProblem = {
  code: 'subscriptionLost',
  message: 'Microsoft no longer had this subscription (expired or deleted); it is created again.',
};

/**
 * Brings a connection's (or every connection's) Graph subscriptions to what they should be: one
 * per tenant and resource while notifications are on and the connection is active, renewed days
 * before expiry, created again when Microsoft lost one, deleted when switched off. Failures are
 * recorded on the subscription and retried by the next run; one tenant's failure never stops the
 * others.
 */
export async function maintainSubscriptions(
  ports: MaintainPorts,
  request: MaintainRequest = {},
): Promise<MaintainSummary> {
  const summary: MaintainSummary = {
    created: 0,
    renewed: 0,
    reauthorized: 0,
    recreated: 0,
    deleted: 0,
    failed: 0,
  };
  const rows = await ports.store.list(request.connectionId);
  const byConnection = new Map<string, StoredSubscription[]>();
  for (const row of rows)
    byConnection.set(row.connectionId, [...(byConnection.get(row.connectionId) ?? []), row]);
  for (const [connectionId, subscriptions] of byConnection) {
    await maintainConnection(ports, connectionId, subscriptions, request, summary);
  }
  return summary;
}

async function maintainConnection(
  ports: MaintainPorts,
  connectionId: string,
  rows: StoredSubscription[],
  request: MaintainRequest,
  summary: MaintainSummary,
): Promise<void> {
  const connection = await ports.connection(connectionId);
  if (!connection) return;
  const switchedOn = rows.some((row) => row.status !== 'removed');
  const wanted = new Set(connection.active && switchedOn ? connection.tenantIds : []);
  let current = rows;
  if (wanted.size > 0) {
    const missing = [...wanted].flatMap((tenantId) =>
      NOTIFICATION_RESOURCES.filter(
        (r) => !rows.some((row) => row.tenantId === tenantId && row.resource === r),
      ).map((resource) => ({ tenantId, resource })),
    );
    for (const { tenantId, resource } of missing) await ports.store.ensure(connectionId, tenantId, resource);
    if (missing.length > 0) current = await ports.store.list(connectionId);
  }
  const callsByTenant = new Map<string, Promise<SubscriptionCalls>>();
  const callsFor = (tenantId: string) => {
    let calls = callsByTenant.get(tenantId);
    if (!calls) callsByTenant.set(tenantId, (calls = ports.calls(connectionId, tenantId)));
    return calls;
  };
  const context: RowContext = { ports, request, summary, callsFor, connection };
  for (const row of current) {
    if (row.status === 'removed' || !wanted.has(row.tenantId)) await retire(context, row);
    else await keep(context, row);
  }
}

interface RowContext {
  ports: MaintainPorts;
  request: MaintainRequest;
  summary: MaintainSummary;
  callsFor(tenantId: string): Promise<SubscriptionCalls>;
  connection: NotifiedConnection;
}

/** Deletes the Microsoft subscription of a row that should not have one, then the row if it is unwanted. */
async function retire(context: RowContext, row: StoredSubscription): Promise<void> {
  const { ports, summary, connection } = context;
  if (row.subscriptionId) {
    try {
      await (await context.callsFor(row.tenantId)).delete(row.subscriptionId);
      summary.deleted += 1;
    } catch (error) {
      summary.failed += 1;
      await ports.store.failed(row.id, ports.describe(error, 'delete'));
      return;
    }
  }
  const tenantLeft = !connection.tenantIds.includes(row.tenantId);
  if (row.status === 'removed' || tenantLeft) {
    await ports.store.remove(row.id);
    return;
  }
  // Notifications are on but the connection is disabled: wait, and say why.
  const reason = connection.inactiveReason ?? 'The connection is disabled.';
  await ports.store.detached(row.id, {
    code: 'connectionInactive',
    message: `${reason} Subscriptions are created again when it can import.`,
  });
}

async function keep(context: RowContext, row: StoredSubscription): Promise<void> {
  const { ports, request, summary } = context;
  const now = ports.now().getTime();
  const id = row.subscriptionId;
  try {
    if (!id) return await create(context, row, false);
    const calls = await context.callsFor(row.tenantId);
    if (request.repair) {
      await calls.delete(id);
      return await create(context, row, true);
    }
    if (request.reauthorize?.includes(id)) {
      if ((await calls.reauthorize(id)) === 'gone') return await create(context, row, true);
      summary.reauthorized += 1;
    }
    const expiresAt = row.expiresAt?.getTime() ?? 0;
    if (expiresAt <= now) return await create(context, row, true);
    if (expiresAt - now > RENEW_WITHIN_MS && row.status === 'active') return;
    const until = new Date(now + SUBSCRIPTION_LIFETIME_MS);
    if ((await calls.renew(id, until)) === 'gone') return await create(context, row, true);
    await ports.store.renewed(row.id, until);
    summary.renewed += 1;
  } catch (error) {
    summary.failed += 1;
    await ports.store.failed(row.id, ports.describe(error, id ? 'renew' : 'create'));
  }
}

async function create(context: RowContext, row: StoredSubscription, lost: boolean): Promise<void> {
  const { ports, summary } = context;
  const urls = ports.urls();
  if ('code' in urls) {
    summary.failed += 1;
    await ports.store.failed(row.id, urls);
    return;
  }
  if (lost) await ports.store.detached(row.id, LOST);
  const calls = await context.callsFor(row.tenantId);
  const clientState = newClientState();
  let created;
  try {
    created = await calls.create({
      resource: `/${row.resource}`,
      notificationUrl: urls.notificationUrl,
      lifecycleNotificationUrl: urls.lifecycleNotificationUrl,
      expirationDateTime: new Date(ports.now().getTime() + SUBSCRIPTION_LIFETIME_MS),
      clientState: clientState.secret,
    });
  } catch (error) {
    summary.failed += 1;
    await ports.store.failed(row.id, ports.describe(error, 'create'));
    return;
  }
  const expiresAt = new Date(created.expirationDateTime);
  await ports.store.activated(row.id, {
    subscriptionId: created.id,
    clientStateHash: clientState.hash,
    expiresAt: Number.isNaN(expiresAt.getTime())
      ? new Date(ports.now().getTime() + SUBSCRIPTION_LIFETIME_MS)
      : expiresAt,
  });
  if (lost) {
    summary.recreated += 1;
    await ports.catchUp(row.connectionId, row.tenantId);
  } else {
    summary.created += 1;
  }
}
