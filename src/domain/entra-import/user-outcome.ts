import type {
  DirectoryUser,
  EntraImportConfig,
  FieldChange,
  PlanDeskUser,
  PlannedSite,
  PlannedUser,
} from '../../contracts/entra/index.js';
import {
  CHANGE_FIELDS,
  addValueChanges,
  inactiveChange,
  linkChanges,
  listChange,
  pushChanges,
} from './changes.js';
import { applyLastSignIn, applySetValues, mappedValues, type DeskValues } from './desk-values.js';
import type { GroupMembership } from './entra-values.js';
import { applyLicenceValues } from './licence-check.js';
import type { UserSiteMapping } from './mapping-selection.js';
import { entry, whoIs } from './plan-entries.js';
import { sortedUnique } from './text.js';

/** A user a site mapping imports, placed on a site, with the desk record it meets (if any). */
export interface PlacedUser {
  user: DirectoryUser;
  mapping: UserSiteMapping;
  membership: GroupMembership;
  /** "matched site mapping …" */
  matchReason: string;
  site: PlannedSite;
  siteDetail: string;
  /** The desk values with no record behind them (field mappings and set values). */
  wouldBe: () => DeskValues;
}

/**
 * What one imported user does to the desk: create a record, or bring `record` up to date (values,
 * site, roles, reactivation, and the link when it was adopted by `adoptedBy`).
 */
export function userOutcome(
  placed: PlacedUser,
  record: PlanDeskUser | null,
  adoptedBy: string | null,
  config: EntraImportConfig,
): PlannedUser {
  const { user, mapping, membership, site } = placed;
  const values = mappedValues(config.userFieldMappings, user, record?.values ?? null);
  applySetValues(values, mapping, membership);
  applyLastSignIn(values, config, user, record?.values ?? null);
  applyLicenceValues(values, config, user, record?.values ?? null);
  const roleIds = desiredUserRoles(config, placed, record?.roleIds ?? []);
  // Fields written out, not spread: spreading them into every entry cost a third of the plan's time.
  if (record === null) {
    return entry(whoIs(user), {
      mappingId: mapping.id,
      site,
      roleIds,
      outcome: 'create',
      reasonCode: 'created',
      reason: `${placed.matchReason}; new desk user on ${placed.siteDetail}`,
      values,
    });
  }
  const changes: FieldChange[] = adoptedBy === null ? [] : linkChanges(user.tenantId, user.id);
  addValueChanges(changes, record.values, values);
  // Off, the import leaves a desk user's status to the desk: it reactivates nobody either.
  const reactivates = record.inactive && config.import.statusFromAccountEnabled;
  pushChanges(
    changes,
    siteChange(record.siteId, site),
    inactiveChange(record.inactive, record.inactive && !reactivates),
    listChange(CHANGE_FIELDS.roleIds, record.roleIds, roleIds),
  );
  const found =
    adoptedBy === null ? `linked desk user ${record.id}` : `adopted desk user ${record.id} by ${adoptedBy}`;
  const reactivated = reactivates
    ? '; reactivated'
    : record.inactive
      ? '; stays inactive (account status is not imported)'
      : '';
  return entry(whoIs(user), {
    mappingId: mapping.id,
    site,
    roleIds,
    outcome: changes.length > 0 ? 'update' : 'unchanged',
    reasonCode: adoptedBy === null ? 'matched.linked' : 'matched.adopted',
    reason: `${placed.matchReason}; ${found} on ${placed.siteDetail}${reactivated}`,
    deskId: record.id,
    changes,
  });
}

/**
 * Portal roles a user holds after the import: what it has, plus the site mapping's role, the
 * roles of group mappings it is a member of, and the no-manager role when Entra names no manager.
 */
export function desiredUserRoles(
  config: EntraImportConfig,
  placed: PlacedUser,
  existing: readonly string[],
): string[] {
  const roles = [...existing];
  if (placed.mapping.userRoleId !== null) roles.push(placed.mapping.userRoleId);
  for (const m of config.groupMappings.userRoles)
    if (placed.membership.has(m.groupName)) roles.push(m.roleId);
  const noManagerRole = config.users.roleForUsersWithNoManagerId;
  if (noManagerRole !== null && placed.user.managerId === null) roles.push(noManagerRole);
  return sortedUnique(roles);
}

function siteChange(before: string, site: PlannedSite): FieldChange | null {
  if ('siteId' in site)
    return site.siteId === before ? null : { field: CHANGE_FIELDS.site, before, after: site.siteId };
  return { field: CHANGE_FIELDS.site, before, after: site.newSite.name };
}
