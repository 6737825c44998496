import {
  effectiveImportType,
  explainLicenceFailure,
  licenceFromSubscribedSku,
  planCounts,
  planRecords,
  readsOf,
  subscriptionFromPartnerCenter,
  type ImportedLicence,
} from '../../domain/licences/index.js';
import type {
  LicencePlan,
  LicencePorts,
  LicenceRunTrigger,
  LicenceTenant,
  LicenceTenantResult,
} from './ports.js';

/** A run still `running` after this long was left by a process that stopped. */
const STALE_RUN_MS = 30 * 60 * 1000;

export interface LicenceRunRequest {
  /** Some of the connection's mapped tenants; default every one. */
  tenantIds?: readonly string[];
  trigger: LicenceRunTrigger;
  /** Told of failures that are bugs (not Microsoft's or the desk's known errors): log them. */
  onUnexpectedError?: (error: unknown, tenantId: string, runId: string) => void;
}

const skipped = (tenantId: string, code: string, message: string): LicenceTenantResult => ({
  tenantId,
  runId: null,
  status: 'skipped',
  importType: null,
  counts: {},
  error: { code, message },
  transient: false,
  rowsWritten: {},
});

const withPrefix = (prefix: string, counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).map(([k, v]) => [`${prefix}.${k}`, v]));

/** A reader without subscriptions (Graph) cannot be asked for them: a configuration bug, said so. */
function subscriptionsOf(ports: LicencePorts, tenantId: string) {
  if (!ports.reader.subscriptions) {
    throw new Error('this connection reads no CSP subscriptions; its licence import type must be skus');
  }
  return ports.reader.subscriptions(tenantId);
}

async function runTenant(
  ports: LicencePorts,
  tenant: LicenceTenant,
  request: LicenceRunRequest,
): Promise<LicenceTenantResult> {
  const { tenantId } = tenant;
  const importType = effectiveImportType(ports.connectionImportType, tenant.importTypeOverride);
  const reads = readsOf(importType);
  await ports.runs.interruptStale(tenantId, new Date(Date.now() - STALE_RUN_MS));
  const runId = await ports.runs.start(tenantId, request.trigger);
  const requestsBefore = ports.reader.requestCount();
  const requests = () => ports.reader.requestCount() - requestsBefore;
  try {
    // Both reads before any write: a tenant is written whole or not at all.
    const [skus, subscriptions, stored] = await Promise.all([
      reads.skus ? ports.reader.subscribedSkus(tenantId) : undefined,
      reads.subscriptions ? subscriptionsOf(ports, tenantId) : undefined,
      ports.store.load(tenantId),
    ]);
    const plan: LicencePlan = { tenantId, customerId: tenant.customerId };
    let counts: Record<string, number> = {};
    if (skus) {
      const licences = skus.map(licenceFromSubscribedSku).filter((l): l is ImportedLicence => l !== null);
      plan.licences = planRecords(licences, stored.licences, (l) => l.skuId, tenant.customerId);
      counts = { ...counts, ...withPrefix('licences', planCounts(plan.licences)) };
      const unreadable = skus.length - licences.length;
      if (unreadable > 0) counts['licences.skipped'] = unreadable;
    }
    if (subscriptions) {
      const imported = subscriptions.map(subscriptionFromPartnerCenter);
      plan.subscriptions = planRecords(
        imported,
        stored.subscriptions,
        (s) => s.subscriptionId,
        tenant.customerId,
      );
      counts = { ...counts, ...withPrefix('subscriptions', planCounts(plan.subscriptions)) };
    }
    const rowsWritten = await ports.store.apply(runId, plan, { counts, requests: requests() });
    return {
      tenantId,
      runId,
      status: 'succeeded',
      importType,
      counts,
      error: null,
      transient: false,
      rowsWritten,
    };
  } catch (error) {
    const failure = explainLicenceFailure(error);
    if (failure.code === 'internal') request.onUnexpectedError?.(error, tenantId, runId);
    const recorded = { code: failure.code, message: failure.message };
    await ports.runs.finish(runId, { status: 'failed', counts: {}, error: recorded, requests: requests() });
    return {
      tenantId,
      runId,
      status: 'failed',
      importType,
      counts: {},
      error: recorded,
      transient: failure.transient,
      rowsWritten: {},
    };
  }
}

/**
 * The licences module for one connection: for each mapped tenant (do-not-import ones are
 * skipped), read the subscribed SKUs (Partner Center for a CSP partner, Graph for an Entra
 * connection) and/or a CSP partner's subscriptions as its licence import type says, plan against
 * the desk's rows and write the difference with the run's end in one transaction. Tenants are independent: one failing does not stop the others.
 */
export async function runLicenceImport(
  ports: LicencePorts,
  request: LicenceRunRequest,
): Promise<LicenceTenantResult[]> {
  // A run of named tenants reads their mappings alone: a partner's hundreds are not read per run.
  const mappings = await ports.tenants(request.tenantIds);
  const byId = new Map(mappings.map((m) => [m.tenantId.toLowerCase(), m]));
  const wanted =
    request.tenantIds?.map((id) => id.toLowerCase()) ?? mappings.map((m) => m.tenantId.toLowerCase());
  const results: LicenceTenantResult[] = [];
  for (const tenantId of wanted) {
    const tenant = byId.get(tenantId);
    if (!tenant) {
      results.push(
        skipped(tenantId, 'licences.notMapped', 'the tenant is not mapped to a customer on this connection'),
      );
    } else if (!tenant.doNotImport && !tenant.customerId && tenant.noCustomer) {
      results.push(skipped(tenantId, tenant.noCustomer.code, tenant.noCustomer.message));
    } else if (tenant.doNotImport || !tenant.customerId) {
      results.push(skipped(tenantId, 'licences.doNotImport', 'the tenant is mapped to "Do not import"'));
    } else {
      results.push(await runTenant(ports, tenant, request));
    }
  }
  return results;
}
