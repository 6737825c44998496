import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { idParamsSchema, idSchema, timestampSchema } from './fields.js';
import { HR_TAGS } from './hr-sources.js';
import { listQuerySchema, pageSchema } from './pagination.js';

/** Enforcement runs (issue 9): the published rules applied to Entra, or a dry run of that. */

export const hrRunSchema = z.object({
  id: idSchema,
  sourceId: idSchema,
  dryRun: z.boolean(),
  status: z.enum(['running', 'completed', 'failed']),
  rulesVersion: z.number().int(),
  asOf: z.string(),
  /** Per action kind: planned (dry run) or done, and failed. */
  counts: z.record(z.string(), z.number().int()),
  triggeredByName: z.string(),
  error: z.string().nullable(),
  startedAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
});
export type HrRun = z.infer<typeof hrRunSchema>;

export const startHrRun = defineEndpoint({
  method: 'POST',
  path: '/api/hr/sources/:id/runs',
  access: { permission: 'hr.manage' },
  summary: 'Enforces the published rules now (or records what it would do, with dryRun)',
  tags: HR_TAGS,
  params: idParamsSchema,
  body: z.object({ dryRun: z.boolean().default(false) }),
  response: hrRunSchema,
  status: 202,
});

export const listHrRuns = defineEndpoint({
  method: 'GET',
  path: '/api/hr/sources/:id/runs',
  access: { permission: 'hr.read' },
  summary: 'A source’s enforcement runs, newest first',
  tags: HR_TAGS,
  params: idParamsSchema,
  query: listQuerySchema.pick({ cursor: true, limit: true }),
  response: pageSchema(hrRunSchema),
});
