import type { NewStarterFields } from '../../contracts/onboarding/request-fields.js';
import { addressCandidates, mailNicknameFor } from '../../domain/onboarding/naming.js';
import { dayStart } from './dates.js';
import { groupItems, groupsOutcome } from './group-steps.js';
import { DIRECTORY_REFUSAL_CODES, type DirectoryUserState } from '../../contracts/onboarding/directory.js';
import type { StepOutcome } from './ports.js';
import type { StepContext, StepHandler } from './run-workflow.js';
import { refusedOutcome } from './step-errors.js';

const fieldsOf = (ctx: StepContext) => ctx.request.fields as NewStarterFields;

/** Accounts made more than this before the approval cannot be this request's (clock skew allowed). */
const ADOPTION_SKEW_MS = 5 * 60_000;

/**
 * Whether the account holding the address is the one an earlier attempt of this request created
 * (its answer lost to a crash or a timeout): same names, made after the approval. Adopting it is
 * what keeps a retry from creating a second account, or wrongly skipping to a fallback address.
 */
export function isThisRequestsAccount(
  user: DirectoryUserState,
  fields: NewStarterFields,
  approvedAt: Date | null,
) {
  const same = (a: string | null | undefined, b: string) =>
    (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();
  if (!same(user.givenName, fields.firstName) || !same(user.surname, fields.lastName)) return false;
  if (!approvedAt || !user.createdDateTime) return false;
  return new Date(user.createdDateTime).getTime() >= approvedAt.getTime() - ADOPTION_SKEW_MS;
}

/** The address chosen at submission first, then the naming convention's fallbacks. */
function candidatesOf(ctx: StepContext): string[] {
  const fields = fieldsOf(ctx);
  const chosen = fields.userPrincipalName.toLowerCase();
  if (!ctx.request.naming) return [chosen];
  const more = addressCandidates(
    { firstName: fields.firstName, middleName: fields.middleName ?? undefined, lastName: fields.lastName },
    ctx.request.naming,
    fields.domain,
  );
  if (!more.ok) return [chosen];
  return [chosen, ...more.candidates.filter((c) => c !== chosen)];
}

function conflictOn(code: string): 'userPrincipalName' | 'proxyAddresses' | null {
  if (code === DIRECTORY_REFUSAL_CODES.upnTaken) return 'userPrincipalName';
  if (code === DIRECTORY_REFUSAL_CODES.addressTaken) return 'proxyAddresses';
  return null;
}

const startsNow = (fields: NewStarterFields, now: Date) => dayStart(fields.startDate) <= now;

const createUser: StepHandler = async (ctx) => {
  const fields = fieldsOf(ctx);
  const memory = ctx.step.state as { userId?: string; userPrincipalName?: string; taken?: string[] };
  if (memory.userId) return { status: 'done', detail: `Created ${memory.userPrincipalName}.`, state: memory };
  const password = await ctx.desk.password(ctx.request.id);
  if (!password) {
    return {
      status: 'failed',
      error: {
        code: 'requests.passwordMissing',
        title: 'The temporary password is not kept any more',
        message: 'The request’s temporary password could not be read (the secrets key changed?).',
        howToFix: 'Raise the request again.',
      },
    };
  }
  const enabled = startsNow(fields, ctx.now());
  const taken = new Set(memory.taken ?? []);
  for (const address of candidatesOf(ctx)) {
    if (taken.has(address)) continue;
    const call = await ctx.directory.createUser({
      userPrincipalName: address,
      mailNickname: mailNicknameFor(address),
      displayName: fields.displayName,
      givenName: fields.firstName,
      surname: fields.lastName,
      ...(fields.jobTitle ? { jobTitle: fields.jobTitle } : {}),
      ...(fields.department ? { department: fields.department } : {}),
      ...(fields.officeLocation ? { officeLocation: fields.officeLocation } : {}),
      ...(fields.mobilePhone ? { mobilePhone: fields.mobilePhone } : {}),
      usageLocation: fields.usageLocation,
      accountEnabled: enabled,
      password,
      forceChangePasswordNextSignIn: true,
    });
    await ctx.log('user.create', call);
    const state = { taken: [...taken] };
    if (call.ok) return created(call.value.id, address, enabled, state.taken, 'Created');
    const conflict = conflictOn(call.refusal.code);
    if (!conflict) return refusedOutcome(call, ctx.step.attempts, ctx.now(), { state });
    // Taken: by an earlier attempt of ours (adopt it), or by someone else (next address).
    const found = await ctx.directory.readUser(address);
    if (!found.ok) return refusedOutcome(found, ctx.step.attempts, ctx.now(), { state });
    if (!found.value) {
      // The sign-in name exists but is not shown: ours, not replicated yet? Never guess; look again.
      if (conflict === 'userPrincipalName') {
        return {
          status: 'waiting',
          reason: 'retry',
          dueAt: new Date(ctx.now().getTime() + 5_000),
          detail: `${address} exists but Microsoft does not show it yet; checking again whether it is this request’s.`,
          state,
        };
      }
    } else if (isThisRequestsAccount(found.value, fields, ctx.request.approvedAt)) {
      return created(found.value.id, address, found.value.accountEnabled ?? enabled, state.taken, 'Adopted');
    }
    taken.add(address);
  }
  return {
    status: 'failed',
    error: {
      code: 'requests.noFreeAddress',
      title: 'Every address the naming convention allows is taken',
      message: `These addresses are all taken in the tenant: ${[...taken].join(', ')}.`,
      howToFix:
        'Add a fallback (or raise the highest number) in the customer’s naming convention, then retry.',
    },
    state: { taken: [...taken] },
  };
};

function created(
  userId: string,
  address: string,
  enabled: boolean,
  taken: string[],
  verb: string,
): StepOutcome {
  const skipped =
    taken.length > 0 ? ` (${taken.join(', ')} ${taken.length === 1 ? 'was' : 'were'} taken)` : '';
  return {
    status: 'done',
    detail: `${verb} ${address}${skipped}; sign-in ${enabled ? 'enabled' : 'blocked until the start date'}.`,
    state: { userId, userPrincipalName: address, enabledAtCreation: enabled, taken },
  };
}

/** Readiness waits: 1, 2, 4 … 30 s; Microsoft usually shows a new user within seconds. */
const READINESS_ATTEMPTS = 20;

const waitUntilReadable: StepHandler = async (ctx) => {
  const userId = ctx.stateOf('createUser').userId as string;
  const call = await ctx.directory.readUser(userId);
  if (!call.ok) return refusedOutcome(call, ctx.step.attempts, ctx.now());
  if (call.value) return { status: 'done', detail: 'Microsoft shows the new user.' };
  if (ctx.step.attempts >= READINESS_ATTEMPTS) {
    return {
      status: 'failed',
      error: {
        code: 'requests.notReplicated',
        title: 'Microsoft does not show the new user yet',
        message: `The user was created but is still not readable after ${READINESS_ATTEMPTS} checks.`,
        howToFix: 'Microsoft is slow to replicate; retry the step in a few minutes.',
      },
    };
  }
  const seconds = Math.min(30, 2 ** (ctx.step.attempts - 1));
  return {
    status: 'waiting',
    reason: 'retry',
    dueAt: new Date(ctx.now().getTime() + seconds * 1000),
    detail: 'Waiting for Microsoft to show the new user.',
  };
};

const addToGroups: StepHandler = async (ctx) => {
  const fields = fieldsOf(ctx);
  if (fields.groups.length === 0) return { status: 'skipped', detail: 'No groups were asked for.' };
  const userId = ctx.stateOf('createUser').userId as string;
  const plan = await groupItems(ctx, fields.groups);
  if ('outcome' in plan) return plan.outcome;
  if (plan.addable.length === 0) return groupsOutcome(plan.items, 'added');
  const call = await ctx.directory.addToGroups(
    userId,
    plan.addable.map((g) => g.id),
  );
  await ctx.log('group.add-member', call);
  return groupsOutcome(plan.items, 'added', call, plan.addable, ctx);
};

const setManager: StepHandler = async (ctx) => {
  const { manager } = fieldsOf(ctx);
  if (!manager) return { status: 'skipped', detail: 'No manager was given.' };
  if (!manager.entraObjectId) {
    return {
      status: 'needsManual',
      detail: `${manager.name} is not linked to an Entra account; set the manager in Entra by hand.`,
    };
  }
  const userId = ctx.stateOf('createUser').userId as string;
  const call = await ctx.directory.setManager(userId, manager.entraObjectId);
  await ctx.log('user.set-manager', call);
  if (!call.ok) return refusedOutcome(call, ctx.step.attempts, ctx.now());
  return { status: 'done', detail: `Manager set to ${manager.name}.` };
};

const assignLicences: StepHandler = async (ctx) => {
  const { licences, usageLocation } = fieldsOf(ctx);
  if (licences.length === 0) return { status: 'skipped', detail: 'No licences were asked for.' };
  const userId = ctx.stateOf('createUser').userId as string;
  const call = await ctx.directory.assignLicences(userId, {
    add: licences.map((l) => ({ skuId: l.skuId })),
    remove: [],
  });
  await ctx.log('licence.assign', call);
  const names = licences.map((l) => l.name).join(', ');
  if (!call.ok) {
    const outcome = refusedOutcome(call, ctx.step.attempts, ctx.now());
    if (outcome.status !== 'failed') return outcome;
    // Microsoft names licences by SKU id; the ticket names them as the desk knows them.
    const named = licences.reduce(
      (text, l) => text.replaceAll(new RegExp(l.skuId, 'gi'), `${l.name} (${l.skuId})`),
      outcome.error.message,
    );
    return {
      ...outcome,
      error: { ...outcome.error, message: named },
      detail: `Not assigned: ${names}. Groups and manager are set; the account is otherwise ready.`,
      items: licences.map((l) => ({ name: l.name, status: 'failed', message: named })),
    };
  }
  return {
    status: 'done',
    detail: `Usage location ${usageLocation}; assigned ${names}.`,
    items: licences.map((l) => ({ name: l.name, status: 'done', message: null })),
  };
};

const enableAccount: StepHandler = async (ctx) => {
  const fields = fieldsOf(ctx);
  if (ctx.stateOf('createUser').enabledAtCreation === true) {
    return { status: 'skipped', detail: 'Sign-in was enabled when the account was created.' };
  }
  const due = dayStart(fields.startDate);
  if (ctx.now() < due) {
    return {
      status: 'waiting',
      reason: 'date',
      dueAt: due,
      detail: `Sign-in will be enabled on ${fields.startDate}.`,
    };
  }
  const userId = ctx.stateOf('createUser').userId as string;
  const call = await ctx.directory.updateUser(userId, { accountEnabled: true });
  await ctx.log('user.enable', call);
  if (!call.ok) return refusedOutcome(call, ctx.step.attempts, ctx.now());
  return { status: 'done', detail: `Sign-in enabled on ${fields.startDate}.` };
};

/** The new-starter steps (contracts NEW_STARTER_STEPS), by key. */
export const newStarterStepHandlers: Record<string, StepHandler> = {
  createUser,
  waitUntilReadable,
  addToGroups,
  setManager,
  assignLicences,
  enableAccount,
};
