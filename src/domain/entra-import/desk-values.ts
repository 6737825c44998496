import { planTime, type DirectoryUser, type EntraImportConfig } from '../../contracts/entra/index.js';
import type { GroupMembership } from './entra-values.js';
import { readEntraField } from './entra-values.js';
import { isBlank } from './text.js';

/** Desk field → value, as the planner computes and compares them. */
export type DeskValues = Record<string, string | null>;

/** The part of a user or agent field mapping the value computation needs. */
export interface ValueMapping {
  entraField: string;
  deskField: string;
  overwriteWithBlank: boolean;
}

/**
 * The desk values field mappings give a user. A blank Entra value keeps the desk's value
 * (`existing`) unless the mapping says `overwriteWithBlank`; with no desk record it is null.
 * `manager` / `linemanager` come out as the manager's Entra object id.
 */
export function mappedValues(
  mappings: readonly ValueMapping[],
  user: DirectoryUser,
  existing: Readonly<DeskValues> | null,
): DeskValues {
  const values: DeskValues = {};
  for (const mapping of mappings) {
    const value = readEntraField(user, mapping.entraField);
    if (value !== null) values[mapping.deskField] = value;
    else if (existing === null || mapping.overwriteWithBlank) values[mapping.deskField] = null;
    else values[mapping.deskField] = existing[mapping.deskField] ?? null;
  }
  return values;
}

/** A site mapping's "values to set": applied after field mappings, to everyone or only to a group. */
export interface SetValues {
  setValues: readonly { deskField: string; value: string }[];
  setValuesGroupName: string | null;
}

/** Applies a site mapping's set values in place; an empty configured value sets the field blank. */
export function applySetValues(values: DeskValues, mapping: SetValues, membership: GroupMembership): void {
  if (mapping.setValuesGroupName !== null && !membership.has(mapping.setValuesGroupName)) return;
  for (const set of mapping.setValues) values[set.deskField] = isBlank(set.value) ? null : set.value;
}

/** The desk field the last sign-in is kept in: ISO 8601 in UTC with milliseconds. */
export const LAST_SIGN_IN_FIELD = 'lastSignInAt';

/**
 * With "import last sign-in": the user's last sign-in, in the form the desk keeps it (Graph sends
 * `…:00Z`, the desk gives back `…:00.000Z`; compared as they are, every re-run would update). A
 * user Entra reports no sign-in for keeps the desk's value.
 */
export function applyLastSignIn(
  values: DeskValues,
  config: EntraImportConfig,
  user: DirectoryUser,
  existing: Readonly<DeskValues> | null,
): void {
  if (!config.import.importLastSignIn) return;
  values[LAST_SIGN_IN_FIELD] = planTime(user.lastSignInAt) ?? existing?.[LAST_SIGN_IN_FIELD] ?? null;
}
