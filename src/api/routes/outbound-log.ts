import type { FastifyInstance } from 'fastify';
import type { OutboundActionDetail, OutboundActionView } from '../../contracts/api/outbound-log.js';
import {
  getCspOutbound,
  getEntraOutbound,
  listCspOutbound,
  listEntraOutbound,
  type GetOutboundEndpoint,
  type ListOutboundEndpoint,
} from '../../contracts/api/outbound-log.js';
import { createOutboundLogRepository, listTenantNames, type OutboundAction } from '../../store/index.js';
import type { ApiDeps } from '../deps.js';
import { exchangeView, redactSecrets } from './connection-logs-redact.js';
import { withTenantNames } from './connection-logs-routes.js';
import type { TenantNames } from './connection-logs-view.js';
import { loadConnectionOfKind } from './entra-connections-load.js';
import { endpointRegistrar, iso, isoOrNull, notFound } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal'>;

function actionView(action: OutboundAction, names: TenantNames): OutboundActionView {
  return {
    id: action.id,
    connectionId: action.connectionId,
    tenantId: action.tenantId,
    tenantName: names.get(action.tenantId) ?? null,
    kind: action.kind,
    status: action.status,
    attempts: action.attempts,
    lastError: action.lastError ?? null,
    createdAt: iso(action.createdAt),
    nextAttemptAt: iso(action.nextAttemptAt),
    completedAt: isoOrNull(action.completedAt),
  };
}

function detailView(action: OutboundAction, names: TenantNames): OutboundActionDetail {
  return {
    ...actionView(action, names),
    payload: redactSecrets(action.payload) as Record<string, unknown>,
    request: exchangeView(action.request ?? null),
    response: exchangeView(action.response ?? null),
  };
}

function register(
  app: FastifyInstance,
  deps: Deps,
  kind: 'entra' | 'csp',
  endpoints: { list: ListOutboundEndpoint; get: GetOutboundEndpoint },
): void {
  const on = endpointRegistrar(app, deps);
  on(endpoints.list, async ({ params, query, principal }) => {
    const connection = await loadConnectionOfKind(deps, deps.db, kind, params.id, principal, 'read');
    const page = await createOutboundLogRepository(deps.db).list({ connectionId: connection.id, ...query });
    return withTenantNames(deps, connection.id, page, actionView);
  });
  on(endpoints.get, async ({ params, principal }) => {
    const connection = await loadConnectionOfKind(deps, deps.db, kind, params.id, principal, 'read');
    const action = await createOutboundLogRepository(deps.db).findForConnection(
      connection.id,
      params.actionId,
    );
    if (!action) throw notFound('outbound request on this connection');
    return detailView(action, await listTenantNames(deps.db, connection.id, [action.tenantId]));
  });
}

/**
 * Outbound Requests of Entra and CSP connections: the list and one request's detail. CSP needs
 * `integrations.csp.configure`; Entra a read grant on the connection (or the configure permission).
 */
export function registerOutboundLogRoutes(app: FastifyInstance, deps: Deps): void {
  register(app, deps, 'entra', { list: listEntraOutbound, get: getEntraOutbound });
  register(app, deps, 'csp', { list: listCspOutbound, get: getCspOutbound });
}
