import { useState } from 'react';
import { revealRequestPassword, type RequestDetail } from '../../../../../src/contracts/api/requests.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { formatDateTime } from '../../../lib/format.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';

/**
 * The new starter's temporary password: revealed once, to an agent who may approve requests, and
 * never shown again (the reveal is audited); afterwards who revealed it and when.
 */
export function PasswordPanel({
  request,
  canReveal,
  changed,
}: {
  request: RequestDetail;
  canReveal: boolean;
  changed: () => void;
}) {
  const call = useApi();
  const [password, setPassword] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const state = request.password;
  if (!state) return null;

  async function reveal() {
    setBusy(true);
    setError(null);
    try {
      setPassword((await call(revealRequestPassword, { params: { id: request.id } })).password);
      changed();
    } catch (cause) {
      setError(describeFailure(cause).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby="request-password">
      <h2 id="request-password">Temporary password</h2>
      {error ? <Alert>{error}</Alert> : null}
      {password ? (
        <>
          <Alert tone="warning" title="Copy it now">
            This password will not be shown again. Give it to the new starter by a safe route; they change it
            at first sign-in.
          </Alert>
          <div className="toolbar">
            <code className="code" aria-label="Temporary password">
              {password}
            </code>
            <Button
              onPress={() =>
                void navigator.clipboard.writeText(password).then(
                  () => setCopied(true),
                  () =>
                    setError('The browser did not allow copying: select the password and copy it by hand.'),
                )
              }
            >
              {copied ? 'Copied' : 'Copy password'}
            </Button>
          </div>
        </>
      ) : state.revealed ? (
        <p>
          Revealed by {state.revealedBy ?? 'someone'} on {formatDateTime(state.revealedAt)}. It is not shown
          again; reset the user’s password in Microsoft if it was lost.
        </p>
      ) : canReveal ? (
        <>
          <p className="muted">The password can be shown once, to you alone; the reveal is recorded.</p>
          <div className="toolbar">
            <Button isPending={busy} onPress={() => void reveal()}>
              Reveal password (once)
            </Button>
          </div>
        </>
      ) : (
        <p className="muted">An agent with “Can approve requests” can reveal it, once.</p>
      )}
    </section>
  );
}
