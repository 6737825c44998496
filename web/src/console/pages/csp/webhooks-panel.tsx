import { useState } from 'react';
import {
  getPartnerCenterWebhooks,
  registerPartnerCenterWebhooks,
  removePartnerCenterWebhooks,
} from '../../../../../src/contracts/api/csp-subscriptions.js';
import { useApi } from '../../../lib/api-context.js';
import { formatDateTime } from '../../../lib/format.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';

/**
 * Partner Center webhooks of a CSP connection: register Rollcall's callback (subscription changes
 * made elsewhere then reach the desk within moments), see Partner Center's registration and its
 * validation, remove it.
 */
export function CspWebhooksPanel({ connectionId }: { connectionId: string }) {
  const call = useApi();
  const state = useQuery(`csp-webhooks:${connectionId}`, (signal) =>
    call(getPartnerCenterWebhooks, { params: { id: connectionId }, signal }),
  );
  const [busy, setBusy] = useState<'register' | 'remove' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (what: 'register' | 'remove') => {
    setBusy(what);
    setError(null);
    try {
      if (what === 'register') await call(registerPartnerCenterWebhooks, { params: { id: connectionId } });
      else await call(removePartnerCenterWebhooks, { params: { id: connectionId } });
      state.reload();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(null);
    }
  };
  const view = state.data;
  const registration = view?.registration;
  return (
    <section className="card stack" aria-labelledby="csp-webhooks">
      <h2 id="csp-webhooks">Webhooks</h2>
      <p className="field-description">
        Partner Center calls Rollcall when a subscription changes (a quantity changed in Partner Center or the
        customer&apos;s admin centre), and the desk updates that subscription without waiting for the next
        licences run. Partner Center may take up to 48 hours to send an event.
      </p>
      {state.error ? <Alert>{state.error.message}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}
      {view?.unavailableReason ? (
        <Alert tone="info" title="Webhooks need a public address">
          {view.unavailableReason}
        </Alert>
      ) : null}
      {view ? (
        <dl className="details">
          <dt>Status</dt>
          <dd>
            {registration
              ? registration.pointsHere
                ? 'Registered'
                : `Registered elsewhere: ${registration.webhookUrl}`
              : 'Not registered'}
          </dd>
          {registration ? (
            <>
              <dt>Events</dt>
              <dd>{registration.events.join(', ')}</dd>
            </>
          ) : null}
          <dt>Callback address</dt>
          <dd>{view.callbackUrl ?? 'None (set publicUrl)'}</dd>
          {view.validation ? (
            <>
              <dt>Validation</dt>
              <dd>
                {view.validation.status === 'completed'
                  ? `Test event delivered: ${view.validation.responseCode ?? 'no answer'}${view.validation.responseMessage ? ` (${view.validation.responseMessage})` : ''}`
                  : 'Test event on its way'}
              </dd>
            </>
          ) : null}
          <dt>Last event</dt>
          <dd>
            {view.lastEventAt
              ? `${view.lastEventName ?? ''} at ${formatDateTime(view.lastEventAt)}`
              : 'None received yet'}
          </dd>
        </dl>
      ) : (
        <p>Loading…</p>
      )}
      <div className="form-actions">
        <Button
          variant="primary"
          onPress={() => void act('register')}
          isDisabled={!view?.callbackUrl || busy !== null}
          isPending={busy === 'register'}
        >
          {registration?.pointsHere ? 'Register again' : 'Register webhooks'}
        </Button>
        {registration?.pointsHere ? (
          <Button onPress={() => void act('remove')} isDisabled={busy !== null} isPending={busy === 'remove'}>
            Remove
          </Button>
        ) : null}
        <Button variant="quiet" onPress={state.reload}>
          Refresh status
        </Button>
      </div>
    </section>
  );
}
