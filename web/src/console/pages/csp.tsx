import { lazy } from 'react';

// The CSP screens live in ./csp/ and, like the Entra ones, load on first visit (outside the first load).
export const CspPage = lazy(() =>
  import('./csp/connections-page.js').then((m) => ({ default: m.CspConnectionsPage })),
);
