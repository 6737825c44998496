import { useMe } from '../../auth/session.js';
import { EmptyState } from '../../ui/empty-state.js';
import { Page } from '../../ui/page.js';

/** Where request forms (new starter first) will live. */
export function NewRequestPage() {
  const me = useMe();
  return (
    <Page
      title="New request"
      description={`Ask the service desk for a change at ${me.customer?.name ?? 'your organisation'}.`}
    >
      <section aria-label="Request forms">
        <EmptyState title="Request forms are on their way">
          <p>
            The new-starter form will be here: you will enter the person’s name, start date, site and manager,
            and the service desk will approve it and set up their Microsoft account and licences.
          </p>
          <p>Until then, contact your service desk as usual.</p>
        </EmptyState>
      </section>
    </Page>
  );
}
