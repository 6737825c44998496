import {
  createGraphClient,
  type GraphClient,
  type HttpClient,
  type MicrosoftClients,
  type TokenSource,
} from '../../../microsoft/index.js';

/**
 * A Graph client for one tenant that counts the requests it sends (a `$batch` is one; retries of
 * one request are not more): what a run records as `graphRequests`.
 */
export function countedGraph(
  clients: MicrosoftClients,
  tokens: TokenSource,
): { graph: GraphClient; requestCount(): number } {
  let count = 0;
  const http: HttpClient = {
    retry: clients.http.retry,
    send: (request) => {
      count += 1;
      return clients.http.send(request);
    },
  };
  return {
    graph: createGraphClient({ baseUrl: clients.endpoints.graphBaseUrl, tokens, http }),
    requestCount: () => count,
  };
}
