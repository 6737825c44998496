import type { FastifyInstance } from 'fastify';
import {
  assignRequest,
  cancelRequest,
  decideRequest,
  getRequest,
  listRequests,
  retryRequestStep,
  revealRequestPassword,
  startRequestAutomation,
} from '../../contracts/api/requests.js';
import { createRequestRepository } from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import {
  decideAudited,
  inState,
  loadRequest,
  queueRun,
  workflowStepsOf,
} from '../integrations/requests/request-decisions.js';
import { requestDetailView, requestSummaryView } from '../integrations/requests/request-view.js';
import { endpointRegistrar, toApiPage } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal' | 'jobs' | 'audit'>;

/**
 * Requests in the console (docs/requests.md): read with customers.read; deciding, starting,
 * retrying, cancelling and revealing the temporary password need requests.approve. Every change
 * is audited, each password reveal too.
 */
export function registerRequestRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  const detail = async (id: string, principal: Parameters<typeof requestDetailView>[2]) =>
    requestDetailView(deps.db, await loadRequest(deps, id), principal);

  on(listRequests, async ({ query, principal }) => {
    const page = await createRequestRepository(deps.db).list({
      ...query,
      ...(query.mine ? { awaitingApproval: true } : {}),
    });
    if (!query.mine) return toApiPage(page, requestSummaryView);
    // "Waiting for me": of those waiting for approval, the ones this agent may decide now.
    const mine = [];
    for (const row of page.items) {
      const view = await detail(row.id, principal!);
      if (view.canDecide) mine.push(row);
    }
    return toApiPage({ ...page, items: mine }, requestSummaryView);
  });

  on(getRequest, ({ params, principal }) => detail(params.id, principal!));

  on(decideRequest, async ({ params, body, principal, request: http }) => {
    await decideAudited(deps, await loadRequest(deps, params.id), principal!, http, body);
    return detail(params.id, principal!);
  });

  on(startRequestAutomation, async ({ params, principal, request: http }) => {
    const request = await loadRequest(deps, params.id);
    await inState(() =>
      createRequestRepository(deps.db).startAutomation(request.id, workflowStepsOf(request)),
    );
    await deps.audit.record({
      ...auditSource(principal!, http),
      action: 'request.automation.start',
      target: { type: 'request', id: request.id },
      customerId: request.customerId,
    });
    await queueRun(deps, request.id);
    return detail(params.id, principal!);
  });

  on(retryRequestStep, async ({ params, principal, request: http }) => {
    const request = await loadRequest(deps, params.id);
    const step = await inState(() => createRequestRepository(deps.db).retryFailedStep(request.id));
    await deps.audit.record({
      ...auditSource(principal!, http),
      action: 'request.step.retry',
      target: { type: 'request', id: request.id },
      customerId: request.customerId,
      after: { step },
    });
    await queueRun(deps, request.id);
    return detail(params.id, principal!);
  });

  on(cancelRequest, async ({ params, body, principal, request: http }) => {
    const request = await loadRequest(deps, params.id);
    await inState(() => createRequestRepository(deps.db).cancel(request.id));
    await deps.audit.record({
      ...auditSource(principal!, http),
      action: 'request.cancel',
      target: { type: 'request', id: request.id },
      customerId: request.customerId,
      after: { comment: body.comment ?? null },
    });
    return detail(params.id, principal!);
  });

  on(assignRequest, async ({ params, body, principal, request: http }) => {
    const request = await loadRequest(deps, params.id);
    if (!(await createRequestRepository(deps.db).assign(request.id, body.agentId)))
      throw new ApiHttpError('validation_failed', 'That agent cannot take requests.', [
        { field: 'agentId', message: 'must be an active agent' },
      ]);
    await deps.audit.record({
      ...auditSource(principal!, http),
      action: 'request.assign',
      target: { type: 'request', id: request.id },
      customerId: request.customerId,
      before: { agentId: request.assignedAgentId },
      after: { agentId: body.agentId },
    });
    return detail(params.id, principal!);
  });

  on(revealRequestPassword, async ({ params, principal, request: http }) => {
    const request = await loadRequest(deps, params.id);
    const ciphertext = await audited(deps.db, auditSource(principal!, http), async (tx, record) => {
      const found = await createRequestRepository(tx).revealPassword(request.id, {
        accountId: principal!.accountId,
        name: principal!.displayName,
      });
      if (found)
        await record({
          action: 'request.password.reveal',
          target: { type: 'request', id: request.id },
          customerId: request.customerId,
        });
      return found;
    });
    if (!ciphertext) {
      const shown = request.password?.revealedAt
        ? ` It was revealed by ${request.password.revealedByName ?? 'someone'} at ${request.password.revealedAt.toISOString()}.`
        : '';
      throw new ApiHttpError(
        'conflict',
        request.password
          ? `The temporary password can be revealed only once.${shown} Reset the user's password in Entra if it was lost.`
          : 'This request has no temporary password.',
      );
    }
    return { password: deps.secrets.decrypt(ciphertext) };
  });
}
