import { useEffect, useState } from 'react';
import {
  integratorEndpointsOf,
  saveIntegratorConfigSchema,
  type IntegratorConfig,
  type IntegratorConfigView,
  type IntegratorModule,
} from '../../../../../src/contracts/api/integrator.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure, validate, type FieldErrors } from '../../../lib/form-errors.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { Loading } from '../../../ui/loading.js';
import { IntegratorSettings, MODULE_LABELS } from './integrator-settings.js';
import { IntegratorStatus } from './integrator-status.js';

/** While a run is queued or running the status is read again this often. */
const REFRESH_MS = 3000;

export interface IntegratorTabProps {
  connectionId: string;
  canModify: boolean;
  /** Which kind of connection: its integrator lives under that kind's routes. Default Entra. */
  kind?: keyof typeof integratorEndpointsOf;
}

type Notice = { tone: 'success' | 'error'; text: string } | null;
type Endpoints = (typeof integratorEndpointsOf)[keyof typeof integratorEndpointsOf];

function SettingsForm({
  view,
  endpoints,
  canModify,
  onSaved,
  message,
  setMessage,
}: {
  view: IntegratorConfigView;
  endpoints: Endpoints;
  canModify: boolean;
  onSaved: () => void;
  /** Kept by the tab: a save reloads the settings, and the form with them. */
  message: Notice;
  setMessage: (notice: Notice) => void;
}) {
  const call = useApi();
  const [draft, setDraft] = useState<IntegratorConfig>(view.config);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const changed = JSON.stringify(draft) !== JSON.stringify(view.config);

  async function save() {
    setMessage(null);
    const checked = validate(saveIntegratorConfigSchema, { expectedVersion: view.version, config: draft });
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage({ tone: 'error', text: 'Some settings are not valid; see the fields marked.' });
      return;
    }
    setSaving(true);
    try {
      await call(endpoints.save, { params: { id: view.connectionId }, body: checked.value });
      setErrors({});
      setMessage({
        tone: 'success',
        text: 'Saved. The schedule follows the new settings from its next tick.',
      });
      onSaved();
    } catch (cause) {
      const failure = describeFailure(cause);
      setErrors(failure.fieldErrors);
      setMessage({ tone: 'error', text: failure.message });
    }
    setSaving(false);
  }

  return (
    <section className="card stack" aria-labelledby="integrator-settings-title">
      <h2 id="integrator-settings-title">Schedule</h2>
      <IntegratorSettings
        config={draft}
        onChange={setDraft}
        tenantIds={view.tenantIds}
        available={view.modules}
        errors={errors}
        readOnly={!canModify}
      />
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {canModify ? (
        <div className="toolbar">
          <Button variant="primary" isDisabled={!changed} isPending={saving} onPress={() => void save()}>
            Save integrator
          </Button>
          <Button variant="quiet" isDisabled={!changed || saving} onPress={() => setDraft(view.config)}>
            Discard changes
          </Button>
        </div>
      ) : (
        <p className="muted">You may view this integrator but not change or run it.</p>
      )}
    </section>
  );
}

/**
 * The integrator of an Entra connection (guide 001 "Halo Integrator"): its schedule and
 * overrides, "Run now" for the connection, a module or a tenant, and each tenant's state with
 * quarantine reasons.
 */
export function IntegratorTab({ connectionId, canModify, kind = 'entra' }: IntegratorTabProps) {
  const call = useApi();
  const endpoints = integratorEndpointsOf[kind];
  const config = useQuery(`integrator:${connectionId}`, (signal) =>
    call(endpoints.get, { params: { id: connectionId }, signal }),
  );
  const tenants = useQuery(`integrator-tenants:${connectionId}`, (signal) =>
    call(endpoints.tenants, { params: { id: connectionId }, signal }),
  );
  const [running, setRunning] = useState(false);
  const [saveMessage, setSaveMessage] = useState<Notice>(null);
  const [runMessage, setRunMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const active = tenants.data?.items.some((s) => s.job !== null) ?? false;
  const reloadTenants = tenants.reload;

  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(reloadTenants, REFRESH_MS);
    return () => clearInterval(timer);
  }, [active, reloadTenants]);

  async function runNow(target: { tenantId?: string; module?: IntegratorModule }) {
    setRunning(true);
    setRunMessage(null);
    try {
      const result = await call(endpoints.run, { params: { id: connectionId }, body: target });
      const what = result.jobs.map((j) => `${MODULE_LABELS[j.module]} of ${j.tenantId}`).join(', ');
      setRunMessage({ tone: 'info', text: `Queued: ${what}. The table below follows each run.` });
      reloadTenants();
    } catch (cause) {
      setRunMessage({ tone: 'error', text: describeFailure(cause).message });
    }
    setRunning(false);
  }

  if (config.error) return <Alert>{config.error.message}</Alert>;
  if (!config.data) return <Loading label="Loading the integrator…" />;
  const view = config.data;
  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="integrator-status-title">
        <h2 id="integrator-status-title">Integrator</h2>
        <p>
          The integrator synchronises this connection&apos;s tenants on a schedule, one job per tenant and
          module: a tenant never runs twice at once, and up to {view.config.concurrency} tenants run in
          parallel. Failed runs caused by Microsoft being busy are retried; a tenant failing{' '}
          {view.config.quarantineAfterFailures} times in a row is quarantined until a manual run succeeds.
        </p>
        {canModify ? (
          <div className="toolbar">
            <Button variant="primary" isPending={running} onPress={() => void runNow({})}>
              Run now
            </Button>
            {view.modules.map((module) => (
              <Button key={module} isDisabled={running} onPress={() => void runNow({ module })}>
                Run {MODULE_LABELS[module].toLowerCase()} now
              </Button>
            ))}
          </div>
        ) : null}
        {runMessage ? <Alert tone={runMessage.tone}>{runMessage.text}</Alert> : null}
        {tenants.error ? <Alert>{tenants.error.message}</Alert> : null}
        {tenants.data ? (
          <IntegratorStatus
            states={tenants.data.items}
            enabled={view.config.enabled}
            canRun={canModify}
            busy={running}
            onRun={(target) => void runNow(target)}
          />
        ) : (
          <Loading label="Loading each tenant's state…" />
        )}
      </section>
      <SettingsForm
        key={`${view.version}`}
        view={view}
        endpoints={endpoints}
        canModify={canModify}
        message={saveMessage}
        setMessage={setSaveMessage}
        onSaved={() => {
          config.reload();
          reloadTenants();
        }}
      />
    </div>
  );
}
