import type { z } from 'zod';
import type { PcTransport } from './request.js';
import { pcCollectionSchema } from './schemas.js';

/** One page of a Partner Center collection. */
export interface PcPage<T> {
  items: T[];
  totalCount?: number;
}

/**
 * Seek paging: replays `links.next.uri` with the headers the link lists (the
 * `MS-ContinuationToken`), until a page has no next link.
 */
export async function* pcPages<T>(
  transport: PcTransport,
  path: string,
  itemSchema: z.ZodType<T>,
): AsyncGenerator<PcPage<T>, void, undefined> {
  const schema = pcCollectionSchema(itemSchema);
  let next: { uri: string; headers: Record<string, string> } | undefined = { uri: path, headers: {} };
  while (next) {
    const res: { body: z.infer<typeof schema> } = await transport.send('GET', next.uri, {
      schema,
      headers: next.headers,
    });
    const body = res.body;
    yield body.totalCount === undefined
      ? { items: body.items }
      : { items: body.items, totalCount: body.totalCount };
    const link = body.links?.next;
    next = link
      ? { uri: link.uri, headers: Object.fromEntries(link.headers.map((h) => [h.key, h.value])) }
      : undefined;
  }
}

export async function allItems<T>(pages: AsyncIterable<PcPage<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) items.push(...page.items);
  return items;
}
