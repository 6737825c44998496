import type { LicenceImportType } from '../../contracts/api/csp-licences.js';
import type {
  ImportedLicence,
  ImportedSubscription,
  RecordPlan,
  StoredRecord,
  SubscribedSkuInput,
  SubscriptionInput,
} from '../../domain/licences/index.js';

export type LicenceRunTrigger = 'manual' | 'scheduled' | 'cli' | 'api' | 'notification';

/** A customer tenant of the connection, as its mapping says. */
export interface LicenceTenant {
  tenantId: string;
  /** Null with do-not-import. */
  customerId: string | null;
  doNotImport: boolean;
  /** The mapping's licence import type override; null: the connection's. */
  importTypeOverride: string | null;
  /**
   * Why the tenant cannot be imported when it has no customer, in words (an Entra connection whose
   * mappings name no one customer); absent: the mapping says "Do not import".
   */
  noCustomer?: { code: string; message: string };
}

/**
 * Microsoft as the licences module reads it (implemented over src/microsoft): Partner Center for a
 * CSP partner's customer tenants, Graph `subscribedSkus` for an Entra connection's tenant (which
 * has no CSP subscriptions: its import type is always `skus`).
 */
export interface LicenceReader {
  subscribedSkus(customerTenantId: string): Promise<SubscribedSkuInput[]>;
  subscriptions?(customerTenantId: string): Promise<SubscriptionInput[]>;
  /** Requests made so far through this reader (a retried request counts once), for the run record. */
  requestCount(): number;
}

/** What one tenant's run writes: plans of the kinds read (a kind absent is left alone). */
export interface LicencePlan {
  tenantId: string;
  customerId: string | null;
  licences?: RecordPlan<ImportedLicence>;
  subscriptions?: RecordPlan<ImportedSubscription>;
}

export interface LicenceRunFinish {
  counts: Record<string, number>;
  requests: number;
}

/** The desk side (implemented in src/store). */
export interface LicenceStore {
  load(tenantId: string): Promise<{
    licences: StoredRecord<ImportedLicence>[];
    subscriptions: StoredRecord<ImportedSubscription>[];
  }>;
  /** Writes the plan and finishes the run in one transaction; rows written by table. */
  apply(runId: string, plan: LicencePlan, finish: LicenceRunFinish): Promise<Record<string, number>>;
}

/** Run records (sync_runs, module `licences`). */
export interface LicenceRunLog {
  interruptStale(tenantId: string, before: Date): Promise<number>;
  start(tenantId: string, trigger: LicenceRunTrigger): Promise<string>;
  finish(
    runId: string,
    result: {
      status: 'failed';
      counts: Record<string, number>;
      error: { code: string; message: string };
      requests: number;
    },
  ): Promise<void>;
}

/** Everything a licences run of one connection needs, injected by the composition root. */
export interface LicencePorts {
  connectionId: string;
  /** The connection's licence import type setting (guide 002); unset: all subscribed SKUs. */
  connectionImportType: unknown;
  /** The connection's tenant mappings; `only` given, those of these tenants alone. */
  tenants(only?: readonly string[]): Promise<LicenceTenant[]>;
  reader: LicenceReader;
  store: LicenceStore;
  runs: LicenceRunLog;
}

/** What happened to one tenant. */
export interface LicenceTenantResult {
  tenantId: string;
  runId: string | null;
  status: 'succeeded' | 'failed' | 'skipped';
  importType: LicenceImportType | null;
  counts: Record<string, number>;
  error: { code: string; message: string } | null;
  /** Failed for a reason another attempt may not meet (throttling, 5xx, network). */
  transient: boolean;
  rowsWritten: Record<string, number>;
}
