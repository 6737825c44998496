import { z } from 'zod';
import { EMAIL_FORMATS, NAMING_FALLBACKS } from '../onboarding/naming.js';
import { HR_SOURCE_KINDS, hrSourceFieldsSchema, hrSourceInputSchema } from '../hr/source.js';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';

/** HR sources (issue 9): where persons come from and how their Entra accounts are made. docs/hr.md. */

export const HR_TAGS = ['hr'];

export const hrSourceSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(HR_SOURCE_KINDS),
  customerId: idSchema,
  customerName: z.string(),
  tenantId: z.string(),
  persons: z.number().int(),
  /** 0 until rules are first published: nothing is enforced before that. */
  publishedVersion: z.number().int(),
  /** The draft has changes not yet published. */
  draftPending: z.boolean(),
  heldImports: z.number().int(),
  /** Persons whose last enforcement failed. */
  failingPersons: z.number().int(),
  enforcementEnabled: z.boolean(),
  lastImportAt: timestampSchema.nullable(),
  lastEnforcedAt: timestampSchema.nullable(),
});
export type HrSourceSummary = z.infer<typeof hrSourceSummarySchema>;

export const hrSourceDetailSchema = hrSourceSummarySchema.extend({
  /** The settings as saved, without the JSON token. */
  settings: hrSourceFieldsSchema.omit({ jsonToken: true, naming: true }).extend({
    naming: z.object({
      format: z.enum(EMAIL_FORMATS),
      customPattern: z.string().optional(),
      fallbacks: z.array(z.enum(NAMING_FALLBACKS)),
      maxNumber: z.number().int(),
    }),
  }),
  jsonTokenSet: z.boolean(),
  /** For SCIM sources: the base URL HR systems push to, and the current token's last characters. */
  scim: z.object({ baseUrl: z.string(), tokenHint: z.string().nullable() }).nullable(),
});
export type HrSourceDetail = z.infer<typeof hrSourceDetailSchema>;

/** A created source; a SCIM source's bearer token is in `scimToken`, shown this once only. */
export const hrSourceCreatedSchema = z.object({
  source: hrSourceDetailSchema,
  scimToken: z.string().nullable(),
});

export const listHrSources = defineEndpoint({
  method: 'GET',
  path: '/api/hr/sources',
  access: { permission: 'hr.read' },
  summary: 'HR sources with their persons, rule version and pending work',
  tags: HR_TAGS,
  response: z.object({ items: z.array(hrSourceSummarySchema) }),
});

export const createHrSource = defineEndpoint({
  method: 'POST',
  path: '/api/hr/sources',
  access: { permission: 'hr.manage' },
  summary: 'Adds an HR source, checked against the customer’s tenant (domain verified)',
  tags: HR_TAGS,
  body: hrSourceInputSchema,
  response: hrSourceCreatedSchema,
  status: 201,
});

export const getHrSource = defineEndpoint({
  method: 'GET',
  path: '/api/hr/sources/:id',
  access: { permission: 'hr.read' },
  summary: 'One HR source and its settings',
  tags: HR_TAGS,
  params: idParamsSchema,
  response: hrSourceDetailSchema,
});

export const updateHrSource = defineEndpoint({
  method: 'PUT',
  path: '/api/hr/sources/:id',
  access: { permission: 'hr.manage' },
  summary: 'Saves an HR source’s settings (kind and customer cannot change)',
  tags: HR_TAGS,
  params: idParamsSchema,
  body: hrSourceInputSchema,
  response: hrSourceDetailSchema,
});

export const deleteHrSource = defineEndpoint({
  method: 'DELETE',
  path: '/api/hr/sources/:id',
  access: { permission: 'hr.manage' },
  summary: 'Removes an HR source and its persons (accounts in Entra are left as they are)',
  tags: HR_TAGS,
  params: idParamsSchema,
  response: z.object({ deleted: z.literal(true) }),
});

export const rotateHrScimToken = defineEndpoint({
  method: 'POST',
  path: '/api/hr/sources/:id/scim-token',
  access: { permission: 'hr.manage' },
  summary: 'Issues a new SCIM bearer token (the old one stops working); shown once',
  tags: HR_TAGS,
  params: idParamsSchema,
  response: z.object({ token: z.string(), tokenHint: z.string() }),
});
