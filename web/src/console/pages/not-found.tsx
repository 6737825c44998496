import { Link } from 'react-router';
import { EmptyState } from '../../ui/empty-state.js';
import { Page } from '../../ui/page.js';

/** Any console address that is not a screen. */
export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <EmptyState title="There is nothing at this address">
        <p>The link may be old or mistyped.</p>
      </EmptyState>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </Page>
  );
}
