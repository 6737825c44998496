import type { RequestDetail, RequestSummary } from '../../../contracts/api/requests.js';
import { approvalStepSchema, type ApprovalStep } from '../../../contracts/onboarding/config.js';
import { leaverFieldsSchema, newStarterFieldsSchema } from '../../../contracts/onboarding/request-fields.js';
import { WORKFLOW_STEP_LABELS, type WorkflowStepKey } from '../../../contracts/onboarding/workflow.js';
import {
  createRequestRepository,
  type Database,
  type RequestSummaryRow,
  type StoredRequest,
} from '../../../store/index.js';
import { hasPermission, type Principal } from '../../auth/principal.js';
import { requestReference } from './request-text.js';

/** The approval steps a request was raised with (the customer's settings then). */
export function approvalStepsOf(request: Pick<StoredRequest, 'approval'>): ApprovalStep[] {
  const steps = (request.approval as { steps?: unknown[] }).steps ?? [];
  return steps.map((s) => approvalStepSchema.parse(s));
}

/** The approval step open now, with its settings; null when none is. */
export function openApprovalStep(request: StoredRequest) {
  if (request.status !== 'awaitingApproval') return null;
  const open = request.approvals.find((a) => a.status === 'open');
  const step = open ? approvalStepsOf(request)[open.stepIndex] : undefined;
  return open && step ? { index: open.stepIndex, step } : null;
}

/**
 * Whether `principal` may decide the request's open step: a portal approver named on it (of the
 * request's own customer, with the approve permission), or, when the step allows agents, an agent
 * with "Can approve requests" (and the step's agent role, unless an administrator).
 */
export async function mayDecide(
  db: Database,
  principal: Principal,
  request: StoredRequest,
): Promise<boolean> {
  const open = openApprovalStep(request);
  if (!open) return false;
  if (principal.kind === 'portal') {
    return (
      principal.customerId === request.customerId &&
      hasPermission(principal, 'portal.requests.approve') &&
      open.step.portalApproverIds.includes(principal.accountId)
    );
  }
  if (!open.step.allowAgents || !hasPermission(principal, 'requests.approve')) return false;
  if (!open.step.agentRoleId || hasPermission(principal, 'administrator')) return true;
  return createRequestRepository(db).holdsRole(principal.accountId, open.step.agentRoleId);
}

export function requestSummaryView(row: RequestSummaryRow): RequestSummary {
  return {
    id: row.id,
    reference: requestReference(row.number),
    type: row.type,
    status: row.status,
    customerId: row.customerId,
    customerName: row.customerName,
    summary: row.summary,
    requestedBy: row.requestedByName,
    assignedTo:
      row.assignedAgentId && row.assignedAgentName
        ? { agentId: row.assignedAgentId, name: row.assignedAgentName }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function approverWords(step: ApprovalStep, names: Map<string, string>): string {
  const parts: string[] = [];
  if (step.allowAgents)
    parts.push(
      step.agentRoleId
        ? `Agents with the role ${names.get(step.agentRoleId) ?? '(deleted role)'}`
        : 'Agents who can approve requests',
    );
  const people = step.portalApproverIds.map((id) => names.get(id) ?? 'a removed account');
  if (people.length > 0) parts.push(people.join(', '));
  return parts.join('; ');
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A request as its page shows it; `canDecide` for the viewer. */
export async function requestDetailView(
  db: Database,
  request: StoredRequest,
  principal: Principal,
): Promise<RequestDetail> {
  const steps = approvalStepsOf(request);
  const names = await createRequestRepository(db).approverNames(
    steps.flatMap((s) => s.portalApproverIds),
    steps.flatMap((s) => (s.agentRoleId ? [s.agentRoleId] : [])),
  );
  const approval = request.approval as { triggerAutomationByDefault?: boolean };
  return {
    ...requestSummaryView({ ...request, customerName: request.customerName }),
    newStarter: request.type === 'newStarter' ? newStarterFieldsSchema.parse(request.fields) : null,
    leaver: request.type === 'leaver' ? leaverFieldsSchema.parse(request.fields) : null,
    approval: {
      steps: request.approvals.map((a) => ({
        index: a.stepIndex,
        name: steps[a.stepIndex]?.name ?? `Step ${a.stepIndex + 1}`,
        status: a.status,
        approvers: steps[a.stepIndex] ? approverWords(steps[a.stepIndex]!, names) : '',
        decidedBy: a.decidedByName,
        comment: a.comment,
        decidedAt: iso(a.decidedAt),
      })),
      triggerAutomation: request.triggerAutomation,
      triggerAutomationByDefault: approval.triggerAutomationByDefault ?? true,
    },
    steps: request.steps.map((s) => ({
      key: s.key,
      label: WORKFLOW_STEP_LABELS[s.key as WorkflowStepKey] ?? s.key,
      status: s.status,
      attempts: s.attempts,
      detail: s.detail,
      items: s.items as RequestDetail['steps'][number]['items'],
      error: (s.error as RequestDetail['steps'][number]['error']) ?? null,
      dueAt: iso(s.dueAt),
      finishedAt: iso(s.finishedAt),
    })),
    password:
      request.password && principal.kind === 'agent'
        ? {
            revealed: request.password.revealedAt !== null,
            revealedBy: request.password.revealedByName,
            revealedAt: iso(request.password.revealedAt),
          }
        : null,
    entraObjectId: request.entraObjectId,
    deskUserId: request.linkedDeskUserId,
    canDecide: await mayDecide(db, principal, request),
    flag: request.flag,
  };
}
