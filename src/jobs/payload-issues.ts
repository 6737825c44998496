import type { z } from 'zod';
import type { PayloadIssue } from './errors.js';

/** A zod error as one issue per field path, for `JobPayloadError`. */
export function payloadIssues(error: z.ZodError): PayloadIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
