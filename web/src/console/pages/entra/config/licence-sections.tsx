import { useState } from 'react';
import { listLicenceSkus, type LicenceSku } from '../../../../../../src/contracts/api/licence-skus.js';
import {
  COMPLIANCE_MODES,
  LICENCE_CHECK_TYPES,
  skuIdSchema,
  type ComplianceMode,
  type LicenceCheckType,
} from '../../../../../../src/contracts/entra/index.js';
import { useApi } from '../../../../lib/api-context.js';
import { useQuery } from '../../../../lib/use-query.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import { useConfigEditor, type Config } from './config-editor.js';

const CHECK_LABELS: Record<LicenceCheckType, string> = {
  off: 'Off: licences do not decide who is imported',
  include: 'Include: import only users holding one of these licences',
  exclude: 'Exclude: do not import users holding one of these licences',
  serviceAccount: 'Service accounts: users holding none of these licences are service accounts',
};

const MODE_LABELS: Record<ComplianceMode, string> = {
  off: 'Off: every active user may raise tickets',
  flag: 'Flag: users without these licences may raise tickets, flagged as not covered',
  refuse: 'Refuse: users without these licences may not raise tickets',
};

/** "Microsoft 365 E3 (SPE_E3)", or the GUID of a SKU not imported yet. */
function skuLabel(skuId: string, known: readonly LicenceSku[]): string {
  const sku = known.find((s) => s.skuId === skuId.toLowerCase());
  return sku ? `${sku.friendlyName} (${sku.skuPartNumber})` : `${skuId} (not imported yet)`;
}

/**
 * The licences (SKUs) of a setting: chosen from the SKUs imported for this connection's tenants
 * (friendly name and part number), or pasted as a GUID when not imported yet.
 */
function SkuPicker(props: {
  label: string;
  skuIds: readonly string[];
  known: readonly LicenceSku[];
  onChange: (skuIds: string[]) => void;
  errorMessage: string | undefined;
}) {
  const editor = useConfigEditor();
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<string | undefined>();
  const chosen = new Set(props.skuIds.map((id) => id.toLowerCase()));
  const offered = props.known.filter((s) => !chosen.has(s.skuId));
  const add = (skuId: string) => props.onChange([...props.skuIds, skuId.toLowerCase()]);
  const paste = () => {
    const parsed = skuIdSchema.safeParse(pasted.trim());
    if (!parsed.success) return setPasteError(parsed.error.issues[0]?.message);
    if (!chosen.has(parsed.data.toLowerCase())) add(parsed.data);
    setPasted('');
    setPasteError(undefined);
  };
  return (
    <div className="stack">
      <ul aria-label={props.label}>
        {props.skuIds.map((skuId) => (
          <li key={skuId} className="toolbar">
            <span>{skuLabel(skuId, props.known)}</span>
            {!editor.readOnly ? (
              <Button
                variant="quiet"
                aria-label={`Remove ${skuLabel(skuId, props.known)}`}
                onPress={() => props.onChange(props.skuIds.filter((id) => id !== skuId))}
              >
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {props.skuIds.length === 0 ? <p className="muted">No licences chosen.</p> : null}
      {props.errorMessage ? <span className="field-error">{props.errorMessage}</span> : null}
      {!editor.readOnly ? (
        <div className="narrow stack">
          {offered.length > 0 ? (
            <SelectField
              label={`Add a licence to “${props.label}”`}
              options={offered.map((s) => ({ id: s.skuId, label: skuLabel(s.skuId, props.known) }))}
              value={null}
              onChange={add}
            />
          ) : null}
          <TextField
            label="Or paste a SKU id (GUID)"
            description="For a licence not imported yet: SKU ids are the same in every tenant."
            value={pasted}
            onChange={setPasted}
            errorMessage={pasteError}
          />
          <div className="toolbar">
            <Button isDisabled={pasted.trim() === ''} onPress={paste}>
              Add SKU id
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** The SKUs the licences module imported for the connection's tenants (none before it ran). */
function useKnownSkus(connectionId: string) {
  const call = useApi();
  return useQuery(`licence-skus:${connectionId}`, (signal) =>
    call(listLicenceSkus, { params: { id: connectionId }, signal }),
  );
}

/**
 * Licence check and contract compliance (guide 002 "Licence check type", guide 003's contract
 * compliance): who is imported, who is a service account, and who may raise tickets, by the
 * licences users hold.
 */
export function LicenceSections() {
  const editor = useConfigEditor();
  const known = useKnownSkus(editor.connectionId);
  const skus = known.data?.items ?? [];
  const { licenceCheck, compliance } = editor.config;
  const set = (change: (d: Config) => void) => editor.update(change);
  const none =
    !known.loading && !known.error && skus.length === 0 ? (
      <p className="muted">
        No licences are imported for this connection yet (the integrator’s licences module lists them); paste
        SKU ids meanwhile.
      </p>
    ) : null;
  return (
    <>
      <section className="card stack" aria-labelledby="licence-check">
        <h2 id="licence-check">Licence check</h2>
        <p className="muted">
          Decide by the licences each user holds who is imported, or who is a service account (service
          accounts cannot have tickets logged against them nor be billed in user-calculated lines). Users
          excluded here that were imported before are made inactive, as other exclusions are.
        </p>
        {known.error ? (
          <Alert tone="warning">The imported licences could not be listed: {known.error.message}</Alert>
        ) : null}
        {none}
        <div className="narrow">
          <SelectField
            label="Licence check type"
            options={LICENCE_CHECK_TYPES.map((t) => ({ id: t, label: CHECK_LABELS[t] }))}
            value={licenceCheck.type}
            onChange={(t) => set((d) => void (d.licenceCheck.type = t as LicenceCheckType))}
            isDisabled={editor.readOnly}
            errorMessage={editor.problemAt('licenceCheck.type')}
          />
        </div>
        {licenceCheck.type !== 'off' ? (
          <SkuPicker
            label="Licences of the check"
            skuIds={licenceCheck.skuIds}
            known={skus}
            onChange={(ids) => set((d) => void (d.licenceCheck.skuIds = ids))}
            errorMessage={editor.problemAt('licenceCheck.skuIds')}
          />
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="contract-compliance">
        <h2 id="contract-compliance">Contract compliance</h2>
        <p className="muted">
          Only users holding one of the covered licences are covered by the contract. Each import records
          every user’s coverage; the others are flagged or refused tickets, as chosen here. The users list
          shows it and filters by it.
        </p>
        <div className="narrow">
          <SelectField
            label="Contract compliance"
            options={COMPLIANCE_MODES.map((m) => ({ id: m, label: MODE_LABELS[m] }))}
            value={compliance.mode}
            onChange={(m) => set((d) => void (d.compliance.mode = m as ComplianceMode))}
            isDisabled={editor.readOnly}
            errorMessage={editor.problemAt('compliance.mode')}
          />
        </div>
        {compliance.mode !== 'off' ? (
          <SkuPicker
            label="Licences the contract covers"
            skuIds={compliance.skuIds}
            known={skus}
            onChange={(ids) => set((d) => void (d.compliance.skuIds = ids))}
            errorMessage={editor.problemAt('compliance.skuIds')}
          />
        ) : null}
      </section>
    </>
  );
}
