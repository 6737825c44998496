import { z } from 'zod';
import type { ImportModule, MembershipSnapshot } from './ports.js';

/**
 * A tenant's delta position for one module, as stored in `sync_checkpoints.cursor` (JSON):
 * - `links`: where the next users and groups rounds start, the signature of the queries they
 *   were taken with (links of other queries answer other fields, so they are not reused), and
 *   the configuration version that planned up to them (a new one must be applied to everyone);
 * - `latest`: a person chose "get latest": the next run takes links from now and plans nothing.
 * No cursor at all (cleared, or never run) means the next run reads the tenant in full.
 */
export const deltaCursorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('links'),
    users: z.string(),
    groups: z.string(),
    query: z.string(),
    config: z.number().int(),
  }),
  z.object({ kind: z.literal('latest') }),
]);
export type DeltaCursor = z.infer<typeof deltaCursorSchema>;

/** The checkpoint resource of a module's delta position. */
export const deltaResource = (module: ImportModule) => `entra.${module}.delta`;

/** A stored cursor, or null when absent or written by something else (a full read then repairs it). */
export function parseDeltaCursor(raw: string | null): DeltaCursor | null {
  if (raw === null) return null;
  try {
    const parsed = deltaCursorSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const encodeDeltaCursor = (cursor: DeltaCursor): string => JSON.stringify(cursor);

const stateSchema = z.object({
  membership: z.object({
    members: z.record(z.string(), z.array(z.string())),
    missing: z.array(z.string()),
    ambiguous: z.array(z.string()),
    groups: z.array(z.object({ id: z.string(), name: z.string(), nested: z.boolean() })).optional(),
  }),
});

/** The membership a checkpoint keeps beside the links (what the next round compares with). */
export function membershipFromState(state: Record<string, unknown> | null): MembershipSnapshot | null {
  const parsed = stateSchema.safeParse(state);
  if (!parsed.success) return null;
  const { members, missing, ambiguous, groups } = parsed.data.membership;
  return {
    membersByName: new Map(Object.entries(members).map(([name, ids]) => [name, new Set(ids)])),
    missing,
    ambiguous,
    ...(groups ? { groups } : {}),
  };
}

export function stateFromMembership(membership: MembershipSnapshot): Record<string, unknown> {
  const members: Record<string, string[]> = {};
  for (const [name, ids] of membership.membersByName) members[name] = [...ids].sort();
  const { missing, ambiguous, groups } = membership;
  return { membership: { members, missing, ambiguous, ...(groups ? { groups } : {}) } };
}
