import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, nameSchema, queryFlagSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/** A customer organisation of the desk. */
export const customerSchema = z.object({
  id: idSchema,
  name: z.string(),
  inactive: z.boolean(),
  /** ISO 3166 country set on a user without one before a licence is assigned; null: none. */
  defaultUsageLocation: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type CustomerView = z.infer<typeof customerSchema>;

/** A customer with its default site (where new users land). */
export const customerDetailSchema = customerSchema.extend({
  defaultSite: z.object({ id: idSchema, name: z.string() }).nullable(),
});

export const CUSTOMER_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;

export const customerListQuerySchema = listQuerySchema.extend({
  search: listQuerySchema.shape.search.describe('Start of the name, any case'),
  sort: z.enum(CUSTOMER_SORTS).optional(),
  inactive: queryFlagSchema.optional().describe('true: only inactive customers; false: only active ones'),
});

export const customerCreateSchema = z.object({ name: nameSchema('name') });

/** A usage location as Microsoft takes it: two letters, ISO 3166-1 alpha-2 (GB, US, NZ). */
export const usageLocationSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'defaultUsageLocation must be a two-letter ISO 3166 country code, e.g. GB or US');

export const customerChangesSchema = z.object({
  name: nameSchema('name').optional(),
  inactive: z.boolean().optional(),
  /** Set on users without a usage location when a licence is assigned from the desk; null clears it. */
  defaultUsageLocation: usageLocationSchema.nullable().optional(),
});

export const listCustomers = defineEndpoint({
  method: 'GET',
  path: '/api/customers',
  access: { permission: 'customers.read' },
  summary: 'List customers',
  tags: ['customers'],
  query: customerListQuerySchema,
  response: pageSchema(customerSchema),
});

export const getCustomer = defineEndpoint({
  method: 'GET',
  path: '/api/customers/:id',
  access: { permission: 'customers.read' },
  summary: 'One customer',
  tags: ['customers'],
  params: idParamsSchema,
  response: customerDetailSchema,
});

export const createCustomer = defineEndpoint({
  method: 'POST',
  path: '/api/customers',
  access: { permission: 'customers.write' },
  summary: 'Create a customer (with its default site "Main")',
  tags: ['customers'],
  body: customerCreateSchema,
  response: customerDetailSchema,
  status: 201,
});

export const updateCustomer = defineEndpoint({
  method: 'PATCH',
  path: '/api/customers/:id',
  access: { permission: 'customers.write' },
  summary: 'Rename a customer or mark it inactive',
  tags: ['customers'],
  params: idParamsSchema,
  body: customerChangesSchema,
  response: customerDetailSchema,
});

export const getPortalCustomer = defineEndpoint({
  method: 'GET',
  path: '/api/portal/customer',
  access: { signedIn: 'portal' },
  summary: "The signed-in portal user's own customer",
  tags: ['portal'],
  response: z.object({ id: idSchema, name: z.string() }),
});
