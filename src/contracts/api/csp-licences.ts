import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idSchema, queryFlagSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';
import { subscriptionPricingSchema } from './csp-pricing.js';
import { runIntegratorResponseSchema } from './integrator.js';

/**
 * Licences (SKUs) and CSP subscriptions of a customer's Microsoft tenants, imported from Partner
 * Center by the `licences` module of a CSP connection (guide 002 "Licenses & Subscriptions").
 * Imported fields are read-only; only `extra` (desk-owned data) may be edited, and only an
 * administrator removes a row. See docs/csp-licences.md.
 */

/** Guide 002 "Licence Import Type": all subscribed SKUs (default), subscriptions, or both. */
export const LICENCE_IMPORT_TYPES = ['skus', 'subscriptions', 'both'] as const;
export type LicenceImportType = (typeof LICENCE_IMPORT_TYPES)[number];
export const DEFAULT_LICENCE_IMPORT_TYPE: LicenceImportType = 'skus';

export const licenceImportTypeSchema = z.enum(
  LICENCE_IMPORT_TYPES,
  `licenceImportType must be one of ${LICENCE_IMPORT_TYPES.join(', ')}`,
);

const isoDateSchema = z.iso.date('must be a date (YYYY-MM-DD)');

/**
 * Desk-owned data on an imported licence or subscription (guide 002: "except for additional data
 * such as the install date"). A sync never overwrites it. In a change, `null` clears a field.
 */
export const licenceExtraSchema = z
  .object({
    installDate: isoDateSchema.nullable().optional(),
    reference: z
      .string()
      .trim()
      .max(200, 'extra.reference must be at most 200 characters')
      .nullable()
      .optional(),
    notes: z.string().trim().max(2000, 'extra.notes must be at most 2000 characters').nullable().optional(),
  })
  .strict();
export type LicenceExtra = z.infer<typeof licenceExtraSchema>;

/** Fields a sync owns: naming one in a change is refused with this message. */
const IMPORTED_FIELD_MESSAGE = 'imported from Microsoft and read-only; only extra can be edited';

/** `{ extra }`, and a clear refusal for any imported field sent along. */
export const extraChangeSchema = z
  .looseObject({ extra: licenceExtraSchema })
  .superRefine((body, ctx) => {
    for (const key of Object.keys(body)) {
      if (key !== 'extra') ctx.addIssue({ code: 'custom', path: [key], message: IMPORTED_FIELD_MESSAGE });
    }
  })
  .transform((body) => ({ extra: body.extra }));

/** A licence (SKU) a customer tenant holds, with its seats as last imported. */
export const customerLicenceSchema = z.object({
  id: idSchema,
  connectionId: idSchema,
  tenantId: idSchema,
  /** The tenant's name as the CSP connection knows it; null when not known. */
  tenantName: z.string().nullable(),
  skuId: idSchema,
  skuPartNumber: z.string(),
  friendlyName: z.string(),
  /** Enabled, Warning, Suspended, Deleted, LockedOut. */
  capabilityStatus: z.string(),
  totalUnits: z.number().int(),
  /** Seats assigned to users. */
  consumedUnits: z.number().int(),
  /** `totalUnits − consumedUnits`, never below 0. */
  availableUnits: z.number().int(),
  suspendedUnits: z.number().int(),
  warningUnits: z.number().int(),
  lockedOutUnits: z.number().int(),
  /** `partnerCenter` or `graph`. */
  source: z.string(),
  /** Desk users holding this licence (from the users import). */
  usersLinked: z.number().int(),
  extra: licenceExtraSchema,
  lastSeenAt: timestampSchema,
  /** When Microsoft stopped returning it; null while it exists. */
  removedAt: timestampSchema.nullable(),
  updatedAt: timestampSchema,
});
export type CustomerLicenceView = z.infer<typeof customerLicenceSchema>;

/** A CSP subscription (Partner Center) of a customer tenant, as last imported. */
export const cspSubscriptionSchema = z.object({
  id: idSchema,
  connectionId: idSchema,
  tenantId: idSchema,
  tenantName: z.string().nullable(),
  /** Partner Center's subscription id. */
  subscriptionId: z.string(),
  offerId: z.string(),
  offerName: z.string(),
  friendlyName: z.string(),
  quantity: z.number().int(),
  unitType: z.string().nullable(),
  status: z.string(),
  /** ISO 8601 duration: P1M, P1Y, P3Y. */
  termDuration: z.string().nullable(),
  billingCycle: z.string().nullable(),
  autoRenew: z.boolean(),
  isTrial: z.boolean(),
  createdOn: timestampSchema.nullable(),
  startDate: z.string().nullable(),
  commitmentEndDate: z.string().nullable(),
  /** Price and cost per seat from the pricing import; null when not priced (unknown, not zero). */
  pricing: subscriptionPricingSchema.nullable(),
  /** The desk product created from it (products imported), and the recurring invoice it is on (docs/billing.md). */
  productId: idSchema.nullable(),
  recurringInvoiceId: idSchema.nullable(),
  extra: licenceExtraSchema,
  lastSeenAt: timestampSchema,
  removedAt: timestampSchema.nullable(),
  updatedAt: timestampSchema,
});
export type CspSubscriptionView = z.infer<typeof cspSubscriptionSchema>;

/** One tenant of the customer, and how its last licence import went. */
export const licenceTenantStatusSchema = z.object({
  connectionId: idSchema,
  tenantId: idSchema,
  tenantName: z.string().nullable(),
  lastRunAt: timestampSchema.nullable(),
  lastSuccessAt: timestampSchema.nullable(),
  /** The last run's failure (code and what to do), null when it succeeded. */
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** Guide 003's customer record header: users synced, subscriptions, seats available, last sync. */
export const licenceSummarySchema = z.object({
  usersSynced: z.number().int(),
  licences: z.number().int(),
  subscriptions: z.number().int(),
  /** Seats available over every current licence of the customer. */
  seatsAvailable: z.number().int(),
  lastSyncAt: timestampSchema.nullable(),
  tenants: z.array(licenceTenantStatusSchema),
});
export type LicenceSummaryView = z.infer<typeof licenceSummarySchema>;

/** A desk user holding a licence. */
export const licenceUserSchema = z.object({
  deskUserId: idSchema,
  displayName: z.string(),
  email: z.string().nullable(),
  userPrincipalName: z.string().nullable(),
  inactive: z.boolean(),
  /** Inherited from a group (not removable on the user). */
  viaGroup: z.boolean(),
  disabledPlans: z.number().int(),
});
export type LicenceUserView = z.infer<typeof licenceUserSchema>;

const customerParamsSchema = z.object({ id: idSchema });
const licenceParamsSchema = z.object({ id: idSchema, licenceId: idSchema });
const subscriptionParamsSchema = z.object({ id: idSchema, subscriptionId: idSchema });

export const licenceListQuerySchema = listQuerySchema.extend({
  search: listQuerySchema.shape.search.describe('Part of the product name or part number, any case'),
  sort: z.enum(['name', '-name']).optional(),
  includeRemoved: queryFlagSchema.optional().describe('Also list rows Microsoft no longer returns'),
});

export const subscriptionListQuerySchema = listQuerySchema.extend({
  search: listQuerySchema.shape.search.describe('Part of the offer or friendly name, any case'),
  sort: z.enum(['name', '-name']).optional(),
  includeRemoved: queryFlagSchema.optional().describe('Also list rows Microsoft no longer returns'),
});

export const licenceUsersQuerySchema = listQuerySchema.extend({
  search: listQuerySchema.shape.search.describe('Part of the name, email or UPN, any case'),
});

export const getLicenceSummary = defineEndpoint({
  method: 'GET',
  path: '/api/customers/:id/licence-summary',
  access: { permission: 'customers.read' },
  summary: "A customer's users synced, subscriptions, seats available and last licence sync",
  tags: ['licences'],
  params: customerParamsSchema,
  response: licenceSummarySchema,
});

export const listCustomerLicences = defineEndpoint({
  method: 'GET',
  path: '/api/customers/:id/licences',
  access: { permission: 'customers.read' },
  summary: "A customer's licences (SKUs) with seats total, assigned and available",
  tags: ['licences'],
  params: customerParamsSchema,
  query: licenceListQuerySchema,
  response: pageSchema(customerLicenceSchema),
});

export const listLicenceUsers = defineEndpoint({
  method: 'GET',
  path: '/api/customers/:id/licences/:licenceId/users',
  access: { permission: 'customers.read' },
  summary: 'The desk users holding a licence',
  tags: ['licences'],
  params: licenceParamsSchema,
  query: licenceUsersQuerySchema,
  response: pageSchema(licenceUserSchema),
});

export const updateCustomerLicence = defineEndpoint({
  method: 'PATCH',
  path: '/api/customers/:id/licences/:licenceId',
  access: { permission: 'customers.write' },
  summary: "Edit a licence's extra data (imported fields are read-only)",
  tags: ['licences'],
  params: licenceParamsSchema,
  body: extraChangeSchema,
  response: customerLicenceSchema,
});

export const deleteCustomerLicence = defineEndpoint({
  method: 'DELETE',
  path: '/api/customers/:id/licences/:licenceId',
  access: { permission: 'administrator' },
  summary: 'Remove an imported licence (administrators only; the next sync brings it back if it exists)',
  tags: ['licences'],
  params: licenceParamsSchema,
  response: z.null(),
  status: 204,
});

export const listCustomerSubscriptions = defineEndpoint({
  method: 'GET',
  path: '/api/customers/:id/subscriptions',
  access: { permission: 'customers.read' },
  summary: "A customer's CSP subscriptions: offer, quantity, status, term, billing and dates",
  tags: ['licences'],
  params: customerParamsSchema,
  query: subscriptionListQuerySchema,
  response: pageSchema(cspSubscriptionSchema),
});

export const updateCustomerSubscription = defineEndpoint({
  method: 'PATCH',
  path: '/api/customers/:id/subscriptions/:subscriptionId',
  access: { permission: 'customers.write' },
  summary: "Edit a subscription's extra data (imported fields are read-only)",
  tags: ['licences'],
  params: subscriptionParamsSchema,
  body: extraChangeSchema,
  response: cspSubscriptionSchema,
});

export const deleteCustomerSubscription = defineEndpoint({
  method: 'DELETE',
  path: '/api/customers/:id/subscriptions/:subscriptionId',
  access: { permission: 'administrator' },
  summary: 'Remove an imported subscription (administrators only)',
  tags: ['licences'],
  params: subscriptionParamsSchema,
  response: z.null(),
  status: 204,
});

/** "Run licences now": the mapped tenants to run (default every one) — queued, one job per tenant. */
export const runLicencesRequestSchema = z.object({
  tenantIds: z
    .array(idSchema)
    .max(5000)
    .optional()
    .describe("Some of the connection's mapped tenants; default every tenant mapped to a customer"),
});

export const runLicences = defineEndpoint({
  method: 'POST',
  path: '/api/csp/connections/:id/licences/run',
  access: { permission: 'integrations.csp.configure' },
  summary:
    "Run the licences module now for a CSP connection's mapped tenants (or the ones named): queues one integrator job per tenant and answers at once; each run appears in the connection's runs as it finishes",
  tags: ['licences'],
  params: z.object({ id: idSchema }),
  body: runLicencesRequestSchema,
  response: runIntegratorResponseSchema,
  status: 202,
});
