import {
  DELTA_METHODS,
  untrackedDeltaFields,
  type DeltaMethod,
} from '../../../../../../src/contracts/entra/index.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import { SelectField } from '../../../../ui/select-field.js';
import { DELTA_METHOD_LABELS } from '../labels.js';
import { useConfigEditor } from './config-editor.js';
import { DeltaStatusPanel } from './delta-status.js';

/** What "only fields Rollcall uses" cannot listen to in the draft, and where the draft uses it. */
function UntrackedFields() {
  const editor = useConfigEditor();
  const untracked = untrackedDeltaFields(editor.config);
  if (untracked.length === 0) {
    return <p className="muted">Every field and filter your mappings use can be listened to.</p>;
  }
  return (
    <div className="stack">
      <h3>Fields this method cannot listen to</h3>
      <p className="muted">
        Microsoft does not report changes to these fields on their own: they are brought up to date when
        another field of the user changes, or at a full read.
      </p>
      <ul aria-label="Fields the sync method cannot listen to">
        {untracked.map((u) => (
          <li key={u.field}>
            <span className="code">{u.field}</span>, used by {u.usedBy.join('; ')}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Guide 001 "Azure delta queries can be activated on the Imports tab": whether scheduled runs read
 * only changes, and how they listen; part of the configuration draft like every other setting.
 * Below it, where each tenant stands and Reset deltas (saved state, not the draft).
 */
export function DeltaSettings() {
  const editor = useConfigEditor();
  const delta = editor.config.delta;
  const disabled = editor.readOnly;
  return (
    <section className="card stack" aria-labelledby="delta-queries">
      <h2 id="delta-queries">Delta queries</h2>
      <p>
        With delta queries, scheduled and notified runs ask Microsoft only for what changed since each
        tenant’s last run, instead of reading every user. A tenant’s first run reads in full.{' '}
        {editor.kind === 'entra'
          ? 'Import Users and Import Agents above always read everything.'
          : 'Each customer tenant keeps its own checkpoint; a tenant that fails keeps its checkpoint where it was.'}
      </p>
      <Checkbox
        isSelected={delta.enabled}
        onChange={(on) => editor.update((d) => void (d.delta.enabled = on))}
        isDisabled={disabled}
      >
        Use delta queries for scheduled runs (users and groups only)
      </Checkbox>
      <div className="narrow">
        <SelectField
          label="Sync method"
          options={DELTA_METHODS.map((m) => ({ id: m, ...DELTA_METHOD_LABELS[m] }))}
          value={delta.method}
          onChange={(m) => editor.update((d) => void (d.delta.method = m as DeltaMethod))}
          description={DELTA_METHOD_LABELS[delta.method].description}
          isDisabled={disabled || !delta.enabled}
        />
      </div>
      {delta.enabled && delta.method === 'mappedFields' ? <UntrackedFields /> : null}
      <p className="muted">
        Changing the sync method, or the fields and filters your mappings use, makes every tenant take the
        latest delta when you save: changes made in Entra since its last run are skipped.
      </p>
      {/* Where each tenant stands, and Reset deltas: an Entra connection's (per tenant for CSP: its Runs tab). */}
      {editor.kind === 'entra' ? <DeltaStatusPanel /> : null}
    </section>
  );
}
