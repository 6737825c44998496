import { z } from 'zod';

/** A record id (any GUID; Microsoft's ids are GUIDs too). */
export const idSchema = z.guid('must be an id (a GUID)');

/** `{ id }` path parameters. */
export const idParamsSchema = z.object({ id: idSchema });

/** A point in time as an ISO 8601 string (UTC). */
export const timestampSchema = z.iso.datetime({ offset: true });

/** A yes/no query parameter (`true`/`false`, `1`/`0`, `yes`/`no`). */
export const queryFlagSchema = z.stringbool();

/**
 * `count=true` on a list asks for `total` where counting is not free (large tables); small
 * listings always answer it.
 */
export const countQuerySchema = queryFlagSchema
  .optional()
  .describe('Also count the matching items (costs a scan)');

/** A name typed by a person: trimmed, not empty. */
export function nameSchema(what: string, max = 200) {
  return z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`);
}
