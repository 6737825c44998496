import type { EmulatorContext } from '../../context.js';
import { readJson, type EmuRequest, type EmuResponse, type Handler } from '../../http/types.js';
import type { GraphSubscriptionRecord } from '../../state/types.js';
import { authenticateGraph, type GraphCaller, type GraphHandler } from '../auth.js';
import { graphError, graphJson, noContent, odataContext } from '../respond.js';
import { createSubscription } from './create.js';
import { subscriptionEntity, subscriptionJson } from './present.js';
import { checkExpiry, patchSubscriptionSchema } from './schema.js';
import { createSubscriptionService, type SubscriptionService } from './service.js';

export { deliveryStats, emitReauthorizationRequired, listDeliveries, whenDeliveriesIdle } from './service.js';

const notFound = (req: EmuRequest, id: string) =>
  graphError(req, 404, 'ResourceNotFound', `The subscription '${id}' was not found.`);

/** An app sees and manages only the subscriptions it created (app-only tokens). */
function ownSubscription(
  service: SubscriptionService,
  req: EmuRequest,
  caller: GraphCaller,
  id: string,
): GraphSubscriptionRecord | EmuResponse {
  const sub = service.live(caller.tenant, id);
  if (!sub || sub.applicationId.toLowerCase() !== caller.appId.toLowerCase()) return notFound(req, id);
  return sub;
}

/** Change notification subscriptions for users and groups (`/subscriptions`), and their delivery. */
export function registerSubscriptionRoutes(ctx: EmulatorContext): void {
  const service = createSubscriptionService(ctx);
  // Token validation only: an app manages its own subscriptions; creation checks the resource's permission.
  const route =
    (handler: GraphHandler): Handler =>
    async (req, params) => {
      const caller = await authenticateGraph(ctx, req);
      return 'tenant' in caller ? handler(req, params, caller) : caller;
    };

  ctx.router.on(
    'POST',
    '/v1.0/subscriptions',
    { service: 'graph', name: 'POST /subscriptions' },
    route((req, _p, caller) => createSubscription(ctx, service, req, caller)),
  );
  ctx.router.on(
    'GET',
    '/v1.0/subscriptions',
    { service: 'graph', name: 'GET /subscriptions' },
    route((req, _p, caller) => {
      const mine = service
        .liveIn(caller.tenant)
        .filter((s) => s.applicationId.toLowerCase() === caller.appId.toLowerCase());
      return graphJson(200, {
        '@odata.context': odataContext(req, 'subscriptions'),
        value: mine.map(subscriptionJson),
      });
    }),
  );
  ctx.router.on(
    'GET',
    '/v1.0/subscriptions/:id',
    { service: 'graph', name: 'GET /subscriptions/{id}' },
    route((req, params, caller) => {
      const sub = ownSubscription(service, req, caller, params.id!);
      return 'status' in sub ? sub : graphJson(200, subscriptionEntity(req, sub));
    }),
  );
  ctx.router.on(
    'PATCH',
    '/v1.0/subscriptions/:id',
    { service: 'graph', name: 'PATCH /subscriptions/{id}' },
    route((req, params, caller) => {
      const sub = ownSubscription(service, req, caller, params.id!);
      if ('status' in sub) return sub;
      const parsed = patchSubscriptionSchema.safeParse(readJson(req));
      if (!parsed.success) {
        return graphError(
          req,
          400,
          'InvalidRequest',
          'Only expirationDateTime can be updated, and it is required.',
        );
      }
      const expiry = checkExpiry(parsed.data.expirationDateTime, ctx.clock.now());
      if (!expiry.ok) return graphError(req, 400, 'InvalidRequest', expiry.message);
      sub.expirationDateTime = new Date(expiry.expiresAt).toISOString();
      return graphJson(200, subscriptionEntity(req, sub));
    }),
  );
  ctx.router.on(
    'DELETE',
    '/v1.0/subscriptions/:id',
    { service: 'graph', name: 'DELETE /subscriptions/{id}' },
    route((req, params, caller) => {
      const sub = ownSubscription(service, req, caller, params.id!);
      if ('status' in sub) return sub;
      caller.tenant.graphSubscriptions.delete(sub.id);
      return noContent();
    }),
  );
  ctx.router.on(
    'POST',
    '/v1.0/subscriptions/:id/reauthorize',
    { service: 'graph', name: 'POST /subscriptions/{id}/reauthorize' },
    route((req, params, caller) => {
      const sub = ownSubscription(service, req, caller, params.id!);
      return 'status' in sub ? sub : noContent();
    }),
  );
}
