import type { TenantSyncEntry } from '../../../domain/csp/index.js';
import { MicrosoftError } from '../../../microsoft/index.js';
import {
  createCspTenantRepository,
  createSyncRunRepository,
  type ConnectionSummary,
  type Database,
  type SecretBox,
} from '../../../store/index.js';
import {
  runTenantsSync,
  type CspSyncFailure,
  type CspTenantFollowUp,
  type CspTenantsStore,
  type TenantsSyncResult,
} from '../../../sync/csp/index.js';
import { ApiHttpError } from '../../http/api-error.js';
import type { MicrosoftIntegration } from '../microsoft.js';
import { createCspTenantsSource } from './tenants-source.js';
import { tenantSettingsOf } from './tenants-connection.js';
import { createTenantFollowUp } from './tenants-follow-up.js';

/** The module name tenants runs carry in `sync_runs` and the inbound log. */
export const CSP_TENANTS_MODULE = 'csp.tenants';

export type TenantsSyncTrigger = 'manual' | 'scheduled' | 'api' | 'cli';

interface Deps {
  db: Database;
  secrets: SecretBox;
  microsoft: MicrosoftIntegration;
  now: () => Date;
}

/** A failure in words; Microsoft's catalogue says what happened and what to do. */
export function describeCspFailure(error: unknown): CspSyncFailure {
  if (error instanceof MicrosoftError) {
    return {
      code: error.microsoftCode ?? error.code,
      message: `${error.title}: ${error.whatHappened}`,
      fix: error.howToFix,
    };
  }
  if (error instanceof Error && 'cspCode' in error)
    return { code: String(error.cspCode), message: error.message };
  if (error instanceof ApiHttpError) return { code: error.code, message: error.message };
  return { code: 'unexpected', message: error instanceof Error ? error.message : String(error) };
}

const REASONS: Record<TenantSyncEntry['action'], string> = {
  added: 'New customer tenant',
  updated: 'Changed in Partner Center or GDAP',
  unchanged: '',
  returned: 'The partner reaches this tenant again',
  removed: 'No longer returned by Partner Center or GDAP (kept, marked removed)',
};

function storeFor(deps: Deps, connection: ConnectionSummary, trigger: TenantsSyncTrigger): CspTenantsStore {
  const tenants = createCspTenantRepository(deps.db);
  const runs = createSyncRunRepository(deps.db);
  return {
    listStored: async () =>
      (await tenants.listAll(connection.id)).map((t) => ({
        tenantId: t.tenantId,
        name: t.name,
        defaultDomain: t.defaultDomain,
        resellerRelationship: t.resellerRelationship,
        gdapRelationships: t.gdapRelationships,
        removedAt: t.removedAt,
      })),
    apply: (entries, runId, now) =>
      deps.db.transaction(async (tx) => {
        const repo = createCspTenantRepository(tx);
        const seen = entries.filter((e) => e.action !== 'removed').map((e) => e.tenant);
        await repo.upsertSeen(connection.id, seen, now);
        await repo.markRemoved(
          connection.id,
          entries.filter((e) => e.action === 'removed').map((e) => e.tenantId),
          now,
        );
        await repo.logInbound(
          connection.id,
          runId,
          entries
            .filter((e) => e.action !== 'unchanged')
            .map((e) => ({
              tenantId: e.tenantId,
              action: e.action,
              reason: REASONS[e.action],
              details: { displayName: e.name, changed: e.changed },
            })),
        );
      }),
    recordTenantError: (tenantId, failure, now) =>
      tenants.recordError(connection.id, tenantId, { ...failure }, now),
    startRun: () =>
      runs.start({
        connectionId: connection.id,
        tenantId: connection.tenantId,
        module: CSP_TENANTS_MODULE,
        mode: 'full',
        trigger,
      }),
    finishRun: async (runId, result) => {
      await runs.finish(runId, {
        status: result.status,
        counts: result.counts,
        error: result.error ? { code: result.error.code, message: result.error.message } : null,
        graphRequests: result.requests,
      });
    },
  };
}

/**
 * One tenants run for a CSP connection. Creating customers from new tenants happens only on
 * integrator (scheduled) runs, as guide 002 says.
 */
export async function syncConnectionTenants(
  deps: Deps,
  connection: ConnectionSummary,
  trigger: TenantsSyncTrigger,
): Promise<TenantsSyncResult> {
  const settings = tenantSettingsOf(connection);
  const clients = await deps.microsoft.clients();
  const source = await createCspTenantsSource(deps, clients, connection);
  const followUp: CspTenantFollowUp = createTenantFollowUp(deps, connection, settings, {
    createCustomers: trigger === 'scheduled' && settings.createCustomersFromNewTenants,
  });
  return runTenantsSync({
    setting: settings.relationshipType,
    source,
    store: storeFor(deps, connection, trigger),
    followUp,
    describeFailure: describeCspFailure,
    now: deps.now,
  });
}
