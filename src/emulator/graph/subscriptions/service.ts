import type { EmulatorContext } from '../../context.js';
import type { GraphSubscriptionRecord, TenantRecord } from '../../state/types.js';
import { createDeliverer, type Deliverer, type DeliveryLogEntry, type DeliveryStats } from './delivery.js';
import { changeNotification, reauthorizationNotification } from './present.js';
import { changeTypeOf, matches, parseResource } from './resource.js';

/** Subscriptions of one emulator: lookups that honour expiry, and the delivery pipeline. */
export interface SubscriptionService {
  deliverer: Deliverer;
  /** The subscription if it exists and has not expired; expired ones are removed on sight. */
  live(tenant: TenantRecord, id: string): GraphSubscriptionRecord | null;
  /** Live subscriptions of a tenant. */
  liveIn(tenant: TenantRecord): GraphSubscriptionRecord[];
  /** Live subscriptions across all tenants (quota checks). */
  liveEverywhere(): GraphSubscriptionRecord[];
}

// Keyed by context so the admin API can reach an emulator's subscriptions without holding state of its own.
const services = new WeakMap<EmulatorContext, SubscriptionService>();

export function createSubscriptionService(ctx: EmulatorContext): SubscriptionService {
  const expired = (sub: GraphSubscriptionRecord) => Date.parse(sub.expirationDateTime) <= ctx.clock.now();
  const liveIn = (tenant: TenantRecord) => {
    const out: GraphSubscriptionRecord[] = [];
    for (const sub of [...tenant.graphSubscriptions.values()]) {
      if (expired(sub)) tenant.graphSubscriptions.delete(sub.id);
      else out.push(sub);
    }
    return out;
  };
  const live = (tenant: TenantRecord, id: string) => {
    const sub = tenant.graphSubscriptions.get(id.toLowerCase()) ?? null;
    if (sub && expired(sub)) {
      tenant.graphSubscriptions.delete(sub.id);
      return null;
    }
    return sub;
  };
  const deliverer = createDeliverer({
    clock: ctx.clock,
    behaviour: ctx.behaviour,
    isLive: (tenantId, id) => {
      const tenant = ctx.estate.tenant(tenantId);
      return tenant !== undefined && live(tenant, id) !== null;
    },
  });
  const service: SubscriptionService = {
    deliverer,
    live,
    liveIn,
    liveEverywhere: () => [...ctx.estate.tenants.values()].flatMap(liveIn),
  };

  ctx.estate.log.onChange((tenantId, entry) => {
    const tenant = ctx.estate.tenant(tenantId);
    if (!tenant || tenant.graphSubscriptions.size === 0) return;
    const changeType = changeTypeOf(entry);
    for (const sub of liveIn(tenant)) {
      const watched = parseResource(sub.resource);
      if (!watched || !matches(watched, entry)) continue;
      if (!sub.changeType.split(',').some((t) => t.trim().toLowerCase() === changeType)) continue;
      deliverer.enqueue(new URL(sub.notificationUrl), {
        tenantId,
        subscriptionId: sub.id,
        kind: 'change',
        payload: changeNotification(sub, entry),
      });
    }
  });
  services.set(ctx, service);
  return service;
}

function serviceOf(ctx: EmulatorContext): SubscriptionService {
  const service = services.get(ctx);
  if (!service) throw new Error('emulator: subscription routes are not registered on this context');
  return service;
}

/** Delivery attempts (all subscriptions, or one), oldest first; for the admin API and tests. */
export function listDeliveries(ctx: EmulatorContext, subscriptionId?: string): DeliveryLogEntry[] {
  return serviceOf(ctx).deliverer.log(subscriptionId);
}

/** Counters of notification POSTs and their outcomes. */
export function deliveryStats(ctx: EmulatorContext): DeliveryStats {
  return serviceOf(ctx).deliverer.stats();
}

/** Resolves once every queued notification has been delivered, dropped or given up on. */
export function whenDeliveriesIdle(ctx: EmulatorContext): Promise<void> {
  return serviceOf(ctx).deliverer.idle();
}

/**
 * Sends a `reauthorizationRequired` lifecycle notification for a subscription, as Graph does when
 * the app's access must be confirmed. False when the subscription is unknown, expired or has no
 * `lifecycleNotificationUrl`.
 */
export function emitReauthorizationRequired(
  ctx: EmulatorContext,
  tenantId: string,
  subscriptionId: string,
): boolean {
  const service = serviceOf(ctx);
  const tenant = ctx.estate.tenant(tenantId);
  const sub = tenant ? service.live(tenant, subscriptionId) : null;
  if (!sub?.lifecycleNotificationUrl) return false;
  service.deliverer.enqueue(new URL(sub.lifecycleNotificationUrl), {
    tenantId: sub.tenantId,
    subscriptionId: sub.id,
    kind: 'lifecycle',
    payload: reauthorizationNotification(sub),
  });
  return true;
}
