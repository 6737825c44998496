import type { HrRulesView } from '../../../../../../src/contracts/api/hr-rules.js';
import { Button } from '../../../../ui/button.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import { exampleName, type EntitlementDraft, type RuleDraft } from './rules-draft.js';

export interface GrantsEditorProps {
  rule: RuleDraft;
  change: (patch: Partial<RuleDraft>) => void;
  view: HrRulesView;
  errors: Record<string, string>;
  readOnly: boolean;
}

/** What a rule grants: the account, groups by name, licences of the tenant. */
export function EntitlementsEditor({ rule, change, view, errors, readOnly }: GrantsEditorProps) {
  const list = rule.entitlements;
  const set = (index: number, next: EntitlementDraft) =>
    change({ entitlements: list.map((e, i) => (i === index ? next : e)) });
  const hasAccount = list.some((e) => e.kind === 'account');
  return (
    <fieldset className="stack">
      <legend className="field-label">Grants</legend>
      {list.length === 0 ? <p className="muted">Nothing yet.</p> : null}
      {list.map((e, index) => (
        <div className="toolbar" key={index}>
          {e.kind === 'account' ? (
            <span>
              <strong>Account</strong>: the person gets an Entra account
            </span>
          ) : e.kind === 'group' ? (
            <TextField
              label="Group"
              value={e.name}
              onChange={(name) => set(index, { kind: 'group', name })}
              isDisabled={readOnly}
              errorMessage={errors[`entitlements.${index}.name`]}
            />
          ) : (
            <SelectField
              label="Licence"
              value={e.skuId || null}
              onChange={(skuId) =>
                set(index, {
                  kind: 'licence',
                  skuId,
                  name: view.licenceOptions.find((l) => l.skuId === skuId)?.name ?? '',
                })
              }
              isDisabled={readOnly}
              options={view.licenceOptions.map((l) => ({ id: l.skuId, label: l.name }))}
              placeholder={view.licenceOptions.length ? 'Choose…' : 'No licences imported for the tenant'}
              errorMessage={errors[`entitlements.${index}.skuId`]}
            />
          )}
          {readOnly ? null : (
            <Button
              variant="quiet"
              onPress={() => change({ entitlements: list.filter((_, i) => i !== index) })}
            >
              Remove
            </Button>
          )}
        </div>
      ))}
      {errors.entitlements ? <p className="field-error">{errors.entitlements}</p> : null}
      {readOnly ? null : (
        <div className="toolbar">
          {hasAccount ? null : (
            <Button onPress={() => change({ entitlements: [...list, { kind: 'account' }] })}>
              Grant the account
            </Button>
          )}
          <Button onPress={() => change({ entitlements: [...list, { kind: 'group', name: '' }] })}>
            Grant a group
          </Button>
          <Button
            onPress={() => change({ entitlements: [...list, { kind: 'licence', skuId: '', name: '' }] })}
          >
            Grant a licence
          </Button>
        </div>
      )}
    </fieldset>
  );
}

/** Dynamic permissions: a group per value, by a name template such as Dept-{department}. */
export function DynamicGroupsEditor({ rule, change, view, errors, readOnly }: GrantsEditorProps) {
  const list = rule.dynamicGroups;
  const set = (index: number, patch: Partial<(typeof list)[number]>) =>
    change({ dynamicGroups: list.map((g, i) => (i === index ? { ...g, ...patch } : g)) });
  return (
    <fieldset className="stack">
      <legend className="field-label">Dynamic groups</legend>
      {list.map((g, index) => (
        <div className="stack" key={index}>
          <div className="toolbar">
            <TextField
              label="Group name template"
              value={g.template}
              onChange={(template) => set(index, { template })}
              isDisabled={readOnly}
              placeholder="Dept-{department}"
              errorMessage={errors[`dynamicGroups.${index}.template`]}
            />
            <Checkbox
              isSelected={g.createMissing}
              onChange={(createMissing) => set(index, { createMissing })}
              isDisabled={readOnly}
            >
              Create missing groups
            </Checkbox>
            {readOnly ? null : (
              <Button
                variant="quiet"
                onPress={() => change({ dynamicGroups: list.filter((_, i) => i !== index) })}
              >
                Remove
              </Button>
            )}
          </div>
          {g.template.includes('{') ? (
            <p className="muted">
              For example: <strong>{exampleName(g.template, view.fieldValues)}</strong>
            </p>
          ) : null}
        </div>
      ))}
      {readOnly ? null : (
        <div className="toolbar">
          <Button
            onPress={() =>
              change({ dynamicGroups: [...list, { template: 'Dept-{department}', createMissing: false }] })
            }
          >
            Add a dynamic group
          </Button>
        </div>
      )}
    </fieldset>
  );
}
