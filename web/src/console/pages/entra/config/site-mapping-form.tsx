import { useState } from 'react';
import { entraImportConfigSchema, type SiteMapping } from '../../../../../../src/contracts/entra/index.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { NumberField } from '../../../../ui/number-field.js';
import { RadioField } from '../../../../ui/radio.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import {
  CREATION_TYPE_LABELS,
  EXTERNAL_LABELS,
  LICENCE_CHOICE_LABELS,
  MAPPING_TYPES,
  optionsOf,
} from '../labels.js';
import { TenantFilterPicker } from '../../csp/import-tenants.js';
import { CatalogueField } from './catalogue-field.js';
import { useConfigEditor } from './config-editor.js';
import { FilterEditor } from './filter-editor.js';
import { CustomerPicker, RolePicker } from './pickers.js';
import { SetValuesEditor } from './set-values-editor.js';
import { SitePicker } from './site-pickers.js';

type UserMapping = Extract<SiteMapping, { setValues: unknown }>;
type AgentMapping = Extract<SiteMapping, { type: 'agent' }>;

export interface SiteMappingFormProps {
  initial: SiteMapping;
  /** Its place in the configuration's list; null for a new mapping (added at the end). */
  index: number | null;
  onDone: (mapping: SiteMapping) => void;
  onCancel: () => void;
}

/** The mapping as the configuration would have it, checked by the contract's configuration schema. */
function check(
  config: ReturnType<typeof useConfigEditor>['config'],
  mapping: SiteMapping,
  index: number | null,
) {
  const at = index ?? config.siteMappings.length;
  const siteMappings = [...config.siteMappings];
  siteMappings[at] = mapping;
  const parsed = entraImportConfigSchema.safeParse({ ...config, siteMappings });
  const prefix = `siteMappings.${at}.`;
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      if (path.startsWith(prefix)) errors[path.slice(prefix.length)] ??= issue.message;
    }
  }
  return errors;
}

/**
 * One site mapping with every option of its type (guide 001, "Site Mappings"), and on a CSP
 * connection the mapped tenants it applies to (guide 002). Changes stay in the dialog until
 * "Done"; the configuration is saved with the save bar.
 */
export function SiteMappingForm({ initial, index, onDone, onCancel }: SiteMappingFormProps) {
  const editor = useConfigEditor();
  const disabled = editor.readOnly;
  const [m, setM] = useState<SiteMapping>(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const saved = index === null ? [] : editor.problemsUnder(`siteMappings.${index}`);
  const errorAt = (path: string): string | undefined => {
    if (local[path]) return local[path];
    return saved.find((p) => p.field === `siteMappings.${index}.${path}`)?.message;
  };
  const change = (patch: Partial<SiteMapping>) =>
    setM((current) => ({ ...current, ...patch }) as SiteMapping);
  const user = m.type !== 'doNotImport' && m.type !== 'agent' ? (m as UserMapping) : null;
  const required = (path: string, value: unknown) =>
    value ? errorAt(path) : errorAt(path) && 'Required: choose one.';

  function done() {
    const errors = check(editor.config, m, index);
    setLocal(errors);
    if (Object.keys(errors).length === 0) onDone(m);
  }

  return (
    <div className="stack">
      <p className="muted">{MAPPING_TYPES[m.type].description}</p>
      {Object.keys(local).length > 0 ? <Alert>Some fields need correcting.</Alert> : null}
      {saved
        .filter((p) => p.field === `siteMappings.${index}`)
        .map((p) => (
          <Alert key={p.message} tone={p.severity === 'error' ? 'error' : 'warning'}>
            {p.message}
          </Alert>
        ))}
      <div className="columns-2">
        <NumberField
          label="Sequence"
          value={m.sequence}
          minValue={0}
          maxValue={100000}
          onChange={(sequence) => change({ sequence: Number.isNaN(sequence) ? 0 : sequence })}
          description="Lowest first; the first mapping that matches a user wins."
          errorMessage={errorAt('sequence')}
          isDisabled={disabled}
        />
        <TextField
          label="Description"
          value={m.description}
          onChange={(description) => change({ description })}
          errorMessage={errorAt('description')}
          isDisabled={disabled}
        />
      </div>
      {m.type === 'existingSite' ? (
        <SitePicker
          label="Site"
          value={m.siteId || null}
          onChange={(siteId) => change({ siteId: siteId ?? '' })}
          errorMessage={required('siteId', m.siteId)}
          isDisabled={disabled}
        />
      ) : null}
      {m.type === 'customerByField' ? (
        <div className="columns-2">
          <CustomerPicker
            label="Customer"
            value={m.customerId || null}
            onChange={(customerId) => change({ customerId: customerId ?? '' })}
            errorMessage={required('customerId', m.customerId)}
            isDisabled={disabled}
          />
          <CatalogueField
            catalogue="entra"
            label="Entra field naming the site"
            value={m.siteNameField}
            onChange={(siteNameField) => change({ siteNameField })}
            errorMessage={errorAt('siteNameField')}
            isDisabled={disabled}
            description="Each value becomes a site of the customer (created if new)."
          />
        </div>
      ) : null}
      {m.type === 'siteByFieldMatch' ? (
        <>
          <div className="columns-2">
            <CatalogueField
              catalogue="deskUser"
              label="Desk user field holding the site"
              value={m.userField}
              onChange={(userField) => change({ userField })}
              errorMessage={errorAt('userField')}
              isDisabled={disabled}
              description="After field mappings: map an Entra field to it on Field Mappings."
            />
            <RadioField
              label="Compared with the site’s"
              value={m.siteField}
              onChange={(siteField) => change({ siteField })}
              options={[
                { id: 'name', label: 'Name' },
                { id: 'reference', label: 'Reference' },
              ]}
              isDisabled={disabled}
            />
          </div>
          <div className="toolbar">
            <CustomerPicker
              label="Only sites of this customer (optional)"
              value={m.customerId}
              onChange={(customerId) => change({ customerId })}
              errorMessage={errorAt('customerId')}
              isDisabled={disabled}
            />
            {m.customerId && !disabled ? (
              <Button variant="quiet" onPress={() => change({ customerId: null })}>
                Any customer
              </Button>
            ) : null}
          </div>
          <RadioField
            label="Users whose value matches no site"
            value={m.noMatch}
            onChange={(noMatch) =>
              change({ noMatch, ...(noMatch === 'skip' ? { defaultSiteId: null } : {}) })
            }
            options={[
              { id: 'skip', label: 'Are not imported' },
              { id: 'defaultSite', label: 'Go to a default site' },
            ]}
            isDisabled={disabled}
          />
          {m.noMatch === 'defaultSite' ? (
            <SitePicker
              label="Default site"
              value={m.defaultSiteId}
              onChange={(defaultSiteId) => change({ defaultSiteId })}
              errorMessage={errorAt('defaultSiteId')}
              isDisabled={disabled}
            />
          ) : null}
        </>
      ) : null}
      {m.type === 'agent' ? (
        <div className="columns-2">
          <SelectField
            label="Creation type (Entra user type)"
            options={optionsOf(CREATION_TYPE_LABELS)}
            value={m.creationType}
            onChange={(creationType) =>
              change({ creationType: creationType as AgentMapping['creationType'] })
            }
            errorMessage={errorAt('creationType')}
            isDisabled={disabled}
          />
          <SelectField
            label="Licence type"
            options={optionsOf(LICENCE_CHOICE_LABELS)}
            value={m.licenceType}
            onChange={(licenceType) => change({ licenceType: licenceType as AgentMapping['licenceType'] })}
            errorMessage={errorAt('licenceType')}
            isDisabled={disabled}
          />
        </div>
      ) : null}
      {user ? (
        <RolePicker
          kind="portal"
          allowNone
          label="User role"
          value={user.userRoleId}
          onChange={(userRoleId) => change({ userRoleId })}
          errorMessage={errorAt('userRoleId')}
          isDisabled={disabled}
        />
      ) : null}
      <div className="columns-2">
        <TextField
          label="Entra group (exact name, optional)"
          value={m.groupName ?? ''}
          onChange={(text) => change({ groupName: text.trim() === '' ? null : text })}
          errorMessage={errorAt('groupName')}
          description="Only (transitive) members of this group. Empty: everyone."
          isDisabled={disabled}
        />
        <RadioField
          label="Include external (guest) users"
          value={m.includeExternal}
          onChange={(includeExternal) => change({ includeExternal })}
          options={optionsOf(EXTERNAL_LABELS)}
          isDisabled={disabled}
        />
      </div>
      <FilterEditor
        value={m.filter}
        onChange={(filter) => change({ filter })}
        errorAt={(path) => errorAt(`filter.${path}`)}
        isDisabled={disabled}
      />
      {editor.kind === 'csp' ? (
        <TenantFilterPicker
          value={m.tenantIds}
          onChange={(tenantIds) => change({ tenantIds })}
          errorMessage={
            errorAt('tenantIds') ??
            saved.find((p) => p.field.startsWith(`siteMappings.${index}.tenantIds.`))?.message ??
            Object.entries(local).find(([k]) => k.startsWith('tenantIds'))?.[1]
          }
          isDisabled={disabled}
        />
      ) : null}
      {user ? (
        <SetValuesEditor
          values={user.setValues}
          groupName={user.setValuesGroupName}
          onChange={(setValues, setValuesGroupName) => change({ setValues, setValuesGroupName })}
          errorAt={errorAt}
          isDisabled={disabled}
        />
      ) : null}
      <div className="form-actions">
        <Button variant="quiet" onPress={onCancel}>
          {disabled ? 'Close' : 'Cancel'}
        </Button>
        {!disabled ? (
          <Button variant="primary" onPress={done}>
            {index === null ? 'Add mapping' : 'Done'}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
