import type { FastifyInstance } from 'fastify';
import { getDeltaStatus, resetDeltas } from '../../contracts/api/entra-deltas.js';
import type { ConnectionSummary } from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import {
  deltaPositions,
  resetDeltas as resetCheckpoints,
  untrackedFieldUses,
} from '../integrations/entra/delta-settings.js';
import { loadImportConfig } from '../integrations/entra/import-ports.js';
import { loadEntraConnection } from './entra-connections-load.js';
import { endpointRegistrar, isoOrNull } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal'>;

/** Delta status and "Reset deltas" of an Entra connection. */
export function registerEntraDeltaRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);

  const statusOf = async (connection: ConnectionSummary) => {
    const { config } = await loadImportConfig(deps.db, connection.id);
    const positions = await deltaPositions(deps.db, connection.id, [connection.tenantId]);
    return {
      enabled: config.delta.enabled,
      method: config.delta.method,
      untracked: config.delta.method === 'mappedFields' ? untrackedFieldUses(config) : [],
      tenants: positions.map((p) => ({ ...p, updatedAt: isoOrNull(p.updatedAt) })),
    };
  };

  on(getDeltaStatus, async ({ params, principal }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'read');
    return statusOf(connection);
  });

  on(resetDeltas, async ({ params, body, principal, request }) => {
    const connection = await loadEntraConnection(deps, deps.db, params.id, principal, 'modify');
    if (body.tenantId && body.tenantId !== connection.tenantId) {
      throw new ApiHttpError('validation_failed', 'That tenant is not one this connection reads.', [
        { field: 'tenantId', message: `this connection reads tenant ${connection.tenantId} only` },
      ]);
    }
    const reset = await audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const count = await resetCheckpoints(
        tx,
        {
          connectionId: connection.id,
          tenantIds: [body.tenantId ?? connection.tenantId],
          ...(body.module ? { modules: [body.module] } : {}),
        },
        body.mode,
      );
      await record({
        action: 'entra.deltas.reset',
        target: { type: 'connection', id: connection.id },
        before: null,
        after: { mode: body.mode, tenantId: body.tenantId ?? null, module: body.module ?? null },
      });
      return count;
    });
    return { reset, status: await statusOf(connection) };
  });
}
