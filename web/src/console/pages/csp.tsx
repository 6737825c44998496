import { EmptyState } from '../../ui/empty-state.js';
import { Page } from '../../ui/page.js';

/** Microsoft CSP (Partner Center) connection: filled in by the CSP integration issue. */
export function CspPage() {
  return (
    <Page
      title="Microsoft CSP"
      description="Import your Cloud Solution Provider customers, their subscriptions, licences and devices from Partner Center."
    >
      <EmptyState title="Partner Center is not connected">
        <p>
          This is where you will connect your partner tenant once, then map each CSP customer to a Rollcall
          customer and choose what to import (users, licences, devices, subscriptions).
        </p>
        <p>
          Before you start: make sure your partner tenant has GDAP relationships with the customers you manage
          and an application registered for Partner Center access.
        </p>
      </EmptyState>
    </Page>
  );
}
