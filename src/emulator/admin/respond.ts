import { z } from 'zod';
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
  const issues = result.error.issues.map(
    (i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`,
  );
  throw new AdminError(400, 'ValidationFailed', `Invalid request body. ${issues.join('; ')}`, issues);
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
