import { useState } from 'react';
import { Link } from 'react-router';
import { getOnboardingConfig, type OnboardingConfigView } from '../../../../../src/contracts/api/requests.js';
import { useApi } from '../../../lib/api-context.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { Loading } from '../../../ui/loading.js';
import { SettingsEditor } from './settings-editor.js';

function LoadedSettings({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const call = useApi();
  const config = useQuery(`onboarding-config:${customerId}`, (signal) =>
    call(getOnboardingConfig, { params: { id: customerId }, signal }),
  );
  const [latest, setLatest] = useState<OnboardingConfigView | null>(null);
  const view = latest ?? config.data;
  if (config.error)
    return <Alert title="The request settings could not be loaded">{config.error.message}</Alert>;
  if (!view) return <Loading label="Checking the settings against the tenant…" />;
  return <SettingsEditor view={view} canEdit={canEdit} saved={setLatest} />;
}

/**
 * The customer's new-starter and leaver request settings (issue 8): opened on demand, since
 * reading them asks Microsoft about the tenant's groups and domains.
 */
export function CustomerRequestSettings({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="card stack" aria-labelledby="customer-request-settings">
      <h2 id="customer-request-settings">Request settings</h2>
      <p className="muted">
        What this customer’s new-starter form offers (tenant, groups, licences, domains, naming), who approves
        requests, and whom to tell.
      </p>
      <div className="toolbar">
        <Link className="button button-secondary" to={`/tickets?customerId=${customerId}`}>
          See this customer’s requests
        </Link>
        {canEdit ? (
          <Link className="button button-secondary" to={`/customers/${customerId}/requests/new`}>
            Raise a request
          </Link>
        ) : null}
        <Button onPress={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? 'Close request settings' : 'Open request settings'}
        </Button>
      </div>
      {open ? <LoadedSettings customerId={customerId} canEdit={canEdit} /> : null}
    </section>
  );
}
