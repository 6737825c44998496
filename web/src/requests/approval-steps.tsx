import type { RequestDetail } from '../../../src/contracts/api/requests.js';
import { formatDateTime } from '../lib/format.js';

type ApprovalStep = RequestDetail['approval']['steps'][number];

const STATUS_LABELS: Record<ApprovalStep['status'], string> = {
  waiting: 'Waiting for an earlier step',
  open: 'Waiting for a decision',
  approved: 'Approved',
  rejected: 'Rejected',
  skipped: 'Skipped',
};

/** The request's approval steps in order: who may decide each, and who did, with their comment. */
export function ApprovalStepsSection({ request }: { request: RequestDetail }) {
  const trigger = request.approval.triggerAutomation;
  return (
    <section className="card" aria-labelledby="request-approval">
      <h2 id="request-approval">Approval</h2>
      <table className="edit-table" aria-label="Approval steps">
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Status</th>
            <th scope="col">Approvers</th>
            <th scope="col">Decided by</th>
            <th scope="col">Comment</th>
          </tr>
        </thead>
        <tbody>
          {request.approval.steps.map((step) => (
            <tr key={step.index}>
              <th scope="row">{step.name}</th>
              <td>{STATUS_LABELS[step.status]}</td>
              <td>{step.approvers}</td>
              <td>{step.decidedBy ? `${step.decidedBy}, ${formatDateTime(step.decidedAt)}` : '—'}</td>
              <td>{step.comment ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trigger === null ? null : (
        <p className="muted">
          {trigger
            ? 'Approved with “Trigger Azure onboarding automation”.'
            : 'Approved without the automation: the service desk carries it out.'}
        </p>
      )}
    </section>
  );
}
