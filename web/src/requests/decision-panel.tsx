import { useState } from 'react';
import type { RequestDetail } from '../../../src/contracts/api/requests.js';
import { describeFailure } from '../lib/form-errors.js';
import { Alert } from '../ui/alert.js';
import { Button } from '../ui/button.js';
import { Checkbox } from '../ui/checkbox.js';
import { TextField } from '../ui/text-field.js';

/** What an approver sends: the contract's decision body (the portal's has no trigger). */
export interface Decision {
  decision: 'approve' | 'reject';
  comment?: string;
  triggerAutomation?: boolean;
}

export interface DecisionPanelProps {
  request: RequestDetail;
  /** Offer "Trigger Azure onboarding automation" (agents only). */
  offerTrigger: boolean;
  send: (decision: Decision) => Promise<RequestDetail>;
  decided: (request: RequestDetail) => void;
}

/** Approve or reject the open approval step, with a comment. */
export function DecisionPanel({ request, offerTrigger, send, decided }: DecisionPanelProps) {
  const [comment, setComment] = useState('');
  const [trigger, setTrigger] = useState(request.approval.triggerAutomationByDefault);
  const [busy, setBusy] = useState<Decision['decision'] | null>(null);
  const [error, setError] = useState<{ message: string; comment?: string | undefined } | null>(null);
  const open = request.approval.steps.find((s) => s.status === 'open');

  async function decide(decision: Decision['decision']) {
    setBusy(decision);
    setError(null);
    try {
      const body: Decision = { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      if (offerTrigger && decision === 'approve') body.triggerAutomation = trigger;
      decided(await send(body));
      setComment('');
    } catch (cause) {
      const failure = describeFailure(cause);
      setError({ message: failure.message, comment: failure.fieldErrors.comment });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card stack" aria-labelledby="request-decision">
      <h2 id="request-decision">Your decision{open ? `: ${open.name}` : ''}</h2>
      {error ? <Alert>{error.message}</Alert> : null}
      <TextField
        label="Comment"
        rows={3}
        value={comment}
        onChange={setComment}
        description="Shown on the request and to the requester."
        errorMessage={error?.comment}
      />
      {offerTrigger && request.type === 'newStarter' ? (
        <Checkbox isSelected={trigger} onChange={setTrigger}>
          Trigger Azure onboarding automation
        </Checkbox>
      ) : offerTrigger ? (
        <Checkbox isSelected={trigger} onChange={setTrigger}>
          Trigger the leaver automation
        </Checkbox>
      ) : null}
      <div className="toolbar">
        <Button
          variant="primary"
          isPending={busy === 'approve'}
          isDisabled={busy !== null}
          onPress={() => void decide('approve')}
        >
          Approve
        </Button>
        <Button
          variant="danger"
          isPending={busy === 'reject'}
          isDisabled={busy !== null}
          onPress={() => void decide('reject')}
        >
          Reject
        </Button>
      </div>
    </section>
  );
}
