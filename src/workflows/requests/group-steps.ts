import type {
  DirectoryGroup,
  DirectoryGroupKind,
  GroupMembershipOutcome,
} from '../../contracts/onboarding/directory.js';
import type { DirectoryCall, StepItem, StepOutcome } from './ports.js';
import type { StepContext } from './run-workflow.js';
import { MAX_STEP_ATTEMPTS, refusalStepError, refusedOutcome, retryDueAt } from './step-errors.js';

/** Group kinds whose membership Graph cannot change: a person does it (Exchange, the group's rule). */
const MANUAL_KINDS: Partial<Record<DirectoryGroupKind, string>> = {
  dynamic:
    'a dynamic group: its membership rule decides who is in it; change the rule or the user’s attributes',
  mailEnabledSecurity: 'a mail-enabled security group: change its members in Exchange',
  distribution: 'a distribution list: change its members in Exchange',
};

export function manualReason(kind: string | null): string | null {
  return (kind && MANUAL_KINDS[kind as DirectoryGroupKind]) ?? null;
}

interface RequestedGroup {
  name: string;
  id: string | null;
  kind: string | null;
}

/**
 * The groups still to change for a step: those an earlier attempt finished keep their item; names
 * without a known id are looked up (one request); groups Graph cannot change are needs-manual
 * items, never silently skipped.
 */
export async function groupItems(
  ctx: StepContext,
  groups: readonly RequestedGroup[],
): Promise<{ items: StepItem[]; addable: DirectoryGroup[] } | { outcome: StepOutcome }> {
  const finished = new Map(
    ctx.step.items.filter((i) => i.status === 'done' || i.status === 'needsManual').map((i) => [i.name, i]),
  );
  const open = groups.filter((g) => !finished.has(g.name));
  const unknown = open.filter((g) => !g.id).map((g) => g.name);
  const resolved = new Map<string, DirectoryGroup>();
  const missing = new Set<string>();
  if (unknown.length > 0) {
    const call = await ctx.directory.resolveGroups(unknown);
    if (!call.ok)
      return { outcome: refusedOutcome(call, ctx.step.attempts, ctx.now(), { items: ctx.step.items }) };
    for (const g of call.value.found) resolved.set(g.name.toLowerCase(), g);
    for (const name of call.value.missing) missing.add(name.toLowerCase());
  }
  const items: StepItem[] = [...finished.values()];
  const addable: DirectoryGroup[] = [];
  for (const group of open) {
    const found: DirectoryGroup | undefined = group.id
      ? {
          id: group.id,
          name: group.name,
          kind: (group.kind ?? 'security') as DirectoryGroupKind,
          canAddMembers: true,
        }
      : resolved.get(group.name.toLowerCase());
    if (!found) {
      items.push({
        name: group.name,
        status: 'failed',
        message: missing.has(group.name.toLowerCase())
          ? 'No group of this name exists in the tenant: create it, or remove it from the customer’s settings'
          : 'More than one group has this name: rename one',
      });
      continue;
    }
    const manual = manualReason(found.kind);
    if (manual)
      items.push({ name: group.name, status: 'needsManual', message: `Needs manual action: ${manual}.` });
    else addable.push({ ...found, name: group.name });
  }
  return { items, addable };
}

/**
 * The step's outcome from the membership results: waiting when Microsoft asked to wait for some
 * (the others are kept as done), failed when one was refused, needs-manual when some need a
 * person, done otherwise.
 */
export function groupsOutcome(
  items: StepItem[],
  verb: 'added' | 'removed',
  call?: DirectoryCall<GroupMembershipOutcome[]>,
  changed: readonly DirectoryGroup[] = [],
  ctx?: StepContext,
): StepOutcome {
  const all = [...items];
  let retryAt = null as Date | null;
  if (call && ctx) {
    if (!call.ok)
      return refusedOutcome(call, ctx.step.attempts, ctx.now(), { items: [...all, ...pending(changed)] });
    const byId = new Map(changed.map((g) => [g.id, g]));
    for (const result of call.value) {
      const name = byId.get(result.groupId)?.name ?? result.groupId;
      if (result.status !== 'needsManual' && result.status !== 'failed') {
        all.push({ name, status: 'done', message: doneWords(result.status) });
      } else if (result.status === 'needsManual') {
        all.push({
          name,
          status: 'needsManual',
          message: `Needs manual action: ${refusalStepError(result.refusal).message}`,
        });
      } else if (result.refusal.retryable) {
        all.push({ name, status: 'pending', message: 'Microsoft asked to wait; trying again.' });
        const due = retryDueAt(result.refusal, ctx.step.attempts, ctx.now());
        retryAt = retryAt && retryAt > due ? retryAt : due;
      } else {
        all.push({ name, status: 'failed', message: refusalStepError(result.refusal).message });
      }
    }
  }
  const count = (status: StepItem['status']) => all.filter((i) => i.status === status).length;
  const summary = `${count('done')} ${verb}, ${count('needsManual')} need manual action, ${count('failed')} failed.`;
  if (retryAt && ctx && ctx.step.attempts < MAX_STEP_ATTEMPTS) {
    return { status: 'waiting', reason: 'retry', dueAt: retryAt, detail: summary, items: all };
  }
  const failed = all.filter((i) => i.status === 'failed' || i.status === 'pending');
  if (failed.length > 0) {
    return {
      status: 'failed',
      detail: summary,
      items: all,
      error: {
        code: 'requests.groupsFailed',
        title: `Some groups could not be ${verb === 'added' ? 'joined' : 'left'}`,
        message: failed.map((i) => `${i.name}: ${i.message}`).join('; '),
        howToFix: 'Fix what each group says, then retry the step; groups already done are not touched again.',
      },
    };
  }
  return { status: count('needsManual') > 0 ? 'needsManual' : 'done', detail: summary, items: all };
}

const pending = (groups: readonly DirectoryGroup[]): StepItem[] =>
  groups.map((g) => ({ name: g.name, status: 'pending', message: null }));

function doneWords(outcome: 'added' | 'alreadyMember' | 'removed' | 'notMember'): string | null {
  if (outcome === 'alreadyMember') return 'Was already a member';
  if (outcome === 'notMember') return 'Was not a member';
  return null;
}
