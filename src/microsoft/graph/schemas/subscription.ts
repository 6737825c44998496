import { z } from 'zod';
import { nullableString } from './common.js';

/** A change-notification subscription as Graph returns it (subscription.md); unknown fields kept. */
export const graphSubscriptionSchema = z.looseObject({
  id: z.string().min(1),
  resource: z.string(),
  changeType: z.string(),
  expirationDateTime: z.string(),
  notificationUrl: nullableString,
  lifecycleNotificationUrl: nullableString,
});
export type GraphSubscription = z.infer<typeof graphSubscriptionSchema>;

/**
 * One change notification of a webhook POST (change-notifications-delivery-webhooks). Directory
 * resources carry no resource data beyond the object's id. Items are read one by one: a POST may
 * batch several subscriptions', and one malformed item must not hide the others.
 */
export const changeNotificationSchema = z.looseObject({
  subscriptionId: z.string().min(1),
  clientState: z.string().nullish(),
  tenantId: z.string().nullish(),
  changeType: z.string().nullish(),
  resource: z.string().nullish(),
  subscriptionExpirationDateTime: z.string().nullish(),
});
export type ChangeNotification = z.infer<typeof changeNotificationSchema>;

/** A lifecycle notification (change-notifications-lifecycle-events). */
export const lifecycleNotificationSchema = z.looseObject({
  subscriptionId: z.string().min(1),
  clientState: z.string().nullish(),
  tenantId: z.string().nullish(),
  lifecycleEvent: z.string(),
  subscriptionExpirationDateTime: z.string().nullish(),
});
export type LifecycleNotification = z.infer<typeof lifecycleNotificationSchema>;

/** The body of a webhook POST: `{ value: [...] }`, items left unparsed (see above). */
export const notificationCollectionSchema = z.looseObject({ value: z.array(z.unknown()) });
