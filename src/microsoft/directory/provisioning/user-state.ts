import type { DirectoryUserState } from '../../../contracts/onboarding/directory.js';
import type { ProvisionedUser } from './schemas.js';

/** A user read with `USER_SELECT`, as the workflows see it: unset properties null, SKU ids lower-case. */
export function toDirectoryUserState(user: ProvisionedUser): DirectoryUserState {
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName ?? null,
    givenName: user.givenName ?? null,
    surname: user.surname ?? null,
    accountEnabled: user.accountEnabled ?? null,
    createdDateTime: user.createdDateTime ?? null,
    usageLocation: user.usageLocation ?? null,
    assignedLicenses: (user.assignedLicenses ?? []).map((l) => ({
      skuId: l.skuId.toLowerCase(),
      disabledPlans: l.disabledPlans ?? [],
    })),
    employeeId: user.employeeId ?? null,
    mail: user.mail ?? null,
    proxyAddresses: user.proxyAddresses ?? [],
  };
}
