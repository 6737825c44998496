import type { EmulatorContext } from '../context.js';
import { rollRenewals } from './nce.js';
import { newEtag, syncSkuUnits, type PcSubscriptionWithPending } from './records.js';
import { subscriptionUpdated } from './webhooks/service.js';

/**
 * Applies accepted changes to a subscription: new etag, the customer's SKU kept in step, and a
 * `subscription-updated` webhook event.
 */
export function applySubscriptionChange(
  ctx: EmulatorContext,
  customerId: string,
  sub: PcSubscriptionWithPending,
  changes: Record<string, unknown>,
): void {
  Object.assign(sub.props, changes);
  sub.etag = newEtag();
  if (sub.skuId) syncSkuUnits(ctx.estate, customerId, sub.skuId);
  if (Object.keys(changes).length > 0) subscriptionUpdated(ctx, customerId, sub.props.id);
}

/**
 * Brings subscriptions up to the emulator clock: slow (202) changes whose time has come are
 * applied and auto-renewing terms that ended are renewed. Runs before every Partner Center
 * request and before Graph reads seats, so both sides agree without timers.
 */
export function settleSubscriptions(ctx: EmulatorContext): void {
  const partnerId = ctx.estate.partnerTenantId;
  const state = partnerId ? ctx.estate.tenant(partnerId)?.partnerCenter : undefined;
  if (!state) return;
  const now = ctx.clock.now();
  for (const [customerId, subs] of state.subscriptions) {
    for (const sub of subs.values() as Iterable<PcSubscriptionWithPending>) {
      if (rollRenewals(sub.props, now)) subscriptionUpdated(ctx, customerId, sub.props.id);
      if (sub.pending && sub.pending.applyAt <= now) {
        const { changes } = sub.pending;
        delete sub.pending;
        applySubscriptionChange(ctx, customerId, sub, changes);
      }
    }
  }
}
