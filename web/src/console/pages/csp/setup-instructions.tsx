import type { CspConnectionDetail, CspPermission } from '../../../../../src/contracts/api/csp-connections.js';

function Permissions({ label, rows }: { label: string; rows: CspPermission[] }) {
  return (
    <table className="edit-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">API</th>
          <th scope="col">API id</th>
          <th scope="col">Permission</th>
          <th scope="col">Type</th>
          <th scope="col">Mandatory</th>
          <th scope="col">Purpose</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={`${p.apiId}:${p.name}`}>
            <td>{p.api}</td>
            <td>
              <span className="code nowrap">{p.apiId}</span>
            </td>
            <th scope="row">
              <span className="code nowrap">{p.name}</span>
            </th>
            <td>{p.type === 'delegated' ? 'Delegated' : 'Application'}</td>
            <td>{p.mandatory ? 'Yes' : 'No'}</td>
            <td>{p.purpose}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Guide 002's setup of the two app registrations, with this server's redirect URIs. */
export function SetupInstructions({ connection }: { connection: CspConnectionDetail }) {
  const { partnerCenterApp: pc, gdapApp: gdap } = connection.setup;
  return (
    <section className="stack" aria-labelledby="csp-setup">
      <h3 id="csp-setup">Setting up the app registrations</h3>
      <h4>1. Partner Center app</h4>
      <ol className="steps">
        <li>
          In the partner tenant’s Entra admin centre: App registrations › New registration, “{pc.accountTypes}
          ”.
        </li>
        <li>
          Redirect URI (Web): <span className="code">{pc.redirectUri}</span>
        </li>
        <li>
          API permissions: remove User.Read; Add a permission › APIs my organization uses › search{' '}
          <span className="code">{pc.permissions[0]?.apiId}</span> › user_impersonation; then Microsoft Graph
          › Application permissions › DelegatedAdminRelationship.Read.All. Grant admin consent.
        </li>
        <li>Certificates &amp; secrets › New client secret; paste its Value below.</li>
      </ol>
      <Permissions label="Partner Center app permissions" rows={pc.permissions} />
      <h4>2. GDAP app</h4>
      <ol className="steps">
        <li>
          A second registration, “{gdap.accountTypes}”. Its name shows in every customer tenant as an
          enterprise app.
        </li>
        <li>
          Redirect URI (Web): <span className="code">{gdap.redirectUri}</span>
        </li>
        <li>Microsoft Graph › Application permissions as listed below; grant admin consent.</li>
        <li>Create a client secret (or upload a certificate) and add the app to the AdminAgents group.</li>
      </ol>
      <Permissions label="GDAP app permissions" rows={gdap.permissions} />
    </section>
  );
}
