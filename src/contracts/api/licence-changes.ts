import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/**
 * Licence changes from the desk (issue 7, guide 001/002 "manage licences"): assign or remove a
 * Microsoft licence on a user, one at a time or in bulk. A change is an outbound action executed
 * by a worker (Graph `assignLicense`); the desk shows the new licence only once Microsoft
 * confirmed it. Licences are managed through the one connection allowed to manage them for the
 * user's tenant ("Allow licences to be managed from Rollcall").
 */

export const LICENCE_OPERATIONS = ['assign', 'remove'] as const;
export type LicenceOperation = (typeof LICENCE_OPERATIONS)[number];

/** Where a change stands: waiting for a worker, being sent, confirmed, refused, or cancelled. */
export const LICENCE_CHANGE_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type LicenceChangeStatus = (typeof LICENCE_CHANGE_STATUSES)[number];

const skuIdSchema = z.guid("skuId must be the licence's SKU id (a GUID), as the user's licences list shows");

/** `POST /api/users/:id/licence-changes`. */
export const licenceChangeInputSchema = z.object({
  operation: z.enum(LICENCE_OPERATIONS, 'operation must be assign or remove'),
  skuId: skuIdSchema,
  /** Service plans of the SKU to leave off (assign only), e.g. Yammer; ids from the SKU's plans. */
  disabledPlans: z
    .array(z.guid('disabledPlans must hold service plan ids (GUIDs)'))
    .max(100, 'disabledPlans must list at most 100 plans')
    .default([]),
});
export type LicenceChangeInput = z.input<typeof licenceChangeInputSchema>;

export const BULK_LICENCE_CHANGE_LIMIT = 5000;

/** `POST /api/licence-changes/bulk`: one SKU for many users of one tenant. */
export const bulkLicenceChangeInputSchema = licenceChangeInputSchema.extend({
  userIds: z
    .array(idSchema)
    .min(1, 'userIds must name at least one user')
    .max(
      BULK_LICENCE_CHANGE_LIMIT,
      `userIds must name at most ${BULK_LICENCE_CHANGE_LIMIT} users; split the list`,
    ),
});
export type BulkLicenceChangeInput = z.input<typeof bulkLicenceChangeInputSchema>;

/** Why a change could not be made, in words a person can act on (Microsoft's error catalogue). */
export const licenceChangeErrorSchema = z.object({
  code: z.string(),
  title: z.string(),
  message: z.string(),
  howToFix: z.string(),
});

export const licenceChangeSchema = z.object({
  id: idSchema,
  batchId: idSchema.nullable(),
  operation: z.enum(LICENCE_OPERATIONS),
  status: z.enum(LICENCE_CHANGE_STATUSES),
  user: z.object({ id: idSchema, displayName: z.string(), userPrincipalName: z.string().nullable() }),
  customerId: idSchema.nullable(),
  connectionId: idSchema,
  tenantId: idSchema,
  skuId: idSchema,
  /** The licence's name in the desk (the part number when not imported yet). */
  skuName: z.string(),
  disabledPlans: z.array(idSchema),
  /** The usage location Rollcall set first because the user had none (the customer's default). */
  usageLocationSet: z.string().nullable(),
  attempts: z.number().int(),
  error: licenceChangeErrorSchema.nullable(),
  requestedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
  createdAt: timestampSchema,
  completedAt: timestampSchema.nullable(),
});
export type LicenceChangeView = z.infer<typeof licenceChangeSchema>;

/** A user refused before anything was queued (not linked to Microsoft, licence from a group, …). */
export const licenceChangeRefusalSchema = z.object({
  userId: idSchema,
  code: z.string(),
  message: z.string(),
});
export type LicenceChangeRefusal = z.infer<typeof licenceChangeRefusalSchema>;

export const bulkLicenceChangeResultSchema = z.object({
  batchId: idSchema,
  /** Changes queued (or found already waiting: a repeated request never queues twice). */
  queued: z.array(licenceChangeSchema),
  refused: z.array(licenceChangeRefusalSchema),
});

/** A bulk change's progress: counts per status, and its items page by page. */
export const licenceBatchSchema = z.object({
  batchId: idSchema,
  counts: z.record(z.enum(LICENCE_CHANGE_STATUSES), z.number().int()),
  total: z.number().int(),
});

export const licenceChangeQuerySchema = listQuerySchema.pick({ cursor: true, limit: true }).extend({
  userId: idSchema.optional(),
  customerId: idSchema.optional(),
  batchId: idSchema.optional(),
  status: z
    .enum(LICENCE_CHANGE_STATUSES, `status must be one of ${LICENCE_CHANGE_STATUSES.join(', ')}`)
    .optional(),
});

/** Whether a connection manages licences from the desk, and which tenants that covers. */
export const licenceManagementSchema = z.object({
  enabled: z.boolean(),
  tenantIds: z.array(idSchema),
});
export const licenceManagementInputSchema = z.object({
  enabled: z.boolean('enabled must be true or false'),
});

const TAGS = ['licences'];
const manage = { permission: 'licences.manage' } as const;
const read = { permission: 'customers.read' } as const;

export const requestLicenceChange = defineEndpoint({
  method: 'POST',
  path: '/api/users/:id/licence-changes',
  access: manage,
  summary: 'Assign or remove a Microsoft licence on a user (queued; Microsoft confirms)',
  tags: TAGS,
  params: idParamsSchema,
  body: licenceChangeInputSchema,
  response: licenceChangeSchema,
  status: 202,
});

export const requestBulkLicenceChange = defineEndpoint({
  method: 'POST',
  path: '/api/licence-changes/bulk',
  access: manage,
  summary: 'Assign or remove one licence for many users of a tenant (batched; per-user results)',
  tags: TAGS,
  body: bulkLicenceChangeInputSchema,
  response: bulkLicenceChangeResultSchema,
  status: 202,
});

export const listLicenceChanges = defineEndpoint({
  method: 'GET',
  path: '/api/licence-changes',
  access: read,
  summary: 'Licence changes, newest first (by user, customer, bulk batch or status)',
  tags: TAGS,
  query: licenceChangeQuerySchema,
  response: pageSchema(licenceChangeSchema),
});

export const getLicenceChange = defineEndpoint({
  method: 'GET',
  path: '/api/licence-changes/:id',
  access: read,
  summary: 'One licence change and where it stands',
  tags: TAGS,
  params: idParamsSchema,
  response: licenceChangeSchema,
});

export const getLicenceBatch = defineEndpoint({
  method: 'GET',
  path: '/api/licence-changes/batches/:id',
  access: read,
  summary: "A bulk licence change's progress (counts per status)",
  tags: TAGS,
  params: idParamsSchema,
  response: licenceBatchSchema,
});

export const getLicenceManagement = defineEndpoint({
  method: 'GET',
  path: '/api/connections/:id/licence-management',
  access: { signedIn: 'agent' },
  summary: 'Whether licences are managed from Rollcall through this connection',
  tags: TAGS,
  params: idParamsSchema,
  response: licenceManagementSchema,
});

export const putLicenceManagement = defineEndpoint({
  method: 'PUT',
  path: '/api/connections/:id/licence-management',
  access: { signedIn: 'agent' },
  summary: 'Allow (or stop) licences being managed from Rollcall through this connection',
  tags: TAGS,
  params: idParamsSchema,
  body: licenceManagementInputSchema,
  response: licenceManagementSchema,
});

/** A licence a user holds, as the user's record shows it. */
export const userLicenceSchema = z.object({
  skuId: idSchema,
  /** The licence's name in the desk (the SKU id when not imported yet). */
  name: z.string(),
  /** Inherited from a group (group-based licensing): removed by leaving the group, not here. */
  viaGroup: z.boolean(),
  disabledPlans: z.array(idSchema),
});

/** A licence of the user's tenant that may be assigned, with the seats the desk knows of. */
export const assignableLicenceSchema = z.object({
  skuId: idSchema,
  name: z.string(),
  totalUnits: z.number().int(),
  consumedUnits: z.number().int(),
  /** Seats free as the desk last saw them (Microsoft decides when the change is sent). */
  availableUnits: z.number().int(),
});

export const userLicencesSchema = z.object({
  licences: z.array(userLicenceSchema),
  /** The connection changes go through; null when none may (see `managementBlockedBy`). */
  managedBy: z.object({ connectionId: idSchema, name: z.string() }).nullable(),
  /** Why licences of this user cannot be changed from the desk, in words; null when they can. */
  managementBlockedBy: z.string().nullable(),
  assignable: z.array(assignableLicenceSchema),
});
export type UserLicencesView = z.infer<typeof userLicencesSchema>;

export const getUserLicences = defineEndpoint({
  method: 'GET',
  path: '/api/users/:id/licences',
  access: read,
  summary: "A user's Microsoft licences, and which may be assigned from the desk",
  tags: TAGS,
  params: idParamsSchema,
  response: userLicencesSchema,
});
