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
 *
 * The next page is requested before this one is handed over, so Microsoft prepares it while the
 * caller works on this one; still one request in flight at a time. A caller that stops early
 * leaves that one request to finish unread.
 */
export async function* graphPages<T>(
  transport: GraphTransport,
  path: string,
  itemSchema: z.ZodType<T>,
  options: GraphRequestOptions = {},
): AsyncGenerator<GraphPage<T>, void, undefined> {
  const schema = graphPageSchema(itemSchema);
  type Body = z.infer<typeof schema>;
  const request = (url: string): Promise<Body> => {
    const sent = transport.send('GET', url, { ...options, schema }).then((res) => res.body);
    // Awaited below when the caller asks for the page; never an unhandled rejection meanwhile.
    sent.catch(() => undefined);
    return sent;
  };
  let pending: Promise<Body> | undefined = request(path);
  while (pending !== undefined) {
    const body: Body = await pending;
    const next: string | undefined = body['@odata.nextLink'];
    pending = next === undefined ? undefined : request(next);
    yield body['@odata.count'] === undefined
      ? { items: body.value }
      : { items: body.value, count: body['@odata.count'] };
  }
}
