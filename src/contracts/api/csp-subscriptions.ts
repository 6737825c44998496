import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';

/**
 * CSP subscription quantity changes from the desk (issue 7, direct partners): "Adjust quantity"
 * on a customer's subscription sends Partner Center a PATCH under new-commerce rules (seats may be
 * added at any time, removed only within 7 days of purchase or renewal). A change is an outbound
 * action executed by a worker; the desk's quantity changes once Partner Center confirmed it.
 * Partner Center webhooks keep the desk in step with changes made elsewhere.
 */

/** Highest quantity the desk asks for (offers have their own maxima, enforced by Partner Center). */
export const MAX_QUANTITY = 100_000;

export const quantityChangeInputSchema = z.object({
  quantity: z
    .number('quantity must be a number of seats')
    .int('quantity must be a whole number of seats')
    .min(1, 'quantity must be 1 or more (0 would cancel the subscription: do that in Partner Center)')
    .max(MAX_QUANTITY, `quantity must be at most ${MAX_QUANTITY}`),
});
export type QuantityChangeInput = z.input<typeof quantityChangeInputSchema>;

/** Whether seats may be removed now: any time (legacy offers), until a date, or again from a date. */
export const decreaseWindowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('legacy') }),
  z.object({ kind: z.literal('open'), closesAt: timestampSchema }),
  z.object({ kind: z.literal('closed'), reopensAt: timestampSchema.nullable() }),
]);
export type DecreaseWindowView = z.infer<typeof decreaseWindowSchema>;

export const QUANTITY_CHANGE_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export const quantityChangeSchema = z.object({
  id: idSchema,
  status: z.enum(QUANTITY_CHANGE_STATUSES),
  /** The desk's csp_subscriptions row. */
  subscriptionId: idSchema,
  friendlyName: z.string(),
  customerId: idSchema.nullable(),
  connectionId: idSchema,
  tenantId: idSchema,
  /** Partner Center's subscription id. */
  partnerCenterSubscriptionId: z.string(),
  fromQuantity: z.number().int(),
  toQuantity: z.number().int(),
  /** What Partner Center holds after the change (succeeded only). */
  quantity: z.number().int().nullable(),
  attempts: z.number().int(),
  error: z
    .object({ code: z.string(), title: z.string(), message: z.string(), howToFix: z.string() })
    .nullable(),
  requestedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
  createdAt: timestampSchema,
  completedAt: timestampSchema.nullable(),
});
export type QuantityChangeView = z.infer<typeof quantityChangeSchema>;

/** What the "Adjust quantity" dialog shows: the quantity, the window, and changes under way. */
export const subscriptionQuantitySchema = z.object({
  subscriptionId: idSchema,
  friendlyName: z.string(),
  quantity: z.number().int(),
  status: z.string(),
  newCommerce: z.boolean(),
  window: decreaseWindowSchema,
  /** Why no change can be asked now (inactive, removed, connection inactive); null when it can. */
  blockedBy: z.string().nullable(),
  inFlight: quantityChangeSchema.nullable(),
  recent: z.array(quantityChangeSchema),
});
export type SubscriptionQuantityView = z.infer<typeof subscriptionQuantitySchema>;

const TAGS = ['subscriptions'];

export const requestQuantityChange = defineEndpoint({
  method: 'POST',
  path: '/api/csp/subscriptions/:id/quantity',
  access: { permission: 'licences.manage' },
  summary: "Change a CSP subscription's quantity (queued; Partner Center confirms)",
  tags: TAGS,
  params: idParamsSchema,
  body: quantityChangeInputSchema,
  response: quantityChangeSchema,
  status: 202,
});

export const getSubscriptionQuantity = defineEndpoint({
  method: 'GET',
  path: '/api/csp/subscriptions/:id/quantity',
  access: { permission: 'customers.read' },
  summary: "A CSP subscription's quantity, whether seats may be removed now, and its changes",
  tags: TAGS,
  params: idParamsSchema,
  response: subscriptionQuantitySchema,
});

export const getQuantityChange = defineEndpoint({
  method: 'GET',
  path: '/api/csp/subscription-changes/:id',
  access: { permission: 'customers.read' },
  summary: 'One quantity change and where it stands',
  tags: TAGS,
  params: idParamsSchema,
  response: quantityChangeSchema,
});

/** Events Rollcall registers for: subscription changes, and the test event that validates the URL. */
export const PARTNER_CENTER_WEBHOOK_EVENTS = ['subscription-updated', 'test-created'] as const;

/** Partner Center's webhook registration for a CSP connection's partner, and how it is going. */
export const partnerCenterWebhooksSchema = z.object({
  connectionId: idSchema,
  /** Where Partner Center should call (from the server's publicUrl), or null when it cannot. */
  callbackUrl: z.string().nullable(),
  /** Why webhooks cannot be registered from here (publicUrl unset or not https), or null. */
  unavailableReason: z.string().nullable(),
  /** What Partner Center holds for the partner (one registration per partner), or null. */
  registration: z
    .object({
      webhookUrl: z.string(),
      events: z.array(z.string()),
      /** Whether it calls this connection's receiver (another tool may have registered its own). */
      pointsHere: z.boolean(),
    })
    .nullable(),
  /** The last validation (test-created) event Rollcall asked for, as Partner Center reports it. */
  validation: z
    .object({
      correlationId: z.string(),
      status: z.string().nullable(),
      responseCode: z.string().nullable(),
      responseMessage: z.string().nullable(),
    })
    .nullable(),
  /** When the last event reached Rollcall (validation or subscription change). */
  lastEventAt: timestampSchema.nullable(),
  lastEventName: z.string().nullable(),
});
export type PartnerCenterWebhooksView = z.infer<typeof partnerCenterWebhooksSchema>;

const configure = { permission: 'integrations.csp.configure' } as const;

export const getPartnerCenterWebhooks = defineEndpoint({
  method: 'GET',
  path: '/api/csp/connections/:id/webhooks',
  access: configure,
  summary: "The partner's Partner Center webhook registration and its last validation",
  tags: TAGS,
  params: idParamsSchema,
  response: partnerCenterWebhooksSchema,
});

export const registerPartnerCenterWebhooks = defineEndpoint({
  method: 'POST',
  path: '/api/csp/connections/:id/webhooks',
  access: configure,
  summary: "Register Rollcall's callback with Partner Center (subscription-updated) and send a test event",
  tags: TAGS,
  params: idParamsSchema,
  response: partnerCenterWebhooksSchema,
});

export const removePartnerCenterWebhooks = defineEndpoint({
  method: 'DELETE',
  path: '/api/csp/connections/:id/webhooks',
  access: configure,
  summary: "Remove the partner's Partner Center webhook registration",
  tags: TAGS,
  params: idParamsSchema,
  response: z.null(),
  status: 204,
});

/** Partner Center's callback (public: Microsoft calls it; the signature is verified). */
export const partnerCenterWebhookReceiver = defineEndpoint({
  method: 'POST',
  path: '/api/partner-center/webhooks/:connectionId',
  access: { public: true },
  summary: 'Partner Center webhook events (called by Microsoft; signed)',
  tags: TAGS,
  params: z.object({ connectionId: idSchema }),
  response: z.null(),
  status: 200,
});
