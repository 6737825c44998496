import { clientStateMatches } from './client-state.js';
import type { StoredSubscription } from './types.js';

/** A webhook POST's items, sorted by whether Rollcall may act on them. */
export interface NotificationVerdicts<T> {
  /** Items of known subscriptions whose client state matched, with their subscription. */
  accepted: { item: T; subscription: StoredSubscription }[];
  /** Items for subscriptions Rollcall does not hold (an old one, or someone else's). */
  unknown: T[];
  /** Items of a known subscription with a wrong or missing client state, or another tenant. */
  rejected: T[];
}

/**
 * Checks each notification against the subscription it names: it must be one Rollcall holds
 * (and has not switched off), carry that subscription's client state, and, when it says which
 * tenant it is about, that subscription's tenant.
 */
export function sortNotifications<
  T extends { subscriptionId: string; clientState?: string | null; tenantId?: string | null },
>(items: T[], subscriptions: ReadonlyMap<string, StoredSubscription>): NotificationVerdicts<T> {
  const verdicts: NotificationVerdicts<T> = { accepted: [], unknown: [], rejected: [] };
  for (const item of items) {
    const subscription = subscriptions.get(item.subscriptionId.toLowerCase());
    if (!subscription || subscription.status === 'removed') {
      verdicts.unknown.push(item);
      continue;
    }
    const sameTenant = !item.tenantId || item.tenantId.toLowerCase() === subscription.tenantId.toLowerCase();
    if (!sameTenant || !clientStateMatches(item.clientState, subscription.clientStateHash)) {
      verdicts.rejected.push(item);
      continue;
    }
    verdicts.accepted.push({ item, subscription });
  }
  return verdicts;
}
