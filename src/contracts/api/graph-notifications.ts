import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, timestampSchema } from './fields.js';

/**
 * Graph change notifications of an Entra connection (docs/change-notifications.md): subscriptions
 * on `/users` and `/groups` in each tenant, so a change in the directory starts that tenant's sync
 * within seconds; the integrator's schedule stays the safety net. Reading needs a read grant on
 * the connection (or integrations.entra.configure); switching and repairing need modify.
 */

/** Per-connection routes: the handler checks `read`/`modify` on the connection (docs/access-control.md). */
const CONNECTION_SCOPED = { signedIn: 'agent' } as const;

export const NOTIFICATION_STATUSES = ['pending', 'active', 'failed', 'removed'] as const;

export const notificationProblemSchema = z.object({ code: z.string(), message: z.string() });

/** One subscription: a tenant's users or groups. */
export const notificationSubscriptionSchema = z.object({
  tenantId: z.string(),
  resource: z.enum(['users', 'groups']),
  /** pending: not created yet; active; failed: see lastError; removed: being deleted. */
  status: z.enum(NOTIFICATION_STATUSES),
  expiresAt: timestampSchema.nullable(),
  lastNotificationAt: timestampSchema.nullable(),
  lastError: notificationProblemSchema.nullable(),
  updatedAt: timestampSchema,
});
export type NotificationSubscription = z.infer<typeof notificationSubscriptionSchema>;

export const connectionNotificationsSchema = z.object({
  connectionId: z.string(),
  enabled: z.boolean(),
  /** Where Microsoft delivers (from the server's publicUrl), or null when it cannot. */
  notificationUrl: z.string().nullable(),
  /** Why notifications cannot be switched on here (publicUrl unset or not https), or null. */
  unavailableReason: z.string().nullable(),
  subscriptions: z.array(notificationSubscriptionSchema),
});
export type ConnectionNotifications = z.infer<typeof connectionNotificationsSchema>;

export const getConnectionNotifications = defineEndpoint({
  method: 'GET',
  path: '/api/entra/connections/:id/notifications',
  access: CONNECTION_SCOPED,
  summary: "A connection's change notifications: on or off, and each tenant's subscriptions",
  tags: ['entra'],
  params: idParamsSchema,
  response: connectionNotificationsSchema,
});

export const setConnectionNotifications = defineEndpoint({
  method: 'PUT',
  path: '/api/entra/connections/:id/notifications',
  access: CONNECTION_SCOPED,
  summary: 'Switch change notifications on (subscriptions are created by a job) or off (they are deleted)',
  tags: ['entra'],
  params: idParamsSchema,
  body: z.object({ enabled: z.boolean() }),
  response: connectionNotificationsSchema,
});

export const repairConnectionNotifications = defineEndpoint({
  method: 'POST',
  path: '/api/entra/connections/:id/notifications/repair',
  access: CONNECTION_SCOPED,
  summary: "Delete and create the connection's subscriptions again now (by a job)",
  tags: ['entra'],
  params: idParamsSchema,
  response: connectionNotificationsSchema,
});

/**
 * Microsoft's webhook (change-notifications-delivery-webhooks): no session, Microsoft calls it.
 * `?validationToken=` is the validation handshake (200, text/plain, the token); otherwise a batch
 * of notifications, each checked against its subscription's client state, answered 202.
 */
export const graphNotificationEndpoint = defineEndpoint({
  method: 'POST',
  path: '/api/notifications/graph',
  access: { public: true },
  summary: 'Microsoft Graph change notifications (webhook; called by Microsoft)',
  tags: ['notifications'],
  query: z.object({ validationToken: z.string().optional() }),
  response: z.string().describe('The validation token (handshake) or an empty body (202)'),
});

/** Lifecycle notifications (`reauthorizationRequired`), with the same handshake. */
export const graphLifecycleEndpoint = defineEndpoint({
  method: 'POST',
  path: '/api/notifications/graph/lifecycle',
  access: { public: true },
  summary: 'Microsoft Graph lifecycle notifications (webhook; called by Microsoft)',
  tags: ['notifications'],
  query: z.object({ validationToken: z.string().optional() }),
  response: z.string().describe('The validation token (handshake) or an empty body (202)'),
});
