import type { ReactNode } from 'react';
import { Button } from '../../../../ui/button.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import { TextField } from '../../../../ui/text-field.js';
import { useConfigEditor, type Config } from './config-editor.js';
import { CabPicker, CabRolePicker, RolePicker, TeamPicker } from './pickers.js';

type Lists = Config['groupMappings'];
type ListKey = keyof Lists;
type Row<K extends ListKey> = Lists[K][number];

interface TableProps<K extends ListKey> {
  list: K;
  title: string;
  hint: string;
  addLabel: string;
  targetHeader: string;
  empty: Row<K>;
  target: (
    row: Row<K>,
    n: number,
    set: (change: Partial<Row<K>>) => void,
    errorAt: (f: string) => string | undefined,
  ) => ReactNode;
}

function GroupTable<K extends ListKey>({
  list,
  title,
  hint,
  addLabel,
  targetHeader,
  empty,
  target,
}: TableProps<K>) {
  const editor = useConfigEditor();
  const rows = editor.config.groupMappings[list] as Row<K>[];
  const disabled = editor.readOnly;
  const path = `groupMappings.${list}`;
  return (
    <section className="card stack" aria-labelledby={`${list}-title`}>
      <div className="page-header">
        <h2 id={`${list}-title`}>{title}</h2>
        {!disabled ? (
          <Button
            onPress={() =>
              editor.update((draft) => void (draft.groupMappings[list] as Row<K>[]).push({ ...empty }))
            }
          >
            {addLabel}
          </Button>
        ) : null}
      </div>
      <p className="muted">{hint}</p>
      <table className="edit-table" aria-label={title}>
        <thead>
          <tr>
            <th scope="col">Entra group (exact name)</th>
            <th scope="col">{targetHeader}</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                None.
              </td>
            </tr>
          ) : null}
          {rows.map((row, i) => {
            const n = i + 1;
            const errorAt = (field: string) => editor.problemAt(`${path}.${i}.${field}`);
            const set = (change: Partial<Row<K>>) =>
              editor.update(
                (draft) => void Object.assign((draft.groupMappings[list] as Row<K>[])[i] as object, change),
              );
            return (
              <tr key={i}>
                <td>
                  <TextField
                    label={`${title}: group ${n}`}
                    labelHidden
                    value={row.groupName}
                    onChange={(groupName) => set({ groupName } as Partial<Row<K>>)}
                    errorMessage={errorAt('groupName') ?? editor.problemAt(`${path}.${i}`)}
                    isDisabled={disabled}
                  />
                </td>
                <td>{target(row, n, set, errorAt)}</td>
                <td>
                  {!disabled ? (
                    <Button
                      variant="quiet"
                      aria-label={`Remove ${title.toLowerCase()} ${n}`}
                      onPress={() => editor.update((draft) => void draft.groupMappings[list].splice(i, 1))}
                    >
                      Remove
                    </Button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Entra group → agent role, user role, team and CAB (+ CAB role) tables of Advanced Configuration. */
export function GroupMappings() {
  const editor = useConfigEditor();
  const disabled = editor.readOnly;
  return (
    <>
      <GroupTable
        list="agentRoles"
        title="Agent role mappings"
        addLabel="Add agent role mapping"
        hint="Agents in the group get the role (on top of what their site mapping gives)."
        targetHeader="Agent role"
        empty={{ groupName: '', roleId: '' }}
        target={(row, n, set, errorAt) => (
          <RolePicker
            kind="agent"
            label={`Agent role ${n}`}
            labelHidden
            value={row.roleId || null}
            onChange={(roleId) => set({ roleId: roleId ?? '' })}
            errorMessage={errorAt('roleId')}
            isDisabled={disabled}
          />
        )}
      />
      <GroupTable
        list="userRoles"
        title="User role mappings"
        addLabel="Add user role mapping"
        hint="Users in the group get the portal role."
        targetHeader="User role"
        empty={{ groupName: '', roleId: '' }}
        target={(row, n, set, errorAt) => (
          <RolePicker
            kind="portal"
            label={`User role ${n}`}
            labelHidden
            value={row.roleId || null}
            onChange={(roleId) => set({ roleId: roleId ?? '' })}
            errorMessage={errorAt('roleId')}
            isDisabled={disabled}
          />
        )}
      />
      <GroupTable
        list="teams"
        title="Team mappings"
        addLabel="Add team mapping"
        hint="Agents in the group join the team."
        targetHeader="Team"
        empty={{ groupName: '', teamId: '' }}
        target={(row, n, set, errorAt) => (
          <TeamPicker
            label={`Team ${n}`}
            labelHidden
            value={row.teamId || null}
            onChange={(teamId) => set({ teamId: teamId ?? '' })}
            errorMessage={errorAt('teamId')}
            isDisabled={disabled}
          />
        )}
      />
      <GroupTable
        list="cabs"
        title="CAB mappings"
        addLabel="Add CAB mapping"
        hint="Members of the group are added to the change advisory board, with a CAB role if you choose one."
        targetHeader="CAB and CAB role"
        empty={{ groupName: '', cabId: '', cabRoleId: null }}
        target={(row, n, set, errorAt) => (
          <div className="stack">
            <CabPicker
              label={`CAB ${n}`}
              labelHidden
              value={row.cabId || null}
              onChange={(cabId) => set({ cabId: cabId ?? '' })}
              errorMessage={errorAt('cabId')}
              isDisabled={disabled}
            />
            <Checkbox
              isSelected={row.cabRoleId !== null}
              onChange={(on) => set({ cabRoleId: on ? '' : null })}
              isDisabled={disabled}
            >
              Add a CAB role
            </Checkbox>
            {row.cabRoleId !== null ? (
              <CabRolePicker
                label={`CAB role ${n}`}
                value={row.cabRoleId || null}
                onChange={(cabRoleId) => set({ cabRoleId: cabRoleId ?? '' })}
                errorMessage={errorAt('cabRoleId')}
                isDisabled={disabled}
              />
            ) : null}
          </div>
        )}
      />
    </>
  );
}
