import type { LeaverFields } from '../../contracts/onboarding/request-fields.js';
import { addDays } from '../../domain/billing/billing-period.js';
import { dayStart } from './dates.js';
import { groupsOutcome, manualReason } from './group-steps.js';
import type { StepItem } from './ports.js';
import type { StepContext, StepHandler } from './run-workflow.js';
import { refusedOutcome } from './step-errors.js';

const fieldsOf = (ctx: StepContext) => ctx.request.fields as LeaverFields;

const blockSignIn: StepHandler = async (ctx) => {
  const { user, leaveDate } = fieldsOf(ctx);
  const due = dayStart(leaveDate);
  if (ctx.now() < due) {
    return {
      status: 'waiting',
      reason: 'date',
      dueAt: due,
      detail: `Sign-in will be blocked on ${leaveDate}.`,
    };
  }
  const call = await ctx.directory.updateUser(user.entraObjectId, { accountEnabled: false });
  await ctx.log('user.disable', call);
  if (!call.ok) return refusedOutcome(call, ctx.step.attempts, ctx.now());
  return { status: 'done', detail: `Sign-in blocked for ${user.userPrincipalName ?? user.name}.` };
};

const revokeSessions: StepHandler = async (ctx) => {
  const { user } = fieldsOf(ctx);
  const call = await ctx.directory.revokeSessions(user.entraObjectId);
  await ctx.log('user.revoke-sessions', call);
  if (!call.ok) return refusedOutcome(call, ctx.step.attempts, ctx.now());
  return { status: 'done', detail: 'Signed out of every session (refresh tokens revoked).' };
};

const removeGroups: StepHandler = async (ctx) => {
  const { user, removeGroups: wanted } = fieldsOf(ctx);
  if (!wanted) return { status: 'skipped', detail: 'The request keeps group memberships.' };
  const listed = await ctx.directory.listGroups(user.entraObjectId);
  if (!listed.ok) return refusedOutcome(listed, ctx.step.attempts, ctx.now());
  const done = ctx.step.items.filter((i) => i.status === 'done');
  const items: StepItem[] = [...done];
  const removable = listed.value.filter((g) => {
    const manual = manualReason(g.kind);
    if (manual)
      items.push({ name: g.name, status: 'needsManual', message: `Needs manual action: ${manual}.` });
    return !manual;
  });
  if (removable.length === 0) {
    if (items.length === 0) return { status: 'skipped', detail: 'The user was in no groups.' };
    return groupsOutcome(items, 'removed');
  }
  const call = await ctx.directory.removeFromGroups(
    user.entraObjectId,
    removable.map((g) => g.id),
  );
  await ctx.log('group.remove-member', call);
  return groupsOutcome(items, 'removed', call, removable, ctx);
};

const removeLicences: StepHandler = async (ctx) => {
  const { user, removeLicences: wanted } = fieldsOf(ctx);
  if (!wanted) return { status: 'skipped', detail: 'The request keeps the licences.' };
  const read = await ctx.directory.readUser(user.entraObjectId);
  if (!read.ok) return refusedOutcome(read, ctx.step.attempts, ctx.now());
  const skuIds = (read.value?.assignedLicenses ?? []).map((l) => l.skuId);
  if (skuIds.length === 0) return { status: 'skipped', detail: 'The user holds no licences.' };
  const call = await ctx.directory.assignLicences(user.entraObjectId, { add: [], remove: skuIds });
  await ctx.log('licence.remove', call);
  if (!call.ok) return refusedOutcome(call, ctx.step.attempts, ctx.now());
  const names = await ctx.desk.licenceNames(ctx.request.customerId);
  const freed = skuIds.map((id) => names.get(id.toLowerCase()) ?? id);
  return {
    status: 'done',
    detail: `Freed one seat of each: ${freed.join(', ')}.`,
    items: freed.map((name) => ({ name, status: 'done', message: 'Seat freed' })),
  };
};

const deactivateDeskUser: StepHandler = async (ctx) => {
  const { user } = fieldsOf(ctx);
  const { changed } = await ctx.desk.deactivateUser(user.id);
  return {
    status: 'done',
    detail: changed
      ? `${user.name} is inactive in the desk.`
      : `${user.name} was already inactive in the desk.`,
  };
};

const deleteUser: StepHandler = async (ctx) => {
  const { user, leaveDate, deleteAfterDays } = fieldsOf(ctx);
  if (deleteAfterDays === null)
    return { status: 'skipped', detail: 'The request keeps the account (disabled).' };
  const day = addDays(leaveDate, deleteAfterDays);
  if (ctx.now() < dayStart(day)) {
    return {
      status: 'waiting',
      reason: 'date',
      dueAt: dayStart(day),
      detail: `The account will be deleted on ${day}.`,
    };
  }
  const call = await ctx.directory.deleteUser(user.entraObjectId);
  await ctx.log('user.delete', call);
  if (!call.ok) return refusedOutcome(call, ctx.step.attempts, ctx.now());
  return {
    status: 'done',
    detail: `Deleted on ${day}; Microsoft keeps it in the recycle bin for 30 days, where it can be restored.`,
  };
};

/** The leaver steps (contracts LEAVER_STEPS), by key. */
export const leaverStepHandlers: Record<string, StepHandler> = {
  blockSignIn,
  revokeSessions,
  removeGroups,
  removeLicences,
  deactivateDeskUser,
  deleteUser,
};
