import type { ContractCoverage } from '../../contracts/entra/index.js';

/** What deciding whether a ticket may be logged against a user needs to know about the user. */
export interface TicketEligibilityInput {
  inactive: boolean;
  /** Service accounts (guide 002) cannot have tickets logged against them nor be billed. */
  isServiceAccount: boolean;
  contractCoverage: ContractCoverage | null;
}

/** Whether a ticket may be logged against a user, whether it is flagged, and why, in words. */
export interface TicketEligibility {
  allowed: boolean;
  /** Allowed, but outside the contract: the ticket is marked for the desk to review or bill. */
  flagged: boolean;
  /** Why it is refused or flagged; null when allowed without remark. */
  reason: string | null;
}

/**
 * The ticket rule of a desk user: inactive users and service accounts may not have tickets
 * logged; contract compliance refuses users the contract does not cover (mode "refuse") or
 * flags them (mode "flag"). Pure, so tickets, the portal and the console all decide alike.
 */
export function ticketEligibility(user: TicketEligibilityInput): TicketEligibility {
  if (user.inactive)
    return { allowed: false, flagged: false, reason: 'the user is inactive; reactivate them first' };
  if (user.isServiceAccount)
    return {
      allowed: false,
      flagged: false,
      reason:
        'service account: tickets cannot be logged against it (the licence check or a site mapping marked it)',
    };
  if (user.contractCoverage === 'refused')
    return {
      allowed: false,
      flagged: false,
      reason: 'not covered by the contract: the user holds none of the licences contract compliance requires',
    };
  if (user.contractCoverage === 'flagged')
    return {
      allowed: true,
      flagged: true,
      reason:
        'not covered by the contract: tickets are allowed but flagged (the user holds none of the covered licences)',
    };
  return { allowed: true, flagged: false, reason: null };
}
