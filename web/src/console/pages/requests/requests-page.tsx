import { useSearchParams } from 'react-router';
import { getCustomer, listCustomers } from '../../../../../src/contracts/api/customers.js';
import { listRequests } from '../../../../../src/contracts/api/requests.js';
import {
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
} from '../../../../../src/contracts/onboarding/workflow.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { can } from '../../../lib/permissions.js';
import { useList } from '../../../lib/use-list.js';
import { useQuery } from '../../../lib/use-query.js';
import { requestColumns } from '../../../requests/request-status.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { ComboPicker } from '../../../ui/combo-picker.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { Page } from '../../../ui/page.js';
import { SelectField } from '../../../ui/select-field.js';

const ANY = 'any';
const COLUMNS = requestColumns({ customer: true });

/** New-starter and leaver requests of every customer, filtered by status, type, customer or "waiting for me". */
export function RequestsPage() {
  const me = useMe();
  const call = useApi();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const type = params.get('type') ?? undefined;
  const customerId = params.get('customerId') ?? undefined;
  const mine = params.get('mine') === 'true';
  const setParam = (name: string, value: string | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value && value !== ANY) next.set(name, value);
      else next.delete(name);
      return next;
    });
  const customer = useQuery(`requests-customer:${customerId ?? ''}`, (signal) =>
    customerId ? call(getCustomer, { params: { id: customerId }, signal }) : Promise.resolve(null),
  );
  const list = useList(listRequests, {
    filters: { status, type, customerId, mine: mine ? 'true' : undefined },
  });
  const filtering = Boolean(status || type || customerId || mine);
  return (
    <Page
      title="Requests"
      description="New starters and leavers asked for by customers in the portal: approve them, follow their automation, fix what failed."
    >
      <ListView
        label="Requests"
        searchLabel="Search requests by reference, name or customer"
        list={list}
        page={list.data}
        columns={COLUMNS}
        rowHref={(r) => `/tickets/${r.id}`}
        filters={
          <div className="toolbar">
            <SelectField
              label="Status"
              value={status ?? ANY}
              onChange={(id) => setParam('status', id)}
              options={[
                { id: ANY, label: 'Any status' },
                ...REQUEST_STATUSES.map((s) => ({ id: s, label: REQUEST_STATUS_LABELS[s] })),
              ]}
            />
            <SelectField
              label="Type"
              value={type ?? ANY}
              onChange={(id) => setParam('type', id)}
              options={[
                { id: ANY, label: 'Any type' },
                ...REQUEST_TYPES.map((t) => ({ id: t, label: REQUEST_TYPE_LABELS[t] })),
              ]}
            />
            <ComboPicker
              label="Customer"
              sourceKey="requests-customers"
              value={customerId ?? null}
              valueLabel={customer.data?.name}
              onChange={(option) => setParam('customerId', option?.id)}
              search={async (text, signal) => {
                const page = await call(listCustomers, {
                  query: { search: text, limit: 20, sort: 'name' },
                  signal,
                });
                return page.items.map((c) => ({ id: c.id, label: c.name }));
              }}
              placeholder="All customers"
            />
            {customerId ? (
              <Button variant="quiet" onPress={() => setParam('customerId', undefined)}>
                All customers
              </Button>
            ) : null}
            {can(me, 'requests.approve') ? (
              <Checkbox isSelected={mine} onChange={(on) => setParam('mine', on ? 'true' : undefined)}>
                Waiting for me
              </Checkbox>
            ) : null}
          </div>
        }
        filtered={filtering ? <p>No requests match these filters. Clear a filter to see more.</p> : undefined}
        empty={
          <EmptyState title="No requests yet">
            <p>
              When a customer’s user asks for a new starter or a leaver in the portal, the request appears
              here for an agent with “Can approve requests” to review, approve and follow to completion.
            </p>
            <p>
              Set up what each customer’s form offers on the customer’s page (Request settings), then send
              their people to this site’s address followed by /portal.
            </p>
          </EmptyState>
        }
      />
    </Page>
  );
}
