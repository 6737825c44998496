import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { getCustomer } from '../../../../../src/contracts/api/customers.js';
import {
  getCustomerNewStarterForm,
  previewCustomerNewStarterAddress,
  raiseLeaver,
  raiseNewStarter,
} from '../../../../../src/contracts/api/requests.js';
import { listUsers } from '../../../../../src/contracts/api/users.js';
import { useApi } from '../../../lib/api-context.js';
import { useQuery } from '../../../lib/use-query.js';
import { RequestForms } from '../../../requests/forms/request-forms.js';
import type { RequestFormSource } from '../../../requests/forms/request-source.js';
import { Page } from '../../../ui/page.js';
import { RecordPending } from '../../../ui/record-pending.js';

/** An agent raises a new-starter or leaver request for a customer, with the portal's forms and checks. */
export function RaiseRequestPage() {
  const { customerId = '' } = useParams();
  const call = useApi();
  const customer = useQuery(`customer:${customerId}`, (signal) =>
    call(getCustomer, { params: { id: customerId }, signal }),
  );
  const source = useMemo<RequestFormSource>(
    () => ({
      key: `customer:${customerId}`,
      formOptions: (signal) => call(getCustomerNewStarterForm, { params: { id: customerId }, signal }),
      preview: (body, signal) =>
        call(previewCustomerNewStarterAddress, { params: { id: customerId }, body, signal }),
      submitNewStarter: (body) => call(raiseNewStarter, { params: { id: customerId }, body }),
      submitLeaver: (body) => call(raiseLeaver, { params: { id: customerId }, body }),
      searchUsers: async (text, signal) => {
        const page = await call(listUsers, {
          query: { customerId, search: text, inactive: 'false', limit: 20 },
          signal,
        });
        return page.items.map((u) => ({
          id: u.id,
          label: u.email ? `${u.displayName} (${u.email})` : u.displayName,
          email: u.email,
        }));
      },
      requestPath: (id) => `/tickets/${id}`,
    }),
    [call, customerId],
  );
  const data = customer.data;
  if (!data) {
    return (
      <RecordPending
        title="New request"
        noun="customer"
        error={customer.error}
        back={{ to: '/customers', label: 'Back to customers' }}
      />
    );
  }
  return (
    <Page
      title={`New request for ${data.name}`}
      description={
        <>
          <Link to={`/customers/${data.id}`}>{data.name}</Link> › New request. It goes through the customer’s
          approval steps like one from the portal.
        </>
      }
    >
      <RequestForms source={source} />
    </Page>
  );
}
