import { useState } from 'react';
import { useNavigate } from 'react-router';
import { previewImport } from '../../../../../../src/contracts/api/entra-import.js';
import { MATCHING_FIELDS, type MatchingField } from '../../../../../../src/contracts/entra/index.js';
import { useApi } from '../../../../lib/api-context.js';
import { describeFailure } from '../../../../lib/form-errors.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import { Loading } from '../../../../ui/loading.js';
import { NumberField } from '../../../../ui/number-field.js';
import { SelectField } from '../../../../ui/select-field.js';
import { MATCHING_FIELD_LABELS } from '../labels.js';
import type { PreviewState } from '../preview-state.js';
import { useConfigEditor } from './config-editor.js';
import { DeltaSettings } from './delta-settings.js';
import { JsonTransfer } from './json-transfer.js';
import { LicenceSections } from './licence-sections.js';

function MatchingFields() {
  const editor = useConfigEditor();
  const fields = editor.config.matching.fields;
  const disabled = editor.readOnly;
  const unused = MATCHING_FIELDS.filter((f) => !fields.includes(f));
  const move = (from: number, to: number) =>
    editor.update((d) => {
      const [field] = d.matching.fields.splice(from, 1);
      if (field) d.matching.fields.splice(to, 0, field);
    });
  return (
    <div className="stack">
      <h3>Matching fields</h3>
      <p className="muted">
        An Entra user is first matched to the desk record linked to them. Records not linked yet are adopted
        when one of these fields matches, tried in this order; two candidates go to review, never a guess.
      </p>
      <ol aria-label="Matching fields in order">
        {fields.map((f, i) => (
          <li key={f}>
            <div className="toolbar">
              <span>{MATCHING_FIELD_LABELS[f]}</span>
              {!disabled ? (
                <>
                  <Button
                    variant="quiet"
                    aria-label={`Try ${MATCHING_FIELD_LABELS[f]} earlier`}
                    isDisabled={i === 0}
                    onPress={() => move(i, i - 1)}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="quiet"
                    aria-label={`Try ${MATCHING_FIELD_LABELS[f]} later`}
                    isDisabled={i === fields.length - 1}
                    onPress={() => move(i, i + 1)}
                  >
                    ↓
                  </Button>
                  <Button
                    variant="quiet"
                    aria-label={`Stop matching on ${MATCHING_FIELD_LABELS[f]}`}
                    onPress={() => editor.update((d) => void d.matching.fields.splice(i, 1))}
                  >
                    Remove
                  </Button>
                </>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {fields.length === 0 ? (
        <p className="muted">None: only linked records are matched; others are created.</p>
      ) : null}
      {editor.problemAt('matching.fields') ? (
        <span className="field-error">{editor.problemAt('matching.fields')}</span>
      ) : null}
      {!disabled && unused.length > 0 ? (
        <div className="narrow">
          <SelectField
            label="Add a matching field"
            options={unused.map((f) => ({ id: f, label: MATCHING_FIELD_LABELS[f] }))}
            value={null}
            onChange={(f) => editor.update((d) => void d.matching.fields.push(f as MatchingField))}
          />
        </div>
      ) : null}
    </div>
  );
}

export interface ImportsTabProps {
  connectionId: string;
  connectionName: string;
  /** Whether the last Authorise succeeded (a preview needs a working credential). */
  authorised: boolean;
}

/** Matching fields and the import's safety settings (both kinds of connection). */
export function ImportSettings() {
  const editor = useConfigEditor();
  const settings = editor.config.import;
  const disabled = editor.readOnly;
  return (
    <section className="card stack" aria-labelledby="import-settings">
      <h2 id="import-settings">Import settings</h2>
      <MatchingFields />
      <Checkbox
        isSelected={settings.deactivateNotFound}
        onChange={(on) => editor.update((d) => void (d.import.deactivateNotFound = on))}
        isDisabled={disabled}
      >
        Deactivate users and agents not found in Entra (never deleted)
      </Checkbox>
      <NumberField
        label="Mass-deactivation guard (%)"
        value={settings.massDeactivationGuardPercent}
        minValue={1}
        maxValue={100}
        onChange={(n) =>
          editor.update((d) => void (d.import.massDeactivationGuardPercent = Number.isNaN(n) ? 20 : n))
        }
        description="A run that would deactivate more than this share of a tenant’s linked users stops and asks."
        errorMessage={editor.problemAt('import.massDeactivationGuardPercent')}
        isDisabled={disabled}
      />
      <Checkbox
        isSelected={settings.statusFromAccountEnabled}
        onChange={(on) => editor.update((d) => void (d.import.statusFromAccountEnabled = on))}
        isDisabled={disabled}
      >
        Set user status from Entra’s “account enabled”
      </Checkbox>
      <p className="muted">
        On: users disabled in Entra are made inactive in the desk, and reactivated when enabled again. Off:
        the account’s state never changes a desk user’s status (users deleted or no longer found are still
        made inactive).
      </p>
      <Checkbox
        isSelected={settings.importLastSignIn}
        onChange={(on) => editor.update((d) => void (d.import.importLastSignIn = on))}
        isDisabled={disabled}
      >
        Import the last sign-in date (needs AuditLog.Read.All and Entra ID P1)
      </Checkbox>
      <p className="muted">
        Needs the AuditLog.Read.All permission and a Microsoft Entra ID P1 or P2 licence in the tenant. A
        tenant without either is imported without dates, and its run says so and how to fix it.
      </p>
    </section>
  );
}

/**
 * "Import Users" / "Import Agents": Rollcall reads the tenant and plans, writing nothing; the plan
 * opens on the preview screen, where it can be applied.
 */
function PreviewButtons({ connectionId, connectionName, authorised }: ImportsTabProps) {
  const editor = useConfigEditor();
  const call = useApi();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<'users' | 'agents' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function preview(module: 'users' | 'agents') {
    setBusy(module);
    setError(null);
    try {
      const result = await call(previewImport, { params: { id: connectionId }, body: { module } });
      const state: PreviewState = { module, connectionName, result };
      void navigate(`/integrations/entra/${connectionId}/preview`, { state });
    } catch (cause) {
      setError(describeFailure(cause).message);
      setBusy(null);
    }
  }

  return (
    <section className="card stack" aria-labelledby="import-now">
      <h2 id="import-now">Import now</h2>
      <p>
        Rollcall reads the tenant and shows what each Entra user would become, and why, before anything
        changes. Check your mappings this way even if imports normally run on a schedule.
      </p>
      {!authorised ? (
        <Alert tone="warning">
          This connection is not authorised: authorise it on the Connection tab, or the preview will fail.
        </Alert>
      ) : null}
      {editor.dirty ? (
        <Alert tone="warning">Save your changes first: the preview uses the saved configuration.</Alert>
      ) : null}
      <div className="toolbar">
        <Button
          variant="primary"
          isDisabled={editor.dirty || busy !== null}
          isPending={busy === 'users'}
          onPress={() => void preview('users')}
        >
          Import Users
        </Button>
        <Button
          isDisabled={editor.dirty || busy !== null}
          isPending={busy === 'agents'}
          onPress={() => void preview('agents')}
        >
          Import Agents
        </Button>
      </div>
      {busy ? (
        <Loading
          label={`Reading the tenant’s ${busy} and planning the import… large directories take a minute.`}
        />
      ) : null}
      {error ? <Alert title="The preview could not be made">{error}</Alert> : null}
    </section>
  );
}

/**
 * Imports: matching and safety settings, the licence check and contract compliance, Import Users /
 * Import Agents, delta queries with Reset deltas, and the JSON of the configuration.
 */
export function ImportsTab(props: ImportsTabProps) {
  return (
    <>
      <PreviewButtons {...props} />
      <ImportSettings />
      <LicenceSections />
      <DeltaSettings />
      <JsonTransfer connectionName={props.connectionName} />
    </>
  );
}
