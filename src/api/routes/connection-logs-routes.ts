import type { FastifyInstance } from 'fastify';
import type {
  ListInboundEndpoint,
  ListRunsEndpoint,
  LogConnectionKind,
} from '../../contracts/api/connection-logs.js';
import type { IntegratorModule } from '../../contracts/api/integrator.js';
import {
  createInboundLogRepository,
  createSyncRunRepository,
  listTenantNames,
  type Page,
} from '../../store/index.js';
import type { ApiDeps } from '../deps.js';
import { CSP_TENANTS_MODULE } from '../integrations/csp/tenants-sync.js';
import { inboundLogView, syncRunView, type TenantNames } from './connection-logs-view.js';
import { loadConnectionOfKind } from './entra-connections-load.js';
import { endpointRegistrar, toApiPage } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal'>;

/** Modules whose runs are stored under another name than the integrator's (sync_runs.module). */
const STORED_MODULE: Partial<Record<IntegratorModule, string>> = { tenants: CSP_TENANTS_MODULE };
const storedModule = (module: IntegratorModule | undefined) =>
  module ? (STORED_MODULE[module] ?? module) : undefined;

/** Which connections' logs: the kind (others answer 404) and its two endpoints. */
export interface ConnectionLogSpec {
  kind: LogConnectionKind;
  listRuns: ListRunsEndpoint;
  listInbound: ListInboundEndpoint;
}

/** A page of the store with the names of the tenants it mentions. */
export async function withTenantNames<T extends { tenantId: string }, R>(
  deps: Pick<ApiDeps, 'db'>,
  connectionId: string,
  page: Page<T>,
  view: (item: T, names: TenantNames) => R,
) {
  const names = await listTenantNames(
    deps.db,
    connectionId,
    page.items.map((item) => item.tenantId),
  );
  return toApiPage(page, (item) => view(item, names));
}

/**
 * Runs and Inbound Requests of one kind of connection. The endpoint's access rule decides who may
 * call it (a configure permission, or any agent); the connection must then be readable by them
 * (a grant, for Entra), else 404.
 */
export function registerConnectionLogRoutes(app: FastifyInstance, deps: Deps, spec: ConnectionLogSpec): void {
  const on = endpointRegistrar(app, deps);
  const load = (id: string, principal: Parameters<typeof loadConnectionOfKind>[4]) =>
    loadConnectionOfKind(deps, deps.db, spec.kind, id, principal, 'read');

  on(spec.listRuns, async ({ params, query, principal }) => {
    const connection = await load(params.id, principal);
    const page = await createSyncRunRepository(deps.db).list({
      connectionId: connection.id,
      ...query,
      module: storedModule(query.module),
    });
    return withTenantNames(deps, connection.id, page, syncRunView);
  });

  on(spec.listInbound, async ({ params, query, principal }) => {
    const connection = await load(params.id, principal);
    const page = await createInboundLogRepository(deps.db).list({
      connectionId: connection.id,
      ...query,
      module: storedModule(query.module),
    });
    return withTenantNames(deps, connection.id, page, inboundLogView);
  });
}
