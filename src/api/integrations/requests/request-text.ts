import type { LeaverFields, NewStarterFields } from '../../../contracts/onboarding/request-fields.js';

/** The reference people quote: REQ-000042. */
export const requestReference = (number: number) => `REQ-${String(number).padStart(6, '0')}`;

export function newStarterSummary(fields: NewStarterFields): string {
  return `New starter: ${fields.displayName} (${fields.userPrincipalName}), starts ${fields.startDate}`;
}

export function leaverSummary(fields: LeaverFields): string {
  const who = fields.user.userPrincipalName
    ? `${fields.user.name} (${fields.user.userPrincipalName})`
    : fields.user.name;
  return `Leaver: ${who}, leaves ${fields.leaveDate}`;
}
