import { useState } from 'react';
import { putOnboardingConfig, type OnboardingConfigView } from '../../../../../src/contracts/api/requests.js';
import { onboardingConfigInputSchema } from '../../../../../src/contracts/onboarding/config.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure, validate, type FieldErrors } from '../../../lib/form-errors.js';
import { formatDateTime } from '../../../lib/format.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { ApprovalEditor, NotificationsEditor } from './approval-editor.js';
import { toDraft, toInput, type SettingsDraft } from './draft.js';
import { NamingEditor } from './naming-editor.js';
import { LicencesAndDomains, TenantAndGroups } from './offer-editor.js';

export interface SettingsEditorProps {
  view: OnboardingConfigView;
  canEdit: boolean;
  saved: (view: OnboardingConfigView) => void;
}

/**
 * A customer's request settings as one document: edited in sections, checked with the contract,
 * then saved (the server checks groups, domains and licences against the tenant and says what it
 * found in `warnings`).
 */
export function SettingsEditor({ view, canEdit, saved }: SettingsEditorProps) {
  const call = useApi();
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(view));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const change = (patch: Partial<SettingsDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDone(false);
  };

  async function save() {
    const checked = validate(onboardingConfigInputSchema, toInput(draft));
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('Some settings need correcting.');
      return;
    }
    setBusy(true);
    try {
      const next = await call(putOnboardingConfig, { params: { id: view.customerId }, body: toInput(draft) });
      setErrors({});
      setMessage(null);
      setDone(true);
      setDraft(toDraft(next));
      saved(next);
    } catch (cause) {
      const failure = describeFailure(cause);
      setErrors(failure.fieldErrors);
      setMessage(failure.message);
    } finally {
      setBusy(false);
    }
  }

  const props = { draft, change, errors };
  return (
    <div className="stack">
      {!view.configured ? (
        <Alert tone="info" title="Not set up yet">
          The portal’s new-starter form says it is unavailable until these settings are saved.
        </Alert>
      ) : null}
      {view.warnings.length ? (
        <Alert tone="warning" title="Checked against the tenant">
          <ul className="problem-list">
            {view.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <p className="muted">
        Default usage location: {view.defaultUsageLocation ?? 'none'} (set on the customer). Last saved:{' '}
        {formatDateTime(view.updatedAt)}.
      </p>
      <TenantAndGroups view={view} {...props} />
      <LicencesAndDomains view={view} {...props} />
      <NamingEditor {...props} />
      <ApprovalEditor customerId={view.customerId} {...props} />
      <NotificationsEditor {...props} />
      {message ? <Alert>{message}</Alert> : null}
      {done ? <Alert tone="success">Request settings saved.</Alert> : null}
      {canEdit ? (
        <div className="form-actions">
          <Button variant="primary" isPending={busy} onPress={() => void save()}>
            Save request settings
          </Button>
        </div>
      ) : (
        <p className="muted">Changing these needs the “customers.write” permission.</p>
      )}
    </div>
  );
}
