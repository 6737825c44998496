import { z } from 'zod';

/** Where a page resumes: an object position (id in an initial round, index in a change round) and a member offset. */
export const deltaCursorSchema = z.object({
  pos: z.union([z.string(), z.number().int().min(0)]).nullable(),
  members: z.number().int().min(0),
});

/**
 * What a `$skiptoken` / `$deltatoken` carries. Tokens encode the original query so clients never
 * re-add `$select`/`$filter` (delta-query-overview: "tokens are opaque and encode the query").
 */
export const deltaTokenSchema = z.object({
  /** `skip`: a nextLink inside a round; `delta`: a deltaLink that starts the next round. */
  kind: z.enum(['skip', 'delta']),
  tenantId: z.string(),
  resource: z.enum(['users', 'groups']),
  /** Canonical `$select` names as the client gave them; null without `$select`. */
  select: z.array(z.string()).nullable(),
  /** Ids of `$filter=id eq '…' or …`; null without a filter. */
  ids: z.array(z.string()).nullable(),
  expandMembers: z.boolean(),
  /** `initial`: current state of every object; `changes`: log entries after `from`. */
  phase: z.enum(['initial', 'changes']),
  /** Change-log version the changes are read after (unused in initial rounds). */
  from: z.number().int().min(0),
  /** Change-log version when the round started: the next round's watermark. */
  to: z.number().int().min(0),
  issuedAt: z.number(),
  cursor: deltaCursorSchema,
});

export type DeltaToken = z.infer<typeof deltaTokenSchema>;
export type DeltaCursor = z.infer<typeof deltaCursorSchema>;

export function encodeDeltaToken(token: DeltaToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

/** The token, or null when it is garbled (answered like an expired token). */
export function decodeDeltaToken(raw: string): DeltaToken | null {
  try {
    const parsed = deltaTokenSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
