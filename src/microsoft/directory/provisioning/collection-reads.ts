import type { z } from 'zod';
import type { LoggedExchange } from '../../../contracts/outbound.js';
import type { GraphClient } from '../../graph/graph-client.js';
import { graphPageSchema } from '../../graph/schemas/common.js';

/** Reads of several small collections, and how to log them. */
export interface CollectionReads<T> {
  request: LoggedExchange;
  /** Every item of every read, in the order of `urls`. */
  run(): Promise<T[]>;
}

/**
 * One GET per filtered read; one read is sent as it is (every page followed), several go in one
 * `$batch` (20 per call; the batch client retries throttled items). Batched reads are filtered to
 * a handful of objects each, so their first page holds everything. A failed read throws its
 * catalogued error.
 */
export function collectionReads<T>(
  graph: Pick<GraphClient, 'pages' | 'batch'>,
  urls: string[],
  itemSchema: z.ZodType<T>,
): CollectionReads<T> {
  if (urls.length === 1) {
    const url = urls[0]!;
    return {
      request: { method: 'GET', url },
      async run() {
        const items: T[] = [];
        for await (const page of graph.pages(url, itemSchema)) items.push(...page.items);
        return items;
      },
    };
  }
  const schema = graphPageSchema(itemSchema);
  return {
    request: {
      method: 'POST',
      url: '/$batch',
      body: { requests: urls.map((url) => ({ method: 'GET', url })) },
    },
    async run() {
      const results = await graph.batch(urls.map((url) => ({ method: 'GET', url, schema })));
      const failed = results.find((r) => r.error);
      if (failed?.error) throw failed.error;
      return results.flatMap((r) => (r.body as z.infer<typeof schema>).value as T[]);
    },
  };
}

/** Splits `items` into runs of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
