import type { EmulatorContext } from '../../context.js';
import { readJson } from '../../http/types.js';
import { authenticateGraph } from '../auth.js';
import { graphError, graphJson } from '../respond.js';
import { executeBatch } from './execute.js';
import { BATCH_MESSAGES, parseBatch } from './schema.js';

/**
 * JSON batching, `POST /v1.0/$batch` (json-batching.md). Each inner request goes through the
 * whole pipeline (`ctx.dispatch`, `inBatch: true`), so it is counted, fault-injected and throttled
 * on its own; the batch itself answers 200 whenever it parses.
 */
export function registerBatchRoutes(ctx: EmulatorContext): void {
  ctx.router.on('POST', '/v1.0/$batch', { service: 'graph', name: 'POST /$batch' }, async (req) => {
    const caller = await authenticateGraph(ctx, req);
    if (!('tenant' in caller)) return caller;
    let raw: unknown;
    try {
      raw = readJson(req);
    } catch {
      return graphError(req, 400, 'BadRequest', BATCH_MESSAGES.invalid);
    }
    const parsed = parseBatch(raw);
    if ('error' in parsed) return graphError(req, 400, 'BadRequest', parsed.error);
    const responses = await executeBatch(req, parsed.items, ctx.dispatch);
    return graphJson(200, { responses });
  });
}
