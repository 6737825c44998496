import { Link, useNavigate } from 'react-router';
import {
  BILLING_CYCLES,
  createRecurringInvoice,
  listCustomerRecurringInvoices,
  type RecurringInvoiceView,
} from '../../../../../src/contracts/api/billing.js';
import { useMe } from '../../../auth/session.js';
import { bodySchemaOf } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { can } from '../../../lib/permissions.js';
import { useFormSubmit } from '../../../lib/use-form-submit.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { DataTable, type TableColumn } from '../../../ui/data-table.js';
import { DialogButton } from '../../../ui/dialog.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { FormBody } from '../../../ui/form-body.js';
import { Loading } from '../../../ui/loading.js';
import { SelectField } from '../../../ui/select-field.js';
import { StatusBadge } from '../../../ui/status-badge.js';
import { TextField } from '../../../ui/text-field.js';
import { CYCLE_LABELS, formatMoney, periodText } from './billing-format.js';

function firstOfThisMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
}

/** "New recurring invoice": reference, cycle, the first day of one of its periods, currency. */
export function NewRecurringInvoiceForm({
  customerId,
  close,
  created,
}: {
  customerId: string;
  close: () => void;
  created: (id: string) => void;
}) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(createRecurringInvoice),
    toBody: (v) => ({
      reference: v.reference,
      cycle: v.cycle,
      anchorDate: v.anchorDate?.trim(),
      currency: v.currency,
    }),
    send: (body) => call(createRecurringInvoice, { params: { id: customerId }, body }),
    onDone: (invoice) => {
      close();
      created(invoice.id);
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Create invoice" label="New recurring invoice" onCancel={close}>
      <TextField
        label="Reference"
        name="reference"
        autoFocus
        description="Shown on the invoice, e.g. Monthly."
      />
      <SelectField
        label="Cycle"
        name="cycle"
        defaultValue="monthly"
        options={BILLING_CYCLES.map((c) => ({ id: c, label: CYCLE_LABELS[c] }))}
      />
      <TextField
        label="First period starts"
        name="anchorDate"
        defaultValue={firstOfThisMonth()}
        description="The first day of one of its periods (YYYY-MM-DD): 2026-01-01 bills on the 1st of each month."
      />
      <TextField
        label="Currency"
        name="currency"
        defaultValue="GBP"
        description="Three-letter ISO 4217 code, e.g. GBP, USD, EUR."
      />
    </FormBody>
  );
}

/** Recurring lines per period and one-off lines waiting for the next invoice, in the invoice's currency. */
export function totalsText(
  invoice: Pick<RecurringInvoiceView, 'recurringTotal' | 'oneOffTotal' | 'currency'>,
) {
  return {
    recurring: formatMoney(invoice.recurringTotal ?? 0, invoice.currency),
    oneOff: formatMoney(invoice.oneOffTotal ?? 0, invoice.currency),
  };
}

/** The customer record's recurring invoices (billing.read), newest first; billing.manage creates them. */
export function CustomerRecurringInvoices({ customerId }: { customerId: string }) {
  const me = useMe();
  const call = useApi();
  const navigate = useNavigate();
  const invoices = useQuery(`recurring-invoices:${customerId}`, (signal) =>
    call(listCustomerRecurringInvoices, { params: { id: customerId }, signal }),
  );
  const mayManage = can(me, 'billing.manage');
  const columns: TableColumn<RecurringInvoiceView>[] = [
    { id: 'reference', name: 'Reference', isRowHeader: true, render: (i) => i.reference },
    { id: 'cycle', name: 'Cycle', render: (i) => CYCLE_LABELS[i.cycle] },
    { id: 'next', name: 'Next invoice', render: (i) => i.nextInvoiceDate },
    {
      id: 'period',
      name: 'Current period',
      render: (i) => periodText(i.currentPeriod.start, i.currentPeriod.end),
    },
    { id: 'recurring', name: 'Recurring total', render: (i) => totalsText(i).recurring },
    { id: 'oneOff', name: 'One-off total', render: (i) => totalsText(i).oneOff },
    { id: 'lines', name: 'Lines', render: (i) => i.lineCount },
    { id: 'active', name: 'Status', render: (i) => <StatusBadge inactive={!i.active} /> },
  ];
  const newButton = mayManage ? (
    <DialogButton label="New recurring invoice" title="New recurring invoice">
      {(close) => (
        <NewRecurringInvoiceForm
          customerId={customerId}
          close={close}
          created={(id) => void navigate(`/recurring-invoices/${id}`)}
        />
      )}
    </DialogButton>
  ) : null;
  return (
    <section className="card stack" aria-labelledby="customer-recurring-invoices">
      <h2 id="customer-recurring-invoices">Recurring invoices</h2>
      {invoices.error ? (
        <Alert title="Recurring invoices could not be loaded">{invoices.error.message}</Alert>
      ) : null}
      {!invoices.data && invoices.loading ? <Loading /> : null}
      {invoices.data ? (
        <>
          <div className="toolbar">
            {newButton}
            <Link to={`/products?customerId=${customerId}`}>See this customer’s products</Link>
          </div>
          <DataTable
            label="Recurring invoices"
            columns={columns}
            items={invoices.data.items}
            busy={invoices.loading}
            rowHref={(i) => `/recurring-invoices/${i.id}`}
            empty={
              <EmptyState title="No recurring invoices yet">
                Create one billing monthly on the 1st, and new CSP subscriptions will be added to it (when the
                CSP connection imports products and creates invoice lines), each with a pro-rata line for the
                rest of the month.
              </EmptyState>
            }
          />
        </>
      ) : null}
    </section>
  );
}
