import { useConfigEditor } from '../entra/config/config-editor.js';
import { DeltaSettings } from '../entra/config/delta-settings.js';
import { ImportSettings } from '../entra/config/imports-tab.js';
import { JsonTransfer } from '../entra/config/json-transfer.js';
import { LicenceSections } from '../entra/config/licence-sections.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { useCspImportTenants } from './import-tenants.js';

/**
 * Imports of a CSP connection: users are imported tenant by tenant by the integrator's Users
 * module, each with the GDAP app's own token in that tenant, with the same import settings,
 * licence check, contract compliance and delta queries as an Entra connection; and the
 * configuration as JSON.
 */
export function CspImportsTab({
  connectionName,
  onShowTab,
}: {
  connectionName: string;
  onShowTab: (tab: 'integrator' | 'tenants') => void;
}) {
  const editor = useConfigEditor();
  const tenants = useCspImportTenants()?.data?.items;
  return (
    <>
      <section className="card stack" aria-labelledby="csp-import-now">
        <h2 id="csp-import-now">Importing users</h2>
        <p>
          Each customer tenant mapped on the Tenants tab is imported with the GDAP app&apos;s own token in
          that tenant, through this configuration; one tenant that fails (consent missing, GDAP ended) never
          stops the others. Run or schedule the Users module on the Integrator tab.
        </p>
        {tenants && tenants.length === 0 ? (
          <Alert tone="warning">
            No tenant is mapped to a customer yet, so nothing would be imported: map tenants on the Tenants
            tab first.
          </Alert>
        ) : null}
        {editor.dirty ? (
          <Alert tone="warning">Save your changes first: imports use the saved configuration.</Alert>
        ) : null}
        <div className="toolbar">
          <Button variant="primary" onPress={() => onShowTab('integrator')}>
            Open the Integrator tab
          </Button>
          <Button onPress={() => onShowTab('tenants')}>Open the Tenants tab</Button>
        </div>
      </section>
      <ImportSettings />
      <LicenceSections />
      <DeltaSettings />
      <JsonTransfer connectionName={connectionName} />
    </>
  );
}
