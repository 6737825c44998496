import { useState } from 'react';
import {
  authoriseCspConnection,
  checkCspConnection,
  deleteCspConnection,
  type CspAuthorisation,
  type CspConnectionDetail,
} from '../../../../../src/contracts/api/csp-connections.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { formatDateTime } from '../../../lib/format.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { DialogButton } from '../../../ui/dialog.js';
import { ConnectionBillingCard } from '../billing/connection-billing-card.js';
import { LicenceManagementCard } from '../licence-management.js';
import { ChecksResult } from './checks-result.js';
import {
  CspConnectionForm,
  LICENCE_IMPORT_TYPE_OPTIONS,
  PRICING_MARKETPLACE_OPTIONS,
} from './connection-form.js';
import { SetupInstructions } from './setup-instructions.js';
import { CspWebhooksPanel } from './webhooks-panel.js';

export interface CspDetailsTabProps {
  connection: CspConnectionDetail;
  reload: () => void;
  onDeleted: () => void;
  /** `?authorisation=` after Microsoft sent the browser back. */
  returnedFromMicrosoft: boolean;
}

const secretText = (s: { stored: boolean; changedAt: string | null }) =>
  s.stored ? `Stored (set ${formatDateTime(s.changedAt, 'earlier')})` : 'Not stored';

function Summary({ connection: c }: { connection: CspConnectionDetail }) {
  return (
    <dl className="details">
      <dt>Partner tenant ID</dt>
      <dd>
        <span className="code">{c.tenantId}</span>
      </dd>
      <dt>Partner Center app</dt>
      <dd>
        <span className="code">{c.partnerCenterApp.clientId ?? 'Not set'}</span> — secret{' '}
        {secretText(c.partnerCenterApp.clientSecret).toLowerCase()}
      </dd>
      <dt>Authorised by</dt>
      <dd>
        {c.partnerCenterApp.refreshToken.stored
          ? (c.lastAuthorisation?.signedInAs ?? 'A partner user')
          : 'Nobody has authorised yet'}
      </dd>
      <dt>GDAP app</dt>
      <dd>
        <span className="code">{c.gdapApp.clientId ?? 'Not set'}</span> —{' '}
        {c.gdapApp.authMethod === 'certificate'
          ? `certificate ${secretText(c.gdapApp.certificatePrivateKey).toLowerCase()}`
          : `secret ${secretText(c.gdapApp.clientSecret).toLowerCase()}`}
      </dd>
      <dt>Licence import type</dt>
      <dd>
        {LICENCE_IMPORT_TYPE_OPTIONS.find((o) => o.id === c.licenceImportType)?.label ?? c.licenceImportType}
      </dd>
      <dt>Pricing marketplace</dt>
      <dd>
        {PRICING_MARKETPLACE_OPTIONS.find((o) => o.id === c.pricingMarketplace)?.label ??
          c.pricingMarketplace}
      </dd>
    </dl>
  );
}

/** Details: both apps' fields, the setup instructions, Authorise and its last result. */
export function CspDetailsTab({ connection, reload, onDeleted, returnedFromMicrosoft }: CspDetailsTabProps) {
  const call = useApi();
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState<CspAuthorisation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const result = fresh ?? connection.lastAuthorisation;

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(describeFailure(cause).message);
    }
    setBusy(false);
  }
  const authorise = () =>
    run(async () => {
      const { authorizeUrl } = await call(authoriseCspConnection, { params: { id: connection.id } });
      window.location.assign(authorizeUrl);
    });
  const checkAgain = () =>
    run(async () => {
      setFresh(await call(checkCspConnection, { params: { id: connection.id } }));
      reload();
    });

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="csp-details">
        <h2 id="csp-details">Details</h2>
        {editing ? (
          <CspConnectionForm
            connection={connection}
            onSaved={() => {
              setEditing(false);
              setFresh(null);
              reload();
            }}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <>
            <Summary connection={connection} />
            <div className="toolbar">
              <Button onPress={() => setEditing(true)}>Edit</Button>
              <DialogButton label="Delete connection" variant="danger" title={`Delete ${connection.name}?`}>
                {(close) => (
                  <div className="stack">
                    <p>Its secrets, the partner user’s sign-in and its tenant mappings are deleted too.</p>
                    <div className="form-actions">
                      <Button variant="quiet" onPress={close}>
                        Cancel
                      </Button>
                      <Button
                        variant="danger"
                        onPress={() =>
                          void run(async () => {
                            await call(deleteCspConnection, { params: { id: connection.id } });
                            close();
                            onDeleted();
                          })
                        }
                      >
                        Delete
                      </Button>
                    </div>
                  </div>
                )}
              </DialogButton>
            </div>
          </>
        )}
      </section>
      <section className="card stack" aria-labelledby="csp-authorise">
        <h2 id="csp-authorise">Authorisation</h2>
        <p className="muted">
          “Authorise” sends you to Microsoft to sign in as a partner user with access to Partner Center’s
          Customers and Administer areas (complete MFA); then Rollcall checks each prerequisite.
        </p>
        <div className="toolbar">
          <Button variant="primary" isDisabled={busy} onPress={() => void authorise()}>
            Authorise
          </Button>
          {connection.partnerCenterApp.refreshToken.stored ? (
            <Button isDisabled={busy} onPress={() => void checkAgain()}>
              Check again
            </Button>
          ) : null}
        </div>
        {error ? <Alert title="Could not authorise">{error}</Alert> : null}
        {returnedFromMicrosoft && !result ? (
          <Alert tone="warning" title="Authorisation did not finish">
            Microsoft sent the browser back without a result; try Authorise again.
          </Alert>
        ) : null}
        {result ? <ChecksResult result={result} /> : <p>Not authorised yet.</p>}
      </section>
      <LicenceManagementCard connectionId={connection.id} canModify />
      <ConnectionBillingCard connectionId={connection.id} />
      <CspWebhooksPanel connectionId={connection.id} />
      <section className="card">
        <SetupInstructions connection={connection} />
      </section>
    </div>
  );
}
