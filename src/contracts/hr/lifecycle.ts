import type { HrEntraAttribute } from './entra-attributes.js';

/**
 * The lifecycle model shared by the pure planner (src/domain/hr), the enforcement workflow
 * (src/workflows/hr) and the console: what Rollcall wants in the target for a person (desired),
 * what it has done there (applied), and the actions that close the gap, each with its reasons.
 */

/**
 * Where a person stands on a day:
 * - `future`: known, but before the create window; nothing exists yet;
 * - `preboarding`: account created, sign-in blocked until `enableDaysBeforeStart` before start;
 * - `active`: sign-in allowed (from the enable day through the last contract's end date);
 * - `left`: after the last end date: blocked, entitlements removed;
 * - `purge`: `deleteAfterDays` after the end: the account is deleted.
 */
export const HR_PHASES = ['future', 'preboarding', 'active', 'left', 'purge'] as const;
export type HrPhase = (typeof HR_PHASES)[number];

/** The names the naming convention builds the address from (preferred name first). */
export interface HrAccountNames {
  first: string;
  last: string;
  middle: string | null;
}

/** One granted group or licence and the rules that grant it. */
export interface HrGrantedGroup {
  name: string;
  rules: string[];
  /** A dynamic rule may create the group when Entra has none of that name. */
  createMissing: boolean;
}
export interface HrGrantedLicence {
  skuId: string;
  rules: string[];
}

export type HrAttributeValues = Partial<Record<HrEntraAttribute, string | null>>;

/** What Rollcall wants in the target for one person on one day. */
export interface HrDesiredState {
  employeeId: string;
  phase: HrPhase;
  /** Rules granting the account; empty: the person gets no account (or loses it as a leaver). */
  accountRules: string[];
  /** The account should exist (an account rule matched and the phase is past `future`, not `purge`). */
  account: boolean;
  enabled: boolean;
  names: HrAccountNames;
  attributes: HrAttributeValues;
  managerEmployeeId: string | null;
  groups: HrGrantedGroup[];
  licences: HrGrantedLicence[];
}

/** What Rollcall has done in the target for one person (kept after every confirmed change). */
export interface HrAppliedState {
  objectId: string | null;
  userPrincipalName: string | null;
  mail: string | null;
  enabled: boolean;
  deleted: boolean;
  /** The names the current address was built from; a change means a rename. */
  names: HrAccountNames | null;
  attributes: HrAttributeValues;
  managerEmployeeId: string | null;
  /** Group names as granted (compared case-insensitively). */
  groups: string[];
  licences: string[];
  /**
   * The UPN and e-mail last written back to the source (a JSON source with a write-back URL);
   * null: never written back (also for states saved before write-back existed).
   */
  writtenBack: HrWrittenBack | null;
}

/** The account's addresses as written back to the HR source. */
export interface HrWrittenBack {
  userPrincipalName: string | null;
  mail: string | null;
}

export const EMPTY_APPLIED_STATE: HrAppliedState = {
  objectId: null,
  userPrincipalName: null,
  mail: null,
  enabled: false,
  deleted: false,
  names: null,
  attributes: {},
  managerEmployeeId: null,
  groups: [],
  licences: [],
  writtenBack: null,
};

/** The lifecycle event an action belongs to, as the audit and console name it. */
export const HR_EVENTS = ['joiner', 'mover', 'leaver', 'rules'] as const;
export type HrEvent = (typeof HR_EVENTS)[number];

/** One change in the target, with why. Executed in the order the planner returns them. */
export type HrAction = { employeeId: string; event: HrEvent; reasons: string[] } & (
  | { kind: 'create'; names: HrAccountNames; attributes: HrAttributeValues; enabled: boolean }
  | { kind: 'enable' }
  | { kind: 'disable' }
  | { kind: 'revokeSessions' }
  | { kind: 'delete' }
  | {
      kind: 'updateAttributes';
      changes: { attribute: HrEntraAttribute; from: string | null; to: string | null }[];
    }
  | { kind: 'rename'; from: HrAccountNames | null; to: HrAccountNames }
  | { kind: 'setManager'; managerEmployeeId: string | null }
  | { kind: 'addGroups'; groups: HrGrantedGroup[] }
  | { kind: 'removeGroups'; groups: string[] }
  | { kind: 'assignLicences'; licences: HrGrantedLicence[] }
  | { kind: 'removeLicences'; skuIds: string[] }
  /** The account's current UPN and e-mail to the HR source (not to the target), after the rest. */
  | { kind: 'writeBack' }
);
export type HrActionKind = HrAction['kind'];

export const HR_ACTION_KINDS = [
  'create',
  'enable',
  'disable',
  'revokeSessions',
  'delete',
  'updateAttributes',
  'rename',
  'setManager',
  'addGroups',
  'removeGroups',
  'assignLicences',
  'removeLicences',
  'writeBack',
] as const satisfies readonly HrActionKind[];

/** How a preview reports one person's change of entitlements between two rule sets. */
export interface HrEntitlementDiff {
  employeeId: string;
  displayName: string;
  gains: { kind: 'account' | 'group' | 'licence'; name: string; rules: string[] }[];
  loses: { kind: 'account' | 'group' | 'licence'; name: string; rules: string[] }[];
}
