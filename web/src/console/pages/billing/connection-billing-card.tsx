import { useState } from 'react';
import {
  getBillingSettings,
  putBillingSettings,
  type ProductImportMode,
} from '../../../../../src/contracts/api/billing.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { RadioField } from '../../../ui/radio.js';

const MODE_OPTIONS: { id: ProductImportMode; label: string }[] = [
  { id: 'none', label: 'Do not import' },
  { id: 'products', label: 'Import products' },
  { id: 'productsAndInvoiceLines', label: 'Import products and create invoice lines' },
];

/**
 * Guide 002 "Import Products and Create Invoice Lines": whether the connection's CSP subscriptions
 * become desk products, and whether new ones are added to the customer's recurring invoice. Needs
 * subscriptions imported (licence import type Subscriptions or Both).
 */
export function ConnectionBillingCard({ connectionId }: { connectionId: string }) {
  const call = useApi();
  const state = useQuery(`billing-settings:${connectionId}`, (signal) =>
    call(getBillingSettings, { params: { id: connectionId }, signal }),
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; field: string | null } | null>(null);
  const data = state.data;

  const change = async (importProducts: ProductImportMode) => {
    setBusy(true);
    setFailure(null);
    try {
      await call(putBillingSettings, { params: { id: connectionId }, body: { importProducts } });
      state.reload();
    } catch (cause) {
      const described = describeFailure(cause);
      setFailure({ message: described.message, field: described.fieldErrors.importProducts ?? null });
    }
    setBusy(false);
  };

  return (
    <section className="card stack" aria-labelledby="connection-billing">
      <h2 id="connection-billing">Products and invoice lines</h2>
      <p className="muted">
        Rollcall can create a product for every CSP subscription of this connection (shown under Products,
        priced by the pricing import or by hand), and add subscriptions bought from now on to the customer’s
        newest recurring invoice billing on the same schedule, with a pro-rata line for the rest of the
        current period. Seat changes add pro-rata adjustments.
      </p>
      {state.error ? <Alert>{state.error.message}</Alert> : null}
      {data ? (
        <>
          <RadioField
            label="Products and invoice lines"
            value={data.importProducts}
            options={MODE_OPTIONS}
            isDisabled={busy || (!data.subscriptionsImported && data.importProducts === 'none')}
            onChange={(mode) => void change(mode)}
            {...(data.subscriptionsImported
              ? {}
              : {
                  description:
                    'Products are created from CSP subscriptions, which this connection does not import: set its licence import type to “Subscriptions” or “Both” (Edit, above) first. Direct (Tier 1) partners only.',
                })}
          />
          {failure?.field ? <p className="field-error">{failure.field}</p> : null}
          {data.importProducts === 'productsAndInvoiceLines' && data.invoiceLinesFrom ? (
            <p className="field-description">
              Subscriptions bought from {data.invoiceLinesFrom} are added to recurring invoices. Older ones
              can be added from the customer’s subscriptions (Add to recurring invoice).
            </p>
          ) : null}
        </>
      ) : null}
      {failure ? <Alert title="Not changed">{failure.message}</Alert> : null}
    </section>
  );
}
