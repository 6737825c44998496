import type {
  HrAccountNames,
  HrAppliedState,
  HrAttributeValues,
  HrWrittenBack,
} from '../../contracts/hr/lifecycle.js';
import type { HrPerson } from '../../contracts/hr/person.js';
import type { HrRuleSet } from '../../contracts/hr/rules.js';
import type { HrSourceInput } from '../../contracts/hr/source.js';
import type {
  DirectoryGroup,
  GraphAttempt,
  GroupMembershipOutcome,
  ResolvedGroups,
} from '../../contracts/onboarding/directory.js';

/**
 * What HR enforcement (issue 9) needs from the outside world. `HrTarget` is the account system
 * persons are provisioned in: Entra ID through Graph today (src/api/integrations/hr/entra-target.ts);
 * an on-premises Active Directory target would implement the same interface.
 */

/** One call to the target: what was sent and answered (never a password), and the outcome. */
export type TargetAttempt<T> = GraphAttempt<T>;

/** An account found in the target by its employee id. */
export interface TargetAccount {
  objectId: string;
  userPrincipalName: string;
  mail: string | null;
  enabled: boolean | null;
}

export interface NewTargetAccount {
  userPrincipalName: string;
  mailNickname: string;
  employeeId: string;
  names: HrAccountNames;
  attributes: HrAttributeValues;
  enabled: boolean;
}

export interface TargetAccountChange {
  enabled?: boolean;
  attributes?: HrAttributeValues;
  /** A rename: the new UPN and primary address (the old one stays an alias). */
  userPrincipalName?: string;
  mail?: string;
}

export interface HrTarget {
  /** Accounts carrying these employee ids (lower-cased keys); several for one id is a conflict. */
  findAccounts(employeeIds: readonly string[]): Promise<TargetAttempt<Map<string, TargetAccount[]>>>;
  /** Which of these addresses some object already uses (as UPN, mail or alias). */
  addressesInUse(addresses: readonly string[]): Promise<TargetAttempt<string[]>>;
  createAccount(
    account: NewTargetAccount,
  ): Promise<TargetAttempt<{ objectId: string; userPrincipalName: string }>>;
  updateAccount(objectId: string, change: TargetAccountChange): Promise<TargetAttempt<null>>;
  setManager(objectId: string, managerObjectId: string | null): Promise<TargetAttempt<null>>;
  resolveGroups(names: readonly string[]): Promise<TargetAttempt<ResolvedGroups>>;
  createGroup(name: string): Promise<TargetAttempt<DirectoryGroup>>;
  addToGroups(
    objectId: string,
    groupIds: readonly string[],
  ): Promise<TargetAttempt<GroupMembershipOutcome[]>>;
  removeFromGroups(
    objectId: string,
    groupIds: readonly string[],
  ): Promise<TargetAttempt<GroupMembershipOutcome[]>>;
  changeLicences(
    objectId: string,
    add: readonly string[],
    remove: readonly string[],
  ): Promise<TargetAttempt<unknown>>;
  revokeSessions(objectId: string): Promise<TargetAttempt<unknown>>;
  deleteAccount(objectId: string): Promise<TargetAttempt<unknown>>;
}

/** One write to the HR source: what was sent and answered (never the token), and a failure in words. */
export interface SourceWriteAttempt {
  ok: boolean;
  /** Why it failed, for an administrator (null when ok). */
  message: string | null;
  request: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
}

/**
 * The HR source as enforcement writes to it (a JSON source with a write-back URL): the account's
 * UPN and e-mail, so the HR system knows the address it made. Narrow on purpose: the source is
 * otherwise only read.
 */
export interface HrSourceWriter {
  writeBack(employeeId: string, addresses: HrWrittenBack): Promise<SourceWriteAttempt>;
}

/** A person as enforcement loads them. */
export interface EnforcedPerson {
  person: HrPerson;
  applied: HrAppliedState;
  removedOn: string | null;
}

/** One audit entry of an action (contracts/api/hr-persons.ts hrEventSchema). */
export interface HrAuditEntry {
  employeeId: string;
  event: string;
  action: string;
  reasons: string[];
  detail: Record<string, unknown>;
  request: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
  result: 'done' | 'failed' | 'dryRun' | 'skipped';
  message: string | null;
}

/** The store as enforcement uses it. */
export interface HrEnforcementStore {
  /** Saves one person's applied state and audit entries together, after their actions ran. */
  savePerson(
    employeeId: string,
    outcome: {
      applied: HrAppliedState;
      lastError: string | null;
      pendingActions: number;
      audit: HrAuditEntry[];
    },
  ): Promise<void>;
  /** Audit entries of a dry run (nothing applied). */
  recordDryRun(audit: readonly HrAuditEntry[]): Promise<void>;
  saveEvaluation(
    rows: readonly { employeeId: string; phase: string; pendingActions: number }[],
  ): Promise<void>;
}

/** What one enforcement works on. */
export interface HrEnforcementInput {
  settings: HrSourceInput;
  rules: HrRuleSet;
  persons: readonly EnforcedPerson[];
  today: string;
  dryRun: boolean;
  trigger: 'source' | 'rules';
}
