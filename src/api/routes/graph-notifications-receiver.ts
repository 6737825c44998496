import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter } from 'prom-client';
import type { z } from 'zod';
import {
  graphLifecycleEndpoint,
  graphNotificationEndpoint,
} from '../../contracts/api/graph-notifications.js';
import {
  changeNotificationSchema,
  lifecycleNotificationSchema,
  notificationCollectionSchema,
} from '../../microsoft/index.js';
import { createGraphSubscriptionRepository, type GraphSubscriptionRow } from '../../store/index.js';
import { sortNotifications, type StoredSubscription } from '../../sync/notifications/index.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';

type Deps = Pick<ApiDeps, 'db' | 'jobs' | 'metrics' | 'now'>;

/**
 * Notifications of one tenant within this many seconds become one sync now and at most one more
 * when the window ends (the job runtime's debounce, shared by every process). One second keeps
 * the wait of a change notified just after another short; the sync job's own key keeps runs of a
 * tenant from overlapping, and a sync is not queued while one is still waiting to start.
 */
export const NOTIFICATION_DEBOUNCE_SECONDS = 1;

const toStored = (row: GraphSubscriptionRow): StoredSubscription => row;

/** Items of a webhook POST that match `schema`; the others are counted and skipped. */
function itemsOf<T>(body: unknown, schema: z.ZodType<T>): { items: T[]; malformed: number } {
  const collection = notificationCollectionSchema.safeParse(body);
  if (!collection.success) {
    throw new ApiHttpError('validation_failed', 'Expected a notification collection: { "value": [ … ] }.', [
      { field: 'value', message: 'required: an array of notifications' },
    ]);
  }
  const items: T[] = [];
  let malformed = 0;
  for (const raw of collection.data.value) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) items.push(parsed.data);
    else malformed += 1;
  }
  return { items, malformed };
}

/**
 * The validation handshake (Graph POSTs `?validationToken=…` when a subscription is created):
 * answer 200 with the decoded token as text/plain. True when it was one.
 */
function answeredHandshake(request: FastifyRequest, reply: FastifyReply): boolean {
  // Fastify has already URL-decoded the query string: the token goes back as Graph sent it.
  const token = (request.query as Record<string, unknown>).validationToken;
  if (typeof token !== 'string') return false;
  void reply.code(200).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(token);
  return true;
}

/**
 * Microsoft's webhooks: `POST /api/notifications/graph` (changes) and `/lifecycle`. No session
 * (Microsoft calls them): each notification must name a subscription Rollcall holds and carry its
 * client state, or it is ignored (and counted). They answer 202 within milliseconds; the work
 * (a tenant's sync, a reauthorization) is queued.
 */
export function registerGraphNotificationReceiver(app: FastifyInstance, deps: Deps): void {
  const counted = new Counter({
    name: 'rollcall_graph_notifications_total',
    help: 'Graph change and lifecycle notifications received, by kind and outcome (accepted, unknown subscription, rejected client state, malformed)',
    labelNames: ['kind', 'outcome'],
    registers: [deps.metrics.registry],
  });
  const subscriptions = createGraphSubscriptionRepository(deps.db);

  /** The notifications that passed, each with its subscription; the rest counted and logged. */
  const verify = async <
    T extends { subscriptionId: string; clientState?: string | null; tenantId?: string | null },
  >(
    request: FastifyRequest,
    kind: 'change' | 'lifecycle',
    items: T[],
    malformed: number,
  ) => {
    const rows = await subscriptions.findBySubscriptionIds(items.map((item) => item.subscriptionId));
    const known = new Map(rows.map((row) => [row.subscriptionId!.toLowerCase(), toStored(row)]));
    const verdicts = sortNotifications(items, known);
    counted.inc({ kind, outcome: 'accepted' }, verdicts.accepted.length);
    counted.inc({ kind, outcome: 'unknown' }, verdicts.unknown.length);
    counted.inc({ kind, outcome: 'rejected' }, verdicts.rejected.length);
    counted.inc({ kind, outcome: 'malformed' }, malformed);
    // Never the client state: only which subscription and tenant the item named.
    if (verdicts.unknown.length > 0) {
      request.log.debug(
        { kind, subscriptionIds: [...new Set(verdicts.unknown.map((i) => i.subscriptionId))] },
        'ignored notifications for unknown subscriptions',
      );
    }
    if (verdicts.rejected.length > 0) {
      request.log.warn(
        {
          kind,
          rejected: verdicts.rejected.map((i) => ({
            subscriptionId: i.subscriptionId,
            tenantId: i.tenantId ?? null,
          })),
        },
        'ignored notifications whose client state or tenant did not match their subscription',
      );
    }
    if (malformed > 0) request.log.warn({ kind, malformed }, 'ignored malformed notifications');
    return verdicts.accepted;
  };

  const queueSync = async (
    request: FastifyRequest,
    targets: Map<string, { connectionId: string; tenantId: string }>,
  ) => {
    if (!deps.jobs) {
      request.log.warn({ tenants: targets.size }, 'notifications received but this server runs no job queue');
      return;
    }
    for (const target of targets.values()) {
      await deps.jobs.enqueue('notifications.changed', target, {
        debounceSeconds: NOTIFICATION_DEBOUNCE_SECONDS,
      });
    }
  };

  app.endpoints.push(graphNotificationEndpoint);
  app.route({
    method: 'POST',
    url: graphNotificationEndpoint.path,
    schema: { summary: graphNotificationEndpoint.summary, tags: graphNotificationEndpoint.tags },
    handler: async (request, reply) => {
      if (answeredHandshake(request, reply)) return reply;
      const { items, malformed } = itemsOf(request.body, changeNotificationSchema);
      const accepted = await verify(request, 'change', items, malformed);
      await subscriptions.notified(
        accepted.map((a) => a.subscription.id),
        deps.now(),
      );
      const targets = new Map<string, { connectionId: string; tenantId: string }>();
      for (const { subscription } of accepted) {
        const { connectionId, tenantId } = subscription;
        targets.set(`${connectionId}/${tenantId}`, { connectionId, tenantId });
      }
      await queueSync(request, targets);
      return reply.code(202).send();
    },
  });

  app.endpoints.push(graphLifecycleEndpoint);
  app.route({
    method: 'POST',
    url: graphLifecycleEndpoint.path,
    schema: { summary: graphLifecycleEndpoint.summary, tags: graphLifecycleEndpoint.tags },
    handler: async (request, reply) => {
      if (answeredHandshake(request, reply)) return reply;
      const { items, malformed } = itemsOf(request.body, lifecycleNotificationSchema);
      const accepted = await verify(request, 'lifecycle', items, malformed);
      const reauthorize = new Map<string, string[]>();
      const missed = new Map<string, { connectionId: string; tenantId: string }>();
      for (const { item, subscription } of accepted) {
        const { connectionId, tenantId } = subscription;
        if (item.lifecycleEvent === 'reauthorizationRequired') {
          reauthorize.set(connectionId, [...(reauthorize.get(connectionId) ?? []), item.subscriptionId]);
        } else if (item.lifecycleEvent === 'subscriptionRemoved') {
          await subscriptions.detached(subscription.id, {
            code: 'subscriptionRemoved',
            message: 'Microsoft removed this subscription; it is created again.',
          });
          reauthorize.set(connectionId, reauthorize.get(connectionId) ?? []);
          missed.set(`${connectionId}/${tenantId}`, { connectionId, tenantId });
        } else if (item.lifecycleEvent === 'missed') {
          missed.set(`${connectionId}/${tenantId}`, { connectionId, tenantId });
        }
      }
      for (const [connectionId, ids] of reauthorize) {
        if (!deps.jobs) break;
        await deps.jobs.enqueue('notifications.maintain', {
          connectionId,
          ...(ids.length ? { reauthorize: ids } : {}),
        });
      }
      await queueSync(request, missed);
      return reply.code(202).send();
    },
  });
}
