import type { HrAction, HrAppliedState, HrAttributeValues } from '../../contracts/hr/lifecycle.js';
import {
  DIRECTORY_REFUSAL_CODES,
  type GroupMembershipOutcome,
} from '../../contracts/onboarding/directory.js';
import { sourceHasAddresses } from '../../domain/hr/plan-person.js';
import type { AddressBook } from './addresses.js';
import type { GroupDirectory } from './groups.js';
import type { HrSourceWriter, HrTarget, TargetAttempt } from './ports.js';

/** How one action ended. `retry`: the target asked to try again later (replication, throttling). */
export interface ActionOutcome {
  status: 'done' | 'failed' | 'retry' | 'deferred';
  applied: HrAppliedState;
  request: Record<string, unknown> | null;
  response: Record<string, unknown> | null;
  message: string | null;
  detail: Record<string, unknown>;
}

export interface ActionContext {
  target: HrTarget;
  addresses: AddressBook;
  groups: GroupDirectory;
  /** Where write-back actions go; null when the source takes none. */
  writer: HrSourceWriter | null;
  /** The account of a person (manager) by employee id, as known now in this run. */
  objectIdOf(employeeId: string): string | null;
}

const ORG_DATA = 'employeeOrgData.';
const ORG_DATA_MEMBERS = ['employeeOrgData.costCenter', 'employeeOrgData.division'] as const;

/** Tries at most this many addresses when the target says one is taken at create time. */
const MAX_CREATE_ATTEMPTS = 5;

const exchange = (attempt: TargetAttempt<unknown>) => ({
  request: (attempt.request as Record<string, unknown> | null) ?? null,
  response: (attempt.response as Record<string, unknown> | null) ?? null,
});

function settled<T>(
  attempt: TargetAttempt<T>,
  applied: HrAppliedState,
  onDone: (value: T) => HrAppliedState,
  detail: Record<string, unknown> = {},
): ActionOutcome {
  if (attempt.ok)
    return { status: 'done', applied: onDone(attempt.value), message: null, detail, ...exchange(attempt) };
  const { refusal } = attempt;
  return {
    status: refusal.retryable ? 'retry' : 'failed',
    applied,
    message: `${refusal.title}: ${refusal.whatHappened} ${refusal.howToFix}`.trim(),
    detail: { ...detail, code: refusal.code },
    ...exchange(attempt),
  };
}

const isTaken = (code: string) =>
  code === DIRECTORY_REFUSAL_CODES.upnTaken || code === DIRECTORY_REFUSAL_CODES.addressTaken;

async function create(
  action: Extract<HrAction, { kind: 'create' }>,
  applied: HrAppliedState,
  ctx: ActionContext,
) {
  let last: ActionOutcome | null = null;
  for (let attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt += 1) {
    const address = await ctx.addresses.choose(action.names);
    if (!address.ok) return failed(applied, `No address is free: ${address.message}`);
    const made = await ctx.target.createAccount({
      userPrincipalName: address.address,
      mailNickname: address.mailNickname,
      employeeId: action.employeeId,
      names: action.names,
      attributes: action.attributes,
      enabled: action.enabled,
    });
    last = settled(
      made,
      applied,
      (v) => ({
        ...applied,
        objectId: v.objectId,
        userPrincipalName: v.userPrincipalName,
        mail: v.userPrincipalName,
        enabled: action.enabled,
        deleted: false,
        names: action.names,
        attributes: { ...action.attributes },
      }),
      { userPrincipalName: address.address },
    );
    if (made.ok || !isTaken(made.refusal.code)) return last;
    ctx.addresses.markTaken(address.address);
  }
  return last!;
}

function failed(
  applied: HrAppliedState,
  message: string,
  detail: Record<string, unknown> = {},
): ActionOutcome {
  return { status: 'failed', applied, request: null, response: null, message, detail };
}

function membership(
  outcomes: GroupMembershipOutcome[],
  names: Map<string, string>,
): { doneNames: string[]; problems: string[]; retry: boolean } {
  const doneNames: string[] = [];
  const problems: string[] = [];
  let retry = false;
  for (const o of outcomes) {
    const name = names.get(o.groupId) ?? o.groupId;
    if (o.status === 'needsManual' || o.status === 'failed') {
      problems.push(`${name}: ${o.refusal.whatHappened}`);
      retry ||= o.status === 'failed' && o.refusal.retryable;
    } else doneNames.push(name);
  }
  return { doneNames, problems, retry };
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

async function changeGroups(
  action: Extract<HrAction, { kind: 'addGroups' | 'removeGroups' }>,
  applied: HrAppliedState,
  ctx: ActionContext,
): Promise<ActionOutcome> {
  const objectId = applied.objectId!;
  const adding = action.kind === 'addGroups';
  const wanted = adding ? action.groups.map((g) => g.name) : action.groups;
  const ids = new Map<string, string>();
  // Adding needs the group; a group that no longer exists holds nobody, so removing from it is done.
  const doneNames: string[] = [];
  const problems: string[] = [];
  for (const name of wanted) {
    const found = ctx.groups.id(name);
    if (found.ok) ids.set(found.id, name);
    else if (adding) problems.push(found.message);
    else doneNames.push(name);
  }
  let outcome: ActionOutcome = {
    status: 'done',
    applied,
    request: null,
    response: null,
    message: null,
    detail: {},
  };
  if (ids.size > 0) {
    const groupIds = [...ids.keys()];
    const call = adding
      ? await ctx.target.addToGroups(objectId, groupIds)
      : await ctx.target.removeFromGroups(objectId, groupIds);
    if (!call.ok) return settled(call, applied, () => applied);
    const result = membership(call.value, ids);
    doneNames.push(...result.doneNames);
    problems.push(...result.problems);
    outcome = { ...outcome, ...exchange(call), status: result.retry ? 'retry' : 'done' };
  }
  const groups = adding
    ? [...applied.groups, ...doneNames.filter((n) => !applied.groups.some((g) => sameName(g, n)))]
    : applied.groups.filter((g) => !doneNames.some((n) => sameName(g, n)));
  const status = outcome.status === 'retry' ? 'retry' : problems.length > 0 ? 'failed' : 'done';
  return {
    ...outcome,
    status,
    applied: { ...applied, groups },
    message: problems.length > 0 ? problems.join('; ') : null,
    detail: { groups: wanted },
  };
}

/**
 * Tells the source the account's addresses as they are now (after a create or rename in this
 * run). A failure leaves `writtenBack` as it was, so the next enforcement plans it again.
 */
async function writeBack(
  action: Extract<HrAction, { kind: 'writeBack' }>,
  applied: HrAppliedState,
  writer: HrSourceWriter | null,
): Promise<ActionOutcome> {
  const addresses = { userPrincipalName: applied.userPrincipalName, mail: applied.mail };
  if (sourceHasAddresses(applied))
    return {
      status: 'done',
      applied,
      request: null,
      response: null,
      message: 'the source already has these addresses',
      detail: addresses,
    };
  if (writer === null) return failed(applied, 'The source takes no write-back: set its write-back URL.');
  const sent = await writer.writeBack(action.employeeId, addresses);
  return {
    status: sent.ok ? 'done' : 'failed',
    applied: sent.ok ? { ...applied, writtenBack: addresses } : applied,
    request: sent.request,
    response: sent.response,
    message: sent.message,
    detail: addresses,
  };
}

/** Runs one planned action against the target and returns the applied state after it. */
export async function runAction(
  action: HrAction,
  applied: HrAppliedState,
  ctx: ActionContext,
): Promise<ActionOutcome> {
  const objectId = applied.objectId;
  if (action.kind === 'create') return create(action, applied, ctx);
  if (objectId === null)
    return failed(applied, 'The person has no account yet: the create action failed before.');
  const { target } = ctx;
  switch (action.kind) {
    case 'enable':
    case 'disable': {
      const enabled = action.kind === 'enable';
      return settled(await target.updateAccount(objectId, { enabled }), applied, () => ({
        ...applied,
        enabled,
      }));
    }
    case 'updateAttributes': {
      const attributes: HrAttributeValues = Object.fromEntries(
        action.changes.map((c) => [c.attribute, c.to]),
      );
      // Graph replaces employeeOrgData whole: send the unchanged member too, or it is cleared.
      if (action.changes.some((c) => c.attribute.startsWith(ORG_DATA)))
        for (const member of ORG_DATA_MEMBERS)
          if (!(member in attributes) && applied.attributes[member] !== undefined)
            attributes[member] = applied.attributes[member];
      return settled(
        await target.updateAccount(objectId, { attributes }),
        applied,
        () => ({ ...applied, attributes: { ...applied.attributes, ...attributes } }),
        { changes: action.changes },
      );
    }
    case 'rename': {
      const address = await ctx.addresses.choose(action.to, applied.userPrincipalName);
      if (!address.ok) return failed(applied, `No address is free for the new name: ${address.message}`);
      if (address.address === applied.userPrincipalName?.toLowerCase())
        return {
          status: 'done',
          applied: { ...applied, names: action.to },
          request: null,
          response: null,
          message: 'address unchanged',
          detail: {},
        };
      return settled(
        await target.updateAccount(objectId, { userPrincipalName: address.address, mail: address.address }),
        applied,
        () => ({ ...applied, names: action.to, userPrincipalName: address.address, mail: address.address }),
        { from: applied.userPrincipalName, to: address.address },
      );
    }
    case 'setManager': {
      const manager = action.managerEmployeeId === null ? null : ctx.objectIdOf(action.managerEmployeeId);
      if (action.managerEmployeeId !== null && manager === null)
        return {
          status: 'deferred',
          applied,
          request: null,
          response: null,
          message: `manager ${action.managerEmployeeId} has no account yet`,
          detail: {},
        };
      return settled(
        await target.setManager(objectId, manager),
        applied,
        () => ({ ...applied, managerEmployeeId: action.managerEmployeeId }),
        {
          managerEmployeeId: action.managerEmployeeId,
        },
      );
    }
    case 'addGroups':
    case 'removeGroups':
      return changeGroups(action, applied, ctx);
    case 'assignLicences':
    case 'removeLicences': {
      const add = action.kind === 'assignLicences' ? action.licences.map((l) => l.skuId) : [];
      const remove = action.kind === 'removeLicences' ? action.skuIds : [];
      return settled(
        await target.changeLicences(objectId, add, remove),
        applied,
        () => ({
          ...applied,
          licences: [
            ...applied.licences.filter((s) => !remove.includes(s)),
            ...add.filter((s) => !applied.licences.includes(s)),
          ],
        }),
        { add, remove },
      );
    }
    case 'revokeSessions':
      return settled(await target.revokeSessions(objectId), applied, () => applied);
    case 'delete':
      return settled(await target.deleteAccount(objectId), applied, () => ({
        ...applied,
        deleted: true,
        enabled: false,
      }));
    case 'writeBack':
      return writeBack(action, applied, ctx.writer);
  }
}
