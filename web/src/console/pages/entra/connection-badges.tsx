import type { EntraConnectionView } from '../../../../../src/contracts/api/entra-connections.js';
import { AUTHORISATION_LABELS } from './labels.js';

/** "Authorised", "Permissions missing", "Authorisation failed" or "Not authorised yet", in words. */
export function AuthorisationBadge({
  connection,
}: {
  connection: Pick<EntraConnectionView, 'lastAuthorisation'>;
}) {
  const status = connection.lastAuthorisation?.status;
  if (!status) return <span className="badge">Not authorised yet</span>;
  const tone = status === 'authorised' ? 'badge-ok' : status === 'failed' ? 'badge-off' : 'badge-warn';
  return <span className={`badge ${tone}`}>{AUTHORISATION_LABELS[status]}</span>;
}

/** "Enabled" or "Disabled" (a disabled connection imports nothing). */
export function ConnectionStatusBadge({ inactive }: { inactive: boolean }) {
  return (
    <span className={`badge ${inactive ? 'badge-off' : 'badge-ok'}`}>
      {inactive ? 'Disabled' : 'Enabled'}
    </span>
  );
}
