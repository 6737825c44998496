import {
  INTUNE_DEVICE_FIELDS,
  RULE_OPERATORS,
  type AssetTypeConfig,
  type AssetTypeRule,
  type IntuneDeviceField,
  type RuleOperator,
} from '../../../../../src/contracts/api/assets-config.js';
import type { FieldErrors } from '../../../lib/form-errors.js';
import { Button } from '../../../ui/button.js';
import { SelectField } from '../../../ui/select-field.js';
import { TextField } from '../../../ui/text-field.js';

export const FIELD_OPTIONS = INTUNE_DEVICE_FIELDS.map((f) => ({ id: f, label: f }));

const MODES = [
  { id: 'single', label: 'Use the same type for all assets' },
  {
    id: 'intuneField',
    label: 'Use an Intune field',
    description: 'The field’s value is the type, e.g. operatingSystem',
  },
  { id: 'rules', label: 'Use rules', description: 'The first rule that matches gives the type' },
];

const OPERATOR_LABELS: Record<RuleOperator, string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  contains: 'contains',
  startsWith: 'starts with',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
};

export interface AssetTypeEditorProps {
  value: AssetTypeConfig;
  onChange: (value: AssetTypeConfig) => void;
  knownTypes: readonly string[];
  errors: FieldErrors;
  readOnly: boolean;
}

const known = (types: readonly string[]) =>
  types.length
    ? `Existing types: ${types.slice(0, 12).join(', ')}. A new name creates the type.`
    : 'A new name creates the type.';

/** Guide 002's three ways to give an asset its type. */
export function AssetTypeEditor({ value, onChange, knownTypes, errors, readOnly }: AssetTypeEditorProps) {
  const setMode = (mode: string) => {
    if (mode === value.mode) return;
    if (mode === 'single') onChange({ mode: 'single', assetType: 'Computer' });
    if (mode === 'intuneField')
      onChange({ mode: 'intuneField', field: 'operatingSystem', fallbackAssetType: 'Other' });
    if (mode === 'rules') {
      onChange({
        mode: 'rules',
        unmatched: 'fallback',
        fallbackAssetType: 'Computer',
        rules: [{ field: 'operatingSystem', operator: 'equals', value: 'iOS', assetType: 'Mobile Phone' }],
      });
    }
  };
  return (
    <div className="stack">
      <SelectField
        label="Asset type"
        options={MODES}
        value={value.mode}
        onChange={setMode}
        isDisabled={readOnly}
      />
      {value.mode === 'single' ? (
        <TextField
          label="Type for all assets"
          value={value.assetType}
          onChange={(assetType) => onChange({ ...value, assetType })}
          description={known(knownTypes)}
          errorMessage={errors['config.assetType.assetType'] ?? errors['assetType.assetType']}
          isDisabled={readOnly}
        />
      ) : null}
      {value.mode === 'intuneField' ? (
        <>
          <SelectField
            label="Intune field"
            options={FIELD_OPTIONS}
            value={value.field}
            onChange={(field) => onChange({ ...value, field: field as IntuneDeviceField })}
            isDisabled={readOnly}
          />
          <TextField
            label="Type when the field is empty"
            value={value.fallbackAssetType}
            onChange={(fallbackAssetType) => onChange({ ...value, fallbackAssetType })}
            errorMessage={
              errors['config.assetType.fallbackAssetType'] ?? errors['assetType.fallbackAssetType']
            }
            isDisabled={readOnly}
          />
        </>
      ) : null}
      {value.mode === 'rules' ? (
        <RulesEditor value={value} onChange={onChange} errors={errors} readOnly={readOnly} />
      ) : null}
    </div>
  );
}

type Rules = Extract<AssetTypeConfig, { mode: 'rules' }>;

function RulesEditor(props: {
  value: Rules;
  onChange: (v: Rules) => void;
  errors: FieldErrors;
  readOnly: boolean;
}) {
  const { value, onChange, errors, readOnly } = props;
  const setRule = (index: number, change: Partial<AssetTypeRule>) =>
    onChange({ ...value, rules: value.rules.map((r, i) => (i === index ? { ...r, ...change } : r)) });
  const error = (path: string) => errors[`config.assetType.${path}`] ?? errors[`assetType.${path}`];
  return (
    <div className="stack">
      <table className="table">
        <caption className="visually-hidden">Asset type rules, in the order they are tried</caption>
        <thead>
          <tr>
            <th scope="col">Intune field</th>
            <th scope="col">Condition</th>
            <th scope="col">Value</th>
            <th scope="col">Asset type</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {value.rules.map((rule, i) => (
            <tr key={i}>
              <td>
                <SelectField
                  label={`Rule ${i + 1} field`}
                  labelHidden
                  options={FIELD_OPTIONS}
                  value={rule.field}
                  onChange={(field) => setRule(i, { field: field as IntuneDeviceField })}
                  isDisabled={readOnly}
                />
              </td>
              <td>
                <SelectField
                  label={`Rule ${i + 1} condition`}
                  labelHidden
                  options={RULE_OPERATORS.map((o) => ({ id: o, label: OPERATOR_LABELS[o] }))}
                  value={rule.operator}
                  onChange={(operator) => setRule(i, { operator: operator as RuleOperator })}
                  isDisabled={readOnly}
                />
              </td>
              <td>
                <TextField
                  label={`Rule ${i + 1} value`}
                  labelHidden
                  value={rule.value}
                  onChange={(v) => setRule(i, { value: v })}
                  errorMessage={error(`rules.${i}.value`)}
                  isDisabled={readOnly || rule.operator === 'isEmpty' || rule.operator === 'isNotEmpty'}
                />
              </td>
              <td>
                <TextField
                  label={`Rule ${i + 1} asset type`}
                  labelHidden
                  value={rule.assetType}
                  onChange={(assetType) => setRule(i, { assetType })}
                  errorMessage={error(`rules.${i}.assetType`)}
                  isDisabled={readOnly}
                />
              </td>
              <td>
                {readOnly ? null : (
                  <Button
                    variant="quiet"
                    aria-label={`Remove rule ${i + 1}`}
                    isDisabled={value.rules.length === 1}
                    onPress={() => onChange({ ...value, rules: value.rules.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {readOnly ? null : (
        <div className="toolbar">
          <Button
            onPress={() =>
              onChange({
                ...value,
                rules: [...value.rules, { field: 'model', operator: 'contains', value: '', assetType: '' }],
              })
            }
          >
            Add rule
          </Button>
        </div>
      )}
      <SelectField
        label="Devices no rule matches"
        options={[
          { id: 'fallback', label: 'Give them the fallback type' },
          { id: 'exclude', label: 'Exclude them from the import' },
        ]}
        value={value.unmatched}
        onChange={(unmatched) => onChange({ ...value, unmatched: unmatched as Rules['unmatched'] })}
        isDisabled={readOnly}
      />
      {value.unmatched === 'fallback' ? (
        <TextField
          label="Fallback type"
          value={value.fallbackAssetType ?? ''}
          onChange={(t) => onChange({ ...value, fallbackAssetType: t || null })}
          errorMessage={error('fallbackAssetType')}
          isDisabled={readOnly}
        />
      ) : null}
    </div>
  );
}
