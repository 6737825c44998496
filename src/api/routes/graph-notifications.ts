import type { FastifyInstance } from 'fastify';
import {
  getConnectionNotifications,
  repairConnectionNotifications,
  setConnectionNotifications,
  type ConnectionNotifications,
} from '../../contracts/api/graph-notifications.js';
import { createGraphSubscriptionRepository, type GraphSubscriptionRow } from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { notificationUrls } from '../integrations/entra/notification-urls.js';
import { connectionTenantIds } from '../integrations/entra/subscription-ports.js';
import { loadEntraConnection } from './entra-connections-load.js';
import { endpointRegistrar, iso, isoOrNull } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal' | 'config' | 'jobs'>;

const subscriptionView = (row: GraphSubscriptionRow) => ({
  tenantId: row.tenantId,
  resource: row.resource,
  status: row.status,
  expiresAt: isoOrNull(row.expiresAt),
  lastNotificationAt: isoOrNull(row.lastNotificationAt),
  lastError: row.lastError,
  updatedAt: iso(row.updatedAt),
});

/** "Change notifications" of an Entra connection: status, switch, repair (docs/change-notifications.md). */
export function registerGraphNotificationRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  const view = async (connectionId: string): Promise<ConnectionNotifications> => {
    const rows = await createGraphSubscriptionRepository(deps.db).list(connectionId);
    const urls = notificationUrls(deps.config);
    return {
      connectionId,
      enabled: rows.some((row) => row.status !== 'removed'),
      notificationUrl: urls.ok ? urls.notificationUrl : null,
      unavailableReason: urls.ok ? null : urls.message,
      subscriptions: rows.map(subscriptionView),
    };
  };
  const queueMaintenance = async (payload: { connectionId: string; repair?: boolean }) => {
    if (!deps.jobs) {
      throw new ApiHttpError(
        'conflict',
        'This server runs no job queue, so subscriptions cannot be created or deleted from here; use a server with workers.',
      );
    }
    await deps.jobs.enqueue('notifications.maintain', payload);
  };

  on(getConnectionNotifications, async ({ params, principal }) => {
    await loadEntraConnection(deps, deps.db, params.id, principal, 'read');
    return view(params.id);
  });

  on(setConnectionNotifications, async ({ params, body, principal, request }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'modify');
    const urls = notificationUrls(deps.config);
    if (body.enabled && !urls.ok) {
      throw new ApiHttpError('conflict', urls.message, [{ field: 'enabled', message: urls.message }]);
    }
    const before = (await view(params.id)).enabled;
    await audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const repository = createGraphSubscriptionRepository(tx);
      if (body.enabled) await repository.enable(connection.id, connectionTenantIds(connection));
      else await repository.disable(connection.id);
      if (before !== body.enabled) {
        await record({
          action: 'entra.notifications.set',
          target: { type: 'connection', id: connection.id },
          before: { enabled: before },
          after: { enabled: body.enabled },
        });
      }
    });
    await queueMaintenance({ connectionId: connection.id });
    return view(params.id);
  });

  on(repairConnectionNotifications, async ({ params, principal, request }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'modify');
    const current = await view(params.id);
    if (!current.enabled) {
      throw new ApiHttpError(
        'conflict',
        'Change notifications are off for this connection; switch them on first.',
      );
    }
    await audited(deps.db, auditSource(principal, request), (_tx, record) =>
      record({
        action: 'entra.notifications.repair',
        target: { type: 'connection', id: connection.id },
        before: null,
        after: null,
      }),
    );
    await queueMaintenance({ connectionId: connection.id, repair: true });
    return current;
  });
}
