import { EmptyState } from '../../ui/empty-state.js';
import { Page } from '../../ui/page.js';

/** Microsoft Entra ID connections: filled in by the Entra integration issue. */
export function EntraPage() {
  return (
    <Page
      title="Microsoft Entra ID"
      description="Connect your organisation's and your customers' Entra tenants so users, agents and groups stay in step with Microsoft."
    >
      <EmptyState title="No Entra connections yet">
        <p>
          This is where you will add a connection per tenant (application permissions with a client secret or
          a certificate), choose which users and groups to import, and map them to customers and sites.
        </p>
        <p>
          Before you start: register an application in the tenant's Entra admin centre with User.Read.All and
          Group.Read.All (application permissions) and grant admin consent. Administrators can let other
          agents manage this integration with the "Can configure the Microsoft Entra integration" permission
          in Agents.
        </p>
      </EmptyState>
    </Page>
  );
}
