import type { FastifyInstance } from 'fastify';
import type {
  ConfigProblem,
  getImportConfig,
  saveImportConfig,
  validateImportConfig,
} from '../../contracts/api/entra-import.js';
import { entraImportConfigSchema, type EntraImportConfig } from '../../contracts/entra/index.js';
import {
  ConfigVersionConflictError,
  createEntraConfigRepository,
  createRoleRepository,
  type ConnectionSummary,
  type Database,
} from '../../store/index.js';
import type { ConnectionAccessLevel } from '../access/connection-access.js';
import { requireDelegable } from '../access/delegation.js';
import { audited, auditSource } from '../audit/audited.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { deskProblems } from '../integrations/entra/config-problems.js';
import { deltaProblems, deltaQueriesChanged, resetDeltas } from '../integrations/entra/delta-settings.js';
import { loadImportConfig } from '../integrations/entra/import-ports.js';
import { endpointRegistrar, isoOrNull } from './resource-helpers.js';

/**
 * What differs between the kinds of connection whose imports share one configuration engine:
 * their endpoints, how a connection is loaded (and who may), and which tenants it covers.
 */
export interface ImportConfigKind {
  endpoints: {
    get: typeof getImportConfig;
    validate: typeof validateImportConfig;
    save: typeof saveImportConfig;
  };
  /** The connection `id` if `principal` has `level` on it (404/403 otherwise). */
  load(id: string, principal: Principal | null, level: ConnectionAccessLevel): Promise<ConnectionSummary>;
  /** Problems only the connection's tenants can tell (group names, tenant filters). */
  tenantProblems(connection: ConnectionSummary, config: EntraImportConfig): Promise<ConfigProblem[]>;
  /** The tenants whose delta checkpoints a change of delta query resets. */
  deltaTenantIds(db: Database, connection: ConnectionSummary): Promise<readonly string[]>;
  /** The audit action of a save. */
  auditAction: string;
}

type Deps = Pick<ApiDeps, 'db' | 'resolvePrincipal'>;

/** Problems of `config`, including what saving it over the stored one would do to delta checkpoints. */
async function problemsOf(
  deps: Deps,
  kind: ImportConfigKind,
  connection: ConnectionSummary,
  config: EntraImportConfig,
): Promise<ConfigProblem[]> {
  const stored = await loadImportConfig(deps.db, connection.id);
  const [desk, tenants] = await Promise.all([
    deskProblems(deps.db, config),
    kind.tenantProblems(connection, config),
  ]);
  return [...desk, ...tenants, ...deltaProblems(stored.version ? stored.config : null, config)];
}

function refuseErrors(problems: ConfigProblem[], acceptWarnings: boolean): void {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const blocking = errors.length ? errors : acceptWarnings ? [] : warnings;
  if (!blocking.length) return;
  throw new ApiHttpError(
    'validation_failed',
    errors.length
      ? 'The configuration refers to records that do not exist; fix the fields named and save again.'
      : 'The configuration has warnings; check them, then save again accepting the warnings.',
    blocking.map((p) => ({
      field: `config.${p.field}`,
      message: p.suggestions.length
        ? `${p.message} (did you mean ${p.suggestions.join(' or ')}?)`
        : p.message,
    })),
  );
}

/**
 * No escalation through group mappings: an agent role mapped from an Entra group is given to the
 * agents an import finds in that group, so adding such a mapping is granting that role. Someone
 * who is not an administrator may only add mappings to roles whose permissions they hold.
 */
async function requireDelegableRoleMappings(
  db: Database,
  principal: Principal | null,
  before: EntraImportConfig | null,
  after: EntraImportConfig,
): Promise<void> {
  const had = new Set(before?.groupMappings.agentRoles.map((m) => m.roleId) ?? []);
  const added = [...new Set(after.groupMappings.agentRoles.map((m) => m.roleId))].filter(
    (id) => !had.has(id),
  );
  if (!added.length) return;
  const roles = await createRoleRepository(db).findByIds(added);
  requireDelegable(
    principal,
    roles.flatMap((r) => r.permissions),
  );
}

/**
 * A connection's import configuration: read, validate, save (guide 001's import setup tabs, guide
 * 002's Users), for any kind of connection described by `kind`.
 */
export function registerImportConfigRoutes(app: FastifyInstance, deps: Deps, kind: ImportConfigKind): void {
  const on = endpointRegistrar(app, deps);
  const actor = (principal: Principal | null) => principal?.accountId ?? null;

  /** The stored configuration (defaults before the first save) as the API shows it. */
  const configView = async (connectionId: string) => {
    const stored = await loadImportConfig(deps.db, connectionId);
    return {
      connectionId,
      version: stored.version,
      updatedAt: isoOrNull(stored.updatedAt),
      config: stored.config,
    };
  };

  on(kind.endpoints.get, async ({ params, principal }) => {
    await kind.load(params.id, principal, 'read');
    return configView(params.id);
  });

  on(kind.endpoints.validate, async ({ params, body, principal }) => {
    const connection = await kind.load(params.id, principal, 'read');
    return { problems: await problemsOf(deps, kind, connection, body.config) };
  });

  on(kind.endpoints.save, async ({ params, body, principal, request }) => {
    const connection = await kind.load(params.id, principal, 'modify');
    const problems = await problemsOf(deps, kind, connection, body.config);
    refuseErrors(problems, body.acceptWarnings);
    try {
      await audited(deps.db, auditSource(principal, request), async (tx, record) => {
        const repository = createEntraConfigRepository(tx);
        const before = await repository.get(params.id);
        const previous = before ? entraImportConfigSchema.safeParse(before.config) : null;
        await requireDelegableRoleMappings(
          tx,
          principal,
          previous?.success ? previous.data : null,
          body.config,
        );
        await repository.save(params.id, body.config, {
          expectedVersion: body.expectedVersion,
          updatedBy: actor(principal),
        });
        // Links taken with the old queries answer other fields: every tenant takes the latest delta.
        if (deltaQueriesChanged(previous?.success ? previous.data : null, body.config)) {
          const tenantIds = await kind.deltaTenantIds(tx, connection);
          await resetDeltas(tx, { connectionId: params.id, tenantIds }, 'latest');
        }
        await record({
          action: kind.auditAction,
          target: { type: 'connection', id: params.id },
          before: before?.config ?? null,
          after: body.config,
        });
      });
      return { ...(await configView(params.id)), problems };
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
  });
}
