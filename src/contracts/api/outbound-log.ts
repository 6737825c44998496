import { z } from 'zod';
import type { Access } from '../permissions.js';
import { defineEndpoint } from './endpoint.js';
import { idSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/**
 * Outbound Requests (guide 002: "changes from Halo to Microsoft"): the writes workflows asked
 * for (licence changes, new starters, …), each with its attempts and, in the detail, the request
 * sent and Microsoft's response. Secrets never appear: payloads hold none, exchanges are redacted
 * when recorded, and credentials headers are dropped again when read.
 */

/** Where an action stands; the worker's states (src/store/schema/outbound-actions.ts). */
export const OUTBOUND_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

export const outboundActionSchema = z.object({
  id: idSchema,
  connectionId: idSchema,
  tenantId: idSchema,
  /** The CSP customer's name, else the mapped desk customer's; null when unknown. */
  tenantName: z.string().nullable(),
  /** What was asked, e.g. `licence.assign`, `user.create`, `subscription.quantity`. */
  kind: z.string(),
  status: z.enum(OUTBOUND_STATUSES),
  attempts: z.number().int(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: timestampSchema,
  /** When the worker tries next (pending or retrying actions). */
  nextAttemptAt: timestampSchema,
  completedAt: timestampSchema.nullable(),
});
export type OutboundActionView = z.infer<typeof outboundActionSchema>;

/** One HTTP exchange with Microsoft as kept: credentials never included. */
export const outboundExchangeSchema = z.object({
  method: z.string().nullable(),
  url: z.string().nullable(),
  status: z.number().int().nullable(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});
export type OutboundExchange = z.infer<typeof outboundExchangeSchema>;

export const outboundActionDetailSchema = outboundActionSchema.extend({
  payload: z.record(z.string(), z.unknown()),
  /** The last attempt's request; null before the first attempt. */
  request: outboundExchangeSchema.nullable(),
  /** Microsoft's response to it; null when none came (network error) or before the first attempt. */
  response: outboundExchangeSchema.nullable(),
});
export type OutboundActionDetail = z.infer<typeof outboundActionDetailSchema>;

export const outboundLogQuerySchema = listQuerySchema.pick({ cursor: true, limit: true }).extend({
  search: listQuerySchema.shape.search.describe(
    "Part of the kind, the request's data (a name, UPN, SKU) or the error",
  ),
  status: z.enum(OUTBOUND_STATUSES, `status must be one of ${OUTBOUND_STATUSES.join(', ')}`).optional(),
  kind: z.string().trim().max(100, 'kind must be at most 100 characters').optional(),
  tenantId: idSchema.optional().describe('One tenant of the connection'),
});

/** The Outbound Requests endpoints of one kind of connection. */
export function outboundLogEndpoints(options: { basePath: string; access: Access; tags: string[] }) {
  const { basePath, access, tags } = options;
  const listOutbound = defineEndpoint({
    method: 'GET',
    path: `${basePath}/:id/outbound`,
    access,
    summary: "Outbound Requests: the connection's writes to Microsoft, newest first",
    tags,
    params: z.object({ id: idSchema }),
    query: outboundLogQuerySchema,
    response: pageSchema(outboundActionSchema),
  });
  const getOutbound = defineEndpoint({
    method: 'GET',
    path: `${basePath}/:id/outbound/:actionId`,
    access,
    summary: "One outbound request: what was asked, the request sent and Microsoft's response",
    tags,
    params: z.object({ id: idSchema, actionId: idSchema }),
    response: outboundActionDetailSchema,
  });
  return { listOutbound, getOutbound };
}

export type ListOutboundEndpoint = ReturnType<typeof outboundLogEndpoints>['listOutbound'];
export type GetOutboundEndpoint = ReturnType<typeof outboundLogEndpoints>['getOutbound'];

/** Entra: any agent at the contract level; the handler then requires read on the connection. */
export const { listOutbound: listEntraOutbound, getOutbound: getEntraOutbound } = outboundLogEndpoints({
  basePath: '/api/entra/connections',
  access: { signedIn: 'agent' },
  tags: ['entra'],
});

export const { listOutbound: listCspOutbound, getOutbound: getCspOutbound } = outboundLogEndpoints({
  basePath: '/api/csp/connections',
  access: { permission: 'integrations.csp.configure' },
  tags: ['csp'],
});
