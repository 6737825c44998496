import { z } from 'zod';

/** What a seek continuation token remembers: where the next page starts and the query it belongs to. */
const seekStateSchema = z.object({
  offset: z.number().int().min(0),
  size: z.number().int().min(1),
  filter: z.string().nullable(),
  issuedAt: z.number(),
});

export type SeekState = z.infer<typeof seekStateSchema>;

/** Opaque to clients; it carries its own issue time so it can expire without server state. */
export function encodeContinuationToken(state: SeekState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeContinuationToken(
  token: string,
  now: number,
  lifetimeSeconds: number,
): SeekState | null {
  try {
    const parsed = seekStateSchema.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    if (now - parsed.data.issuedAt > lifetimeSeconds * 1000) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
