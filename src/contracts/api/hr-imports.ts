import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';
import { HR_TAGS } from './hr-sources.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/** HR imports (issue 9): CSV uploads, folder pickups and JSON reads, with thresholds. */

export const HR_IMPORT_STATUS_VALUES = ['applied', 'held', 'confirmed', 'discarded', 'failed'] as const;

export const hrImportProblemSchema = z.object({
  row: z.number().int(),
  field: z.string(),
  message: z.string(),
});

export const hrImportSchema = z.object({
  id: idSchema,
  sourceId: idSchema,
  /** upload, folder, json or scim. */
  origin: z.string(),
  fileName: z.string().nullable(),
  status: z.enum(HR_IMPORT_STATUS_VALUES),
  counts: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    problems: z.number().int(),
  }),
  /** Why a threshold held it, e.g. "would remove 120 persons (limit 50)". */
  heldReasons: z.array(z.string()),
  /** The first problems found (rows left out), each naming the row and field. */
  problems: z.array(hrImportProblemSchema),
  createdByName: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
});
export type HrImport = z.infer<typeof hrImportSchema>;

export const hrUploadSchema = z.object({
  fileName: z.string().trim().max(255).nullable().default(null),
  /** The file's text (UTF-8); at most 20 MB. */
  csv: z
    .string()
    .min(1, 'csv is empty: choose a file with a header row and one row per contract')
    .max(20 * 1024 * 1024, 'csv is larger than 20 MB: split it or use a watched folder'),
});

export const uploadHrCsv = defineEndpoint({
  method: 'POST',
  path: '/api/hr/sources/:id/imports',
  access: { permission: 'hr.manage' },
  summary: 'Imports a CSV file into a CSV source; held when it crosses a threshold',
  tags: HR_TAGS,
  params: idParamsSchema,
  body: hrUploadSchema,
  response: hrImportSchema,
  status: 201,
});

export const readHrSourceNow = defineEndpoint({
  method: 'POST',
  path: '/api/hr/sources/:id/read',
  access: { permission: 'hr.manage' },
  summary: 'Reads a JSON source (or a CSV source’s watched folder) now',
  tags: HR_TAGS,
  params: idParamsSchema,
  response: z.object({ imports: z.array(hrImportSchema) }),
});

export const listHrImports = defineEndpoint({
  method: 'GET',
  path: '/api/hr/sources/:id/imports',
  access: { permission: 'hr.read' },
  summary: 'A source’s imports, newest first',
  tags: HR_TAGS,
  params: idParamsSchema,
  query: listQuerySchema.pick({ cursor: true, limit: true }),
  response: pageSchema(hrImportSchema),
});

const importParamsSchema = z.object({ id: idSchema, importId: idSchema });

export const confirmHrImport = defineEndpoint({
  method: 'POST',
  path: '/api/hr/sources/:id/imports/:importId/confirm',
  access: { permission: 'hr.manage' },
  summary: 'Applies an import a threshold held',
  tags: HR_TAGS,
  params: importParamsSchema,
  response: hrImportSchema,
});

export const discardHrImport = defineEndpoint({
  method: 'POST',
  path: '/api/hr/sources/:id/imports/:importId/discard',
  access: { permission: 'hr.manage' },
  summary: 'Throws away an import a threshold held; the persons stay as they were',
  tags: HR_TAGS,
  params: importParamsSchema,
  response: hrImportSchema,
});
