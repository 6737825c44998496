import {
  countActions,
  mergeCspTenants,
  planTenantSync,
  type CspRelationshipStatusSetting,
} from '../../domain/csp/index.js';
import type { CspSyncFailure, CspTenantFollowUp, CspTenantsSource, CspTenantsStore } from './ports.js';

export interface RunTenantsSyncInput {
  setting: CspRelationshipStatusSetting;
  source: CspTenantsSource;
  store: CspTenantsStore;
  followUp?: CspTenantFollowUp;
  describeFailure: (error: unknown) => CspSyncFailure;
  now: () => Date;
}

export interface TenantsSyncResult {
  runId: string;
  status: 'succeeded' | 'failed';
  counts: Record<string, number>;
  error: CspSyncFailure | null;
  /** Tenants whose follow-up failed (recorded on the tenant; the run still succeeds). */
  tenantErrors: { tenantId: string; error: CspSyncFailure }[];
}

/**
 * The tenants module: read Partner Center customers (GDAP and DAP only) and GDAP relationships,
 * merge, store (removed tenants marked, never deleted), then each tenant's follow-up. A failed
 * read fails the run before anything is written, so a Partner Center outage never removes tenants.
 */
export async function runTenantsSync(input: RunTenantsSyncInput): Promise<TenantsSyncResult> {
  const { source, store } = input;
  const runId = await store.startRun();
  try {
    const [partnerCenterCustomers, gdapCustomers, gdapRelationships] = await Promise.all([
      input.setting === 'gdapAndDap' ? source.partnerCenterCustomers() : Promise.resolve([]),
      source.gdapCustomers(),
      source.gdapRelationships(),
    ]);
    const found = mergeCspTenants({
      setting: input.setting,
      partnerCenterCustomers,
      gdapCustomers,
      gdapRelationships,
    });
    const entries = planTenantSync(await store.listStored(), found);
    const now = input.now();
    await store.apply(entries, runId, now);

    const tenantErrors: TenantsSyncResult['tenantErrors'] = [];
    for (const entry of entries) {
      if (entry.action === 'removed' || !input.followUp) continue;
      try {
        await input.followUp(entry.tenant, entry);
      } catch (error) {
        const failure = input.describeFailure(error);
        tenantErrors.push({ tenantId: entry.tenantId, error: failure });
        await store.recordTenantError(entry.tenantId, failure, input.now());
      }
    }
    const counts = { ...countActions(entries), failed: tenantErrors.length };
    await store.finishRun(runId, {
      status: 'succeeded',
      counts,
      error: null,
      requests: source.requestCount(),
    });
    return { runId, status: 'succeeded', counts, error: null, tenantErrors };
  } catch (error) {
    const failure = input.describeFailure(error);
    await store.finishRun(runId, {
      status: 'failed',
      counts: {},
      error: failure,
      requests: source.requestCount(),
    });
    return { runId, status: 'failed', counts: {}, error: failure, tenantErrors: [] };
  }
}
