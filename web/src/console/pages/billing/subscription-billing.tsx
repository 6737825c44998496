import { createContext, useContext, type ReactNode } from 'react';
import {
  addSubscriptionToInvoice,
  listCustomerRecurringInvoices,
  listProducts,
  type ProductView,
} from '../../../../../src/contracts/api/billing.js';
import { useMe } from '../../../auth/session.js';
import { bodySchemaOf } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { can } from '../../../lib/permissions.js';
import { useFormSubmit } from '../../../lib/use-form-submit.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { DialogButton } from '../../../ui/dialog.js';
import { FormBody } from '../../../ui/form-body.js';
import { Loading } from '../../../ui/loading.js';
import { SelectField } from '../../../ui/select-field.js';
import { CYCLE_LABELS } from './billing-format.js';

interface SubscriptionProducts {
  bySubscription: Map<string, ProductView>;
  /** Why the products could not be read, or null. */
  error: string | null;
  reload: () => void;
}

const SubscriptionProductsContext = createContext<SubscriptionProducts | null>(null);

/**
 * The products of a customer's CSP subscriptions, by subscription id, for the Billing cells below
 * it (billing.read holders only; the API pages at 200, enough for one customer's subscriptions).
 * A context, not props: the table keeps its rendered rows while its rows are unchanged, and the
 * products arrive on their own.
 */
export function SubscriptionProductsProvider({
  customerId,
  children,
}: {
  customerId: string;
  children: ReactNode;
}) {
  const me = useMe();
  const call = useApi();
  const allowed = can(me, 'billing.read');
  const products = useQuery(`subscription-products:${customerId}:${allowed}`, (signal) =>
    allowed
      ? call(listProducts, { query: { customerId, limit: 200 }, signal })
      : Promise.resolve({ items: [], nextCursor: null, total: 0 }),
  );
  const value: SubscriptionProducts = {
    bySubscription: new Map(
      (products.data?.items ?? []).filter((p) => p.subscription).map((p) => [p.subscription!.id, p]),
    ),
    error: products.error?.message ?? null,
    reload: products.reload,
  };
  return (
    <SubscriptionProductsContext.Provider value={value}>{children}</SubscriptionProductsContext.Provider>
  );
}

function AddToInvoiceForm({
  customerId,
  subscriptionId,
  close,
  added,
}: {
  customerId: string;
  subscriptionId: string;
  close: () => void;
  added: () => void;
}) {
  const call = useApi();
  const invoices = useQuery(`recurring-invoices:${customerId}`, (signal) =>
    call(listCustomerRecurringInvoices, { params: { id: customerId }, signal }),
  );
  const submit = useFormSubmit({
    schema: bodySchemaOf(addSubscriptionToInvoice),
    toBody: (v) => (v.invoiceId && v.invoiceId !== 'newest' ? { invoiceId: v.invoiceId } : {}),
    send: (body) => call(addSubscriptionToInvoice, { params: { id: subscriptionId }, body }),
    onDone: () => {
      close();
      added();
    },
  });
  if (invoices.error) return <Alert>{invoices.error.message}</Alert>;
  if (!invoices.data) return <Loading />;
  const options = [
    { id: 'newest', label: 'The newest one billing on its schedule' },
    ...invoices.data.items
      .filter((i) => i.active)
      .map((i) => ({
        id: i.id,
        label: `${i.reference} (${CYCLE_LABELS[i.cycle]}, next ${i.nextInvoiceDate})`,
      })),
  ];
  return (
    <FormBody submit={submit} submitLabel="Add to invoice" label="Add to recurring invoice" onCancel={close}>
      <p>
        A recurring line for its seats goes on the invoice from its next period; nothing is charged for the
        days before.
      </p>
      <SelectField label="Recurring invoice" name="invoiceId" defaultValue="newest" options={options} />
    </FormBody>
  );
}

/**
 * The Billing cell of a customer's subscription: why it is not billed, and (billing.manage) the
 * way to put one that no invoice bills onto a recurring invoice.
 */
export function SubscriptionBillingCell({
  customerId,
  subscriptionId,
  friendlyName,
  addable,
  changed,
}: {
  customerId: string;
  subscriptionId: string;
  friendlyName: string;
  /** Active and on no recurring invoice (the subscription's `recurringInvoiceId` is null). */
  addable: boolean;
  /** Told after a line was added (the products are reloaded here). */
  changed: () => void;
}) {
  const me = useMe();
  const products = useContext(SubscriptionProductsContext);
  const product = products?.bySubscription.get(subscriptionId);
  if (products?.error) return <span className="muted">Billing not known: {products.error}</span>;
  if (!products) return null;
  return (
    <div className="stack">
      {product?.billingNote ? <span className="badge badge-warn">{product.billingNote}</span> : null}
      {addable && can(me, 'billing.manage') ? (
        <DialogButton
          label="Add to recurring invoice"
          accessibleLabel={`Add ${friendlyName} to a recurring invoice`}
          title={`Add to recurring invoice: ${friendlyName}`}
        >
          {(close) => (
            <AddToInvoiceForm
              customerId={customerId}
              subscriptionId={subscriptionId}
              close={close}
              added={() => {
                products.reload();
                changed();
              }}
            />
          )}
        </DialogButton>
      ) : null}
    </div>
  );
}
