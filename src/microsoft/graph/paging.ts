import type { z } from 'zod';
import { graphPageSchema } from './schemas/common.js';
import type { GraphRequestOptions, GraphTransport } from './request.js';

/** One page of a Graph collection. `count` is `@odata.count`, present on the first page only. */
export interface GraphPage<T> {
  items: T[];
  count?: number;
}

/**
 * Follows `@odata.nextLink` verbatim (never rebuilt: skip tokens are opaque) and re-sends the
 * caller's headers on every page, because Graph does not carry `ConsistencyLevel` into the link.
 * Empty pages with a nextLink are followed too.
 */
export async function* graphPages<T>(
  transport: GraphTransport,
  path: string,
  itemSchema: z.ZodType<T>,
  options: GraphRequestOptions = {},
): AsyncGenerator<GraphPage<T>, void, undefined> {
  const schema = graphPageSchema(itemSchema);
  let next: string | undefined = path;
  while (next !== undefined) {
    const res: { body: z.infer<typeof schema> } = await transport.send('GET', next, { ...options, schema });
    const body = res.body;
    yield body['@odata.count'] === undefined
      ? { items: body.value }
      : { items: body.value, count: body['@odata.count'] };
    next = body['@odata.nextLink'];
  }
}
