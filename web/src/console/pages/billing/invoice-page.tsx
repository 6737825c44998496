import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  addManualInvoiceLine,
  deleteInvoiceLine,
  getRecurringInvoice,
  updateInvoiceLine,
  updateRecurringInvoice,
  type InvoiceLineView,
  type RecurringInvoiceDetail,
} from '../../../../../src/contracts/api/billing.js';
import { useMe } from '../../../auth/session.js';
import { bodySchemaOf } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { can } from '../../../lib/permissions.js';
import { useFormSubmit } from '../../../lib/use-form-submit.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { DataTable, type TableColumn } from '../../../ui/data-table.js';
import { DialogButton } from '../../../ui/dialog.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { FormBody } from '../../../ui/form-body.js';
import { Page } from '../../../ui/page.js';
import { RecordPending } from '../../../ui/record-pending.js';
import { StatusBadge } from '../../../ui/status-badge.js';
import { TextField } from '../../../ui/text-field.js';
import { CYCLE_LABELS, formatMoney, fractionText, KIND_LABELS, periodText } from './billing-format.js';
import { totalsText } from './customer-invoices.js';

/** A typed number, or NaN for the contract to name ("quantity must be a number"); blank is left out. */
const numberOrBlank = (text: string | undefined) =>
  text === undefined || text.trim() === '' ? undefined : Number(text.trim());

function LineForm({
  invoice,
  line,
  close,
  saved,
}: {
  invoice: RecurringInvoiceDetail;
  line: InvoiceLineView;
  close: () => void;
  saved: () => void;
}) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(updateInvoiceLine),
    toBody: (v) => ({
      description: v.description,
      quantity: numberOrBlank(v.quantity),
      unitPrice: numberOrBlank(v.unitPrice),
    }),
    send: (body) => call(updateInvoiceLine, { params: { id: invoice.id, lineId: line.id }, body }),
    onDone: () => {
      close();
      saved();
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Save line" label="Edit line" onCancel={close}>
      <TextField label="Description" name="description" defaultValue={line.description} autoFocus />
      <TextField label="Quantity" name="quantity" defaultValue={String(line.quantity)} />
      <TextField
        label={`Unit price (${invoice.currency}, per period)`}
        name="unitPrice"
        defaultValue={line.unitPrice === null ? '' : String(line.unitPrice)}
        description="The amount follows: quantity × unit price × the share of the period."
      />
    </FormBody>
  );
}

function ManualLineForm({
  invoice,
  close,
  saved,
}: {
  invoice: RecurringInvoiceDetail;
  close: () => void;
  saved: () => void;
}) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(addManualInvoiceLine),
    toBody: (v) => ({
      description: v.description,
      quantity: numberOrBlank(v.quantity) ?? Number.NaN,
      unitPrice: numberOrBlank(v.unitPrice) ?? Number.NaN,
    }),
    send: (body) => call(addManualInvoiceLine, { params: { id: invoice.id }, body }),
    onDone: () => {
      close();
      saved();
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Add line" label="Add a manual line" onCancel={close}>
      <TextField label="Description" name="description" autoFocus />
      <TextField label="Quantity" name="quantity" defaultValue="1" />
      <TextField
        label={`Unit price (${invoice.currency}, per period)`}
        name="unitPrice"
        description="Billed on every invoice; a negative quantity gives a credit."
      />
    </FormBody>
  );
}

function RenameForm({
  invoice,
  close,
  saved,
}: {
  invoice: RecurringInvoiceDetail;
  close: () => void;
  saved: () => void;
}) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(updateRecurringInvoice),
    toBody: (v) => ({ reference: v.reference }),
    send: (body) => call(updateRecurringInvoice, { params: { id: invoice.id }, body }),
    onDone: () => {
      close();
      saved();
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Save" label="Rename invoice" onCancel={close}>
      <TextField label="Reference" name="reference" defaultValue={invoice.reference} autoFocus />
    </FormBody>
  );
}

function DeleteLine({
  invoice,
  line,
  close,
  deleted,
}: {
  invoice: RecurringInvoiceDetail;
  line: InvoiceLineView;
  close: () => void;
  deleted: () => void;
}) {
  const call = useApi();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(deleteInvoiceLine, { params: { id: invoice.id, lineId: line.id } });
      close();
      deleted();
    } catch (cause) {
      setError(describeFailure(cause).message);
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <p>
        “{line.description}” comes off the invoice
        {line.subscriptionId
          ? '; the subscription is then not billed until it is added again (Add to recurring invoice).'
          : '.'}
      </p>
      {error ? <Alert title="Not deleted">{error}</Alert> : null}
      <div className="form-actions">
        <Button variant="quiet" onPress={close}>
          Cancel
        </Button>
        <Button variant="danger" isPending={busy} onPress={() => void remove()}>
          Delete line
        </Button>
      </div>
    </div>
  );
}

function LinesTable({
  invoice,
  mayManage,
  changed,
}: {
  invoice: RecurringInvoiceDetail;
  mayManage: boolean;
  changed: () => void;
}) {
  const columns: TableColumn<InvoiceLineView>[] = [
    {
      id: 'kind',
      name: 'Kind',
      render: (l) => (
        <>
          {KIND_LABELS[l.kind]} {l.oneOff ? <span className="badge badge-warn">One-off</span> : null}
        </>
      ),
    },
    { id: 'description', name: 'Description', isRowHeader: true, render: (l) => l.description },
    { id: 'quantity', name: 'Quantity', render: (l) => l.quantity },
    {
      id: 'unitPrice',
      name: 'Unit price',
      render: (l) =>
        l.unitPrice === null ? (
          <span className="badge badge-warn">No price</span>
        ) : (
          formatMoney(l.unitPrice, l.currency ?? invoice.currency)
        ),
    },
    { id: 'fraction', name: 'Share of period', render: (l) => fractionText(l) },
    {
      id: 'amount',
      name: 'Amount',
      render: (l) =>
        l.amount === null ? (
          <span className="badge badge-warn">No price</span>
        ) : (
          <>
            {formatMoney(l.amount, l.currency ?? invoice.currency)}
            {l.amount < 0 ? ' (credit)' : ''}
          </>
        ),
    },
    { id: 'period', name: 'Period', render: (l) => periodText(l.periodStart, l.periodEnd) || 'Every period' },
    ...(mayManage
      ? [
          {
            id: 'actions',
            name: 'Actions',
            render: (l: InvoiceLineView) => (
              <div className="toolbar">
                <DialogButton
                  label="Edit"
                  accessibleLabel={`Edit line ${l.description}`}
                  title={`Edit line: ${l.description}`}
                >
                  {(close) => <LineForm invoice={invoice} line={l} close={close} saved={changed} />}
                </DialogButton>
                <DialogButton
                  label="Delete"
                  variant="quiet"
                  accessibleLabel={`Delete line ${l.description}`}
                  title={`Delete line: ${l.description}?`}
                >
                  {(close) => <DeleteLine invoice={invoice} line={l} close={close} deleted={changed} />}
                </DialogButton>
              </div>
            ),
          },
        ]
      : []),
  ];
  return (
    <DataTable
      label="Invoice lines"
      columns={columns}
      items={invoice.lines}
      empty={
        <EmptyState title="No lines yet">
          CSP subscriptions bought after invoice lines were switched on (CSP connection › Details › Products
          and invoice lines) are added here with a pro-rata line; add others from the customer’s
          subscriptions, or a manual line.
        </EmptyState>
      }
    />
  );
}

/** One recurring invoice: its schedule, totals and lines; billing.manage edits them. */
export function RecurringInvoicePage() {
  const { invoiceId = '' } = useParams();
  const me = useMe();
  const call = useApi();
  const invoice = useQuery(`recurring-invoice:${invoiceId}`, (signal) =>
    call(getRecurringInvoice, { params: { id: invoiceId }, signal }),
  );
  const [error, setError] = useState<string | null>(null);
  const data = invoice.data;
  if (invoice.error || !data) {
    return (
      <RecordPending
        title="Recurring invoice"
        noun="recurring invoice"
        error={invoice.error}
        back={{ to: '/customers', label: 'Back to customers' }}
      />
    );
  }
  const mayManage = can(me, 'billing.manage');
  const setActive = async (active: boolean) => {
    setError(null);
    try {
      await call(updateRecurringInvoice, { params: { id: data.id }, body: { active } });
      invoice.reload();
    } catch (cause) {
      setError(describeFailure(cause).message);
    }
  };
  const totals = totalsText(data);
  const unpriced = data.lines.filter((l) => l.amount === null).length;
  return (
    <Page
      title={data.reference}
      description={
        <>
          <Link to="/customers">Customers</Link> ›{' '}
          <Link to={`/customers/${data.customerId}`}>{data.customerName}</Link> › Recurring invoice
        </>
      }
      actions={
        mayManage ? (
          <>
            <DialogButton label="Rename" title={`Rename ${data.reference}`}>
              {(close) => <RenameForm invoice={data} close={close} saved={invoice.reload} />}
            </DialogButton>
            <Button onPress={() => void setActive(!data.active)}>
              {data.active ? 'Stop invoice' : 'Restart invoice'}
            </Button>
            <DialogButton label="Add manual line" variant="primary" title="Add a manual line">
              {(close) => <ManualLineForm invoice={data} close={close} saved={invoice.reload} />}
            </DialogButton>
          </>
        ) : null
      }
    >
      {error ? <Alert title="Not changed">{error}</Alert> : null}
      <section className="card" aria-labelledby="invoice-details">
        <h2 id="invoice-details">Schedule</h2>
        <dl className="details">
          <dt>Status</dt>
          <dd>
            <StatusBadge inactive={!data.active} />
            {data.active ? null : ' — stopped: new CSP subscriptions are not added to it'}
          </dd>
          <dt>Cycle</dt>
          <dd>{CYCLE_LABELS[data.cycle]}</dd>
          <dt>Current period</dt>
          <dd>{periodText(data.currentPeriod.start, data.currentPeriod.end)}</dd>
          <dt>Next invoice</dt>
          <dd>{data.nextInvoiceDate}</dd>
          <dt>Currency</dt>
          <dd>{data.currency}</dd>
          <dt>Recurring total</dt>
          <dd>{totals.recurring} per period</dd>
          <dt>One-off total</dt>
          <dd>{totals.oneOff} on the next invoice</dd>
        </dl>
      </section>
      <section className="card stack" aria-labelledby="invoice-lines">
        <h2 id="invoice-lines">Lines</h2>
        {unpriced > 0 ? (
          <Alert tone="warning" title={`${unpriced} ${unpriced === 1 ? 'line has' : 'lines have'} no price`}>
            Set the product’s price (Products) or the line’s own price; lines without one are left out of the
            totals.
          </Alert>
        ) : null}
        <LinesTable invoice={data} mayManage={mayManage} changed={invoice.reload} />
      </section>
    </Page>
  );
}
