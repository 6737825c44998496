/** What the licences module records when reading a tenant fails. */
export interface LicenceFailure {
  code: string;
  message: string;
  /** Whether a later attempt may succeed without anyone doing anything. */
  transient: boolean;
}

/** The parts of a thrown error the explanation reads (a `MicrosoftError` has them all). */
interface ErrorLike {
  code?: unknown;
  service?: unknown;
  status?: unknown;
  retryable?: unknown;
  message?: unknown;
}

/** Guide 002, Common Errors, row "Licences | 'Error - Forbidden'": cause and fix. */
export const LICENCES_FORBIDDEN_MESSAGE =
  "Partner Center refused to show this customer's licences (Forbidden). Either the Cloud Reseller " +
  'relationship with the customer has ended or was never accepted, or the account that authorised the ' +
  'CSP connection cannot see licences for this customer, or it has been flagged as a risky user in the ' +
  "partner tenant. Fix: check the customer's reseller relationship in Partner Center › Customers; " +
  'sign in to Partner Center as the authorising account and open the customer; clear a risky-user flag ' +
  'in Entra ID; check the Partner Center app uses the redirect URI shown on the connection, and authorise ' +
  'the connection again.';

/**
 * Partner Center serves a customer's subscribed SKUs to App+User credentials only
 * (get-a-list-of-available-licenses.md): before a partner user authorised the connection, the
 * SKU read is refused here, without a request Microsoft would refuse anyway.
 */
export class PartnerUserNeededError extends Error {
  readonly code = 'licences.partnerUserNeeded';
  readonly retryable = false;
  constructor() {
    super(
      "Partner Center shows a customer's licences (subscribed SKUs) only to a partner user, not to the " +
        'Partner Center app alone, and no partner user has authorised this connection yet. Fix: on the ' +
        "connection's page choose Authorise and sign in as an Admin agent of the partner; or set the " +
        'licence import type to subscriptions, which the app alone may read.',
    );
    this.name = 'PartnerUserNeededError';
  }
}

/**
 * Why a tenant's licence import failed, in words an administrator can act on. A Partner Center
 * 403 is guide 002's "Licences: Error - Forbidden"; other typed errors keep their code and words;
 * anything else is a bug, recorded as `internal` (the server log has the details).
 */
export function explainLicenceFailure(error: unknown): LicenceFailure {
  const e = (error ?? {}) as ErrorLike;
  if (e.service === 'partnercenter' && e.status === 403) {
    return { code: 'licences.forbidden', message: LICENCES_FORBIDDEN_MESSAGE, transient: false };
  }
  if (error instanceof Error && typeof e.code === 'string') {
    return { code: e.code, message: error.message, transient: e.retryable === true };
  }
  return {
    code: 'internal',
    message: 'an unexpected error stopped this run; the server log has the details (search for the run id)',
    transient: false,
  };
}
