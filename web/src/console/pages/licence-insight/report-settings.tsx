import { useState } from 'react';
import {
  getReportSettings,
  sendReportNow,
  updateReportSettings,
  type ReportDelivery,
} from '../../../../../src/contracts/api/licence-insight.js';
import { bodySchemaOf, type CallResult } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure, type FieldErrors } from '../../../lib/form-errors.js';
import { useFormSubmit } from '../../../lib/use-form-submit.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { FormBody } from '../../../ui/form-body.js';
import { TextField } from '../../../ui/text-field.js';

type Settings = CallResult<typeof getReportSettings>;

/** `webhookUrls.2` errors shown on the one text area, saying which line is wrong. */
function urlErrorsOnOneField(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const line = /^webhookUrls\.(\d+)$/.exec(field);
    if (line) out.webhookUrls ??= `Line ${Number(line[1]) + 1}: ${message}`;
    else out[field] = message;
  }
  return out;
}

function SettingsForm({ settings, saved }: { settings: Settings; saved: () => void }) {
  const call = useApi();
  const [done, setDone] = useState(false);
  const submit = useFormSubmit({
    schema: bodySchemaOf(updateReportSettings),
    toBody: (v) => ({
      enabled: v.enabled === 'on',
      webhookUrls: (v.webhookUrls ?? '').split(/[\s,]+/).filter(Boolean),
      inactiveDays: Number(v.inactiveDays),
      renewingWithinDays: Number(v.renewingWithinDays),
    }),
    send: (body) => call(updateReportSettings, { body }),
    onDone: () => {
      setDone(true);
      saved();
    },
  });
  return (
    <FormBody
      submit={{ ...submit, fieldErrors: urlErrorsOnOneField(submit.fieldErrors) }}
      submitLabel="Save report settings"
      label="Weekly report"
    >
      {done ? <Alert tone="success">Saved.</Alert> : null}
      <Checkbox name="enabled" defaultSelected={settings.enabled}>
        Send the report every week (Mondays, 07:05 UTC)
      </Checkbox>
      <TextField
        label="Webhook URLs"
        name="webhookUrls"
        rows={3}
        defaultValue={settings.webhookUrls.join('\n')}
        description="One per line, at most 5. https:// only (http:// to localhost). Each receives the summary as JSON in a POST."
      />
      <TextField
        label="Inactive after (days without a sign-in)"
        name="inactiveDays"
        defaultValue={String(settings.inactiveDays)}
      />
      <TextField
        label="Renewals within (days)"
        name="renewingWithinDays"
        defaultValue={String(settings.renewingWithinDays)}
      />
    </FormBody>
  );
}

function SendNow() {
  const call = useApi();
  const [busy, setBusy] = useState(false);
  const [deliveries, setDeliveries] = useState<ReportDelivery[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  async function send() {
    setBusy(true);
    setFailure(null);
    try {
      setDeliveries((await call(sendReportNow, {})).deliveries);
    } catch (cause) {
      setDeliveries(null);
      setFailure(describeFailure(cause).message);
    }
    setBusy(false);
  }
  return (
    <div className="stack">
      <div className="toolbar">
        <Button onPress={() => void send()} isPending={busy}>
          Send now
        </Button>
      </div>
      {failure ? <Alert>{failure}</Alert> : null}
      {deliveries?.map((d) => (
        <Alert key={d.url} tone={d.ok ? 'success' : 'warning'} title={d.url}>
          {d.ok ? `Delivered (HTTP ${d.status}).` : `Not delivered: ${d.error}.`}
        </Alert>
      ))}
    </div>
  );
}

/**
 * The weekly report's settings and Send now (settings.manage). E-mail is not offered: the server
 * has no SMTP settings to send it with.
 */
export function ReportSettingsSection() {
  const call = useApi();
  const settings = useQuery('licence-insight-report-settings', (signal) =>
    call(getReportSettings, { signal }),
  );
  return (
    <section className="card" aria-labelledby="insight-report">
      <h2 id="insight-report">Weekly report</h2>
      <p className="muted">
        Posts this page’s summary (all customers) as JSON to webhooks: a chat channel, an automation, a
        ticketing system.
      </p>
      {settings.error ? (
        <Alert title="The report settings could not be loaded">{settings.error.message}</Alert>
      ) : null}
      {settings.data ? <SettingsForm settings={settings.data} saved={settings.reload} /> : null}
      <SendNow />
    </section>
  );
}
