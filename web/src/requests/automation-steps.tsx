import type { RequestDetail, WorkflowStepView } from '../../../src/contracts/api/requests.js';
import type { StepStatus } from '../../../src/contracts/onboarding/workflow.js';
import { formatDateTime } from '../lib/format.js';
import { Alert } from '../ui/alert.js';

const STEP_STATUS_LABELS: Record<StepStatus, string> = {
  pending: 'Not started',
  running: 'Running',
  waiting: 'Waiting',
  done: 'Done',
  needsManual: 'Needs manual action',
  skipped: 'Skipped',
  failed: 'Failed',
};

const ITEM_STATUS_LABELS: Record<WorkflowStepView['items'][number]['status'], string> = {
  done: 'done',
  needsManual: 'needs manual action',
  failed: 'failed',
  pending: 'pending',
};

function Step({ step }: { step: WorkflowStepView }) {
  return (
    <li className="stack" aria-label={step.label}>
      <div>
        <strong>{step.label}</strong> —{' '}
        <span className={step.status === 'failed' ? 'field-error' : undefined}>
          {STEP_STATUS_LABELS[step.status]}
        </span>
        {step.attempts > 1 ? <span className="muted"> ({step.attempts} attempts)</span> : null}
      </div>
      {step.detail ? <p className="muted">{step.detail}</p> : null}
      {step.dueAt && step.status === 'waiting' ? (
        <p className="muted">Due {formatDateTime(step.dueAt)}</p>
      ) : null}
      {step.items.length ? (
        <ul className="problem-list">
          {step.items.map((item) => (
            <li key={item.name}>
              {item.name}: {ITEM_STATUS_LABELS[item.status]}
              {item.message ? ` — ${item.message}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {step.error ? (
        <Alert title={step.error.title}>
          <p>{step.error.message}</p>
          {step.error.howToFix ? <p>How to fix: {step.error.howToFix}</p> : null}
        </Alert>
      ) : null}
    </li>
  );
}

/** The automation's steps in order, each with what it did, its items, and why it failed. */
export function AutomationStepsSection({ request }: { request: RequestDetail }) {
  return (
    <section className="card" aria-labelledby="request-automation">
      <h2 id="request-automation">Automation</h2>
      {request.steps.length === 0 ? (
        <p className="muted">
          Nothing has been written to Microsoft. The steps appear here once the request is approved with the
          automation.
        </p>
      ) : (
        <ol className="stack" aria-label="Automation steps">
          {request.steps.map((step) => (
            <Step key={step.key} step={step} />
          ))}
        </ol>
      )}
    </section>
  );
}
