import { z } from 'zod';

/**
 * The parts of a round with replays on (`graph.deltaReplays`): entries of the previous round sent
 * again, the round's own entries, then some of them sent again.
 */
export const roundPartSchema = z.enum(['replayed', 'main', 'repeated']);

/**
 * Where a page resumes: an object position (id in an initial round, index in a change round), a
 * member offset, and the part of the round (`main` when absent).
 */
export const deltaCursorSchema = z.object({
  pos: z.union([z.string(), z.number().int().min(0)]).nullable(),
  members: z.number().int().min(0),
  part: roundPartSchema.optional(),
});

/** A finished round, as the deltaLink it issued remembers it (for replays in the next round). */
export const previousRoundSchema = z.object({
  phase: z.enum(['initial', 'changes']),
  from: z.number().int().min(0),
  to: z.number().int().min(0),
  salt: z.number().int(),
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
  /** Seed of this round's replay decisions, drawn when it started; absent with replays off. */
  salt: z.number().int().optional(),
  /** The round whose deltaLink started this one, when it had replays on. */
  previous: previousRoundSchema.optional(),
});

export type DeltaToken = z.infer<typeof deltaTokenSchema>;
export type DeltaCursor = z.infer<typeof deltaCursorSchema>;
export type RoundPart = z.infer<typeof roundPartSchema>;
export type PreviousRound = z.infer<typeof previousRoundSchema>;

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
