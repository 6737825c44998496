import { z } from 'zod';

/**
 * The one error body every route answers with. `errors` names each invalid field and what to do;
 * no stack traces ever reach a client.
 */
export const apiErrorSchema = z.object({
  code: z.string().describe('Stable machine-readable code, e.g. `validation_failed`, `forbidden`'),
  message: z.string().describe('What happened and what to do, for a person'),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe('Field-level problems (dotted paths)'),
  requestId: z.string().optional(),
});

export type ApiError = z.infer<typeof apiErrorSchema>;

/** The closed set of error codes the API answers with. */
export const API_ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'rate_limited',
  'account_locked',
  'setup_required',
  'setup_done',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
