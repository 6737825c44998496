import { createGdapRelationship, GDAP_ROLES } from '../graph/gdap/records.js';
import type { GdapRelationshipRecord, TenantRecord } from '../state/types.js';
import type { SeedRandom } from './random.js';
import { DAY_MS } from './time.js';

/** The longest relationship GDAP allows (two years). */
const MAX_DURATION_DAYS = 730;
/** A relationship from the DAP migration era ran a year. */
const MIGRATED_DURATION_DAYS = 365;
/** GDAP display names are limited to 50 characters. */
const DISPLAY_NAME_MAX = 50;

export type GdapState = 'active' | 'expiring' | 'expired';

/** Partner security groups that get roles in every relationship (GDAP access assignments). */
export interface GdapGroups {
  helpdesk: string | null;
  userAdmins: string | null;
}

/**
 * A GDAP relationship of the partner with `customer`: active (auto-extending, ends well ahead),
 * expiring (no auto-extend, ends within 30 days) or expired (an old one, replaced, ended weeks ago).
 */
export function gdapRelationship(
  random: SeedRandom,
  now: number,
  customer: TenantRecord,
  state: GdapState,
  groups: GdapGroups,
): GdapRelationshipRecord {
  const roles: string[] =
    state === 'expired'
      ? [GDAP_ROLES.globalAdministrator]
      : [
          GDAP_ROLES.directoryReaders,
          GDAP_ROLES.userAdministrator,
          GDAP_ROLES.helpdeskAdministrator,
          GDAP_ROLES.licenseAdministrator,
          GDAP_ROLES.groupsAdministrator,
          ...(customer.intune ? [GDAP_ROLES.intuneAdministrator] : []),
        ];
  const durationDays = state === 'expired' ? MIGRATED_DURATION_DAYS : MAX_DURATION_DAYS;
  const end =
    state === 'active'
      ? now + random.int(60 * DAY_MS, 700 * DAY_MS)
      : state === 'expiring'
        ? now + random.int(3 * DAY_MS, 28 * DAY_MS)
        : now - random.int(5 * DAY_MS, 90 * DAY_MS);
  const activatedAt = end - durationDays * DAY_MS;
  const wanted: { groupId: string | null; roleDefinitionIds: string[] }[] =
    state === 'expired'
      ? []
      : [
          { groupId: groups.helpdesk, roleDefinitionIds: [GDAP_ROLES.helpdeskAdministrator] },
          {
            groupId: groups.userAdmins,
            roleDefinitionIds: [GDAP_ROLES.userAdministrator, GDAP_ROLES.licenseAdministrator],
          },
        ];
  const assignments = wanted.flatMap((a) => (a.groupId ? [{ ...a, groupId: a.groupId }] : []));
  const label = state === 'expired' ? 'DAP migration' : 'GDAP';
  return createGdapRelationship({
    customerTenantId: customer.id,
    customerDisplayName: customer.displayName,
    displayName: `${label} ${customer.displayName}`.slice(0, DISPLAY_NAME_MAX),
    status: state === 'expired' ? 'expired' : 'active',
    durationDays,
    activatedAt,
    createdAt: activatedAt - random.int(DAY_MS, 3 * DAY_MS),
    // Relationships with Global Administrator may not auto-extend; expiring ones were set up without it.
    autoExtend: state === 'active',
    roleDefinitionIds: roles,
    accessAssignments: assignments,
    random: random.next,
  });
}
