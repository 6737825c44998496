import { useState } from 'react';
import {
  authoriseEntraConnection,
  disableEntraConnection,
  enableEntraConnection,
  startEntraConnectionSignIn,
  type Authorisation,
  type EntraConnectionDetail,
} from '../../../../../src/contracts/api/entra-connections.js';
import { useMe } from '../../../auth/session.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { formatDateTime } from '../../../lib/format.js';
import { can } from '../../../lib/permissions.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { DialogButton } from '../../../ui/dialog.js';
import { Loading } from '../../../ui/loading.js';
import { LicenceManagementCard } from '../licence-management.js';
import { AccessControl } from './access-control.js';
import { AuthorisationResult } from './authorisation-result.js';
import { ConnectionStatusBadge } from './connection-badges.js';
import { ConnectionForm } from './connection-form.js';
import { AUTH_METHOD_LABELS, ENABLED_FOR_LABELS } from './labels.js';
import { PermissionsTable } from './permissions-table.js';

export interface ConnectionTabProps {
  connection: EntraConnectionDetail;
  canModify: boolean;
  reload: () => void;
  /** `?authorisation=` after "Sign in with Microsoft" sent the browser back. */
  returnedFromMicrosoft: boolean;
}

function secretText(s: { stored: boolean; changedAt: string | null }) {
  return s.stored ? `Stored (set ${formatDateTime(s.changedAt, 'earlier')})` : 'Not stored';
}

function Details({ connection }: { connection: EntraConnectionDetail }) {
  const { secrets } = connection;
  return (
    <dl className="details">
      <dt>Directory (tenant) ID</dt>
      <dd>
        <span className="code">{connection.tenantId}</span>
      </dd>
      <dt>Application (client) ID</dt>
      <dd>
        <span className="code">{connection.clientId ?? 'Not set'}</span>
      </dd>
      <dt>Authentication</dt>
      <dd>{AUTH_METHOD_LABELS[connection.authMethod]}</dd>
      {connection.authMethod === 'certificate' ? (
        <>
          <dt>Certificate</dt>
          <dd>
            {secretText(secrets.certificatePrivateKey)}
            {connection.certificateThumbprint ? (
              <>
                {' '}
                — thumbprint <span className="code">{connection.certificateThumbprint}</span>
              </>
            ) : null}
          </dd>
        </>
      ) : (
        <>
          <dt>Client secret</dt>
          <dd>{secretText(secrets.clientSecret)}</dd>
        </>
      )}
      {connection.authMethod === 'delegated' ? (
        <>
          <dt>Signed-in account</dt>
          <dd>
            {secrets.refreshToken.stored
              ? (connection.lastAuthorisation?.signedInAs ?? 'Signed in')
              : 'Nobody has signed in yet'}
          </dd>
        </>
      ) : null}
      <dt>Enabled for</dt>
      <dd>
        {ENABLED_FOR_LABELS[connection.enabledFor]}
        {connection.enabledOnThisInstance ? '' : ' — imports do not run on this instance'}
      </dd>
      <dt>Status</dt>
      <dd>
        <ConnectionStatusBadge inactive={connection.inactive} />
      </dd>
    </dl>
  );
}

/** Authorise (application permissions) or Sign in with Microsoft (delegated), with the result. */
function Authorise({ connection, canModify, reload }: Omit<ConnectionTabProps, 'returnedFromMicrosoft'>) {
  const call = useApi();
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState<Authorisation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const delegated = connection.authMethod === 'delegated';
  const result = fresh ?? connection.lastAuthorisation;

  async function authorise() {
    setBusy(true);
    setError(null);
    try {
      setFresh(await call(authoriseEntraConnection, { params: { id: connection.id } }));
      reload();
    } catch (cause) {
      setError(describeFailure(cause).message);
    }
    setBusy(false);
  }

  async function signIn() {
    setBusy(true);
    setError(null);
    try {
      const { authorizeUrl } = await call(startEntraConnectionSignIn, { params: { id: connection.id } });
      window.location.assign(authorizeUrl);
    } catch (cause) {
      setError(describeFailure(cause).message);
      setBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby="connection-authorise">
      <h2 id="connection-authorise">{delegated ? 'Sign in with Microsoft' : 'Authorise'}</h2>
      <p>
        {delegated
          ? 'Sign in with an account that may read all users and groups (and sign-in logs or licences if you use them). Rollcall keeps a refresh token, encrypted.'
          : 'Rollcall gets a token with the stored credential, checks each permission against the tenant and reads one user.'}
      </p>
      {canModify ? (
        <div className="toolbar">
          <Button
            variant="primary"
            isPending={busy}
            onPress={() => void (delegated ? signIn() : authorise())}
          >
            {delegated
              ? 'Sign in with Microsoft'
              : result?.status === 'authorised'
                ? 'Authorise again'
                : 'Authorise'}
          </Button>
        </div>
      ) : null}
      {busy && !delegated ? (
        <Loading label="Getting a token from Microsoft and checking each permission…" />
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {result ? <AuthorisationResult result={result} /> : <p className="muted">Not authorised yet.</p>}
    </section>
  );
}

function EnableDisable({ connection, reload }: { connection: EntraConnectionDetail; reload: () => void }) {
  const call = useApi();
  const [error, setError] = useState<string | null>(null);
  const endpoint = connection.inactive ? enableEntraConnection : disableEntraConnection;
  return (
    <>
      {error ? <Alert>{error}</Alert> : null}
      {connection.inactive ? (
        <Button
          onPress={() =>
            void call(endpoint, { params: { id: connection.id } }).then(reload, (c) =>
              setError(describeFailure(c).message),
            )
          }
        >
          Enable connection
        </Button>
      ) : (
        <DialogButton label="Disable connection" variant="danger" title={`Disable ${connection.name}?`}>
          {(close) => (
            <div className="stack">
              <p>
                Nothing is imported through a disabled connection. Its configuration and history are kept.
              </p>
              <div className="form-actions">
                <Button variant="quiet" onPress={close}>
                  Cancel
                </Button>
                <Button
                  variant="danger"
                  onPress={() =>
                    void call(endpoint, { params: { id: connection.id } }).then(
                      () => {
                        close();
                        reload();
                      },
                      (c) => {
                        close();
                        setError(describeFailure(c).message);
                      },
                    )
                  }
                >
                  Disable
                </Button>
              </div>
            </div>
          )}
        </DialogButton>
      )}
    </>
  );
}

/** The connection's own tab: its details, the app registration to make, authorisation, access. */
export function ConnectionTab({ connection, canModify, reload, returnedFromMicrosoft }: ConnectionTabProps) {
  const me = useMe();
  return (
    <>
      {returnedFromMicrosoft ? (
        <Alert tone="info">Back from Microsoft: the result of the sign-in is below.</Alert>
      ) : null}
      <section className="card stack" aria-labelledby="connection-details">
        <div className="page-header">
          <h2 id="connection-details">Connection</h2>
          {canModify ? (
            <div className="toolbar">
              <DialogButton label="Edit connection" title={`Edit ${connection.name}`} wide>
                {(close) => (
                  <ConnectionForm
                    connection={connection}
                    onSaved={() => {
                      close();
                      reload();
                    }}
                    onCancel={close}
                  />
                )}
              </DialogButton>
              <EnableDisable connection={connection} reload={reload} />
            </div>
          ) : null}
        </div>
        <Details connection={connection} />
      </section>
      <Authorise connection={connection} canModify={canModify} reload={reload} />
      <LicenceManagementCard connectionId={connection.id} canModify={canModify} />
      <section className="card stack" aria-labelledby="connection-registration">
        <h2 id="connection-registration">App registration</h2>
        <p>
          Redirect URI to register in the Azure application (platform: Web):{' '}
          <span className="code" aria-label="Redirect URI">
            {connection.setup.redirectUri}
          </span>
          {connection.authMethod === 'delegated' ? '' : ' (needed only for delegated connections).'}
        </p>
        <PermissionsTable
          rows={connection.setup.permissions}
          checks={connection.lastAuthorisation?.permissions}
        />
      </section>
      <section className="card stack" aria-labelledby="connection-access">
        <h2 id="connection-access">Access control</h2>
        <p>
          Besides agents who may configure the Entra integration, chosen agents can be given read, or read and
          modify, access to this connection alone.
        </p>
        {can(me, 'agents.write') ? (
          <div>
            <DialogButton label="Access control" title={`Access to ${connection.name}`} wide>
              {(close) => <AccessControl connectionId={connection.id} close={close} />}
            </DialogButton>
          </div>
        ) : (
          <p className="muted">
            Ask an administrator (the “agents.write” permission) to change who has access.
          </p>
        )}
      </section>
    </>
  );
}
