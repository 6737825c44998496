import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { deleteHrSource, rotateHrScimToken } from '../../../../../../src/contracts/api/hr-sources.js';
import { startHrRun } from '../../../../../../src/contracts/api/hr-runs.js';
import { useApi } from '../../../../lib/api-context.js';
import { describeFailure } from '../../../../lib/form-errors.js';
import { formatDateTime } from '../../../../lib/format.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { DialogButton } from '../../../../ui/dialog.js';
import { absoluteUrl, ScimTokenDialog } from '../scim-token-dialog.js';
import { RunsTable } from './runs-table.js';
import type { SourceTabProps } from './tab-props.js';

/** The source at a glance: counts, SCIM details, Run now / Dry run, and the recent runs. */
export function OverviewTab({ source, canManage, changed }: SourceTabProps) {
  const call = useApi();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<'run' | 'dry' | 'token' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [runs, setRuns] = useState(0);
  const [token, setToken] = useState<{ baseUrl: string; token: string } | null>(null);
  const onSettled = useCallback(() => changed(), [changed]);

  async function act(what: 'run' | 'dry' | 'token') {
    setBusy(what);
    setError(null);
    setNotice(null);
    try {
      if (what === 'token') {
        const issued = await call(rotateHrScimToken, { params: { id: source.id } });
        setToken({ baseUrl: source.scim?.baseUrl ?? '', token: issued.token });
      } else {
        await call(startHrRun, { params: { id: source.id }, body: { dryRun: what === 'dry' } });
        setNotice(what === 'dry' ? 'Dry run started: nothing is changed in Entra.' : 'Enforcement started.');
        setRuns((n) => n + 1);
      }
    } catch (cause) {
      setError(describeFailure(cause).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="hr-overview">
        <h2 id="hr-overview">Overview</h2>
        <dl className="stat-grid">
          <div className="stat">
            <dt>Persons</dt>
            <dd>{source.persons}</dd>
          </div>
          <div className="stat">
            <dt>Published rules</dt>
            <dd>{source.publishedVersion === 0 ? 'None' : `Version ${source.publishedVersion}`}</dd>
          </div>
          <div className="stat">
            <dt>Held imports</dt>
            <dd>{source.heldImports}</dd>
          </div>
          <div className="stat">
            <dt>Failing persons</dt>
            <dd>{source.failingPersons}</dd>
          </div>
        </dl>
        <dl className="details">
          <dt>Tenant</dt>
          <dd>
            <code className="code">{source.tenantId}</code>
          </dd>
          <dt>Domain</dt>
          <dd>{source.settings.domain}</dd>
          <dt>Last import</dt>
          <dd>{formatDateTime(source.lastImportAt)}</dd>
          <dt>Last enforcement</dt>
          <dd>{formatDateTime(source.lastEnforcedAt)}</dd>
          <dt>Enforcement</dt>
          <dd>{source.enforcementEnabled ? 'Enabled' : 'Paused: imports and previews only'}</dd>
          {source.scim ? (
            <>
              <dt>SCIM base URL</dt>
              <dd>
                <code className="code">{absoluteUrl(source.scim.baseUrl)}</code>
              </dd>
              <dt>SCIM token</dt>
              <dd>{source.scim.tokenHint ? `…${source.scim.tokenHint}` : 'None issued'}</dd>
            </>
          ) : null}
        </dl>
        {source.publishedVersion === 0 ? (
          <Alert tone="info" title="Rules not published">
            Nothing is done in Entra until rules are written and published on the Rules tab.
          </Alert>
        ) : null}
        {error ? <Alert>{error}</Alert> : null}
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {canManage ? (
          <div className="toolbar">
            <Button variant="primary" isPending={busy === 'run'} onPress={() => void act('run')}>
              Run now
            </Button>
            <Button isPending={busy === 'dry'} onPress={() => void act('dry')}>
              Dry run
            </Button>
            {source.scim ? (
              <Button isPending={busy === 'token'} onPress={() => void act('token')}>
                Issue new token
              </Button>
            ) : null}
            <DialogButton label="Delete source" variant="danger" title={`Delete ${source.name}?`}>
              {(close) => (
                <div className="stack">
                  <p>
                    The source, its persons, rules and audit trail are removed. Accounts in Entra are left as
                    they are.
                  </p>
                  <div className="form-actions">
                    <Button variant="quiet" onPress={close}>
                      Keep it
                    </Button>
                    <Button
                      variant="danger"
                      onPress={() =>
                        void call(deleteHrSource, { params: { id: source.id } }).then(
                          () => navigate('/hr'),
                          (cause: unknown) => {
                            close();
                            setError(describeFailure(cause).message);
                          },
                        )
                      }
                    >
                      Delete the source
                    </Button>
                  </div>
                </div>
              )}
            </DialogButton>
          </div>
        ) : null}
      </section>
      <RunsTable sourceId={source.id} refreshKey={runs} onSettled={onSettled} />
      <ScimTokenDialog
        shown={token}
        onClose={() => {
          setToken(null);
          changed();
        }}
      />
    </div>
  );
}
