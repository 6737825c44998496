import { EmptyState } from '../../../ui/empty-state.js';

/**
 * The CSP connection's Tenants tab (guide 002 "Tenants"): customer tenants the partner reaches,
 * their mapping to desk customers, admin consent and the tenant settings.
 */
export function CspTenantsTab({ connectionId }: { connectionId: string }) {
  return (
    <EmptyState title="Tenants">
      <p>The customer tenants of this connection will be listed here ({connectionId}).</p>
    </EmptyState>
  );
}
