import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  createHrSource,
  getHrSource,
  updateHrSource,
  type HrSourceDetail,
} from '../../../../../../src/contracts/api/hr-sources.js';
import { getOnboardingConfig } from '../../../../../../src/contracts/api/requests.js';
import { hrSourceInputSchema } from '../../../../../../src/contracts/hr/source.js';
import { useApi } from '../../../../lib/api-context.js';
import { describeFailure, validate, type FieldErrors } from '../../../../lib/form-errors.js';
import { useQuery } from '../../../../lib/use-query.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import { Page } from '../../../../ui/page.js';
import { RecordPending } from '../../../../ui/record-pending.js';
import { ScimTokenDialog } from '../scim-token-dialog.js';
import { AttributeMapping } from './attribute-mapping.js';
import { toDraft, toInput, type SourceDraft } from './draft.js';
import { GeneralFields } from './general-fields.js';
import { CsvSettings, JsonSettings } from './kind-settings.js';
import { LifecycleFields, ThresholdFields } from './lifecycle-fields.js';
import { NamingFields } from './naming-fields.js';

function SourceForm({ source }: { source: HrSourceDetail | null }) {
  const call = useApi();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<SourceDraft>(() => toDraft(source));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scim, setScim] = useState<{ id: string; baseUrl: string; token: string } | null>(null);
  const change = (patch: Partial<SourceDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const customerId = draft.customerId;
  const config = useQuery(`hr-source-customer:${customerId ?? ''}`, async (signal) => {
    if (!customerId) return undefined;
    const view = await call(getOnboardingConfig, { params: { id: customerId }, signal });
    // The customer's only tenant is the one to use; a choice is left to the administrator.
    if (view.tenants.length === 1)
      setDraft((d) => (d.tenantId ? d : { ...d, tenantId: view.tenants[0]!.tenantId }));
    return view;
  });

  async function save() {
    const body = toInput(draft);
    const checked = validate(hrSourceInputSchema, body);
    if (!checked.ok) {
      setErrors(checked.errors);
      setMessage('Some fields need correcting.');
      return;
    }
    setErrors({});
    setMessage(null);
    setBusy(true);
    try {
      if (source) {
        await call(updateHrSource, { params: { id: source.id }, body });
        void navigate(`/hr/${source.id}`);
        return;
      }
      const created = await call(createHrSource, { body });
      if (created.scimToken && created.source.scim) {
        setScim({ id: created.source.id, baseUrl: created.source.scim.baseUrl, token: created.scimToken });
      } else void navigate(`/hr/${created.source.id}`);
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
    <form
      className="stack form-wide"
      aria-label={source ? 'Edit HR source' : 'New HR source'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <GeneralFields {...props} saved={source !== null} customerConfig={config.data} />
      {config.error ? (
        <Alert tone="warning" title="The customer’s tenants could not be loaded">
          {config.error.message}
        </Alert>
      ) : null}
      <NamingFields {...props} />
      <AttributeMapping {...props} />
      <LifecycleFields {...props} />
      <ThresholdFields {...props} />
      {draft.kind === 'csv' ? <CsvSettings {...props} /> : null}
      {draft.kind === 'json' ? <JsonSettings {...props} tokenSet={source?.jsonTokenSet ?? false} /> : null}
      {draft.kind === 'scim' ? (
        <p className="muted">
          A SCIM source gets its base URL and bearer token when it is added; the HR system pushes users there.
        </p>
      ) : null}
      <Checkbox
        isSelected={draft.enforcementEnabled}
        onChange={(enforcementEnabled) => change({ enforcementEnabled })}
      >
        Enforcement enabled (unticked: imports and previews still work, nothing is changed in Entra)
      </Checkbox>
      {message ? <Alert>{message}</Alert> : null}
      <div className="form-actions">
        <Link className="button button-quiet" to={source ? `/hr/${source.id}` : '/hr'}>
          Cancel
        </Link>
        <Button type="submit" variant="primary" isPending={busy}>
          {source ? 'Save source' : 'Add source'}
        </Button>
      </div>
      <ScimTokenDialog
        shown={scim}
        onClose={() => {
          if (scim) void navigate(`/hr/${scim.id}`);
        }}
      />
    </form>
  );
}

/** Adding an HR source. */
export function NewHrSourcePage() {
  return (
    <Page
      title="Add an HR source"
      description={
        <>
          <Link to="/hr">HR lifecycle</Link> › New source. Nothing changes in Entra until rules are published.
        </>
      }
    >
      <SourceForm source={null} />
    </Page>
  );
}

/** Changing an HR source's settings (kind and customer stay). */
export function EditHrSourcePage() {
  const { sourceId = '' } = useParams();
  const call = useApi();
  const source = useQuery(`hr-source:${sourceId}`, (signal) =>
    call(getHrSource, { params: { id: sourceId }, signal }),
  );
  if (!source.data)
    return (
      <RecordPending
        title="HR source"
        noun="HR source"
        error={source.error}
        back={{ to: '/hr', label: 'Back to HR lifecycle' }}
      />
    );
  return (
    <Page
      title={`Edit ${source.data.name}`}
      description={
        <>
          <Link to="/hr">HR lifecycle</Link> › <Link to={`/hr/${sourceId}`}>{source.data.name}</Link> ›
          Settings
        </>
      }
    >
      <SourceForm source={source.data} />
    </Page>
  );
}
