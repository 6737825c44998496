import { HR_ENTRA_ATTRIBUTES, type HrEntraAttribute } from '../../contracts/hr/entra-attributes.js';
import type {
  HrAccountNames,
  HrAction,
  HrAppliedState,
  HrDesiredState,
  HrEvent,
} from '../../contracts/hr/lifecycle.js';
import type { HrLifecycleSettings } from '../../contracts/hr/source.js';

/**
 * The actions that bring one person's account from what Rollcall applied to what it wants (issue
 * 9), in execution order, each with its lifecycle event and reasons. Nothing differs, nothing is
 * planned: enforcement of a 2% change must cost about 2% of the requests.
 *
 * - Joiner: create (always disabled), manager, groups, licences, then enable when the person is
 *   already active, so the account never signs in without its entitlements.
 * - Mover: disable first when the person went back to preboarding; rename (when the setting is
 *   on), changed attributes only, manager, group and licence removals before additions (a freed
 *   seat can be reused), enable last.
 * - Leaver (phase left, or no rule grants the account any more): disable, revoke sessions on the
 *   way out, remove every group and licence Rollcall granted. Other memberships are never touched.
 * - Purge: delete, once.
 * - Write-back (a source that takes the account's addresses back): last, after a create or a
 *   rename, or whenever the UPN or e-mail differs from what the source was last told. It goes to
 *   the source, not the target, so it never holds up the account's own actions.
 */

export interface PlanOptions {
  /**
   * What triggered the enforcement: entitlement changes of existing accounts are `mover` events
   * after a source import and `rules` events after a rule set is published.
   */
  trigger?: 'source' | 'rules';
  /** The source takes the account's UPN and e-mail back (`HrEvaluationContext.writeBack`). */
  writeBack?: boolean;
}

type PlannedAction = HrAction extends infer A ? (A extends HrAction ? Omit<A, 'employeeId'> : never) : never;

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').trim() === (b ?? '').trim();
const sameName = (a: string | null, b: string | null) =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

function namesChanged(from: HrAccountNames, to: HrAccountNames): boolean {
  return (
    !sameName(from.first, to.first) || !sameName(from.last, to.last) || !sameName(from.middle, to.middle)
  );
}

function attributeChanges(desired: HrDesiredState, applied: HrAppliedState) {
  const changes: { attribute: HrEntraAttribute; from: string | null; to: string | null }[] = [];
  for (const attribute of HR_ENTRA_ATTRIBUTES) {
    const to = desired.attributes[attribute];
    if (to === undefined) continue;
    const from = applied.attributes[attribute] ?? null;
    if (!same(from, to)) changes.push({ attribute, from, to });
  }
  return changes;
}

function entitlementActions(
  desired: HrDesiredState,
  applied: Pick<HrAppliedState, 'groups' | 'licences'>,
  keep: boolean,
  event: HrEvent,
  why: string[],
) {
  const actions: PlannedAction[] = [];
  const wantGroups = keep ? desired.groups : [];
  const wantLicences = keep ? desired.licences : [];
  const wantGroupKeys = new Set(wantGroups.map((g) => g.name.toLowerCase()));
  const haveGroupKeys = new Set(applied.groups.map((g) => g.toLowerCase()));
  const wantSkus = new Set(wantLicences.map((l) => l.skuId.toLowerCase()));
  const haveSkus = new Set(applied.licences.map((l) => l.toLowerCase()));

  const dropGroups = applied.groups.filter((g) => !wantGroupKeys.has(g.toLowerCase()));
  const addGroups = wantGroups.filter((g) => !haveGroupKeys.has(g.name.toLowerCase()));
  const dropSkus = applied.licences.filter((l) => !wantSkus.has(l.toLowerCase()));
  const addLicences = wantLicences.filter((l) => !haveSkus.has(l.skuId.toLowerCase()));
  const rulesOf = (granted: { rules: string[] }[]) => [...new Set(granted.flatMap((g) => g.rules))];

  if (dropGroups.length > 0) actions.push({ kind: 'removeGroups', groups: dropGroups, event, reasons: why });
  if (addGroups.length > 0)
    actions.push({ kind: 'addGroups', groups: addGroups, event, reasons: rulesOf(addGroups) });
  if (dropSkus.length > 0) actions.push({ kind: 'removeLicences', skuIds: dropSkus, event, reasons: why });
  if (addLicences.length > 0)
    actions.push({ kind: 'assignLicences', licences: addLicences, event, reasons: rulesOf(addLicences) });
  return actions;
}

function joiner(desired: HrDesiredState & { phaseReason?: string }): PlannedAction[] {
  const phaseReason = desired.phaseReason ?? `phase ${desired.phase}`;
  const actions: PlannedAction[] = [
    {
      kind: 'create',
      names: desired.names,
      attributes: desired.attributes,
      enabled: false,
      event: 'joiner',
      reasons: [...desired.accountRules, phaseReason],
    },
  ];
  if (desired.managerEmployeeId !== null)
    actions.push({
      kind: 'setManager',
      managerEmployeeId: desired.managerEmployeeId,
      event: 'joiner',
      reasons: ['manager in the source'],
    });
  actions.push(...entitlementActions(desired, { groups: [], licences: [] }, true, 'joiner', []));
  if (desired.enabled) actions.push({ kind: 'enable', event: 'joiner', reasons: [phaseReason] });
  return actions;
}

/** The actions for one person, in the order they are to be executed. */
export function planPerson(
  desired: HrDesiredState & { phaseReason?: string },
  applied: HrAppliedState,
  settings: Pick<HrLifecycleSettings, 'revokeSessionsOnLeave' | 'renameOnNameChange'>,
  options: PlanOptions = {},
): HrAction[] {
  const exists = applied.objectId !== null && !applied.deleted;
  const phaseReason = desired.phaseReason ?? `phase ${desired.phase}`;
  const planned: PlannedAction[] = [];
  if (desired.phase === 'purge') {
    if (exists) planned.push({ kind: 'delete', event: 'leaver', reasons: [phaseReason] });
  } else if (!exists) {
    if (desired.account && desired.phase !== 'left') planned.push(...joiner(desired));
  } else {
    planned.push(...existing(desired, applied, settings, options, phaseReason));
  }
  if (options.writeBack === true && desired.phase !== 'purge') {
    const writeBack = writeBackAction(applied, planned, exists);
    if (writeBack) planned.push(writeBack);
  }
  // Mutated in place rather than copied: a full enforcement plans 20k persons.
  return planned.map((a) => Object.assign(a, { employeeId: desired.employeeId }) as HrAction);
}

const sameAddress = (a: string | null, b: string | null) =>
  (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** Whether the source was last told the account's UPN and e-mail as they are now (case aside). */
export function sourceHasAddresses(applied: HrAppliedState): boolean {
  const told = applied.writtenBack;
  return (
    told !== null &&
    sameAddress(told.userPrincipalName, applied.userPrincipalName) &&
    sameAddress(told.mail, applied.mail)
  );
}

/** Writes the addresses back when a create or rename makes new ones, or the source has others. */
function writeBackAction(
  applied: HrAppliedState,
  planned: PlannedAction[],
  exists: boolean,
): PlannedAction | null {
  if (planned.some((a) => a.kind === 'create'))
    return {
      kind: 'writeBack',
      event: 'joiner',
      reasons: ['the source takes the new account’s UPN and e-mail'],
    };
  if (!exists) return null;
  if (planned.some((a) => a.kind === 'rename'))
    return { kind: 'writeBack', event: 'mover', reasons: ['the rename changes the UPN and e-mail'] };
  if (applied.writtenBack === null)
    return { kind: 'writeBack', event: 'joiner', reasons: ['the source was never told the UPN and e-mail'] };
  if (!sourceHasAddresses(applied))
    return { kind: 'writeBack', event: 'mover', reasons: ['the source has another UPN or e-mail'] };
  return null;
}

function existing(
  desired: HrDesiredState,
  applied: HrAppliedState,
  settings: Pick<HrLifecycleSettings, 'revokeSessionsOnLeave' | 'renameOnNameChange'>,
  options: PlanOptions,
  phaseReason: string,
): PlannedAction[] {
  const keep = desired.account && desired.phase !== 'left';
  // Losing the account: to a rule change, to the end date, or (start date moved past the create
  // window) back to `future`, which is a change of the person's data.
  const byRule = desired.phase !== 'left' && desired.accountRules.length === 0;
  const leaving: HrEvent = desired.phase === 'left' ? 'leaver' : byRule ? 'rules' : 'mover';
  const leaveReasons = byRule ? ['no rule grants an account any more'] : [phaseReason];
  const wantEnabled = keep && desired.enabled;
  const actions: PlannedAction[] = [];
  if (applied.enabled && !wantEnabled) {
    actions.push({
      kind: 'disable',
      event: keep ? 'mover' : leaving,
      reasons: keep ? [phaseReason] : leaveReasons,
    });
    if (!keep && settings.revokeSessionsOnLeave)
      actions.push({ kind: 'revokeSessions', event: leaving, reasons: leaveReasons });
  }
  if (keep) {
    if (settings.renameOnNameChange && applied.names !== null && namesChanged(applied.names, desired.names))
      actions.push({
        kind: 'rename',
        from: applied.names,
        to: desired.names,
        event: 'mover',
        reasons: ['name changed in the source'],
      });
    const changes = attributeChanges(desired, applied);
    if (changes.length > 0)
      actions.push({
        kind: 'updateAttributes',
        changes,
        event: 'mover',
        reasons: ['attributes changed in the source'],
      });
    if (!same(desired.managerEmployeeId, applied.managerEmployeeId))
      actions.push({
        kind: 'setManager',
        managerEmployeeId: desired.managerEmployeeId,
        event: 'mover',
        reasons: ['manager changed in the source'],
      });
  }
  const event: HrEvent = !keep ? leaving : options.trigger === 'rules' ? 'rules' : 'mover';
  const why = keep ? ['no rule grants it any more'] : leaveReasons;
  actions.push(...entitlementActions(desired, applied, keep, event, why));
  if (wantEnabled && !applied.enabled)
    actions.push({ kind: 'enable', event: 'joiner', reasons: [phaseReason] });
  return actions;
}
