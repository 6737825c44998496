/**
 * A tenant's licences and CSP subscriptions as the desk keeps them: made by the pure licence
 * import (src/domain/licences), stored and read back by the store.
 */

/** A licence (SKU) of a tenant as the desk keeps it. */
export interface ImportedLicence {
  skuId: string;
  skuPartNumber: string;
  friendlyName: string;
  capabilityStatus: string;
  totalUnits: number;
  consumedUnits: number;
  suspendedUnits: number;
  warningUnits: number;
  lockedOutUnits: number;
  /** The SKU's service plans (Graph `subscribedSkus`); empty when the source lists none. */
  servicePlans: LicenceServicePlan[];
}

/** A service plan of a licence (Graph `servicePlans`), e.g. EXCHANGE_S_ENTERPRISE. */
export interface LicenceServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  /** Success, Disabled, PendingInput, PendingActivation, PendingProvisioning, Error. */
  provisioningStatus: string | null;
  /** User or Company. */
  appliesTo: string | null;
}

/** A CSP subscription as the desk keeps it. */
export interface ImportedSubscription {
  subscriptionId: string;
  offerId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  unitType: string | null;
  status: string;
  termDuration: string | null;
  billingCycle: string | null;
  autoRenew: boolean;
  isTrial: boolean;
  /** ISO 8601 instant (UTC, milliseconds). */
  createdOn: string | null;
  /** YYYY-MM-DD. */
  startDate: string | null;
  commitmentEndDate: string | null;
  /** What the columns do not hold (links, refund options, …), for people who need it. */
  details: Record<string, unknown>;
}
