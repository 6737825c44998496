import { z } from 'zod';
import { faultRuleSchema } from '../faults/rules.js';
import { throttlingSettingsSchema } from '../faults/throttler-config.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';
import { adminInfo, patchBehaviour, setThrottling } from './operations.js';
import { parseBody } from './respond.js';
import type { adminRoutes } from './route-table.js';

const advanceSchema = z
  .object({
    seconds: z
      .number()
      .positive()
      .max(10 * 365 * 24 * 3600),
  })
  .strict();
const SERVICES = new Set(['identity', 'graph', 'partnercenter', 'admin']);

/** Info, clock, counters, fault rules, throttling and behaviour switches. */
export function registerOperationRoutes(admin: AdminContext, on: ReturnType<typeof adminRoutes>): void {
  const ctx = admin.emulator;
  on('GET', '', (req) => adminInfo(admin, req.url.origin));

  on('GET', '/clock', () => ({ now: new Date(ctx.clock.now()).toISOString() }));
  on('POST', '/clock/advance', (req) => {
    ctx.clock.advance(parseBody(advanceSchema, req).seconds * 1000);
    return { now: new Date(ctx.clock.now()).toISOString() };
  });

  on('GET', '/counters', (req) => {
    const q = req.url.searchParams;
    const service = q.get('service') ?? undefined;
    if (service && !SERVICES.has(service)) {
      throw new AdminError(400, 'ValidationFailed', `service must be one of ${[...SERVICES].join(', ')}.`);
    }
    const filter = {
      ...(service ? { service: service as 'graph' } : {}),
      ...(q.get('route') ? { route: q.get('route')! } : {}),
      ...(q.get('method') ? { method: q.get('method')!.toUpperCase() } : {}),
      ...(q.get('tenantId') ? { tenantId: q.get('tenantId')!.toLowerCase() } : {}),
    };
    return { total: ctx.counters.total(filter), rows: ctx.counters.list(filter) };
  });
  on('DELETE', '/counters', () => ctx.counters.reset());

  on('GET', '/faults', () => ctx.faults.list());
  on('POST', '/faults', (req) => ctx.faults.add(parseBody(faultRuleSchema, req)), 201);
  on('DELETE', '/faults', () => ctx.faults.clear());
  on('DELETE', '/faults/:id', (_req, p) => {
    if (!ctx.faults.remove(p.id!)) throw new AdminError(404, 'FaultNotFound', `No fault rule '${p.id}'.`);
  });

  on('GET', '/throttling', () => admin.throttling);
  on('PUT', '/throttling', (req) => setThrottling(admin, parseBody(throttlingSettingsSchema, req)));

  on('GET', '/config', () => ctx.behaviour);
  on('PATCH', '/config', (req) => patchBehaviour(admin, parseBody(z.unknown(), req)));
}
