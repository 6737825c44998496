import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idSchema, nameSchema, timestampSchema } from './fields.js';

/**
 * Custom fields of desk users (guide 001: a field mapping may write `custom.<name>`, and the
 * field must exist first). They are listed with the Entra import lookups
 * (`GET /api/lookups/entra-import`).
 */

/** A custom field of desk users. */
export const customFieldSchema = z.object({
  id: idSchema,
  /** What mappings write to: `custom.<name>`. */
  name: z.string(),
  /** What people read. */
  label: z.string(),
  createdAt: timestampSchema,
});
export type CustomFieldView = z.infer<typeof customFieldSchema>;

export const CUSTOM_FIELD_NAME_MAX = 64;

export const customFieldCreateSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'name must not be empty')
    .max(CUSTOM_FIELD_NAME_MAX, `name must be at most ${CUSTOM_FIELD_NAME_MAX} characters`)
    .regex(/^[A-Za-z0-9_-]+$/, 'name may hold only letters (A–Z), digits, _ and -, such as cost_centre')
    .describe('Unique ignoring case; field mappings write to custom.<name>'),
  label: nameSchema('label'),
});

/**
 * Creating a custom field changes what every customer's users hold, which is a `customers.write`
 * matter too; an endpoint names one permission, and the people who need a field are those
 * mapping Entra fields to it, so it is `integrations.entra.configure` (administrators hold both).
 */
export const createCustomField = defineEndpoint({
  method: 'POST',
  path: '/api/custom-fields',
  access: { permission: 'integrations.entra.configure' },
  summary: 'Create a custom field of desk users (for field mappings to write)',
  tags: ['custom-fields'],
  body: customFieldCreateSchema,
  response: customFieldSchema,
  status: 201,
});
