import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { getCustomer, updateCustomer } from '../../../../src/contracts/api/customers.js';
import { useMe } from '../../auth/session.js';
import { bodySchemaOf, type CallResult } from '../../lib/api.js';
import { useApi } from '../../lib/api-context.js';
import { formatDateTime } from '../../lib/format.js';
import { can } from '../../lib/permissions.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { useQuery } from '../../lib/use-query.js';
import { Checkbox } from '../../ui/checkbox.js';
import { DialogButton } from '../../ui/dialog.js';
import { FormBody } from '../../ui/form-body.js';
import { Loading } from '../../ui/loading.js';
import { Page } from '../../ui/page.js';
import { RecordPending } from '../../ui/record-pending.js';
import { StatusBadge } from '../../ui/status-badge.js';
import { TextField } from '../../ui/text-field.js';
import { SitesSection } from './customer-sites.js';
import { CustomerAssets } from './assets/customer-assets.js';
import { CustomerLicences } from './customer-licences/index.js';
import { CustomerLicenceInsight } from './licence-insight/customer-insight.js';
import { CustomerRequestSettings } from './customer-requests/index.js';

type Customer = CallResult<typeof getCustomer>;

// Recurring invoices load with the record, outside the first load (billing.read holders only).
const CustomerRecurringInvoices = lazy(() =>
  import('./billing/customer-invoices.js').then((m) => ({ default: m.CustomerRecurringInvoices })),
);

function EditCustomerForm({
  customer,
  close,
  saved,
}: {
  customer: Customer;
  close: () => void;
  saved: () => void;
}) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(updateCustomer),
    toBody: (v) => ({
      name: v.name,
      inactive: v.inactive === 'on',
      defaultUsageLocation: v.defaultUsageLocation ? v.defaultUsageLocation : null,
    }),
    send: (body) => call(updateCustomer, { params: { id: customer.id }, body }),
    onDone: () => {
      close();
      saved();
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Save" label="Edit customer" onCancel={close}>
      <TextField label="Name" name="name" defaultValue={customer.name} autoFocus />
      <TextField
        label="Default usage location"
        name="defaultUsageLocation"
        defaultValue={customer.defaultUsageLocation ?? ''}
        description="Two-letter country (e.g. GB, US) set on a user without one before a licence is assigned from the desk; leave empty to refuse instead."
      />
      <Checkbox name="inactive" defaultSelected={customer.inactive}>
        Inactive (kept for history; hidden from new requests)
      </Checkbox>
    </FormBody>
  );
}

/** One customer: its details, its sites, and the way to its users. */
export function CustomerDetailPage() {
  const { customerId = '' } = useParams();
  const me = useMe();
  const call = useApi();
  const customer = useQuery(`customer:${customerId}`, (signal) =>
    call(getCustomer, { params: { id: customerId }, signal }),
  );
  const data = customer.data;

  if (customer.error || !data) {
    return (
      <RecordPending
        title="Customer"
        noun="customer"
        error={customer.error}
        back={{ to: '/customers', label: 'Back to customers' }}
      />
    );
  }
  return (
    <Page
      title={data.name}
      description={
        <>
          <Link to="/customers">Customers</Link> › {data.name}
        </>
      }
      actions={
        can(me, 'customers.write') ? (
          <DialogButton label="Edit customer" title={`Edit ${data.name}`}>
            {(close) => <EditCustomerForm customer={data} close={close} saved={customer.reload} />}
          </DialogButton>
        ) : null
      }
    >
      <section className="card" aria-labelledby="customer-details">
        <h2 id="customer-details">Details</h2>
        <dl className="details">
          <dt>Status</dt>
          <dd>
            <StatusBadge inactive={data.inactive} />
          </dd>
          <dt>Default site</dt>
          <dd>{data.defaultSite?.name ?? 'None'}</dd>
          <dt>Default usage location</dt>
          <dd>{data.defaultUsageLocation ?? 'None (licences need the user’s own)'}</dd>
          <dt>Added</dt>
          <dd>{formatDateTime(data.createdAt)}</dd>
          <dt>Users</dt>
          <dd>
            <Link to={`/users?customerId=${data.id}`}>See this customer’s users</Link>
          </dd>
        </dl>
      </section>
      <SitesSection customerId={data.id} canEdit={can(me, 'customers.write')} changed={customer.reload} />
      <CustomerLicences customerId={data.id} />
      <CustomerRequestSettings customerId={data.id} canEdit={can(me, 'customers.write')} />
      {can(me, 'billing.read') ? (
        <Suspense fallback={<Loading label="Opening recurring invoices…" />}>
          <CustomerRecurringInvoices customerId={data.id} />
        </Suspense>
      ) : null}
      <CustomerLicenceInsight customerId={data.id} />
      <CustomerAssets customerId={data.id} />
    </Page>
  );
}
