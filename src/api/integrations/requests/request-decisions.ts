import { NEW_STARTER_STEPS, LEAVER_STEPS } from '../../../contracts/onboarding/workflow.js';
import { createRequestRepository, RequestStateError, type StoredRequest } from '../../../store/index.js';
import type { FastifyRequest } from 'fastify';
import { auditSource } from '../../audit/audited.js';
import type { Principal } from '../../auth/principal.js';
import type { ApiDeps } from '../../deps.js';
import { ApiHttpError } from '../../http/api-error.js';
import { mayDecide, openApprovalStep } from './request-view.js';

type Deps = Pick<ApiDeps, 'db' | 'jobs'>;

/** {@link decide}, then its audit event (after: the decision runs its own transaction). */
export async function decideAudited(
  deps: Deps & Pick<ApiDeps, 'audit'>,
  request: StoredRequest,
  principal: Principal,
  http: FastifyRequest,
  decision: Parameters<typeof decide>[3],
) {
  const outcome = await decide(deps, request, principal, decision);
  await deps.audit.record({
    ...auditSource(principal, http),
    action: `request.${decision.decision}`,
    target: { type: 'request', id: request.id },
    customerId: request.customerId,
    after: { comment: decision.comment ?? null, ...outcome },
  });
  return outcome;
}

/** The automation steps of a request, in order. */
export const workflowStepsOf = (request: Pick<StoredRequest, 'type'>): readonly string[] =>
  request.type === 'newStarter' ? NEW_STARTER_STEPS : LEAVER_STEPS;

export async function loadRequest(deps: Pick<ApiDeps, 'db'>, id: string, customerId?: string) {
  const request = await createRequestRepository(deps.db).find(id);
  if (!request || (customerId && request.customerId !== customerId))
    throw new ApiHttpError('not_found', 'No such request.');
  return request;
}

/** A store refusal of a change of state, as 409 in words. */
export async function inState<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RequestStateError) throw new ApiHttpError('conflict', error.message);
    throw error;
  }
}

export async function queueRun(deps: Deps, requestId: string): Promise<void> {
  await deps.jobs?.enqueue('requests.run', { requestId });
}

export async function queueNotice(
  deps: Deps,
  requestId: string,
  event: 'submitted' | 'approvalNeeded' | 'approved' | 'rejected',
  detail = '',
): Promise<void> {
  await deps.jobs?.enqueue('requests.notify', { requestId, event, detail });
}

/**
 * Decides the open approval step as `principal` (403 unless one of its approvers). Approving the
 * last step with the automation queues it at once; nothing reaches Microsoft before that.
 */
export async function decide(
  deps: Deps,
  request: StoredRequest,
  principal: Principal,
  decision: {
    decision: 'approve' | 'reject';
    comment?: string | undefined;
    triggerAutomation?: boolean | undefined;
  },
): Promise<{ final: boolean; approved: boolean; triggered: boolean }> {
  const open = openApprovalStep(request);
  if (!open) throw new ApiHttpError('conflict', 'This request is not waiting for approval.');
  if (!(await mayDecide(deps.db, principal, request)))
    throw new ApiHttpError(
      'forbidden',
      `You are not an approver of the step "${open.step.name}" of this request.`,
    );
  const byDefault =
    (request.approval as { triggerAutomationByDefault?: boolean }).triggerAutomationByDefault ?? true;
  const approve = decision.decision === 'approve';
  const trigger = principal.kind === 'agent' ? (decision.triggerAutomation ?? byDefault) : byDefault;
  const { final } = await inState(() =>
    createRequestRepository(deps.db).decide(request.id, {
      stepIndex: open.index,
      approve,
      by: { accountId: principal.accountId, name: principal.displayName },
      comment: decision.comment ?? null,
      triggerAutomation: trigger,
      workflowSteps: workflowStepsOf(request),
    }),
  );
  if (!approve) await queueNotice(deps, request.id, 'rejected', decision.comment ?? '');
  else if (!final) await queueNotice(deps, request.id, 'approvalNeeded');
  else {
    await queueNotice(deps, request.id, 'approved', decision.comment ?? '');
    if (trigger) await queueRun(deps, request.id);
  }
  return { final, approved: approve, triggered: approve && final && trigger };
}
