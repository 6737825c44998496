import type { LoggedExchange, MicrosoftRefusal } from '../outbound.js';

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

export type { LoggedExchange, MicrosoftRefusal as LicenceRefusal };

/** What Microsoft answered to one change: the licences the user holds after it, or a refusal. */
export type LicenceAttempt = {
  id: string;
  request: LoggedExchange;
  response: LoggedExchange | null;
} & ({ ok: true; licences: HeldLicence[] } | { ok: false; refusal: MicrosoftRefusal });
