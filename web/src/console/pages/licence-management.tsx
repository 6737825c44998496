import { useState } from 'react';
import { getLicenceManagement, putLicenceManagement } from '../../../../src/contracts/api/licence-changes.js';
import { useApi } from '../../lib/api-context.js';
import { describeFailure } from '../../lib/form-errors.js';
import { useQuery } from '../../lib/use-query.js';
import { Alert } from '../../ui/alert.js';
import { Checkbox } from '../../ui/checkbox.js';

/**
 * "Allow licences to be managed from Rollcall" for a connection of either kind: agents with
 * `licences.manage` can then assign and remove licences of its tenants' users from the desk. Only
 * one connection may manage a tenant's licences; the server says which one already does.
 */
export function LicenceManagementCard({
  connectionId,
  canModify,
}: {
  connectionId: string;
  canModify: boolean;
}) {
  const call = useApi();
  const state = useQuery(`licence-management:${connectionId}`, (signal) =>
    call(getLicenceManagement, { params: { id: connectionId }, signal }),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await call(putLicenceManagement, { params: { id: connectionId }, body: { enabled } });
      state.reload();
    } catch (cause) {
      setError(describeFailure(cause).message);
    }
    setBusy(false);
  };
  const data = state.data;
  return (
    <section className="card stack" aria-labelledby="licence-management">
      <h2 id="licence-management">Licence management</h2>
      <p className="muted">
        When allowed, agents with the “licences.manage” permission assign and remove Microsoft licences of
        this connection’s users from the user’s record; Rollcall sends each change to Microsoft and shows it
        once Microsoft confirms. Only one connection may manage a tenant’s licences.
      </p>
      {state.error ? <Alert>{state.error.message}</Alert> : null}
      {data ? (
        <>
          <Checkbox
            isSelected={data.enabled}
            isDisabled={!canModify || busy}
            onChange={(enabled) => void change(enabled)}
          >
            Allow licences to be managed from Rollcall
          </Checkbox>
          <p className="field-description">
            {data.tenantIds.length === 1
              ? 'Covers 1 tenant.'
              : `Covers ${data.tenantIds.length} tenants${data.tenantIds.length === 0 ? ' (map tenants to customers first)' : ''}.`}
          </p>
        </>
      ) : null}
      {error ? <Alert title="Not changed">{error}</Alert> : null}
    </section>
  );
}
