import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

/** The route label of requests that matched no route: one series instead of one per URL. */
const UNMATCHED_ROUTE = 'unmatched';
const MS_PER_SECOND = 1000;

/**
 * Counts and times every answered request by method, route pattern (`/api/customers/:id`, never
 * the concrete URL, so ids do not explode the series) and status.
 */
export function instrumentHttp(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.is404 ? UNMATCHED_ROUTE : (request.routeOptions.url ?? UNMATCHED_ROUTE),
      status: String(reply.statusCode),
    };
    metrics.http.requests.inc(labels);
    metrics.http.duration.observe(labels, reply.elapsedTime / MS_PER_SECOND);
  });
}
