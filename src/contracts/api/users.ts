import { z } from 'zod';
import { CONTRACT_COVERAGES } from '../entra/mapping-config.js';
import { defineEndpoint } from './endpoint.js';
import {
  countQuerySchema,
  idParamsSchema,
  idSchema,
  nameSchema,
  queryFlagSchema,
  timestampSchema,
} from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/** Whether a ticket may be logged against the user (service accounts, contract compliance). */
export const ticketEligibilitySchema = z.object({
  allowed: z.boolean(),
  /** Allowed, but outside the contract: the ticket is marked. */
  flagged: z.boolean(),
  /** Why refused or flagged; null when allowed without remark. */
  reason: z.string().nullable(),
});

/** A desk user (a customer's contact) as listed in the console. */
export const userSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  customerName: z.string(),
  siteId: idSchema,
  siteName: z.string(),
  displayName: z.string(),
  givenName: z.string().nullable(),
  surname: z.string().nullable(),
  email: z.string().nullable(),
  userPrincipalName: z.string().nullable(),
  jobTitle: z.string().nullable(),
  inactive: z.boolean(),
  isServiceAccount: z.boolean(),
  /** Linked to a Microsoft Entra user (tenant id + object id). */
  linked: z.boolean(),
  /** The Microsoft tenant of a linked user (a bulk licence change is for one tenant); null if unlinked. */
  tenantId: idSchema.nullable(),
  lastSignInAt: timestampSchema.nullable(),
  /** Contract compliance as the last import found it; null while compliance is off. */
  contractCoverage: z.enum(CONTRACT_COVERAGES).nullable(),
  tickets: ticketEligibilitySchema,
  updatedAt: timestampSchema,
});
export type UserView = z.infer<typeof userSchema>;

/** One desk user with everything the console shows on its page. */
export const userDetailSchema = userSchema.extend({
  tenantId: idSchema.nullable(),
  entraObjectId: idSchema.nullable(),
  networkLogin: z.string().nullable(),
  managerId: idSchema.nullable(),
  customFields: z.record(z.string(), z.unknown()),
  createdAt: timestampSchema,
});

export const USER_SORTS = ['displayName', '-displayName', 'email', '-email'] as const;

export const userListQuerySchema = listQuerySchema.extend({
  search: listQuerySchema.shape.search.describe('Start of the display name, surname, email or UPN, any case'),
  sort: z.enum(USER_SORTS).optional(),
  customerId: idSchema.optional(),
  siteId: idSchema.optional(),
  inactive: queryFlagSchema.optional().describe('true: only inactive users; false: only active ones'),
  coverage: z
    .enum(CONTRACT_COVERAGES, `coverage must be one of ${CONTRACT_COVERAGES.join(', ')}`)
    .optional()
    .describe('Only users with this contract coverage (covered, flagged, refused)'),
  serviceAccount: queryFlagSchema
    .optional()
    .describe('true: only service accounts; false: only users who are not'),
  count: countQuerySchema,
});

const optionalText = (what: string, max = 256) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be at most ${max} characters`)
    .nullable()
    .optional()
    .transform((value) => (value === '' ? null : value));

/** The fields an agent may edit by hand; a later sync may bring Microsoft's values back. */
export const userChangesSchema = z.object({
  displayName: nameSchema('displayName', 256).optional(),
  givenName: optionalText('givenName'),
  surname: optionalText('surname'),
  email: z
    .email('email must be an email address, such as ada@example.com')
    .max(254, 'email must be at most 254 characters')
    .nullable()
    .optional(),
  jobTitle: optionalText('jobTitle'),
  siteId: idSchema.optional().describe("A site of the user's own customer"),
  inactive: z.boolean().optional(),
  isServiceAccount: z.boolean().optional(),
});

export const listUsers = defineEndpoint({
  method: 'GET',
  path: '/api/users',
  access: { permission: 'customers.read' },
  summary: 'List and search desk users',
  tags: ['users'],
  query: userListQuerySchema,
  response: pageSchema(userSchema),
});

export const getUser = defineEndpoint({
  method: 'GET',
  path: '/api/users/:id',
  access: { permission: 'customers.read' },
  summary: 'One desk user',
  tags: ['users'],
  params: idParamsSchema,
  response: userDetailSchema,
});

export const updateUser = defineEndpoint({
  method: 'PATCH',
  path: '/api/users/:id',
  access: { permission: 'customers.write' },
  summary: "Edit a desk user's basic fields",
  tags: ['users'],
  params: idParamsSchema,
  body: userChangesSchema,
  response: userDetailSchema,
});

/** A colleague as a portal user sees them: enough to pick a manager or check a name. */
export const portalUserSchema = z.object({
  id: idSchema,
  displayName: z.string(),
  email: z.string().nullable(),
  jobTitle: z.string().nullable(),
  siteName: z.string(),
});

export const listPortalUsers = defineEndpoint({
  method: 'GET',
  path: '/api/portal/users',
  // Either portal.requests.create or portal.requests.read; the handler checks which.
  access: { signedIn: 'portal' },
  summary: "Active users of the portal user's own customer",
  tags: ['portal'],
  query: listQuerySchema.omit({ sort: true }),
  response: pageSchema(portalUserSchema),
});
