import {
  SETTLED_STEP_STATUSES,
  type RequestStatus,
  type WorkflowStepKey,
} from '../../contracts/onboarding/workflow.js';
import type {
  DirectoryCall,
  RequestDesk,
  RequestDirectory,
  RequestEvent,
  StepOutcome,
  StepState,
  WorkflowRequest,
  WorkflowStore,
} from './ports.js';
import { refusalStepError } from './step-errors.js';
import { leaverStepHandlers } from './leaver-steps.js';
import { newStarterStepHandlers } from './new-starter-steps.js';

/** What a step handler gets: the request, its own stored state, and earlier steps' memory. */
export interface StepContext {
  request: WorkflowRequest;
  step: StepState;
  /** The memory of an earlier step (e.g. `createUser` → `{ userId }`). */
  stateOf(key: WorkflowStepKey): Record<string, unknown>;
  directory: RequestDirectory;
  desk: RequestDesk;
  /** Keeps a Microsoft exchange of this step in the Outbound Requests log. */
  log(kind: string, call: DirectoryCall<unknown>): Promise<void>;
  now(): Date;
}

export type StepHandler = (ctx: StepContext) => Promise<StepOutcome>;

export interface WorkflowDeps {
  store: WorkflowStore;
  /** The request's tenant directory, or why it cannot be reached (no connection, credentials). */
  directory(request: WorkflowRequest): Promise<RequestDirectory | { unusable: string }>;
  desk: RequestDesk;
  notify(requestId: string, event: RequestEvent, detail: string): Promise<void>;
  now(): Date;
  sleep(ms: number): Promise<void>;
  /** Waits this short are slept through in the same run instead of rescheduled (readiness). */
  inlineWaitMs?: number;
}

/** How a run ended: finished, stopped at a failed step, or waiting until `dueAt`. */
export type WorkflowRunResult =
  { outcome: 'completed' | 'failed' | 'notRunnable' | 'busy' } | { outcome: 'waiting'; dueAt: Date };

const DEFAULT_INLINE_WAIT_MS = 15_000;

function handlersFor(request: WorkflowRequest): Record<string, StepHandler> {
  return request.type === 'newStarter' ? newStarterStepHandlers : leaverStepHandlers;
}

/**
 * Runs a request's automation from its first unsettled step: each step is claimed (so two workers
 * never run it at once), run, and settled with the request's status in one write. Steps are
 * idempotent and keep their memory, so running again after a crash or a retry continues where
 * the last run stopped and never does a step's write twice. Short waits (a new user not shown yet)
 * are slept through; long ones (a start date, Microsoft's Retry-After) end the run with `dueAt`,
 * for the sweep to start it again.
 */
export async function runRequestWorkflow(requestId: string, deps: WorkflowDeps): Promise<WorkflowRunResult> {
  const inlineWaitMs = deps.inlineWaitMs ?? DEFAULT_INLINE_WAIT_MS;
  let directory: RequestDirectory | null = null;
  // Loaded once, then kept in step with what this run settles; after a wait it is read again.
  let loaded = await deps.store.load(requestId);
  for (;;) {
    if (!loaded) return { outcome: 'notRunnable' };
    const { request, steps } = loaded;
    if (request.status !== 'inProgress' && request.status !== 'scheduled') return { outcome: 'notRunnable' };
    const next = steps.find((s) => !SETTLED_STEP_STATUSES.includes(s.status));
    if (!next) {
      // Every step settled but the request not completed: a crash between the two; finish it.
      await deps.store.settle(requestId, steps.at(-1)!.key, settledAgain(steps.at(-1)!), {
        status: 'completed',
        completed: true,
      });
      return { outcome: 'completed' };
    }
    if (next.status === 'failed') return { outcome: 'failed' };
    if (next.status === 'running') return { outcome: 'busy' };
    if (next.status === 'waiting' && next.dueAt && next.dueAt > deps.now()) {
      const wait = next.dueAt.getTime() - deps.now().getTime();
      if (wait > inlineWaitMs) return { outcome: 'waiting', dueAt: next.dueAt };
      await deps.sleep(wait);
      loaded = await deps.store.load(requestId);
      continue;
    }
    if (!(await deps.store.claim(requestId, next))) return { outcome: 'busy' };

    if (!directory) {
      const found = await deps.directory(request);
      if ('unusable' in found) {
        const outcome: StepOutcome = {
          status: 'failed',
          error: {
            code: 'requests.tenantUnreachable',
            title: 'The customer’s tenant cannot be reached',
            message: found.unusable,
            howToFix:
              'Check the connection to this customer’s tenant (Configuration > Integrations), then retry the step.',
          },
        };
        await settle(deps, request, steps, next, outcome);
        return { outcome: 'failed' };
      }
      directory = found;
    }
    const outcome = await runStep(handlersFor(request)[next.key]!, {
      request,
      step: { ...next, attempts: next.attempts + 1 },
      stateOf: (key) => steps.find((s) => s.key === key)?.state ?? {},
      directory,
      desk: deps.desk,
      log: (kind, call) => deps.store.logCall(requestId, next.key, kind, call),
      now: deps.now,
    });
    const status = await settle(deps, request, steps, next, outcome);
    if (status === 'failed') return { outcome: 'failed' };
    if (status === 'completed') return { outcome: 'completed' };
    loaded = {
      request: { ...request, status },
      steps: steps.map((s) => (s.key === next.key ? afterOutcome(s, outcome) : s)),
    };
  }
}

/** The step as the store holds it after `outcome` was settled (one more attempt). */
function afterOutcome(step: StepState, outcome: StepOutcome): StepState {
  return {
    ...step,
    status: outcome.status,
    attempts: step.attempts + 1,
    dueAt: outcome.status === 'waiting' ? outcome.dueAt : null,
    detail: outcome.detail ?? null,
    items: outcome.items ?? step.items,
    error: 'error' in outcome && outcome.error ? outcome.error : null,
    state: outcome.state ?? step.state,
  };
}

/** A handler that throws (a bug, a dropped connection) fails its step with the reason, retryable. */
async function runStep(handler: StepHandler, ctx: StepContext): Promise<StepOutcome> {
  try {
    return await handler(ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'failed',
      error: refusalStepError({
        code: 'requests.stepError',
        title: 'The step stopped unexpectedly',
        whatHappened: `The step stopped unexpectedly: ${message}`,
        howToFix: 'Retry the step; if it stops again, look at the server log for this request.',
        microsoftMessage: null,
        retryable: true,
        retryAfterSeconds: null,
      }),
    };
  }
}

function settledAgain(step: StepState): StepOutcome {
  return {
    status: step.status as 'done' | 'needsManual' | 'skipped',
    detail: step.detail ?? '',
    items: step.items,
    state: step.state,
  };
}

/** Records the outcome and the request's status that follows from it; tells people when it matters. */
async function settle(
  deps: WorkflowDeps,
  request: WorkflowRequest,
  steps: readonly StepState[],
  step: StepState,
  outcome: StepOutcome,
): Promise<RequestStatus> {
  const later = steps.filter((s) => s.position > step.position && !SETTLED_STEP_STATUSES.includes(s.status));
  let status: RequestStatus;
  if (outcome.status === 'failed') status = 'failed';
  else if (outcome.status === 'waiting') status = outcome.reason === 'date' ? 'scheduled' : 'inProgress';
  else status = later.length === 0 ? 'completed' : 'inProgress';
  const userId = (outcome.state?.userId as string | undefined) ?? undefined;
  await deps.store.settle(request.id, step.key, outcome, {
    status,
    ...(userId ? { entraObjectId: userId } : {}),
    ...(status === 'completed' ? { completed: true } : {}),
  });
  if (status === 'failed' && outcome.status === 'failed')
    await deps.notify(request.id, 'stepFailed', `${outcome.error.title}: ${outcome.error.message}`);
  if (status === 'completed') await deps.notify(request.id, 'completed', outcome.detail ?? '');
  return status;
}
