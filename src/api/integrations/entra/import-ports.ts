import {
  entraImportConfigSchema,
  defaultEntraImportConfig,
  type EntraImportConfig,
} from '../../../contracts/entra/index.js';
import {
  deltaQuerySignature,
  deltaRestart,
  latestDeltaLinks,
  readEntraChanges,
  readEntraDirectory,
  type GraphClient,
} from '../../../microsoft/index.js';
import {
  applyAgentPlan,
  applyUserPlan,
  CheckpointConflictError,
  createCheckpointRepository,
  createEntraConfigRepository,
  createSiteRepository,
  createSyncRunRepository,
  loadAgentPlanState,
  loadUserPlanState,
  refreshPlannerStatistics,
  type Database,
} from '../../../store/index.js';
import {
  deltaResource,
  type CheckpointWrite,
  type DeskReach,
  type EntraImportPorts,
} from '../../../sync/entra/index.js';

/** What building an import's ports needs: the database, the connection, its tenants, and Graph per tenant. */
export interface ImportPortsDeps {
  db: Database;
  connection: { id: string };
  /** The tenants the connection imports: an Entra connection's one, a CSP partner's mapped customers. */
  tenantIds: string[];
  /** Graph for one tenant with the connection's credentials; its requests are counted. */
  graphFor(tenantId: string): { graph: GraphClient; requestCount(): number };
}

/** The customers a configuration reaches, with the sites it names turned into their customers. */
async function reachedCustomers(db: Database, reach: DeskReach): Promise<string[] | 'all'> {
  if (reach.customerIds === 'all') return 'all';
  const customers = new Set(reach.customerIds);
  const sites = createSiteRepository(db);
  for (const siteId of reach.siteIds) {
    const site = await sites.findById(siteId);
    if (site) customers.add(site.customerId);
  }
  return [...customers].sort();
}

/** Moves a delta checkpoint inside the apply's transaction, or fails it if another run moved it. */
async function moveCheckpoint(db: Database, connectionId: string, write: CheckpointWrite): Promise<void> {
  const key = { connectionId, tenantId: write.tenantId, resource: deltaResource(write.module) };
  const moved = await createCheckpointRepository(db).compareAndSwap(
    key,
    write.expectedVersion,
    write.cursor,
    write.state,
  );
  if (!moved) throw new CheckpointConflictError(key);
}

interface LoadedImportConfig {
  config: EntraImportConfig;
  version: number;
  updatedAt: Date | null;
}

/**
 * Parsed configurations by database handle and connection. A partner's configuration holds a site
 * mapping per customer tenant (hundreds of kilobytes at 500 tenants; ~10 ms to parse), and every
 * run of every tenant reads it: a run whose stored version and save time match reuses the parsed
 * copy (frozen, so no caller can change what the others read).
 */
const parsedConfigs = new WeakMap<Database, Map<string, LoadedImportConfig>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The saved configuration of a connection (the defaults before the first save) and its version. */
export async function loadImportConfig(db: Database, connectionId: string): Promise<LoadedImportConfig> {
  const repository = createEntraConfigRepository(db);
  const stamp = await repository.stamp(connectionId);
  if (!stamp) return { config: defaultEntraImportConfig(), version: 0, updatedAt: null };
  const cache = parsedConfigs.get(db) ?? new Map<string, LoadedImportConfig>();
  parsedConfigs.set(db, cache);
  const cached = cache.get(connectionId);
  // The save time as well as the version: a rolled-back save's version can be taken again.
  if (cached?.version === stamp.version && cached.updatedAt?.getTime() === stamp.updatedAt.getTime())
    return cached;
  const stored = await repository.get(connectionId);
  if (!stored) return { config: defaultEntraImportConfig(), version: 0, updatedAt: null };
  const loaded = {
    config: deepFreeze(entraImportConfigSchema.parse(stored.config)),
    version: stored.version,
    updatedAt: stored.updatedAt,
  };
  cache.set(connectionId, loaded);
  return loaded;
}

/**
 * The sync pipeline's ports over the store and Microsoft Graph: the composition root's half of
 * `runEntraImport` (src/sync knows neither).
 */
export async function createImportPorts(deps: ImportPortsDeps): Promise<EntraImportPorts> {
  const { db, connection } = deps;
  const { config, version } = await loadImportConfig(db, connection.id);
  const tenants = new Map<string, ReturnType<ImportPortsDeps['graphFor']>>();
  const graphOf = (tenantId: string) => {
    let entry = tenants.get(tenantId);
    if (!entry) tenants.set(tenantId, (entry = deps.graphFor(tenantId)));
    return entry;
  };
  const runs = createSyncRunRepository(db);
  return {
    connectionId: connection.id,
    tenantIds: deps.tenantIds,
    config,
    configVersion: version,
    directory: {
      read: (spec) => readEntraDirectory(graphOf(spec.tenantId).graph, spec),
      readChanges: ({ links, membership, ...spec }) =>
        readEntraChanges(graphOf(spec.tenantId).graph, spec, links, membership),
      latestLinks: (spec) => latestDeltaLinks(graphOf(spec.tenantId).graph, spec),
      deltaSignature: deltaQuerySignature,
      restartOf: deltaRestart,
      requestCount: () => [...tenants.values()].reduce((sum, t) => sum + t.requestCount(), 0),
    },
    desk: {
      loadUsers: async ({ reach, ...query }) =>
        loadUserPlanState(db, { ...query, customerIds: await reachedCustomers(db, reach) }),
      loadAgents: ({ tenantIds }) => loadAgentPlanState(db, { tenantIds }),
    },
    checkpoints: {
      get: (tenantId, module) =>
        createCheckpointRepository(db).get({
          connectionId: connection.id,
          tenantId,
          resource: deltaResource(module),
        }),
    },
    runs: {
      interruptStale: (key, before) => runs.interruptStale(key, before),
      start: (run) => runs.start(run),
      finish: async (runId, result) => void (await runs.finish(runId, result)),
    },
    applier: {
      apply: async (runId, plan, finish, checkpoint) => {
        const written = await db.transaction(async (tx) => {
          // First: a run that lost the race writes nothing, and the checkpoint row stays locked.
          if (checkpoint) await moveCheckpoint(tx, connection.id, checkpoint);
          const written =
            plan.module === 'users'
              ? await applyUserPlan(tx, {
                  connectionId: connection.id,
                  syncRunId: runId,
                  users: plan.records,
                  newSites: plan.newSites,
                  ...(plan.userLicences ? { licences: plan.userLicences } : {}),
                })
              : await applyAgentPlan(tx, {
                  connectionId: connection.id,
                  syncRunId: runId,
                  agents: plan.records,
                  reassignTicketsOnDeactivate: config.agents.reassignTicketsOnDeactivate,
                });
          await createSyncRunRepository(tx).finish(runId, {
            status: 'succeeded',
            counts: finish.counts,
            error: null,
            graphRequests: finish.graphRequests,
            ...(finish.mode ? { mode: finish.mode } : {}),
            ...(finish.modeReason !== undefined ? { modeReason: finish.modeReason } : {}),
            ...(finish.warnings ? { warnings: finish.warnings } : {}),
          });
          return written;
        });
        // After the commit: statistics of what a large import wrote, so lists stay index-driven.
        await refreshPlannerStatistics(db, written.rowsWritten);
        return written;
      },
    },
  };
}
