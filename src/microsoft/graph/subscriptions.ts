import type { GraphClient } from './graph-client.js';
import { graphSubscriptionSchema, type GraphSubscription } from './schemas/subscription.js';

/**
 * Change-notification subscriptions (subscription.md). Directory resources (users, groups) live at
 * most 41,760 minutes (just under 29 days) and support the change types `updated` (create, update,
 * soft delete, restore, membership) and `deleted` (permanent delete) only.
 */
export const DIRECTORY_SUBSCRIPTION_MAX_MINUTES = 41_760;
export const DIRECTORY_CHANGE_TYPES = 'updated,deleted';
/** subscription.md: `clientState` is at most 128 characters. */
export const CLIENT_STATE_MAX_LENGTH = 128;

export interface NewSubscription {
  /** `/users` or `/groups`. */
  resource: string;
  notificationUrl: string;
  /** Can only be set at creation; Graph validates it with the same handshake. */
  lifecycleNotificationUrl?: string;
  expirationDateTime: Date;
  clientState: string;
  changeType?: string;
}

/** Subscription calls of one tenant's Graph client; every call throws catalogued `MicrosoftError`s. */
export interface GraphSubscriptions {
  /** `POST /subscriptions`: Graph validates the URLs (handshake) before answering 201. */
  create(input: NewSubscription, signal?: AbortSignal): Promise<GraphSubscription>;
  /** `PATCH /subscriptions/{id}` with a new expiry (404 when the subscription is gone). */
  renew(id: string, expirationDateTime: Date, signal?: AbortSignal): Promise<void>;
  /** `POST /subscriptions/{id}/reauthorize`, the answer to `reauthorizationRequired`. */
  reauthorize(id: string, signal?: AbortSignal): Promise<void>;
  delete(id: string, signal?: AbortSignal): Promise<void>;
}

const path = (id: string) => `/subscriptions/${encodeURIComponent(id)}`;
const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

export function graphSubscriptions(graph: GraphClient): GraphSubscriptions {
  return {
    create: (input, signal) => {
      if (input.clientState.length > CLIENT_STATE_MAX_LENGTH) {
        throw new RangeError(`clientState must be at most ${CLIENT_STATE_MAX_LENGTH} characters`);
      }
      return graph.post(
        '/subscriptions',
        {
          changeType: input.changeType ?? DIRECTORY_CHANGE_TYPES,
          notificationUrl: input.notificationUrl,
          ...(input.lifecycleNotificationUrl
            ? { lifecycleNotificationUrl: input.lifecycleNotificationUrl }
            : {}),
          resource: input.resource,
          expirationDateTime: input.expirationDateTime.toISOString(),
          clientState: input.clientState,
        },
        { schema: graphSubscriptionSchema, ...withSignal(signal) },
      );
    },
    renew: (id, expirationDateTime, signal) =>
      graph.patch(path(id), { expirationDateTime: expirationDateTime.toISOString() }, withSignal(signal)),
    reauthorize: async (id, signal) => {
      await graph.post(`${path(id)}/reauthorize`, undefined, withSignal(signal));
    },
    delete: (id, signal) => graph.delete(path(id), withSignal(signal)),
  };
}
