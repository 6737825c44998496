import type { EmulatorContext } from '../../context.js';
import { readJson, type EmuRequest, type EmuResponse } from '../../http/types.js';
import { pcRoute } from '../auth.js';
import { pcError, pcJson } from '../respond.js';
import { DISPATCH_CERTIFICATE_NAME } from './signing.js';
import { sendValidationEvent, webhookService, WEBHOOK_EVENTS, type WebhookRegistration } from './service.js';
import { guid } from '../../ids.js';

/** Plain http callbacks are accepted only on this machine (tests, a local receiver) [K]. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function registrationInput(req: EmuRequest): { url: string; events: string[] } | EmuResponse {
  const raw = readJson(req);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return pcError(400, 400056, 'Invalid input', ['The body must be { WebhookUrl, WebhookEvents }.']);
  }
  // Request property names are case-insensitive (docs show PascalCase).
  const body = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  const url = typeof body.webhookurl === 'string' ? body.webhookurl : '';
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const allowed =
    parsed &&
    (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)));
  if (!allowed) return pcError(400, 400056, 'Invalid input', ['WebhookUrl must be an absolute https URL.']);
  const events = Array.isArray(body.webhookevents) ? body.webhookevents.map(String) : [];
  const unknown = events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (events.length === 0 || unknown.length > 0) {
    return pcError(400, 400056, 'Invalid input', [
      unknown.length
        ? `Unknown webhook events: ${unknown.join(', ')}.`
        : 'WebhookEvents must name at least one event.',
    ]);
  }
  return { url, events };
}

const registrationJson = (r: WebhookRegistration, withId: boolean) => ({
  ...(withId ? { SubscriberId: r.subscriberId } : {}),
  WebhookUrl: r.webhookUrl,
  WebhookEvents: r.webhookEvents,
});

/** Unverified: Partner Center's answer when the partner has no registration. */
const noRegistration = () => pcError(404, 1000, 'Webhook registration not found');

/**
 * Partner Center webhook APIs (partner-center-webhooks.md): the partner's registration (one per
 * partner), validation (test-created) events and their state, and the dispatch certificate the
 * callbacks' `x-ms-certificate-url` points at.
 */
export function registerWebhookRoutes(ctx: EmulatorContext): void {
  const base = '/partnercenter/webhooks/v1/registration';
  const service = webhookService(ctx);
  const on = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    name: string,
    handler: Parameters<typeof pcRoute>[1],
  ) =>
    ctx.router.on(
      method,
      `${base}${path}`,
      { service: 'partnercenter', name: `${method} /webhooks/v1/registration${name}` },
      pcRoute(ctx, handler),
    );

  on('GET', '/events', '/events', () => pcJson(200, [...WEBHOOK_EVENTS]));
  on('GET', '', '', () =>
    service.registration ? pcJson(200, registrationJson(service.registration, false)) : noRegistration(),
  );
  on('POST', '', '', (req) => {
    // Unverified: a second registration is refused; PUT updates the existing one.
    if (service.registration)
      return pcError(409, 409, 'Webhook registration already exists', ['Use PUT to update it.']);
    const input = registrationInput(req);
    if ('status' in input) return input;
    service.registration = {
      subscriberId: guid(ctx.random),
      webhookUrl: input.url,
      webhookEvents: input.events,
      origin: req.url.origin,
    };
    return pcJson(200, registrationJson(service.registration, true));
  });
  on('PUT', '', '', (req) => {
    if (!service.registration) return noRegistration();
    const input = registrationInput(req);
    if ('status' in input) return input;
    Object.assign(service.registration, {
      webhookUrl: input.url,
      webhookEvents: input.events,
      origin: req.url.origin,
    });
    return pcJson(200, registrationJson(service.registration, true));
  });
  on('DELETE', '', '', () => {
    if (!service.registration) return noRegistration();
    service.registration = null;
    return { status: 204 };
  });
  on('POST', '/validationEvents', '/validationEvents', (_req, _params, caller) => {
    if (!service.registration?.webhookEvents.includes('test-created')) {
      return pcError(400, 400056, 'Invalid input', [
        'Register for the test-created event before asking for a validation event.',
      ]);
    }
    return pcJson(200, { correlationId: sendValidationEvent(ctx, caller.partner.id).correlationId });
  });
  on('GET', '/validationEvents/:correlationId', '/validationEvents/{id}', (_req, params) => {
    const event = service.validationEvents.get((params.correlationId ?? '').toLowerCase());
    return event ? pcJson(200, event) : pcError(404, 1000, 'Validation event not found');
  });

  ctx.router.on(
    'GET',
    '/partnercenter/cert/:name',
    { service: 'partnercenter', name: 'GET /cert/{name}' },
    async (_req, params) => {
      if (params.name !== DISPATCH_CERTIFICATE_NAME)
        return { status: 404, body: 'Not found', headers: { 'content-type': 'text/plain' } };
      const signer = await service.signer();
      return {
        status: 200,
        body: signer.certificateDer,
        headers: { 'content-type': 'application/pkix-cert' },
      };
    },
  );
}
