/** The directory collections Rollcall subscribes to, per tenant. */
export const NOTIFICATION_RESOURCES = ['users', 'groups'] as const;
export type NotificationResource = (typeof NOTIFICATION_RESOURCES)[number];

/** `removed`: switched off, waiting for its Microsoft subscription to be deleted. */
export type SubscriptionStatus = 'pending' | 'active' | 'failed' | 'removed';

/** What went wrong with a subscription, in words a person can act on. */
export interface SubscriptionProblem {
  code: string;
  message: string;
}

/** One (connection, tenant, resource) subscription as Rollcall keeps it. */
export interface StoredSubscription {
  id: string;
  connectionId: string;
  tenantId: string;
  resource: NotificationResource;
  /** Microsoft's id; null until created (or after it was lost). */
  subscriptionId: string | null;
  clientStateHash: string;
  status: SubscriptionStatus;
  expiresAt: Date | null;
}
