import {
  countOperations,
  devicePropertiesToRead,
  explainAssetFailure,
  planAssetPage,
  planRemovals,
  type AssetOperation,
  type AssetTenant,
  type IntuneDevice,
} from '../../domain/assets/index.js';
import { customersOf, loadPageDesk } from './page-desk.js';
import type { AssetPageWrite, AssetPorts, AssetTenantResult, AssetTenantTarget } from './ports.js';

/** A run still `running` after this long was left by a process that stopped. */
const STALE_RUN_MS = 30 * 60 * 1000;

export interface AssetRunRequest {
  /** Some of the connection's tenants; default every one. */
  tenantIds?: readonly string[];
  /** Called before each page; throw to stop (the job's timeout, a stopping worker). */
  onPage?: () => void;
  /** Told of failures that are bugs (not Microsoft's or the desk's known errors): log them. */
  onUnexpectedError?: (error: unknown, tenantId: string, runId: string) => void;
}

const skipped = (tenantId: string, code: string, message: string): AssetTenantResult => ({
  tenantId,
  runId: null,
  status: 'skipped',
  counts: {},
  error: { code, message },
  transient: false,
  graphRequests: 0,
});

const nameOf = (device: IntuneDevice) =>
  typeof device.deviceName === 'string' && device.deviceName ? device.deviceName : device.id;

/** A page's operations as the store writes them, with an inbound log entry for every change. */
function pageWrite(
  runId: string,
  tenantId: string,
  devices: readonly IntuneDevice[],
  ops: readonly AssetOperation[],
): AssetPageWrite {
  const names = new Map(devices.map((d) => [d.id, nameOf(d)]));
  const write: AssetPageWrite = { runId, tenantId, creates: [], updates: [], unchangedIds: [], log: [] };
  for (const op of ops) {
    const name = names.get(op.deviceId) ?? op.deviceId;
    if (op.kind === 'unchanged') {
      write.unchangedIds.push(op.assetId);
      continue;
    }
    // Still in Intune, only left out now: not "deleted from Intune" at the end of the run.
    if (op.kind === 'excluded' && op.assetId) write.unchangedIds.push(op.assetId);
    if (op.kind === 'create') write.creates.push({ deviceId: op.deviceId, values: op.values });
    if (op.kind === 'update')
      write.updates.push({ assetId: op.assetId, deviceId: op.deviceId, values: op.values });
    const action = op.kind === 'excluded' ? 'excluded' : op.kind === 'create' ? 'created' : 'updated';
    write.log.push({ deviceId: op.deviceId, action, reasonCode: op.reasonCode, reason: op.reason, name });
  }
  return write;
}

async function runTenant(
  ports: AssetPorts,
  tenant: AssetTenantTarget,
  request: AssetRunRequest,
): Promise<AssetTenantResult> {
  const { tenantId } = tenant;
  const { config, desk } = ports;
  await ports.runs.interruptStale(tenantId, new Date(Date.now() - STALE_RUN_MS));
  const runId = await ports.runs.start(tenantId);
  const reader = ports.readerFor(tenantId);
  const counts: Record<string, number> = {
    devices: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    excluded: 0,
    removed: 0,
  };
  try {
    const configured = config.defaultSiteId ? await desk.site(config.defaultSiteId) : undefined;
    const mainSites = new Map<string, string | null>();
    if (tenant.customerId) mainSites.set(tenant.customerId, tenant.defaultSiteId);
    const target: AssetTenant = {
      tenantId,
      customerId: tenant.customerId,
      defaultSiteOf(customerId) {
        if (configured && (customerId === null || configured.customerId === customerId)) return configured;
        const site = customerId ? mainSites.get(customerId) : null;
        return site && customerId ? { id: site, customerId } : null;
      },
    };
    const scope = { tenantId, customerId: tenant.customerId };
    // The ids read (not the devices): what the read did not see has left Intune.
    const seen = new Set<string>();
    for await (const devices of reader.pages(devicePropertiesToRead(config))) {
      request.onPage?.();
      counts.devices! += devices.length;
      for (const device of devices) seen.add(device.id);
      const pageDesk = await loadPageDesk(desk, config, scope, devices, configured?.customerId ?? null);
      const unknown = customersOf(pageDesk).filter((id) => !mainSites.has(id));
      if (unknown.length) {
        const found = await desk.defaultSites(unknown);
        for (const id of unknown) mainSites.set(id, found.get(id) ?? null);
      }
      const ops = planAssetPage(config, target, devices, pageDesk);
      countOperations(ops, counts);
      await desk.applyPage(pageWrite(runId, tenantId, devices, ops));
    }
    // The read completed: what it did not see is no longer in Intune.
    const candidates = await desk.removalCandidates(tenantId, runId);
    const missing = candidates
      .filter((a) => !seen.has(a.intuneDeviceId))
      .map((a) => ({ ...a, removed: false }));
    const removals = planRemovals(config, missing);
    const names = new Map(missing.map((a) => [a.id, a.name]));
    counts.removed = removals.length;
    await desk.finish(
      runId,
      tenantId,
      removals.map((r) => ({ ...r, name: names.get(r.assetId) ?? r.intuneDeviceId })),
      { counts, requests: reader.requestCount() },
    );
    return {
      tenantId,
      runId,
      status: 'succeeded',
      counts,
      error: null,
      transient: false,
      graphRequests: reader.requestCount(),
    };
  } catch (error) {
    const failure = explainAssetFailure(error);
    if (failure.code === 'internal') request.onUnexpectedError?.(error, tenantId, runId);
    const recorded = { code: failure.code, message: failure.message };
    await ports.runs.failed(runId, { counts, error: recorded, requests: reader.requestCount() });
    return {
      tenantId,
      runId,
      status: 'failed',
      counts,
      error: recorded,
      transient: failure.transient,
      graphRequests: reader.requestCount(),
    };
  }
}

/**
 * The assets module for one connection (guide 002 "Assets"): for each tenant (an Entra
 * connection's own; a CSP partner's mapped tenants not excluded from Intune), read every Intune
 * managed device page by page (always a full read), plan each page against the desk and write it
 * in one transaction, then mark the assets whose devices were not read as deleted from Intune.
 * Tenants are independent: one failing does not stop the others.
 */
export async function runAssetImport(
  ports: AssetPorts,
  request: AssetRunRequest,
): Promise<AssetTenantResult[]> {
  const targets = await ports.tenants(request.tenantIds?.map((id) => id.toLowerCase()));
  const byId = new Map(targets.map((t) => [t.tenantId.toLowerCase(), t]));
  const wanted =
    request.tenantIds?.map((id) => id.toLowerCase()) ?? targets.map((t) => t.tenantId.toLowerCase());
  const results: AssetTenantResult[] = [];
  for (const tenantId of wanted) {
    const tenant = byId.get(tenantId);
    if (!tenant) {
      results.push(
        skipped(tenantId, 'assets.notMapped', 'the tenant is not one of this connection’s tenants'),
      );
    } else if (tenant.doNotImport) {
      results.push(skipped(tenantId, 'assets.doNotImport', 'the tenant is mapped to "Do not import"'));
    } else if (tenant.excludedFromIntune) {
      results.push(
        skipped(
          tenantId,
          'assets.excludedFromIntune',
          'the tenant is excluded from Intune imports (Tenants tab)',
        ),
      );
    } else {
      results.push(await runTenant(ports, tenant, request));
    }
  }
  return results;
}
