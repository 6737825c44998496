import type { PermissionCheck } from '../../../../../src/contracts/api/entra-connections.js';

export interface PermissionRow {
  name: string;
  purpose: string;
  mandatory: boolean;
  feature: string;
}

function resultOf(check: PermissionCheck | undefined) {
  if (!check) return null;
  if (check.status === 'granted')
    return (
      <span className="badge badge-ok">
        {check.grantedAs ? `Granted (as ${check.grantedAs})` : 'Granted'}
      </span>
    );
  if (check.status === 'missing')
    return <span className={`badge ${check.mandatory ? 'badge-off' : 'badge-warn'}`}>Missing</span>;
  return <span className="badge">Not checked</span>;
}

/**
 * Guide 001's permissions table: what to add to the app registration (Microsoft Graph), and, once
 * authorised, what the last check found for each permission.
 */
export function PermissionsTable({
  rows,
  checks,
}: {
  rows: PermissionRow[];
  checks?: PermissionCheck[] | undefined;
}) {
  return (
    <table className="edit-table" aria-label="Microsoft Graph permissions">
      <thead>
        <tr>
          <th scope="col">Permission</th>
          <th scope="col">Purpose</th>
          <th scope="col">Mandatory</th>
          <th scope="col">Used for</th>
          {checks ? <th scope="col">Last check</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.name}>
            <th scope="row">
              <span className="code nowrap">{p.name}</span>
            </th>
            <td>{p.purpose}</td>
            <td>{p.mandatory ? 'Yes' : 'No'}</td>
            <td>{p.feature}</td>
            {checks ? <td>{resultOf(checks.find((c) => c.name === p.name))}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
