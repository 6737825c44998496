import { Link } from 'react-router';
import { listPortalRequests } from '../../../../../src/contracts/api/requests.js';
import { REQUEST_STATUS_LABELS, REQUEST_STATUSES } from '../../../../../src/contracts/onboarding/workflow.js';
import { useState } from 'react';
import { useMe } from '../../../auth/session.js';
import { can } from '../../../lib/permissions.js';
import { useList } from '../../../lib/use-list.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { Page } from '../../../ui/page.js';
import { SelectField } from '../../../ui/select-field.js';
import { requestColumns } from '../../../requests/request-status.js';

const ANY = 'any';
const COLUMNS = requestColumns({ customer: false });

/** The portal user's requests (the organisation's, for those who may read or approve them). */
export function MyRequestsPage() {
  const me = useMe();
  const organisation = me.customer?.name ?? 'your organisation';
  const [status, setStatus] = useState<string>(ANY);
  const list = useList(listPortalRequests, { filters: { status: status === ANY ? undefined : status } });
  const canCreate = can(me, 'portal.requests.create');
  return (
    <Page
      title="My requests"
      description={`Requests to the service desk for ${organisation}, newest first.`}
      actions={
        canCreate ? (
          <Link className="button button-primary" to="/requests/new">
            New request
          </Link>
        ) : null
      }
    >
      <ListView
        label="Requests"
        searchLabel="Search requests by reference or name"
        list={list}
        page={list.data}
        columns={COLUMNS}
        rowHref={(r) => `/requests/${r.id}`}
        filters={
          <SelectField
            label="Status"
            value={status}
            onChange={setStatus}
            options={[
              { id: ANY, label: 'Any status' },
              ...REQUEST_STATUSES.map((s) => ({ id: s, label: REQUEST_STATUS_LABELS[s] })),
            ]}
          />
        }
        filtered={
          status === ANY ? undefined : (
            <p>No requests are “{REQUEST_STATUS_LABELS[status as 'completed']}”.</p>
          )
        }
        empty={
          <EmptyState
            title="No requests yet"
            action={
              canCreate ? (
                <Link className="button button-primary" to="/requests/new">
                  Make a request
                </Link>
              ) : null
            }
          >
            <p>
              When you ask for a new starter’s account or a leaver’s removal, it is listed here with its
              progress: waiting for approval, being set up, done.
            </p>
          </EmptyState>
        }
      />
    </Page>
  );
}
