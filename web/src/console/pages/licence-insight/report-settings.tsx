import { useState } from 'react';
import {
  getReportSettings,
  sendReportNow,
  updateReportSettings,
  type ReportDelivery,
  type ReportEmailDelivery,
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

/** `webhookUrls.2` / `emailRecipients.0` errors shown on their text area, saying which line is wrong. */
function urlErrorsOnOneField(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, message] of Object.entries(errors)) {
    const line = /^(webhookUrls|emailRecipients)\.(\d+)$/.exec(field);
    if (line) out[line[1]!] ??= `Line ${Number(line[2]) + 1}: ${message}`;
    else out[field] = message;
  }
  return out;
}

const lines = (text: string | undefined) => (text ?? '').split(/[\s,;]+/).filter(Boolean);

/** Recipients: editable when the server can send e-mail; otherwise why not (saved ones may be removed). */
function EmailRecipients({ settings }: { settings: Settings }) {
  const unavailable = (
    <Alert tone="info" title="E-mail is not set up on this server">
      To e-mail the report, an administrator of the server sets smtp.host and smtp.from (and a user with
      ROLLCALL_SMTP_PASSWORD if the SMTP server needs a sign-in) in the server configuration, then restarts
      Rollcall. See docs/operations.md, “E-mail (SMTP)”.
    </Alert>
  );
  if (!settings.emailAvailable && settings.emailRecipients.length === 0) return unavailable;
  return (
    <>
      {settings.emailAvailable ? null : unavailable}
      <TextField
        label="E-mail recipients"
        name="emailRecipients"
        rows={3}
        defaultValue={settings.emailRecipients.join('\n')}
        description={
          settings.emailAvailable
            ? 'One address per line, at most 20. They receive one e-mail (each sees the others) with the summary and the JSON attached.'
            : 'Saved before e-mail was turned off: they receive nothing. You can remove them; new ones cannot be added.'
        }
      />
    </>
  );
}

function SettingsForm({ settings, saved }: { settings: Settings; saved: () => void }) {
  const call = useApi();
  const [done, setDone] = useState(false);
  const submit = useFormSubmit({
    schema: bodySchemaOf(updateReportSettings),
    toBody: (v) => ({
      enabled: v.enabled === 'on',
      webhookUrls: lines(v.webhookUrls),
      // Absent (no field shown): the saved recipients stay as they are.
      ...(v.emailRecipients === undefined ? {} : { emailRecipients: lines(v.emailRecipients) }),
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
      <EmailRecipients settings={settings} />
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
  const [emails, setEmails] = useState<ReportEmailDelivery[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  async function send() {
    setBusy(true);
    setFailure(null);
    try {
      const sent = await call(sendReportNow, {});
      setDeliveries(sent.deliveries);
      setEmails(sent.emailDeliveries);
    } catch (cause) {
      setDeliveries(null);
      setEmails([]);
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
      {emails.map((d) => (
        <Alert key={`mail:${d.to}`} tone={d.ok ? 'success' : 'warning'} title={d.to}>
          {d.ok ? 'E-mail accepted by the SMTP server.' : `E-mail not sent: ${d.error}.`}
        </Alert>
      ))}
    </div>
  );
}

/**
 * The weekly report's settings and Send now (settings.manage): webhooks, and e-mail recipients when
 * the server has SMTP settings (otherwise it says which to set).
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
        Posts this page’s summary (all customers) as JSON to webhooks (a chat channel, an automation, a
        ticketing system) and e-mails it to the recipients.
      </p>
      {settings.error ? (
        <Alert title="The report settings could not be loaded">{settings.error.message}</Alert>
      ) : null}
      {settings.data ? <SettingsForm settings={settings.data} saved={settings.reload} /> : null}
      <SendNow />
    </section>
  );
}
