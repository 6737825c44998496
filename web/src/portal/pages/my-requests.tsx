import { Link } from 'react-router';
import { useMe } from '../../auth/session.js';
import { can } from '../../lib/permissions.js';
import { EmptyState } from '../../ui/empty-state.js';
import { Page } from '../../ui/page.js';

/** The portal user's requests; the new-starter issue fills the list. */
export function MyRequestsPage() {
  const me = useMe();
  const organisation = me.customer?.name ?? 'your organisation';
  return (
    <Page title="My requests" description={`Requests you have made to the service desk for ${organisation}.`}>
      <EmptyState
        title="No requests yet"
        action={
          can(me, 'portal.requests.create') ? (
            <Link className="button button-primary" to="/requests/new">
              Make a request
            </Link>
          ) : null
        }
      >
        <p>
          When you ask for something — a new starter’s account, say — it is listed here with its progress:
          waiting for approval, approved, being set up, done.
        </p>
        <p>The new-starter form will appear under “New request”.</p>
      </EmptyState>
    </Page>
  );
}
