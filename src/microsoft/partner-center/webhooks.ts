import { z } from 'zod';
import { MicrosoftError } from '../errors/microsoft-error.js';
import type { PcTransport } from './request.js';

/**
 * Partner Center's webhook registration (partner-center-webhooks.md). Answers are PascalCase in
 * Microsoft's examples; property names are read case-insensitively.
 */
const lowerKeys = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]))
    : v;

export const pcWebhookRegistrationSchema = z.preprocess(
  lowerKeys,
  z
    .looseObject({
      subscriberid: z.string().nullish(),
      webhookurl: z.string(),
      webhookevents: z.array(z.string()).default([]),
    })
    .transform((r) => ({
      subscriberId: r.subscriberid ?? null,
      webhookUrl: r.webhookurl,
      webhookEvents: r.webhookevents,
    })),
);
export type PcWebhookRegistration = z.output<typeof pcWebhookRegistrationSchema>;

export const pcValidationEventSchema = z.preprocess(
  lowerKeys,
  z.looseObject({
    correlationid: z.string(),
    status: z.string().nullish(),
    results: z
      .array(
        z.looseObject({
          responseCode: z.string().nullish(),
          responseMessage: z.string().nullish(),
          systemError: z.boolean().nullish(),
          dateTimeUtc: z.string().nullish(),
        }),
      )
      .default([]),
  }),
);

export interface PcValidationEvent {
  correlationId: string;
  status: string | null;
  results: { responseCode: string | null; responseMessage: string | null; dateTimeUtc: string | null }[];
}

export interface PartnerCenterWebhooks {
  /** The partner's registration, or null when there is none. */
  registration(): Promise<PcWebhookRegistration | null>;
  /** Registers (POST) or, when one exists, updates (PUT) the partner's registration. */
  register(webhookUrl: string, events: readonly string[]): Promise<PcWebhookRegistration>;
  /** Removes the registration; true when there was one. */
  unregister(): Promise<boolean>;
  /** Asks Partner Center to send a `test-created` event; answers its correlation id. */
  sendValidationEvent(): Promise<string>;
  validationEvent(correlationId: string): Promise<PcValidationEvent>;
}

const BASE = '/webhooks/v1/registration';

const notFound = (error: unknown) => error instanceof MicrosoftError && error.status === 404;

export function partnerCenterWebhooks(transport: PcTransport): PartnerCenterWebhooks {
  const registration = async () => {
    try {
      return (await transport.send('GET', BASE, { schema: pcWebhookRegistrationSchema })).body;
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  };
  return {
    registration,
    async register(webhookUrl, events) {
      const existing = await registration();
      const body = { WebhookUrl: webhookUrl, WebhookEvents: [...events] };
      return (
        await transport.send(existing ? 'PUT' : 'POST', BASE, { body, schema: pcWebhookRegistrationSchema })
      ).body;
    },
    async unregister() {
      try {
        await transport.send('DELETE', BASE);
        return true;
      } catch (error) {
        if (notFound(error)) return false;
        throw error;
      }
    },
    async sendValidationEvent() {
      const res = await transport.send('POST', `${BASE}/validationEvents`, {
        schema: z.preprocess(lowerKeys, z.looseObject({ correlationid: z.string() })),
      });
      return res.body.correlationid;
    },
    async validationEvent(correlationId) {
      const res = await transport.send(
        'GET',
        `${BASE}/validationEvents/${encodeURIComponent(correlationId)}`,
        {
          schema: pcValidationEventSchema,
        },
      );
      return {
        correlationId: res.body.correlationid,
        status: res.body.status ?? null,
        results: res.body.results.map((r) => ({
          responseCode: r.responseCode ?? null,
          responseMessage: r.responseMessage ?? null,
          dateTimeUtc: r.dateTimeUtc ?? null,
        })),
      };
    },
  };
}
