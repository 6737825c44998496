import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import {
  getPartnerCenterWebhooks,
  partnerCenterWebhookReceiver,
  registerPartnerCenterWebhooks,
  removePartnerCenterWebhooks,
} from '../../contracts/api/csp-subscriptions.js';
import {
  pcWebhookEventSchema,
  subscriptionOfEvent,
  verifyPartnerCenterCallback,
} from '../../microsoft/index.js';
import { createConnectionRepository, type ConnectionSummary } from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import {
  registerWebhooks,
  removeWebhooks,
  WEBHOOK_SETTING,
  webhookSetting,
  webhooksView,
} from '../integrations/subscriptions/webhooks.js';
import { endpointRegistrar, notFound } from './resource-helpers.js';

type Deps = Pick<
  ApiDeps,
  'db' | 'resolvePrincipal' | 'jobs' | 'now' | 'secrets' | 'microsoft' | 'config' | 'metrics'
>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Downloaded signing certificates are kept this long (Microsoft rotates them rarely). */
const CERTIFICATE_TTL_MS = 3600 * 1000;
/** Callbacks are small JSON events; anything larger is refused before it is read. */
const BODY_LIMIT = 64 * 1024;

/**
 * Partner Center webhooks of a CSP connection: register / show / remove
 * (integrations.csp.configure), and the public receiver Partner Center calls. Each callback's
 * signature is verified (Microsoft's certificate, RSA-SHA256 over the body); a
 * `subscription-updated` event queues `subscriptions.refresh`, which reads the subscription from
 * Partner Center — nothing in an event is trusted beyond which subscription to read.
 */
export function registerPartnerCenterWebhookRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  const integration = {
    db: deps.db,
    secrets: () => Promise.resolve(deps.secrets),
    microsoft: deps.microsoft,
    now: deps.now,
    config: deps.config,
  };
  const connections = createConnectionRepository(deps.db, deps.secrets);
  const cspConnection = async (id: string): Promise<ConnectionSummary> => {
    const connection = await connections.findById(id);
    if (!connection || connection.kind !== 'csp') throw notFound('CSP connection');
    return connection;
  };

  on(getPartnerCenterWebhooks, async ({ params }) =>
    webhooksView(integration, await cspConnection(params.id)),
  );

  on(registerPartnerCenterWebhooks, async ({ params, principal, request }) => {
    const connection = await cspConnection(params.id);
    await registerWebhooks(integration, connection);
    await audited(deps.db, auditSource(principal, request), async (_tx, record) => {
      await record({ action: 'csp.webhooks.registered', target: { type: 'connection', id: connection.id } });
    });
    return webhooksView(integration, await cspConnection(params.id));
  });

  on(removePartnerCenterWebhooks, async ({ params, principal, request }) => {
    const connection = await cspConnection(params.id);
    await removeWebhooks(integration, connection);
    await audited(deps.db, auditSource(principal, request), async (_tx, record) => {
      await record({ action: 'csp.webhooks.removed', target: { type: 'connection', id: connection.id } });
    });
    return null;
  });

  const counted = new Counter({
    name: 'rollcall_partner_center_webhooks_total',
    help: 'Partner Center webhook callbacks received, by event and outcome (accepted, unsigned, unknown connection, malformed)',
    labelNames: ['event', 'outcome'],
    registers: [deps.metrics.registry],
  });
  const certificates = new Map<string, { der: Buffer; at: number }>();
  const fetchCertificate = async (url: string) => {
    const cached = certificates.get(url);
    if (cached && Date.now() - cached.at < CERTIFICATE_TTL_MS) return cached.der;
    const transport = await deps.microsoft.transport();
    const res = await transport.fetch(url, { method: 'GET', headers: {} });
    if (!res.ok) throw new Error(`certificate download answered ${res.status}`);
    const der = Buffer.from(await res.arrayBuffer());
    certificates.set(url, { der, at: Date.now() });
    return der;
  };

  app.endpoints.push(partnerCenterWebhookReceiver);
  // Its own scope: the signature covers the body's bytes, so JSON is kept raw here.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    scope.route({
      method: 'POST',
      url: partnerCenterWebhookReceiver.path,
      schema: { summary: partnerCenterWebhookReceiver.summary, tags: partnerCenterWebhookReceiver.tags },
      handler: async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const verdict = await verifyPartnerCenterCallback({
          body,
          headers: request.headers,
          trustedBases: [deps.config.microsoft.partnerCenterBaseUrl],
          fetchCertificate,
        });
        if (!verdict.ok) {
          counted.inc({ event: 'unknown', outcome: 'unsigned' });
          request.log.warn({ code: verdict.code }, 'refused a Partner Center callback');
          return reply.code(verdict.status).send({ code: 'unauthenticated', message: verdict.message });
        }
        const { connectionId } = request.params as { connectionId: string };
        const connection = GUID.test(connectionId) ? await connections.findById(connectionId) : undefined;
        if (!connection || connection.kind !== 'csp') {
          counted.inc({ event: 'unknown', outcome: 'unknown connection' });
          return reply.code(404).send({ code: 'not_found', message: 'No such CSP connection.' });
        }
        let event;
        try {
          event = pcWebhookEventSchema.safeParse(JSON.parse(body.toString('utf8')));
        } catch {
          event = undefined;
        }
        if (!event?.success) {
          counted.inc({ event: 'unknown', outcome: 'malformed' });
          return reply
            .code(400)
            .send({ code: 'validation_failed', message: 'Expected a Partner Center event.' });
        }
        const { eventName } = event.data;
        counted.inc({ event: eventName.slice(0, 60), outcome: 'accepted' });
        await connections.update(connection.id, {
          settings: {
            [WEBHOOK_SETTING]: {
              ...webhookSetting(connection),
              lastEventAt: deps.now().toISOString(),
              lastEventName: eventName,
            },
          },
        });
        const subscription = eventName === 'subscription-updated' ? subscriptionOfEvent(event.data) : null;
        if (subscription && GUID.test(subscription.customerId) && deps.jobs) {
          await deps.jobs.enqueue('subscriptions.refresh', {
            connectionId: connection.id,
            customerTenantId: subscription.customerId.toLowerCase(),
            subscriptionId: subscription.subscriptionId.toLowerCase(),
          });
        }
        return reply.code(200).send();
      },
    });
  });
}
