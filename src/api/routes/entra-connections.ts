import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createEntraConnection,
  disableEntraConnection,
  enableEntraConnection,
  getEntraConnection,
  listEntraConnections,
  updateEntraConnection,
} from '../../contracts/api/entra-connections.js';
import { createConnectionRepository, type ConnectionSummary } from '../../store/index.js';
import { audited, auditSource, changedFields } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { registerEntraAuthoriseRoutes } from './entra-connections-authorise.js';
import { auditView, prepareConnection } from './entra-connections-input.js';
import { loadEntraConnection } from './entra-connections-load.js';
import { registerEntraSignInRoutes } from './entra-connections-sign-in.js';
import { entraSettings } from '../integrations/entra/connection-settings.js';
import { entraConnectionDetail, entraConnectionView } from './entra-connections-view.js';
import { endpointRegistrar, notFound, toApiPage } from './resource-helpers.js';

const AUDITED_FIELDS = [
  'name',
  'tenantId',
  'clientId',
  'authMethod',
  'enabledFor',
  'thumbprint',
  'inactive',
] as const;

const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * Guide 001 "Connecting Entra to your Halo": Entra connections (one tenant each). Creating and
 * listing need `integrations.entra.configure`; one connection may also be read or changed by an
 * agent holding a grant on it (docs/access-control.md). Every change is audited without secrets.
 */
export async function registerEntraConnectionRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  const on = endpointRegistrar(app, deps);
  const detail = (connection: ConnectionSummary, request: FastifyRequest) =>
    entraConnectionDetail(connection, deps.config, originOf(request));

  on(listEntraConnections, async ({ query }) => {
    const connections = createConnectionRepository(deps.db, deps.secrets);
    const filter = { kind: 'entra' as const, search: query.search, inactive: query.inactive };
    const page = await connections.list({
      ...filter,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
    });
    return toApiPage(page, (c) => entraConnectionView(c, deps.config), await connections.count(filter));
  });

  on(createEntraConnection, ({ body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const prepared = prepareConnection(body);
      const created = await createConnectionRepository(tx, deps.secrets).create({
        kind: 'entra',
        ...prepared.columns,
        settings: {
          ...prepared.settings,
          certificateThumbprint: prepared.settings.certificateThumbprint ?? null,
        },
        secrets: {
          ...(prepared.secrets.clientSecret ? { clientSecret: prepared.secrets.clientSecret } : {}),
          ...(prepared.secrets.certificateKey ? { certificateKey: prepared.secrets.certificateKey } : {}),
        },
      });
      await record({
        action: 'connection.create',
        target: { type: 'connection', id: created.id },
        after: {
          ...auditView(created, entraSettings(created)),
          credentialsChanged: prepared.credentialsChanged,
        },
      });
      return detail(created, request);
    }),
  );

  on(getEntraConnection, async ({ params, principal, request }) =>
    detail(await loadEntraConnection(deps, deps.db, params.id, principal, 'read'), request),
  );

  on(updateEntraConnection, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const before = await loadEntraConnection(deps, tx, params.id, principal, 'modify');
      const prepared = prepareConnection(body, { connection: before, settings: entraSettings(before) });
      const after = await createConnectionRepository(tx, deps.secrets).update(before.id, {
        ...prepared.columns,
        settings: prepared.settings,
        secrets: prepared.secrets,
      });
      if (!after) throw notFound('connection');
      const change = changedFields(
        auditView(before, entraSettings(before)),
        auditView(after, entraSettings(after)),
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

  for (const [endpoint, inactive] of [
    [disableEntraConnection, true],
    [enableEntraConnection, false],
  ] as const) {
    on(endpoint, ({ params, principal, request }) =>
      audited(deps.db, auditSource(principal, request), async (tx, record) => {
        const before = await loadEntraConnection(deps, tx, params.id, principal, 'modify');
        if (before.inactive === inactive) return detail(before, request);
        const after = await createConnectionRepository(tx, deps.secrets).setInactive(before.id, inactive);
        if (!after) throw notFound('connection');
        await record({
          action: inactive ? 'connection.disable' : 'connection.enable',
          target: { type: 'connection', id: after.id },
          before: { inactive: before.inactive },
          after: { inactive },
        });
        return detail(after, request);
      }),
    );
  }

  registerEntraAuthoriseRoutes(app, deps);
  await registerEntraSignInRoutes(app, deps);
}
