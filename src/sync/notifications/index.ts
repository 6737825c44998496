export { clientStateMatches, hashClientState, newClientState } from './client-state.js';
export {
  maintainSubscriptions,
  RENEW_WITHIN_MS,
  SUBSCRIPTION_LIFETIME_MS,
  type MaintainPorts,
  type MaintainRequest,
  type MaintainSummary,
  type NotifiedConnection,
  type SubscriptionCalls,
} from './maintain.js';
export { sortNotifications, type NotificationVerdicts } from './verify.js';
export {
  NOTIFICATION_RESOURCES,
  type NotificationResource,
  type StoredSubscription,
  type SubscriptionProblem,
  type SubscriptionStatus,
} from './types.js';
