import type {
  DiscoveredTenant,
  GdapCustomerInput,
  GdapRelationshipInput,
  PartnerCenterCustomerInput,
  StoredTenant,
  TenantSyncEntry,
} from '../../domain/csp/index.js';

/** What the tenants module reads from Microsoft (Partner Center and Graph in the partner tenant). */
export interface CspTenantsSource {
  partnerCenterCustomers(): Promise<PartnerCenterCustomerInput[]>;
  gdapCustomers(): Promise<GdapCustomerInput[]>;
  gdapRelationships(): Promise<GdapRelationshipInput[]>;
  /** Requests sent so far (recorded on the run). */
  requestCount(): number;
}

/** A failure in words: a code (Microsoft's or ours) and what to do. */
export interface CspSyncFailure {
  code: string;
  message: string;
  fix?: string;
}

/** Where the tenants module writes. */
export interface CspTenantsStore {
  listStored(): Promise<StoredTenant[]>;
  /** Writes the run's tenants (seen ones refreshed, removed ones marked) and its inbound log. */
  apply(entries: readonly TenantSyncEntry[], runId: string, now: Date): Promise<void>;
  recordTenantError(tenantId: string, failure: CspSyncFailure, now: Date): Promise<void>;
  startRun(): Promise<string>;
  finishRun(
    runId: string,
    result: {
      status: 'succeeded' | 'failed';
      counts: Record<string, number>;
      error: CspSyncFailure | null;
      requests: number;
    },
  ): Promise<void>;
}

/**
 * Work done for each tenant after the tenants are stored (new customers from new tenants, the
 * SSO allow-list, site-mapping rules). A throw is that tenant's failure only.
 */
export type CspTenantFollowUp = (tenant: DiscoveredTenant, entry: TenantSyncEntry) => Promise<void>;
