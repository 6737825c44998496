import { useState } from 'react';
import {
  ASSET_MATCHING_FIELDS,
  type AssetImportConfig,
  type AssetMatchingField,
  type SiteAllocation,
} from '../../../../../src/contracts/api/assets-config.js';
import {
  getAssetConfig,
  saveAssetConfig,
  saveAssetConfigSchema,
  validateAssetConfig,
  type AssetConfigView,
} from '../../../../../src/contracts/api/assets.js';
import type { ConfigProblem } from '../../../../../src/contracts/api/entra-import.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure, validate, type FieldErrors } from '../../../lib/form-errors.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { Loading } from '../../../ui/loading.js';
import { SelectField } from '../../../ui/select-field.js';
import { TextField } from '../../../ui/text-field.js';
import { SitePicker } from '../entra/config/site-pickers.js';
import { AssetFieldMappings } from './asset-field-mappings.js';
import { AssetRun } from './asset-run.js';
import { AssetTypeEditor } from './asset-type-editor.js';
import { UserMatchingEditor } from './user-matching-editor.js';

type Notice = { tone: 'success' | 'error' | 'warning'; text: string } | null;

const ALLOCATIONS: { id: SiteAllocation; label: string; description: string }[] = [
  { id: 'all', label: 'All assets', description: 'Every asset moves to its linked user’s site' },
  { id: 'newOnly', label: 'New assets only', description: 'Existing assets stay where they are' },
  { id: 'never', label: 'Never', description: 'Assets go to the default site' },
];

const MATCHING_LABELS: Record<AssetMatchingField, string> = {
  serialNumber: 'Serial number (recommended)',
  deviceName: 'Device name',
  azureADDeviceId: 'Entra device id',
  imei: 'IMEI',
  wiFiMacAddress: 'Wi-Fi MAC address',
};

function ConfigForm({
  view,
  canModify,
  onSaved,
  notice,
  setNotice,
}: {
  view: AssetConfigView;
  canModify: boolean;
  onSaved: () => void;
  /** Kept by the tab: a save reloads the configuration, and the form with it. */
  notice: Notice;
  setNotice: (notice: Notice) => void;
}) {
  const call = useApi();
  const [draft, setDraft] = useState<AssetImportConfig>(view.config);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<ConfigProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const changed = JSON.stringify(draft) !== JSON.stringify(view.config);
  const set = <K extends keyof AssetImportConfig>(key: K, value: AssetImportConfig[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const readOnly = !canModify;
  const warnings = problems.filter((p) => p.severity === 'warning');

  async function save(acceptWarnings: boolean) {
    setNotice(null);
    const checked = validate(saveAssetConfigSchema, {
      expectedVersion: view.version,
      config: draft,
      acceptWarnings,
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      setNotice({ tone: 'error', text: 'Some settings are not valid; see the fields marked.' });
      return;
    }
    setSaving(true);
    try {
      const found = await call(validateAssetConfig, {
        params: { id: view.connectionId },
        body: { config: checked.value.config },
      });
      setProblems(found.problems);
      const blocking = found.problems.filter(
        (p) => p.severity === 'error' || (!acceptWarnings && p.severity === 'warning'),
      );
      if (blocking.length) {
        setErrors(Object.fromEntries(blocking.map((p) => [`config.${p.field}`, p.message])));
        setNotice(
          found.problems.some((p) => p.severity === 'error')
            ? {
                tone: 'error',
                text: 'The configuration refers to records that do not exist; fix the fields marked.',
              }
            : { tone: 'warning', text: 'Check the warnings below, then save accepting them.' },
        );
        setSaving(false);
        return;
      }
      await call(saveAssetConfig, { params: { id: view.connectionId }, body: checked.value });
      setErrors({});
      setProblems([]);
      setNotice({ tone: 'success', text: 'Saved. The next import uses these settings.' });
      onSaved();
    } catch (cause) {
      const failure = describeFailure(cause);
      setErrors(failure.fieldErrors);
      setNotice({ tone: 'error', text: failure.message });
    }
    setSaving(false);
  }

  return (
    <section className="card stack" aria-labelledby="asset-config-title">
      <h2 id="asset-config-title">Assets (Intune devices)</h2>
      <Checkbox isSelected={draft.enabled} isDisabled={readOnly} onChange={(on) => set('enabled', on)}>
        Import Intune devices as assets
      </Checkbox>
      <p className="muted">
        {view.connectionKind === 'csp'
          ? 'Every mapped customer tenant is read with the GDAP app, except those excluded from Intune on the Tenants tab.'
          : 'The connection’s tenant is read with its app, which needs DeviceManagementManagedDevices.Read.All.'}
      </p>
      <h3>Asset type</h3>
      <AssetTypeEditor
        value={draft.assetType}
        onChange={(v) => set('assetType', v)}
        knownTypes={view.knownAssetTypes}
        errors={errors}
        readOnly={readOnly}
      />
      <Checkbox
        isSelected={draft.keepTypeOfExisting}
        isDisabled={readOnly}
        onChange={(on) => set('keepTypeOfExisting', on)}
      >
        Don’t update the asset type of existing assets during import
      </Checkbox>
      <h3>User matching</h3>
      <UserMatchingEditor
        value={draft.userMatching}
        onChange={(v) => set('userMatching', v)}
        readOnly={readOnly}
      />
      <h3>Import settings</h3>
      <SelectField
        label="Asset site allocation"
        description="Whether assets are placed at their linked user’s site"
        options={ALLOCATIONS}
        value={draft.siteAllocation}
        onChange={(v) => set('siteAllocation', v as SiteAllocation)}
        isDisabled={readOnly}
      />
      <SitePicker
        label="Default site"
        value={draft.defaultSiteId}
        onChange={(id) => set('defaultSiteId', id)}
        description={
          view.connectionKind === 'csp'
            ? 'For devices not linked to a user. Empty: each tenant’s default site (its mapping’s, else its customer’s main site).'
            : 'For devices not linked to a user. Empty: such devices are excluded.'
        }
        errorMessage={errors['config.defaultSiteId']}
        isDisabled={readOnly}
      />
      <SelectField
        label="Asset matching field"
        description="Other asset sources that use the same field update these assets instead of duplicating them"
        options={ASSET_MATCHING_FIELDS.map((f) => ({ id: f, label: MATCHING_LABELS[f] }))}
        value={draft.matchingField}
        onChange={(v) => set('matchingField', v as AssetMatchingField)}
        isDisabled={readOnly}
      />
      <div className="row">
        <TextField
          label="Status of new assets"
          value={draft.newStatus}
          onChange={(v) => set('newStatus', v)}
          errorMessage={errors['config.newStatus']}
          isDisabled={readOnly}
        />
        <TextField
          label="Status when the device is deleted from Intune"
          value={draft.deletedStatus}
          onChange={(v) => set('deletedStatus', v)}
          errorMessage={errors['config.deletedStatus']}
          isDisabled={readOnly}
        />
      </div>
      {view.knownStatuses.length ? (
        <p className="muted">Existing statuses: {view.knownStatuses.join(', ')}.</p>
      ) : null}
      <Checkbox
        isSelected={draft.excludeSenseManaged}
        isDisabled={readOnly}
        onChange={(on) => set('excludeSenseManaged', on)}
      >
        Exclude assets managed by Sense (Microsoft Defender for Endpoint)
      </Checkbox>
      <h3>Field mappings</h3>
      <AssetFieldMappings
        value={draft.fieldMappings}
        onChange={(v) => set('fieldMappings', v)}
        errors={errors}
        readOnly={readOnly}
      />
      {warnings.length ? (
        <Alert tone="warning" title="Warnings">
          <ul>
            {warnings.map((w) => (
              <li key={`${w.field}:${w.message}`}>{w.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {canModify ? (
        <div className="toolbar">
          <Button variant="primary" isDisabled={!changed} isPending={saving} onPress={() => void save(false)}>
            Save assets configuration
          </Button>
          {warnings.length ? (
            <Button isDisabled={saving} onPress={() => void save(true)}>
              Save accepting the warnings
            </Button>
          ) : null}
          <Button variant="quiet" isDisabled={!changed || saving} onPress={() => setDraft(view.config)}>
            Discard changes
          </Button>
        </div>
      ) : (
        <p className="muted">You may view this configuration but not change it.</p>
      )}
    </section>
  );
}

/**
 * A connection's Assets tab (guide 002 "Assets"): how Intune managed devices become desk assets,
 * and "Import managed devices now". The same tab serves Entra and CSP connections.
 */
export function AssetConfigTab({ connectionId, canModify }: { connectionId: string; canModify: boolean }) {
  const call = useApi();
  const config = useQuery(`asset-config:${connectionId}`, (signal) =>
    call(getAssetConfig, { params: { id: connectionId }, signal }),
  );
  const [notice, setNotice] = useState<Notice>(null);
  if (config.error) return <Alert>{describeFailure(config.error).message}</Alert>;
  if (!config.data) return <Loading label="Loading the assets configuration" />;
  const view = config.data;
  return (
    <div className="stack">
      <ConfigForm
        key={`${view.version}`}
        view={view}
        canModify={canModify}
        onSaved={config.reload}
        notice={notice}
        setNotice={setNotice}
      />
      {canModify ? (
        <AssetRun connectionId={connectionId} enabled={view.config.enabled} kind={view.connectionKind} />
      ) : null}
    </div>
  );
}
