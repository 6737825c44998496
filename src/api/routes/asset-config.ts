import type { FastifyInstance } from 'fastify';
import type { AssetImportConfig } from '../../contracts/api/assets-config.js';
import {
  getAssetConfig,
  runAssets,
  saveAssetConfig,
  validateAssetConfig,
} from '../../contracts/api/assets.js';
import type { ConfigProblem } from '../../contracts/api/entra-import.js';
import {
  assetNames,
  ConfigVersionConflictError,
  createAssetConfigRepository,
  createConnectionRepository,
  type ConnectionSummary,
} from '../../store/index.js';
import { requireConnectionAccess, type ConnectionAccessLevel } from '../access/connection-access.js';
import { audited, auditSource } from '../audit/audited.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { assetConfigProblems, loadAssetConfig, runConnectionAssets } from '../integrations/assets/index.js';
import { endpointRegistrar, isoOrNull, notFound } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'resolvePrincipal'>;

function refuseErrors(problems: ConfigProblem[], acceptWarnings: boolean): void {
  const errors = problems.filter((p) => p.severity === 'error');
  const blocking = errors.length ? errors : acceptWarnings ? [] : problems;
  if (!blocking.length) return;
  throw new ApiHttpError(
    'validation_failed',
    errors.length
      ? 'The asset configuration refers to records that do not exist; fix the fields named and save again.'
      : 'The asset configuration has warnings; check them, then save again accepting the warnings.',
    blocking.map((p) => ({ field: `config.${p.field}`, message: p.message })),
  );
}

/**
 * A connection's asset (Intune) import configuration and "Import Managed Devices" (guide 002
 * "Assets"), for Entra and CSP connections alike: read needs read on the connection (its kind's
 * configure permission, or a grant), saving and running need modify.
 */
export function registerAssetConfigRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);

  const load = async (id: string, principal: Principal | null, level: ConnectionAccessLevel) => {
    const connection = await createConnectionRepository(deps.db, deps.secrets).findById(id);
    if (!connection || !principal) throw notFound('connection');
    requireConnectionAccess(principal, connection, level);
    return connection;
  };

  const view = async (connection: ConnectionSummary) => {
    const [stored, names] = await Promise.all([loadAssetConfig(deps.db, connection.id), assetNames(deps.db)]);
    return {
      connectionId: connection.id,
      connectionKind: connection.kind,
      version: stored.version,
      updatedAt: isoOrNull(stored.updatedAt),
      config: stored.config,
      knownAssetTypes: names.types,
      knownStatuses: names.statuses,
    };
  };

  on(getAssetConfig, async ({ params, principal }) => view(await load(params.id, principal, 'read')));

  on(validateAssetConfig, async ({ params, body, principal }) => {
    const connection = await load(params.id, principal, 'read');
    return { problems: await assetConfigProblems(deps.db, connection, body.config) };
  });

  on(saveAssetConfig, async ({ params, body, principal, request }) => {
    const connection = await load(params.id, principal, 'modify');
    const config: AssetImportConfig = body.config;
    const problems = await assetConfigProblems(deps.db, connection, config);
    refuseErrors(problems, body.acceptWarnings);
    try {
      await audited(deps.db, auditSource(principal, request), async (tx, record) => {
        const repository = createAssetConfigRepository(tx);
        const before = await repository.get(connection.id);
        await repository.save(connection.id, config, {
          expectedVersion: body.expectedVersion,
          updatedBy: principal?.accountId ?? null,
        });
        await record({
          action: `${connection.kind}.asset-config.save`,
          target: { type: 'connection', id: connection.id },
          before: before?.config ?? null,
          after: config,
        });
      });
    } catch (error) {
      if (error instanceof ConfigVersionConflictError) {
        throw new ApiHttpError(
          'conflict',
          'Someone saved this configuration since you opened it; reload it, then make your change again.',
          [{ field: 'expectedVersion', message: error.message }],
        );
      }
      throw error;
    }
    return { ...(await view(connection)), problems };
  });

  on(runAssets, async ({ params, body, principal }) => {
    const connection = await load(params.id, principal, 'modify');
    const results = await runConnectionAssets(deps, connection, {
      ...(body.tenantIds ? { tenantIds: body.tenantIds } : {}),
      trigger: 'manual',
    });
    return {
      results: results.map((r) => ({
        tenantId: r.tenantId,
        runId: r.runId,
        status: r.status,
        counts: r.counts,
        error: r.error,
        graphRequests: r.graphRequests,
      })),
    };
  });
}
