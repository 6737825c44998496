import { useEffect, useRef, useState } from 'react';
import {
  getQuantityChange,
  getSubscriptionQuantity,
  quantityChangeInputSchema,
  requestQuantityChange,
  type DecreaseWindowView,
  type QuantityChangeView,
} from '../../../../../src/contracts/api/csp-subscriptions.js';
import { useApi } from '../../../lib/api-context.js';
import { formatDateTime } from '../../../lib/format.js';
import { useFormSubmit } from '../../../lib/use-form-submit.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { FormBody } from '../../../ui/form-body.js';
import { NumberField } from '../../../ui/number-field.js';

/** How often the dialog looks again while the change is on its way to Partner Center. */
const POLL_MS = 1000;

const settled = (c: QuantityChangeView) => c.status === 'succeeded' || c.status === 'failed';

/** The decrease window in words: until when seats may be removed, or from when again. */
export function windowText(window: DecreaseWindowView): string {
  if (window.kind === 'legacy') return 'Legacy offer: seats may be added or removed at any time.';
  if (window.kind === 'open')
    return `Decreases allowed until ${formatDateTime(window.closesAt)} (7 days after purchase or renewal). Adding seats is possible at any time.`;
  return window.reopensAt
    ? `Decreases reopen on ${formatDateTime(window.reopensAt)} (the renewal). Adding seats is possible at any time.`
    : 'Decreases are not possible now (Partner Center gave no renewal date). Adding seats is possible at any time.';
}

/** A change on its way, then its outcome; polls until Partner Center answered. */
function ChangeProgress({ change, onSettled }: { change: QuantityChangeView; onSettled: () => void }) {
  const call = useApi();
  const [current, setCurrent] = useState(change);
  const told = useRef(false);
  useEffect(() => {
    if (settled(current)) {
      // Once: the list reloads, and its new reload function must not tell it again.
      if (!told.current) onSettled();
      told.current = true;
      return undefined;
    }
    const timer = setTimeout(() => {
      void call(getQuantityChange, { params: { id: current.id } }).then(setCurrent, () => undefined);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [call, current, onSettled]);
  if (current.status === 'succeeded') {
    return (
      <Alert tone="success" title="Done">
        Partner Center confirmed {current.quantity ?? current.toQuantity} seats (was {current.fromQuantity}).
      </Alert>
    );
  }
  if (current.status === 'failed' && current.error) {
    return (
      <Alert title={current.error.title}>
        {current.error.message} {current.error.howToFix}
      </Alert>
    );
  }
  return (
    <Alert tone="info" title="Pending">
      Asking Partner Center for {current.toQuantity} seats (from {current.fromQuantity})…
    </Alert>
  );
}

/** "Adjust quantity" on a CSP subscription: current seats, the window, the new quantity, the result. */
export function AdjustQuantity({
  subscriptionId,
  close,
  changed,
}: {
  subscriptionId: string;
  close: () => void;
  changed: () => void;
}) {
  const call = useApi();
  const state = useQuery(`subscription-quantity:${subscriptionId}`, (signal) =>
    call(getSubscriptionQuantity, { params: { id: subscriptionId }, signal }),
  );
  const [change, setChange] = useState<QuantityChangeView | null>(null);
  const submit = useFormSubmit({
    schema: quantityChangeInputSchema,
    toBody: (v) => ({ quantity: v.quantity === '' ? Number.NaN : Number(v.quantity) }),
    send: (body) => call(requestQuantityChange, { params: { id: subscriptionId }, body }),
    onDone: setChange,
  });
  const view = state.data;
  if (state.error) return <Alert>{state.error.message}</Alert>;
  if (!view) return <p>Loading…</p>;
  const shown = change ?? view.inFlight;
  if (shown) {
    return (
      <div className="form">
        <ChangeProgress change={shown} onSettled={changed} />
        <div className="form-actions">
          <Button variant="primary" onPress={close}>
            Close
          </Button>
        </div>
      </div>
    );
  }
  if (view.blockedBy) {
    return (
      <div className="form">
        <Alert tone="info" title="The quantity cannot be changed">
          {view.blockedBy}
        </Alert>
        <div className="form-actions">
          <Button onPress={close}>Close</Button>
        </div>
      </div>
    );
  }
  return (
    <FormBody submit={submit} submitLabel="Change quantity" label="Adjust quantity" onCancel={close}>
      <p>
        <strong>{view.friendlyName}</strong>: {view.quantity} seats now.
      </p>
      <p className="field-description">{windowText(view.window)}</p>
      <NumberField
        label="New quantity"
        name="quantity"
        minValue={1}
        defaultValue={view.quantity}
        description="Partner Center is asked for this many seats; the desk shows it once Partner Center confirms."
        errorMessage={submit.fieldErrors.quantity}
      />
    </FormBody>
  );
}
