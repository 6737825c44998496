import type { GdapRelationshipRecord, TenantRecord } from '../state/types.js';
import type { SeedRandom } from './random.js';
import { DAY_MS, isoSeconds } from './time.js';

/** Entra built-in role template ids used in GDAP relationships. */
export const ROLE_TEMPLATES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
} as const;

/** The longest relationship GDAP allows (two years). */
const MAX_DURATION_DAYS = 730;
/** GDAP display names are limited to 50 characters. */
const DISPLAY_NAME_MAX = 50;

export type GdapState = 'active' | 'expiring' | 'expired';

/**
 * A GDAP relationship of the partner with `customer`: active (auto-extending, ends well ahead),
 * expiring (no auto-extend, ends within 30 days) or expired (ended weeks ago, a replaced one).
 */
export function gdapRelationship(
  random: SeedRandom,
  now: number,
  customer: TenantRecord,
  state: GdapState,
): GdapRelationshipRecord {
  const roles: string[] = [
    ROLE_TEMPLATES.directoryReaders,
    ROLE_TEMPLATES.userAdministrator,
    ROLE_TEMPLATES.helpdeskAdministrator,
    ROLE_TEMPLATES.licenseAdministrator,
    ROLE_TEMPLATES.groupsAdministrator,
  ];
  if (customer.intune) roles.push(ROLE_TEMPLATES.intuneAdministrator);
  const durationDays = state === 'expired' ? 365 : MAX_DURATION_DAYS;
  const end =
    state === 'active'
      ? now + random.int(60 * DAY_MS, 700 * DAY_MS)
      : state === 'expiring'
        ? now + random.int(3 * DAY_MS, 28 * DAY_MS)
        : now - random.int(5 * DAY_MS, 90 * DAY_MS);
  const activated = end - durationDays * DAY_MS;
  const created = activated - random.int(DAY_MS, 3 * DAY_MS);
  if (state === 'expired') roles.splice(0, roles.length, ROLE_TEMPLATES.globalAdministrator);
  const label = state === 'expired' ? 'GDAP (migrated from DAP)' : 'GDAP';
  return {
    id: `${random.guid()}-${random.guid()}`,
    displayName: `${label} ${customer.displayName}`.slice(0, DISPLAY_NAME_MAX),
    customerTenantId: customer.id,
    customerDisplayName: customer.displayName,
    status: state === 'expired' ? 'expired' : 'active',
    duration: `P${durationDays}D`,
    // Relationships with Global Administrator may not auto-extend; expiring ones were set up without it.
    autoExtendDuration: state === 'active' ? 'P180D' : 'PT0S',
    roleDefinitionIds: roles,
    createdDateTime: isoSeconds(created),
    lastModifiedDateTime: isoSeconds(state === 'expired' ? end : activated),
    activatedDateTime: isoSeconds(activated),
    endDateTime: isoSeconds(end),
  };
}
