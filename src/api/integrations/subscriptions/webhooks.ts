import { randomUUID } from 'node:crypto';
import {
  PARTNER_CENTER_WEBHOOK_EVENTS,
  partnerCenterWebhookReceiver,
  type PartnerCenterWebhooksView,
} from '../../../contracts/api/csp-subscriptions.js';
import type { ServerConfig } from '../../../contracts/config.js';
import { MicrosoftError, type PartnerCenterClient } from '../../../microsoft/index.js';
import { createConnectionRepository, type ConnectionSummary } from '../../../store/index.js';
import { ApiHttpError } from '../../http/api-error.js';
import { notificationUrls } from '../entra/notification-urls.js';
import { connectionPartnerCenter, type SubscriptionIntegrationDeps } from './partner-center.js';

/** The connection settings key of its webhook state (no secrets). */
export const WEBHOOK_SETTING = 'partnerCenterWebhooks';

export interface WebhookSetting {
  registeredAt?: string;
  validationCorrelationId?: string | null;
  lastEventAt?: string;
  lastEventName?: string;
}

export function webhookSetting(connection: ConnectionSummary): WebhookSetting {
  const value = connection.settings[WEBHOOK_SETTING];
  return value && typeof value === 'object' ? (value as WebhookSetting) : {};
}

/** Where Partner Center calls for `connectionId`: the server's publicUrl plus the receiver's path. */
export function webhookCallbackUrl(
  config: Pick<ServerConfig, 'publicUrl'>,
  connectionId: string,
): { ok: true; url: string } | { ok: false; message: string } {
  const urls = notificationUrls(config);
  if (!urls.ok)
    return { ok: false, message: urls.message.replace('Change notifications', 'Partner Center webhooks') };
  const root = new URL(config.publicUrl!).href.replace(/\/+$/, '');
  return {
    ok: true,
    url: `${root}${partnerCenterWebhookReceiver.path.replace(':connectionId', connectionId)}`,
  };
}

/** Microsoft's refusal as a 409 a person can act on. */
function unusable(error: unknown): never {
  if (error instanceof MicrosoftError) {
    const said = error.microsoftMessage ? ` Microsoft said: "${error.microsoftMessage}"` : '';
    throw new ApiHttpError('conflict', `${error.title}: ${error.whatHappened}${said} ${error.howToFix}`, [
      { field: 'id', message: error.code },
    ]);
  }
  throw error;
}

async function partnerCenter(
  deps: SubscriptionIntegrationDeps,
  connection: ConnectionSummary,
): Promise<PartnerCenterClient> {
  return (await connectionPartnerCenter(deps, connection, randomUUID())).pc;
}

/** The partner's registration, the last validation and the last event, as the console shows them. */
export async function webhooksView(
  deps: SubscriptionIntegrationDeps & { config: Pick<ServerConfig, 'publicUrl'> },
  connection: ConnectionSummary,
): Promise<PartnerCenterWebhooksView> {
  const callback = webhookCallbackUrl(deps.config, connection.id);
  const setting = webhookSetting(connection);
  const pc = await partnerCenter(deps, connection);
  let registration;
  let validation = null;
  try {
    registration = await pc.webhooks.registration();
    if (setting.validationCorrelationId) {
      const event = await pc.webhooks
        .validationEvent(setting.validationCorrelationId)
        .catch((error: unknown) => {
          if (error instanceof MicrosoftError && error.status === 404) return null;
          throw error;
        });
      const last = event?.results.at(-1);
      validation = event
        ? {
            correlationId: event.correlationId,
            status: event.status,
            responseCode: last?.responseCode ?? null,
            responseMessage: last?.responseMessage ?? null,
          }
        : null;
    }
  } catch (error) {
    unusable(error);
  }
  return {
    connectionId: connection.id,
    callbackUrl: callback.ok ? callback.url : null,
    unavailableReason: callback.ok ? null : callback.message,
    registration: registration
      ? {
          webhookUrl: registration.webhookUrl,
          events: registration.webhookEvents,
          pointsHere: callback.ok && registration.webhookUrl === callback.url,
        }
      : null,
    validation,
    lastEventAt: setting.lastEventAt ?? null,
    lastEventName: setting.lastEventName ?? null,
  };
}

/** Registers the callback (POST, or PUT over an existing registration) and asks for a test event. */
export async function registerWebhooks(
  deps: SubscriptionIntegrationDeps & { config: Pick<ServerConfig, 'publicUrl'> },
  connection: ConnectionSummary,
): Promise<void> {
  const callback = webhookCallbackUrl(deps.config, connection.id);
  if (!callback.ok)
    throw new ApiHttpError('conflict', callback.message, [
      { field: 'publicUrl', message: 'publicUrlMissing' },
    ]);
  const pc = await partnerCenter(deps, connection);
  let correlationId: string;
  try {
    await pc.webhooks.register(callback.url, PARTNER_CENTER_WEBHOOK_EVENTS);
    correlationId = await pc.webhooks.sendValidationEvent();
  } catch (error) {
    unusable(error);
  }
  await createConnectionRepository(deps.db, await deps.secrets()).update(connection.id, {
    settings: {
      [WEBHOOK_SETTING]: {
        ...webhookSetting(connection),
        registeredAt: deps.now().toISOString(),
        validationCorrelationId: correlationId,
      },
    },
  });
}

/** Removes the registration when it calls this connection's receiver; refuses one made elsewhere. */
export async function removeWebhooks(
  deps: SubscriptionIntegrationDeps & { config: Pick<ServerConfig, 'publicUrl'> },
  connection: ConnectionSummary,
): Promise<void> {
  const callback = webhookCallbackUrl(deps.config, connection.id);
  const pc = await partnerCenter(deps, connection);
  try {
    const registration = await pc.webhooks.registration();
    if (registration && (!callback.ok || registration.webhookUrl !== callback.url)) {
      throw new ApiHttpError(
        'conflict',
        `Partner Center's webhook registration calls ${registration.webhookUrl}, not this Rollcall connection; remove it where it was made.`,
        [{ field: 'id', message: 'webhooks.registeredElsewhere' }],
      );
    }
    if (registration) await pc.webhooks.unregister();
  } catch (error) {
    unusable(error);
  }
  await createConnectionRepository(deps.db, await deps.secrets()).update(connection.id, {
    settings: { [WEBHOOK_SETTING]: { ...webhookSetting(connection), validationCorrelationId: null } },
  });
}
