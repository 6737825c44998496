import type { z } from 'zod';
import { json, type EmuRequest, type EmuResponse, type Handler } from '../http/types.js';
import { AdminError } from './admin-error.js';

/** `{ error: { code, message, details? } }`, the admin API's error shape. */
export function adminError(err: AdminError): EmuResponse {
  return json(err.status, {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details === undefined ? {} : { details: err.details }),
    },
  });
}

/** Validates a JSON body; an empty body counts as `{}`. Field problems are listed as `path: message`. */
export function parseBody<S extends z.ZodType>(schema: S, req: EmuRequest): z.output<S> {
  let raw: unknown = {};
  const text = req.body
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim();
  if (text) {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new AdminError(400, 'InvalidJson', `The body is not valid JSON: ${(err as Error).message}`);
    }
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((i) => describeIssue(i, []));
  throw new AdminError(400, 'ValidationFailed', `Invalid request body. ${issues.join('; ')}`, issues);
}

/** `path: message`; a failed union lists what each alternative expected, not just "Invalid input". */
function describeIssue(issue: z.core.$ZodIssue, parent: PropertyKey[]): string[] {
  const path = [...parent, ...issue.path];
  const where = path.map(String).join('.') || '(body)';
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const options = issue.errors.map((branch) => branch.flatMap((i) => describeIssue(i, path)).join(', '));
    return [`${where}: expected one of: ${options.map((o) => `(${o})`).join(' or ')}`];
  }
  return [`${where}: ${issue.message}`];
}

/** Wraps an admin handler: `AdminError`s become their JSON answer; results become 200 JSON. */
export function adminRoute(
  handler: (req: EmuRequest, params: Record<string, string>) => unknown,
  status = 200,
): Handler {
  return async (req, params) => {
    try {
      const result = await handler(req, params);
      if (result === undefined) return { status: 204 };
      return json(status, result);
    } catch (err) {
      if (err instanceof AdminError) return adminError(err);
      throw err;
    }
  };
}
