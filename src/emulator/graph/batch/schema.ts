import { z } from 'zod';

/** json-batching.md: at most 20 requests per batch. */
export const MAX_BATCH_REQUESTS = 20;

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT']);

export const batchItemSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
});

export const batchBodySchema = z.object({ requests: z.array(batchItemSchema) });

export interface BatchItem {
  id: string;
  method: string;
  url: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

/** Whole-batch rejections answer 400 with these (wording as observed from Graph where known). */
export const BATCH_MESSAGES = {
  invalid: 'Invalid batch payload format.',
  tooMany: 'Number of requests inside batch exceeds the limit.',
  duplicateId:
    'Batch request contains duplicate request ids. Request ids must be unique (not case-sensitive).',
  writeWithoutBody: (id: string) => `Write request id : ${id} does not contain Content-Type header or body.`,
  unknownDependency: (id: string, dep: string) =>
    `Request id : ${id} depends on request id : ${dep}, which is not in the batch.`,
  cycle: (id: string) => `Request id : ${id} is part of a circular dependsOn chain.`,
} as const;

function hasCycle(items: BatchItem[]): string | null {
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (item: BatchItem): boolean => {
    const key = item.id.toLowerCase();
    if (state.get(key) === 'done') return false;
    if (state.get(key) === 'visiting') return true;
    state.set(key, 'visiting');
    for (const dep of item.dependsOn) if (visit(byId.get(dep.toLowerCase())!)) return true;
    state.set(key, 'done');
    return false;
  };
  for (const item of items) if (visit(item)) return item.id;
  return null;
}

/** The batch's requests, or the message of the 400 that rejects the whole batch. */
export function parseBatch(raw: unknown): { items: BatchItem[] } | { error: string } {
  const parsed = batchBodySchema.safeParse(raw);
  if (!parsed.success || parsed.data.requests.length === 0) return { error: BATCH_MESSAGES.invalid };
  if (parsed.data.requests.length > MAX_BATCH_REQUESTS) return { error: BATCH_MESSAGES.tooMany };
  const items: BatchItem[] = parsed.data.requests.map((r) => ({
    id: r.id,
    method: r.method.toUpperCase(),
    url: r.url,
    headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    body: r.body,
    dependsOn: r.dependsOn ?? [],
  }));
  const ids = new Set(items.map((i) => i.id.toLowerCase()));
  if (ids.size !== items.length) return { error: BATCH_MESSAGES.duplicateId };
  for (const item of items) {
    if (WRITE_METHODS.has(item.method) && (item.body === undefined || !item.headers['content-type'])) {
      return { error: BATCH_MESSAGES.writeWithoutBody(item.id) };
    }
    const missing = item.dependsOn.find((d) => !ids.has(d.toLowerCase()));
    if (missing !== undefined) return { error: BATCH_MESSAGES.unknownDependency(item.id, missing) };
  }
  const cyclic = hasCycle(items);
  if (cyclic !== null) return { error: BATCH_MESSAGES.cycle(cyclic) };
  return { items };
}
