import { useState } from 'react';
import { runAssets, type AssetRunResult } from '../../../../../src/contracts/api/assets.js';
import { listCspImportTenants } from '../../../../../src/contracts/api/csp-users.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { SelectField } from '../../../ui/select-field.js';

const ALL = 'all';

const STATUS: Record<AssetRunResult['status'], string> = {
  succeeded: 'Imported',
  failed: 'Failed',
  skipped: 'Skipped',
};

function countsText(counts: Record<string, number>): string {
  const parts = ['created', 'updated', 'unchanged', 'excluded', 'removed']
    .filter((k) => counts[k])
    .map((k) => `${counts[k]} ${k}`);
  return `${counts.devices ?? 0} devices${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** "Import managed devices now" for every tenant of the connection, with each tenant's outcome. */
export function AssetRun({
  connectionId,
  enabled,
  kind,
}: {
  connectionId: string;
  enabled: boolean;
  kind: 'entra' | 'csp';
}) {
  const call = useApi();
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<AssetRunResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tenant, setTenant] = useState<string>(ALL);
  // A partner's mapped tenants, so one can be imported alone (guide 002: "pick the site you wish to process").
  const tenants = useQuery(`asset-run-tenants:${connectionId}:${kind}`, (signal) =>
    kind === 'csp'
      ? call(listCspImportTenants, { params: { id: connectionId }, signal }).then((r) => r.items)
      : Promise.resolve([]),
  );
  const nameOf = (tenantId: string) => {
    const found = tenants.data?.find((t) => t.tenantId.toLowerCase() === tenantId.toLowerCase());
    return found ? `${found.name}${found.customerName ? ` (${found.customerName})` : ''}` : tenantId;
  };

  async function run() {
    setRunning(true);
    setError(null);
    try {
      const body = tenant === ALL ? {} : { tenantIds: [tenant] };
      const answer = await call(runAssets, { params: { id: connectionId }, body });
      setResults(answer.results);
    } catch (cause) {
      setError(describeFailure(cause).message);
    }
    setRunning(false);
  }

  return (
    <section className="card stack" aria-labelledby="asset-run-title">
      <h2 id="asset-run-title">Import managed devices</h2>
      <p className="muted">
        Reads every Intune device of each tenant (always a full read) and updates the desk’s assets. The
        integrator’s Assets module does the same on its schedule.
      </p>
      {enabled ? null : <Alert tone="info">Switch asset import on and save before importing.</Alert>}
      {kind === 'csp' && tenants.data?.length ? (
        <SelectField
          label="Tenants to import"
          options={[
            { id: ALL, label: 'Every mapped tenant (except those excluded from Intune)' },
            ...tenants.data.map((t) => ({ id: t.tenantId, label: nameOf(t.tenantId) })),
          ]}
          value={tenant}
          onChange={setTenant}
        />
      ) : null}
      <div className="toolbar">
        <Button variant="primary" isDisabled={!enabled} isPending={running} onPress={() => void run()}>
          Import managed devices now
        </Button>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {results ? (
        results.length ? (
          <table className="table">
            <caption>Outcome by tenant</caption>
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Outcome</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.tenantId}>
                  <th scope="row">{nameOf(r.tenantId)}</th>
                  <td>{STATUS[r.status]}</td>
                  <td>{r.error ? r.error.message : countsText(r.counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Alert tone="info">No tenant to import: map tenants to customers first.</Alert>
        )
      ) : null}
    </section>
  );
}
