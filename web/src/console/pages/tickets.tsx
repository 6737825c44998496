import { EmptyState } from '../../ui/empty-state.js';
import { Page } from '../../ui/page.js';

/** Tickets and requests from the portal: filled in by the new-starter issue. */
export function TicketsPage() {
  return (
    <Page
      title="Tickets"
      description="Requests raised by customers in the portal, waiting for approval or in progress."
    >
      <EmptyState title="No tickets yet">
        <p>
          When a customer's user asks for a new starter in the portal, the request appears here for an agent
          with the "Can approve requests" permission to review, approve and follow to completion.
        </p>
        <p>
          Send your customers to the portal address (this site's address followed by /portal) to get started.
        </p>
      </EmptyState>
    </Page>
  );
}
