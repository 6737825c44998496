import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../../context.js';
import { postEvent } from './post.js';
import { createDispatchSigner, DISPATCH_CERTIFICATE_NAME, type DispatchSigner } from './signing.js';

/** Events the emulator raises (Partner Center lists more; these are the ones modelled). */
export const WEBHOOK_EVENTS = ['subscription-updated', 'test-created'] as const;

export interface WebhookRegistration {
  subscriberId: string;
  webhookUrl: string;
  webhookEvents: string[];
  /** The emulator's own origin when registered: resource and certificate URLs are built on it. */
  origin: string;
}

export interface ValidationEvent {
  correlationId: string;
  partnerId: string;
  status: 'queued' | 'completed';
  callbackUrl: string;
  results: { responseCode: string; responseMessage: string; systemError: boolean; dateTimeUtc: string }[];
}

export interface WebhookDelivery {
  eventName: string;
  url: string;
  at: string;
  status: number | null;
  error?: string;
}

/**
 * The partner's webhook registration, validation events and deliveries (one partner per emulator).
 * The registration belongs to the partner tenant it was made in: after the estate is cleared or
 * seeded again it is gone, as the partner it belonged to is.
 */
export interface WebhookService {
  registration: WebhookRegistration | null;
  validationEvents: Map<string, ValidationEvent>;
  deliveries: WebhookDelivery[];
  signer(): Promise<DispatchSigner>;
  /** POSTs an event to the registered URL if it subscribes to it; resolves after the attempt. */
  raise(
    eventName: string,
    resourceUri: (origin: string) => string,
    resourceName: string,
  ): Promise<number | null>;
  /** Resolves once every delivery started so far has finished. */
  idle(): Promise<void>;
}

const services = new WeakMap<EmulatorContext, WebhookService>();

/** Deliveries kept for the admin API and tests; older ones are forgotten. */
const DELIVERY_LOG_LIMIT = 500;

/** Receivers get this long to answer (Partner Center's own limit is not documented [K]). */
const DELIVERY_TIMEOUT_MS = 10_000;

const REASONS: Record<number, string> = {
  200: 'OK',
  202: 'Accepted',
  204: 'NoContent',
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  500: 'InternalServerError',
};

export function certificateUrl(origin: string): string {
  return `${origin}/partnercenter/cert/${DISPATCH_CERTIFICATE_NAME}`;
}

export function webhookService(ctx: EmulatorContext): WebhookService {
  const existing = services.get(ctx);
  if (existing) return existing;
  let signer: Promise<DispatchSigner> | undefined;
  const inFlight = new Set<Promise<unknown>>();
  const record = (delivery: WebhookDelivery) => {
    service.deliveries.push(delivery);
    if (service.deliveries.length > DELIVERY_LOG_LIMIT) service.deliveries.shift();
  };
  let registered: { partner: unknown; value: WebhookRegistration } | null = null;
  const partner = () =>
    ctx.estate.partnerTenantId ? ctx.estate.tenant(ctx.estate.partnerTenantId) : undefined;
  const service: WebhookService = {
    get registration() {
      if (registered && (registered.partner === undefined || registered.partner !== partner()))
        registered = null;
      return registered?.value ?? null;
    },
    set registration(value) {
      registered = value ? { partner: partner(), value } : null;
    },
    validationEvents: new Map(),
    deliveries: [],
    signer: () => (signer ??= createDispatchSigner()),
    raise(eventName, resourceUri, resourceName) {
      const registration = service.registration;
      if (!registration || !registration.webhookEvents.includes(eventName)) return Promise.resolve(null);
      // The event model of partner-center-webhooks.md, PascalCase as documented.
      const body = JSON.stringify({
        EventName: eventName,
        ResourceUri: resourceUri(registration.origin),
        ResourceName: resourceName,
        AuditUri: null,
        ResourceChangeUtcDate: new Date(ctx.clock.now()).toISOString(),
      });
      const attempt = (async () => {
        const signed = (await service.signer()).sign(body);
        const at = new Date(ctx.clock.now()).toISOString();
        try {
          const status = await postEvent(
            new URL(registration.webhookUrl),
            body,
            {
              authorization: `Signature ${signed}`,
              'x-ms-certificate-url': certificateUrl(registration.origin),
              'x-ms-signature-algorithm': 'rsa-sha256',
            },
            DELIVERY_TIMEOUT_MS,
          );
          record({ eventName, url: registration.webhookUrl, at, status });
          return status;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          service.deliveries.push({
            eventName,
            url: registration.webhookUrl,
            at,
            status: null,
            error: message,
          });
          return null;
        }
      })();
      inFlight.add(attempt);
      void attempt.finally(() => inFlight.delete(attempt));
      return attempt;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
  services.set(ctx, service);
  return service;
}

/** Sends the test-created event of a validation request and records its outcome. */
export function sendValidationEvent(ctx: EmulatorContext, partnerId: string): ValidationEvent {
  const service = webhookService(ctx);
  const correlationId = randomUUID();
  const event: ValidationEvent = {
    correlationId,
    partnerId,
    status: 'queued',
    callbackUrl: service.registration?.webhookUrl ?? '',
    results: [],
  };
  service.validationEvents.set(correlationId, event);
  void service
    .raise(
      'test-created',
      (origin) => `${origin}/partnercenter/webhooks/v1/registration/validationEvents/${correlationId}`,
      'test',
    )
    .then((status) => {
      const delivery = service.deliveries.at(-1);
      event.results.push({
        responseCode: status === null ? 'NoResponse' : (REASONS[status] ?? String(status)),
        responseMessage: status === null ? (delivery?.error ?? '') : '',
        systemError: status === null,
        dateTimeUtc: new Date(ctx.clock.now()).toISOString(),
      });
      event.status = 'completed';
    });
  return event;
}

/**
 * Raises `subscription-updated` for a subscription that changed (a PATCH, a slow change landing,
 * a renewal, a change made outside the API). Partner Center documents a delay of up to 48 hours
 * before the event; the emulator sends it at once.
 */
export function subscriptionUpdated(ctx: EmulatorContext, customerId: string, subscriptionId: string): void {
  void webhookService(ctx).raise(
    'subscription-updated',
    (origin) => `${origin}/partnercenter/v1/customers/${customerId}/subscriptions/${subscriptionId}`,
    'Subscription',
  );
}
