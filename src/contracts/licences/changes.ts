/**
 * Licence changes from the desk as the layers pass them around: the pure rules
 * (src/domain/licences/licence-change.ts), the store, the Graph client and the workflow.
 */

export type LicenceOperation = 'assign' | 'remove';

/** A licence a desk user holds: directly, or inherited from a group (`viaGroup`). */
export interface HeldLicence {
  skuId: string;
  disabledPlans: readonly string[];
  viaGroup: boolean;
}

/** A tenant's licence as imported, for names and seat counts in messages. */
export interface TenantLicence {
  skuId: string;
  name: string;
  totalUnits: number;
  consumedUnits: number;
}

/** A connection allowed to manage licences for a tenant. */
export interface LicenceManager {
  connectionId: string;
  name: string;
}

/** One change on one user, as Graph's `assignLicense` takes it. */
export interface LicenceAssignment {
  operation: LicenceOperation;
  skuId: string;
  disabledPlans: readonly string[];
}

/** One HTTP exchange as the Outbound Requests log keeps it (never credentials). */
export interface LoggedExchange {
  method?: string;
  url?: string;
  status?: number;
  body?: unknown;
}

/** Microsoft's refusal, catalogued (src/microsoft/errors): what to tell a person, whether to retry. */
export interface LicenceRefusal {
  code: string;
  title: string;
  whatHappened: string;
  howToFix: string;
  /** Microsoft's own words, when it gave any. */
  microsoftMessage: string | null;
  retryable: boolean;
  retryAfterSeconds: number | null;
}

/** What Microsoft answered to one change: the licences the user holds after it, or a refusal. */
export type LicenceAttempt = {
  id: string;
  request: LoggedExchange;
  response: LoggedExchange | null;
} & ({ ok: true; licences: HeldLicence[] } | { ok: false; refusal: LicenceRefusal });
