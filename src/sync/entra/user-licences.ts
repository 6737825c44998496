import type { DirectoryUser } from '../../contracts/entra/index.js';
import type { ImportModule, UserLicences } from './ports.js';

/**
 * The licences of the users a users run read, for the apply to record on their desk users; users
 * whose licences Graph did not return are left out (what the desk holds stays). Agents runs
 * record none: agents are not desk users.
 */
export function userLicencesOf(
  module: ImportModule,
  users: readonly DirectoryUser[],
): { userLicences?: UserLicences[] } {
  if (module !== 'users') return {};
  const userLicences: UserLicences[] = [];
  for (const user of users)
    if (user.licences)
      userLicences.push({ tenantId: user.tenantId, entraId: user.id, licences: user.licences });
  return { userLicences };
}
