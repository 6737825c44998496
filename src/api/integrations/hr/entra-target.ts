import { randomInt } from 'node:crypto';
import { toGraphProfile } from '../../../contracts/hr/entra-attributes.js';
import { succeeded } from '../../../microsoft/directory/provisioning/attempt.js';
import { generateTemporaryPassword } from '../../../domain/onboarding/password.js';
import {
  addUserToGroups,
  assignUserLicences,
  createDirectoryUser,
  createSecurityGroup,
  deleteDirectoryUser,
  findAddressesInUse,
  findUsersByEmployeeIds,
  removeUserFromGroups,
  removeUserManager,
  resolveGroups,
  revokeUserSessions,
  setUserManager,
  updateDirectoryUser,
  type GraphClient,
} from '../../../microsoft/index.js';
import type { HrTarget } from '../../../workflows/hr/ports.js';

/**
 * The HR lifecycle's target in Microsoft Entra ID, over a Graph client of the customer's tenant.
 * New accounts get a random password nobody is told: HR-driven accounts are meant to be claimed
 * through the tenant's own onboarding (Temporary Access Pass, self-service password reset).
 */
export function createEntraHrTarget(graph: GraphClient): HrTarget {
  return {
    async findAccounts(employeeIds) {
      const found = await findUsersByEmployeeIds(graph, employeeIds);
      if (!found.ok) return found;
      const value = new Map(
        [...found.value].map(([id, users]) => [
          id,
          users.map((u) => ({
            objectId: u.id,
            userPrincipalName: u.userPrincipalName,
            mail: u.mail,
            enabled: u.accountEnabled,
          })),
        ]),
      );
      return { ...found, value };
    },
    addressesInUse: (addresses) => findAddressesInUse(graph, addresses),
    async createAccount(account) {
      // An attribute the source leaves empty is simply not set on a new account.
      const given = Object.fromEntries(
        Object.entries(account.attributes).filter(([, v]) => v !== null && v !== ''),
      );
      // The address is also the primary e-mail, so a later rename keeps it as an smtp: alias.
      const profile = {
        ...toGraphProfile({ ...given, employeeId: account.employeeId }),
        mail: account.userPrincipalName,
      };
      const created = await createDirectoryUser(graph, {
        userPrincipalName: account.userPrincipalName,
        mailNickname: account.mailNickname,
        displayName: account.attributes.displayName ?? `${account.names.first} ${account.names.last}`,
        givenName: account.attributes.givenName ?? account.names.first,
        surname: account.attributes.surname ?? account.names.last,
        accountEnabled: account.enabled,
        password: generateTemporaryPassword(randomInt),
        forceChangePasswordNextSignIn: true,
        employeeId: account.employeeId,
        profile,
      });
      if (!created.ok) return created;
      return {
        ...created,
        value: { objectId: created.value.id, userPrincipalName: created.value.userPrincipalName },
      };
    },
    updateAccount: (objectId, change) =>
      updateDirectoryUser(graph, objectId, {
        ...(change.enabled !== undefined ? { accountEnabled: change.enabled } : {}),
        ...(change.userPrincipalName ? { userPrincipalName: change.userPrincipalName } : {}),
        ...(change.mail ? { mail: change.mail } : {}),
        ...(change.attributes ? { profile: toGraphProfile(change.attributes) } : {}),
      }),
    setManager: (objectId, managerObjectId) =>
      managerObjectId === null
        ? removeUserManager(graph, objectId)
        : setUserManager(graph, objectId, managerObjectId),
    resolveGroups: (names) => resolveGroups(graph, names),
    createGroup: (name) =>
      createSecurityGroup(graph, {
        displayName: name,
        description: 'Created by Rollcall for an HR business rule',
      }),
    addToGroups: (objectId, groupIds) => addUserToGroups(graph, objectId, groupIds),
    removeFromGroups: (objectId, groupIds) => removeUserFromGroups(graph, objectId, groupIds),
    async changeLicences(objectId, add, remove) {
      if (add.length === 0 && remove.length === 0) return succeeded(null, null, null);
      return assignUserLicences(graph, objectId, {
        add: add.map((skuId) => ({ skuId })),
        remove: [...remove],
      });
    },
    revokeSessions: (objectId) => revokeUserSessions(graph, objectId),
    deleteAccount: (objectId) => deleteDirectoryUser(graph, objectId),
  };
}
