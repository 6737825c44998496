import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createCspConnection,
  deleteCspConnection,
  getCspConnection,
  listCspConnections,
  updateCspConnection,
} from '../../contracts/api/csp-connections.js';
import { createConnectionRepository, type ConnectionSummary } from '../../store/index.js';
import { audited, auditSource, changedFields } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { cspSettings } from '../integrations/csp/connection-settings.js';
import { registerCspAuthoriseRoutes } from './csp-connections-authorise.js';
import { cspAuditView, prepareCspConnection } from './csp-connections-input.js';
import { loadCspConnection } from './csp-connections-load.js';
import { cspConnectionDetail, cspConnectionView } from './csp-connections-view.js';
import { endpointRegistrar, notFound, toApiPage } from './resource-helpers.js';

const AUDITED_FIELDS = [
  'name',
  'tenantId',
  'partnerCenterClientId',
  'gdapClientId',
  'gdapAuthMethod',
  'gdapCertificateThumbprint',
  'licenceImportType',
  'pricingMarketplace',
  'inactive',
] as const;

const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * Guide 002 "Configuring CSP": CSP connections, one per partner tenant, each with its Partner
 * Center app and GDAP app. Every route needs `integrations.csp.configure`; every change is
 * audited without secrets.
 */
export async function registerCspConnectionRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const on = endpointRegistrar(app, deps);
  const detail = (connection: ConnectionSummary, request: FastifyRequest) =>
    cspConnectionDetail(connection, deps.config, originOf(request));

  on(listCspConnections, async ({ query }) => {
    const connections = createConnectionRepository(deps.db, deps.secrets);
    const filter = { kind: 'csp' as const, search: query.search };
    const page = await connections.list({
      ...filter,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    return toApiPage(page, cspConnectionView, await connections.count(filter));
  });

  on(createCspConnection, ({ body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const prepared = prepareCspConnection(body);
      const created = await createConnectionRepository(tx, deps.secrets).create({
        kind: 'csp',
        ...prepared.columns,
        settings: { gdapCertificateThumbprint: null, ...prepared.settings },
        secrets: Object.fromEntries(
          Object.entries(prepared.secrets).filter(([, v]) => typeof v === 'string'),
        ),
      });
      await record({
        action: 'connection.create',
        target: { type: 'connection', id: created.id },
        after: {
          kind: 'csp',
          ...cspAuditView(created, cspSettings(created)),
          credentialsChanged: prepared.credentialsChanged,
        },
      });
      return detail(created, request);
    }),
  );

  on(getCspConnection, async ({ params, principal, request }) =>
    detail(await loadCspConnection(deps, deps.db, params.id, principal), request),
  );

  on(updateCspConnection, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const before = await loadCspConnection(deps, tx, params.id, principal);
      const prepared = prepareCspConnection(body, { connection: before, settings: cspSettings(before) });
      const after = await createConnectionRepository(tx, deps.secrets).update(before.id, {
        ...prepared.columns,
        settings: prepared.settings,
        secrets: prepared.secrets,
      });
      if (!after) throw notFound('connection');
      const change = changedFields(
        cspAuditView(before, cspSettings(before)),
        cspAuditView(after, cspSettings(after)),
        AUDITED_FIELDS,
      );
      if (change || prepared.credentialsChanged.length > 0) {
        await record({
          action: 'connection.update',
          target: { type: 'connection', id: after.id },
          before: change?.before ?? {},
          after: { ...change?.after, credentialsChanged: prepared.credentialsChanged },
        });
      }
      return detail(after, request);
    }),
  );

  on(deleteCspConnection, ({ params, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const before = await loadCspConnection(deps, tx, params.id, principal);
      if (!(await createConnectionRepository(tx, deps.secrets).delete(before.id)))
        throw notFound('connection');
      await record({
        action: 'connection.delete',
        target: { type: 'connection', id: before.id },
        before: { kind: 'csp', ...cspAuditView(before, cspSettings(before)) },
      });
      return null;
    }),
  );

  await registerCspAuthoriseRoutes(app, deps);
}
