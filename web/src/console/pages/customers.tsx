import { bodySchemaOf } from '../../lib/api.js';
import { useNavigate } from 'react-router';
import { createCustomer, listCustomers, type CustomerView } from '../../../../src/contracts/api/customers.js';
import { useMe } from '../../auth/session.js';
import { useApi } from '../../lib/api-context.js';
import { formatDateTime } from '../../lib/format.js';
import { can } from '../../lib/permissions.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { useList } from '../../lib/use-list.js';
import type { TableColumn } from '../../ui/data-table.js';
import { DialogButton } from '../../ui/dialog.js';
import { EmptyState } from '../../ui/empty-state.js';
import { FormBody } from '../../ui/form-body.js';
import { ListView } from '../../ui/list-view.js';
import { Page } from '../../ui/page.js';
import { StatusBadge } from '../../ui/status-badge.js';
import { TextField } from '../../ui/text-field.js';

const COLUMNS: TableColumn<CustomerView>[] = [
  { id: 'name', name: 'Name', sortable: true, isRowHeader: true, render: (c) => c.name },
  { id: 'status', name: 'Status', render: (c) => <StatusBadge inactive={c.inactive} /> },
  { id: 'createdAt', name: 'Added', sortable: true, render: (c) => formatDateTime(c.createdAt) },
];

function NewCustomerForm({ close }: { close: () => void }) {
  const call = useApi();
  const navigate = useNavigate();
  const submit = useFormSubmit({
    schema: bodySchemaOf(createCustomer),
    send: (body) => call(createCustomer, { body }),
    onDone: (customer) => {
      close();
      void navigate(`/customers/${customer.id}`);
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Create customer" label="New customer" onCancel={close}>
      <TextField
        label="Name"
        name="name"
        autoFocus
        description='The organisation’s name. It gets a default site called "Main".'
      />
    </FormBody>
  );
}

/** Every customer of the desk, searchable; the way into their sites and users. */
export function CustomersPage() {
  const me = useMe();
  const list = useList(listCustomers, { initialSort: 'name' });
  return (
    <Page
      title="Customers"
      description="The organisations your desk supports. Syncs from Microsoft keep them up to date."
      actions={
        can(me, 'customers.write') ? (
          <DialogButton label="New customer" title="New customer" variant="primary">
            {(close) => <NewCustomerForm close={close} />}
          </DialogButton>
        ) : null
      }
    >
      <ListView
        label="Customers"
        searchLabel="Search customers by name"
        list={list}
        page={list.data}
        columns={COLUMNS}
        rowHref={(c) => `/customers/${c.id}`}
        empty={
          <EmptyState title="No customers yet">
            <p>
              Customers appear here when you connect Microsoft Entra ID or Microsoft CSP under Integrations.
              You can also add one by hand with “New customer”.
            </p>
          </EmptyState>
        }
      />
    </Page>
  );
}
