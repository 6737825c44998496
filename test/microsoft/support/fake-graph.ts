import { createGraphClient } from '../../../src/microsoft/graph/graph-client.js';
import { createHttpClient } from '../../../src/microsoft/http/http-client.js';
import { defaultRetryPolicy } from '../../../src/microsoft/http/retry-policy.js';
import { createFakeFetch, fakeSleep, type Scripted } from './fake-fetch.js';

export const FAKE_GRAPH_BASE = 'https://graph.example/v1.0';

/** A Graph client over a scripted fetch, with instant sleeps (recorded in `slept`). */
export function graphSetup(script: Scripted[]) {
  const fake = createFakeFetch(script);
  const { sleep, slept } = fakeSleep();
  const http = createHttpClient({
    fetch: fake.fetch,
    sleep,
    random: () => 0.5,
    retryPolicy: defaultRetryPolicy,
  });
  const graph = createGraphClient({
    baseUrl: `${FAKE_GRAPH_BASE}/`,
    tokens: { getToken: async () => 'tok' },
    http,
  });
  return { ...fake, slept, graph };
}

export async function collectPages<T>(iterable: AsyncIterable<{ items: T[] }>): Promise<T[][]> {
  const pages: T[][] = [];
  for await (const page of iterable) pages.push(page.items);
  return pages;
}
