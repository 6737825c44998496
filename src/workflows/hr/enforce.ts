import { HR_ACTION_KINDS, type HrAction, type HrAppliedState } from '../../contracts/hr/lifecycle.js';
import { desiredState, type HrEvaluationContext } from '../../domain/hr/desired-state.js';
import { evaluationContext } from '../../domain/hr/evaluation-context.js';
import { planPerson } from '../../domain/hr/plan-person.js';
import { createAddressBook } from './addresses.js';
import { resolveGroupNames } from './groups.js';
import { correlateJoiners } from './correlate.js';
import type {
  EnforcedPerson,
  HrAuditEntry,
  HrEnforcementInput,
  HrEnforcementStore,
  HrSourceWriter,
  HrTarget,
} from './ports.js';
import { runAction, type ActionContext } from './run-action.js';

/**
 * Enforcement of a source's published rules (issue 9): every person's desired state against what
 * Rollcall applied, the planned actions run in the target person by person, and each person's
 * applied state and audit entries saved together after their actions. An interrupted run
 * therefore resumes where it stopped (done persons plan nothing), and a joiner whose account was
 * created just before a crash is found again by employee id instead of being created twice.
 */

export class HrRulesInvalidError extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(
      `The published rules or attribute mapping cannot be evaluated: ${problems.map((p) => p.message).join('; ')}`,
    );
    this.name = 'HrRulesInvalidError';
  }
}

export interface EnforcementDeps {
  /** Null for a dry run: nothing is sent. */
  target: HrTarget | null;
  /** Where write-back actions go (a JSON source with a write-back URL); null or absent: none. */
  writer?: HrSourceWriter | null;
  store: HrEnforcementStore;
  sleep: (ms: number) => Promise<void>;
}

export interface EnforcementSummary {
  persons: number;
  personsWithActions: number;
  /** Per action kind: done (or planned, in a dry run). */
  counts: Record<string, number>;
  failed: number;
  groupsCreated: string[];
}

interface Work {
  entry: EnforcedPerson;
  actions: HrAction[];
  phase: string;
}

/** Rounds of retry for actions the target asked to repeat later (a new user not replicated yet). */
const RETRY_DELAYS_MS = [2000, 5000, 10000];

function audit(
  action: HrAction,
  result: HrAuditEntry['result'],
  extra: Partial<HrAuditEntry> = {},
): HrAuditEntry {
  const { employeeId, event, reasons, kind, ...detail } = action;
  return {
    employeeId,
    event,
    action: kind,
    reasons,
    request: null,
    response: null,
    result,
    message: null,
    ...extra,
    detail: { ...(detail as Record<string, unknown>), ...extra.detail },
  };
}

function plan(entry: EnforcedPerson, context: HrEvaluationContext, input: HrEnforcementInput): Work {
  const desired = desiredState(entry.person, context, input.today, entry.removedOn);
  const actions = planPerson(desired, entry.applied, input.settings.lifecycle, {
    trigger: input.trigger,
    writeBack: context.writeBack,
  });
  return { entry, actions, phase: desired.phase };
}

/**
 * After an action was put off, the rest wait, except a manager (independent of the others) and
 * the write-back (to the source): both need only the account, and the write-back its address, so
 * a manager without an account yet never keeps the source from learning the address.
 */
function runsDespite(action: HrAction, remaining: readonly HrAction[], applied: HrAppliedState): boolean {
  if (applied.objectId === null) return false;
  if (action.kind === 'setManager') return true;
  return action.kind === 'writeBack' && !remaining.some((a) => a.kind === 'create' || a.kind === 'rename');
}

function emptyCounts(): Record<string, number> {
  return Object.fromEntries(HR_ACTION_KINDS.map((k) => [k, 0]));
}

export async function enforceHrSource(
  input: HrEnforcementInput,
  deps: EnforcementDeps,
): Promise<EnforcementSummary> {
  const compiled = evaluationContext(input.settings, input.rules);
  if (!compiled.ok) throw new HrRulesInvalidError(compiled.problems);
  const { context } = compiled;
  let work = input.persons.map((entry) => plan(entry, context, input));
  const counts = emptyCounts();
  const todo = () => work.filter((w) => w.actions.length > 0);

  if (input.dryRun || deps.target === null) {
    const planned = todo();
    const entries = planned.flatMap((w) => w.actions.map((a) => audit(a, 'dryRun')));
    for (const w of planned) for (const a of w.actions) counts[a.kind] = (counts[a.kind] ?? 0) + 1;
    await deps.store.recordDryRun(entries);
    await deps.store.saveEvaluation(
      work.map((w) => ({
        employeeId: w.entry.person.employeeId,
        phase: w.phase,
        pendingActions: w.actions.length,
      })),
    );
    return { persons: work.length, personsWithActions: planned.length, counts, failed: 0, groupsCreated: [] };
  }

  const target = deps.target;
  const correlated = await correlateJoiners(target, work, (entry) => plan(entry, context, input));
  work = correlated.work;
  for (const { planned, message } of correlated.conflicts) {
    const create = planned.actions[0]!;
    await deps.store.savePerson(planned.entry.person.employeeId, {
      applied: planned.entry.applied,
      lastError: message,
      pendingActions: planned.actions.length,
      audit: [audit(create, 'failed', { message })],
    });
  }
  let failed = correlated.conflicts.length;
  // Conflicted joiners keep their planned actions (the lists show them pending) but are not run.
  const conflicted = new Set(correlated.conflicts.map((c) => c.planned));
  const pending = todo().filter((w) => !conflicted.has(w));
  const objectIds = new Map<string, string>();
  for (const w of work)
    if (w.entry.applied.objectId && !w.entry.applied.deleted)
      objectIds.set(w.entry.person.employeeId.toLowerCase(), w.entry.applied.objectId);
  const allActions = pending.flatMap((w) => w.actions);
  const ctx: ActionContext = {
    target,
    addresses: await createAddressBook(
      target,
      input.settings.naming,
      input.settings.domain,
      allActions.flatMap((a) => (a.kind === 'create' ? [a.names] : a.kind === 'rename' ? [a.to] : [])),
    ),
    groups: await resolveGroupNames(target, allActions),
    writer: deps.writer ?? null,
    objectIdOf: (employeeId) => objectIds.get(employeeId.toLowerCase()) ?? null,
  };

  let queue = pending;
  for (let round = 0; queue.length > 0; round += 1) {
    const again: Work[] = [];
    for (const w of queue) {
      const result = await enforcePerson(w, ctx, counts);
      if (result.applied.objectId && !result.applied.deleted)
        objectIds.set(w.entry.person.employeeId.toLowerCase(), result.applied.objectId);
      w.entry = { ...w.entry, applied: result.applied };
      // The same item goes round again, so the evaluation saved at the end sees its last state.
      w.actions = result.remaining;
      if (result.remaining.length > 0 && result.again && round < RETRY_DELAYS_MS.length) again.push(w);
      else if (result.remaining.length > 0) failed += 1;
    }
    if (again.length === 0) break;
    await deps.sleep(RETRY_DELAYS_MS[round]!);
    queue = again;
  }

  async function enforcePerson(w: Work, actx: ActionContext, tally: Record<string, number>) {
    let applied: HrAppliedState = w.entry.applied;
    const entries: HrAuditEntry[] = [];
    const remaining: HrAction[] = [];
    let again = false;
    let lastError: string | null = null;
    for (const action of w.actions) {
      if (remaining.length > 0 && !runsDespite(action, remaining, applied)) {
        remaining.push(action);
        continue;
      }
      const outcome = await runAction(action, applied, actx);
      applied = outcome.applied;
      const result =
        outcome.status === 'done' ? 'done' : outcome.status === 'deferred' ? 'skipped' : 'failed';
      entries.push(
        audit(action, result, {
          request: outcome.request,
          response: outcome.response,
          message: outcome.message,
          detail: outcome.detail,
        }),
      );
      if (outcome.status === 'done') tally[action.kind] = (tally[action.kind] ?? 0) + 1;
      else {
        lastError = outcome.message;
        if (outcome.status === 'retry' || outcome.status === 'deferred') again = true;
        if (outcome.status !== 'failed' || action.kind === 'create') remaining.push(action);
      }
    }
    await deps.store.savePerson(w.entry.person.employeeId, {
      applied,
      lastError,
      pendingActions: remaining.length,
      audit: entries,
    });
    return { applied, remaining, again };
  }

  await deps.store.saveEvaluation(
    work.map((w) => ({
      employeeId: w.entry.person.employeeId,
      phase: w.phase,
      pendingActions: w.actions.length,
    })),
  );
  return {
    persons: work.length,
    personsWithActions: pending.length,
    counts,
    failed,
    groupsCreated: ctx.groups.created,
  };
}
