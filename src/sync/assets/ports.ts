import type { AssetImportConfig, UserIdentifier } from '../../contracts/api/assets-config.js';
import type { AssetValues, DeskUserRef, IntuneDevice, StoredAsset } from '../../domain/assets/index.js';

export type AssetRunTrigger = 'manual' | 'scheduled' | 'cli' | 'api' | 'notification';

/** A tenant the asset import reads: an Entra connection's own, or a CSP partner's mapped tenant. */
export interface AssetTenantTarget {
  tenantId: string;
  /** The desk customer a CSP tenant is mapped to; null for an Entra tenant (users say whose). */
  customerId: string | null;
  doNotImport: boolean;
  /** Guide 002: "exclude a particular tenant from Intune imports" on the CSP Tenants tab. */
  excludedFromIntune: boolean;
  /** The CSP mapping's default site, else its customer's main site. */
  defaultSiteId: string | null;
}

/** Intune for one tenant, as the asset import reads it (implemented over src/microsoft). */
export interface DeviceReader {
  /** Every managed device, page by page (a full read: Intune devices have no delta). */
  pages(select: readonly string[]): AsyncIterable<IntuneDevice[]>;
  /** Graph requests sent so far (a retried request counts once). */
  requestCount(): number;
}

/** One page's operations as the store writes them. */
export interface AssetPageWrite {
  runId: string;
  tenantId: string;
  creates: { deviceId: string; values: AssetValues }[];
  updates: { assetId: string; deviceId: string; values: AssetValues }[];
  unchangedIds: string[];
  log: { deviceId: string; action: string; reasonCode: string; reason: string; name: string }[];
}

export interface AssetRemovalWrite {
  assetId: string;
  intuneDeviceId: string;
  statusName: string;
  reason: string;
  name: string;
}

export interface AssetRunFinish {
  counts: Record<string, number>;
  requests: number;
}

/** The desk side (implemented in src/store). */
export interface AssetDesk {
  site(siteId: string): Promise<{ id: string; customerId: string } | undefined>;
  defaultSites(customerIds: readonly string[]): Promise<Map<string, string>>;
  byDeviceIds(tenantId: string, deviceIds: readonly string[]): Promise<StoredAsset[]>;
  byMatchKeys(customerIds: readonly string[], keys: readonly string[]): Promise<StoredAsset[]>;
  users(
    scope: { customerId: string | null; tenantId: string },
    identifier: UserIdentifier,
    values: readonly string[],
  ): Promise<(DeskUserRef & { identifier: UserIdentifier; value: string })[]>;
  /** Writes one page in one transaction; rows written by table. */
  applyPage(write: AssetPageWrite): Promise<Record<string, number>>;
  /** Assets still held by an Intune device and not written since the run started. */
  removalCandidates(
    tenantId: string,
    runId: string,
  ): Promise<{ id: string; intuneDeviceId: string; name: string }[]>;
  /** Marks the removals and finishes the run in one transaction; returns the assets marked. */
  finish(
    runId: string,
    tenantId: string,
    removals: AssetRemovalWrite[],
    finish: AssetRunFinish,
  ): Promise<number>;
}

/** Run records (sync_runs, module `assets`). */
export interface AssetRunLog {
  interruptStale(tenantId: string, before: Date): Promise<number>;
  start(tenantId: string): Promise<string>;
  failed(
    runId: string,
    result: { counts: Record<string, number>; error: { code: string; message: string }; requests: number },
  ): Promise<void>;
}

/** Everything an asset run of one connection needs, injected by the composition root. */
export interface AssetPorts {
  connectionId: string;
  config: AssetImportConfig;
  /** The connection's tenants (only those of `tenantIds` when given: a run of a few tenants). */
  tenants(tenantIds?: readonly string[]): Promise<AssetTenantTarget[]>;
  readerFor(tenantId: string): DeviceReader;
  desk: AssetDesk;
  runs: AssetRunLog;
}

/** What happened to one tenant. */
export interface AssetTenantResult {
  tenantId: string;
  runId: string | null;
  status: 'succeeded' | 'failed' | 'skipped';
  counts: Record<string, number>;
  error: { code: string; message: string } | null;
  transient: boolean;
  graphRequests: number;
}
