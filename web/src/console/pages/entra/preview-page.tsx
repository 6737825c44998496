import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { previewImport } from '../../../../../src/contracts/api/entra-import.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { entraConnectionAccess } from '../../../lib/permissions.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { Page } from '../../../ui/page.js';
import { LookupsProvider } from './config/lookups.js';
import { PreviewItems } from './preview-items.js';
import { isPreviewState, type PreviewState } from './preview-state.js';
import { TenantPreview } from './preview-tenant.js';

/**
 * "Import Users" / "Import Agents": what each Entra user would become and why, per tenant, with
 * Apply. Nothing has changed until Apply.
 */
export function EntraPreviewPage() {
  const { connectionId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const call = useApi();
  const [applied, setApplied] = useState(false);
  const state: PreviewState | null = isPreviewState(location.state) ? location.state : null;
  const back = `/integrations/entra/${connectionId}?tab=imports`;
  if (!state) {
    return (
      <Page title="Import preview">
        <EmptyState
          title="This preview is no longer open"
          action={
            <Link className="button button-primary" to={back}>
              Back to Imports
            </Link>
          }
        >
          <p>Choose “Import Users” or “Import Agents” on the connection’s Imports tab to make a new one.</p>
        </EmptyState>
      </Page>
    );
  }
  const { module, connectionName, result } = state;
  const canApply = entraConnectionAccess(me, connectionId) === 'modify';

  async function previewAgain() {
    const next = await call(previewImport, { params: { id: connectionId }, body: { module } });
    const nextState: PreviewState = { module, connectionName, result: next };
    void navigate(location.pathname, { state: nextState, replace: true });
  }

  return (
    <Page
      title={module === 'users' ? 'Import Users: preview' : 'Import Agents: preview'}
      description={
        <>
          <Link to="/integrations/entra">Microsoft Entra ID</Link> › <Link to={back}>{connectionName}</Link> ›
          Preview.{' '}
          {applied
            ? 'Applied: the decisions below were carried out.'
            : `Nothing has changed yet: check the decisions${canApply ? ', then apply' : ''}.`}
        </>
      }
    >
      <LookupsProvider>
        {result.tenants.map((plan) => (
          <TenantPreview
            key={`${result.previewId}:${plan.tenantId}`}
            connectionId={connectionId}
            module={module}
            plan={plan}
            several={result.tenants.length > 1}
            canApply={canApply}
            previewAgain={previewAgain}
            onApplied={() => setApplied(true)}
          />
        ))}
        <PreviewItems key={result.previewId} connectionId={connectionId} previewId={result.previewId} />
      </LookupsProvider>
    </Page>
  );
}
