import type { FieldChange } from '../../contracts/entra/index.js';
import type { DeskValues } from './desk-values.js';
import { sortedUnique } from './text.js';

/**
 * Names of the changes that are not desk field values. A plan's `changes` list everything an
 * apply must write, so these sit beside the desk fields (which never use these names).
 */
export const CHANGE_FIELDS = {
  /** The link to Entra, written when a record is adopted. */
  tenantId: 'tenantId',
  entraObjectId: 'entraObjectId',
  /** Site id; for a site the import creates, `after` is its name (see `PlannedUser.site`). */
  site: 'site',
  /** 'true' / 'false'. */
  inactive: 'inactive',
  /** Comma-separated sorted role ids; the full list is `PlannedUser.roleIds`. */
  roleIds: 'roleIds',
  /** Agents: 'named' / 'concurrent'. */
  licenceType: 'licenceType',
  /** Agents: comma-separated sorted team ids (the add/remove lists are in `agent`). */
  teams: 'teams',
  /** Agents: comma-separated sorted `cabId:cabRoleId` (the CABs to set are in `agent`). */
  cabs: 'cabs',
} as const;

/** Adds to `changes` the field-level changes from `before` to the desired values (the fields the import writes). */
export function addValueChanges(
  changes: FieldChange[],
  before: Readonly<DeskValues>,
  desired: Readonly<DeskValues>,
): void {
  for (const field in desired) {
    const previous = before[field] ?? null;
    const after = desired[field] ?? null;
    if (previous !== after) changes.push({ field, before: previous, after });
  }
}

/** A change between two id lists (compared as sets), or null when they hold the same ids. */
export function listChange(
  field: string,
  before: readonly string[],
  after: readonly string[],
): FieldChange | null {
  const from = sortedUnique(before);
  const to = sortedUnique(after);
  if (from.length === to.length && from.every((id, i) => id === to[i])) return null;
  return { field, before: from.join(','), after: to.join(',') };
}

/** The link written when an unlinked record is adopted. */
export function linkChanges(tenantId: string, entraId: string): FieldChange[] {
  return [
    { field: CHANGE_FIELDS.tenantId, before: null, after: tenantId },
    { field: CHANGE_FIELDS.entraObjectId, before: null, after: entraId },
  ];
}

/** The change of the inactive flag, or null when it stays. */
export function inactiveChange(before: boolean, after: boolean): FieldChange | null {
  return before === after
    ? null
    : { field: CHANGE_FIELDS.inactive, before: String(before), after: String(after) };
}

/** Appends the changes that exist (not null) to `changes`, and returns it. */
export function pushChanges(changes: FieldChange[], ...more: (FieldChange | null)[]): FieldChange[] {
  for (const change of more) if (change !== null) changes.push(change);
  return changes;
}
