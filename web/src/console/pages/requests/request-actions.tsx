import { useState } from 'react';
import {
  cancelRequest,
  retryRequestStep,
  startRequestAutomation,
  type RequestDetail,
} from '../../../../../src/contracts/api/requests.js';
import { bodySchemaOf } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { useFormSubmit } from '../../../lib/use-form-submit.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { DialogButton } from '../../../ui/dialog.js';
import { FormBody } from '../../../ui/form-body.js';
import { TextField } from '../../../ui/text-field.js';

function CancelForm({
  request,
  close,
  done,
}: {
  request: RequestDetail;
  close: () => void;
  done: () => void;
}) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(cancelRequest),
    send: (body) => call(cancelRequest, { params: { id: request.id }, body }),
    onDone: () => {
      close();
      done();
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Cancel the request" label="Cancel request" onCancel={close}>
      <p>Nothing has been written to Microsoft for {request.reference}; cancelling closes it for good.</p>
      <TextField label="Comment" name="comment" rows={3} description="Why, for the requester." />
    </FormBody>
  );
}

/**
 * What an agent with "Can approve requests" may do to a request in its current state: start the
 * automation of a request approved without it, retry the failed step, or cancel.
 */
export function RequestActions({ request, changed }: { request: RequestDetail; changed: () => void }) {
  const call = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      changed();
    } catch (cause) {
      setError(describeFailure(cause).message);
    } finally {
      setBusy(false);
    }
  };
  const canCancel = request.status === 'awaitingApproval' || request.status === 'approved';
  if (request.status !== 'approved' && request.status !== 'failed' && !canCancel) return null;
  return (
    <div className="stack">
      {error ? <Alert>{error}</Alert> : null}
      <div className="toolbar">
        {request.status === 'approved' ? (
          <Button
            variant="primary"
            isPending={busy}
            onPress={() => void run(() => call(startRequestAutomation, { params: { id: request.id } }))}
          >
            Start automation
          </Button>
        ) : null}
        {request.status === 'failed' ? (
          <Button
            variant="primary"
            isPending={busy}
            onPress={() => void run(() => call(retryRequestStep, { params: { id: request.id } }))}
          >
            Retry failed step
          </Button>
        ) : null}
        {canCancel ? (
          <DialogButton label="Cancel request" title={`Cancel ${request.reference}`} variant="danger">
            {(close) => <CancelForm request={request} close={close} done={changed} />}
          </DialogButton>
        ) : null}
      </div>
    </div>
  );
}
