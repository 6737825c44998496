import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, nameSchema, queryFlagSchema, timestampSchema } from './fields.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/** A site of a customer; exactly one per customer is its default. */
export const siteSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  name: z.string(),
  isDefault: z.boolean(),
  inactive: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type SiteView = z.infer<typeof siteSchema>;

/** A site with its customer's name (one site read on its own, by id). */
export const siteDetailSchema = siteSchema.extend({ customerName: z.string() });
export type SiteDetailView = z.infer<typeof siteDetailSchema>;

export const siteListQuerySchema = listQuerySchema.extend({
  search: listQuerySchema.shape.search.describe('Start of the name, any case'),
  sort: z.enum(['name', '-name']).optional(),
  inactive: queryFlagSchema.optional().describe('true: only inactive sites; false: only active ones'),
});

export const siteCreateSchema = z.object({ name: nameSchema('name') });

export const siteChangesSchema = z.object({
  name: nameSchema('name').optional(),
  inactive: z.boolean().optional(),
  isDefault: z
    .literal(true, 'isDefault can only be set to true: make another site the default instead')
    .optional()
    .describe('Makes this the default site; the previous default stops being one'),
});

const siteParamsSchema = z.object({ id: idSchema, siteId: idSchema });

export const listSites = defineEndpoint({
  method: 'GET',
  path: '/api/customers/:id/sites',
  access: { permission: 'customers.read' },
  summary: "List a customer's sites",
  tags: ['customers'],
  params: idParamsSchema,
  query: siteListQuerySchema,
  response: pageSchema(siteSchema),
});

export const createSite = defineEndpoint({
  method: 'POST',
  path: '/api/customers/:id/sites',
  access: { permission: 'customers.write' },
  summary: 'Add a site to a customer',
  tags: ['customers'],
  params: idParamsSchema,
  body: siteCreateSchema,
  response: siteSchema,
  status: 201,
});

export const updateSite = defineEndpoint({
  method: 'PATCH',
  path: '/api/customers/:id/sites/:siteId',
  access: { permission: 'customers.write' },
  summary: 'Rename a site, mark it inactive or make it the default',
  tags: ['customers'],
  params: siteParamsSchema,
  body: siteChangesSchema,
  response: siteSchema,
});

export const getSite = defineEndpoint({
  method: 'GET',
  path: '/api/sites/:id',
  access: { permission: 'customers.read' },
  summary: "A site by id, with its customer's name",
  tags: ['customers'],
  params: idParamsSchema,
  response: siteDetailSchema,
});
