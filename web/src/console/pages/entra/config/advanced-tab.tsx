import { Checkbox } from '../../../../ui/checkbox.js';
import { useConfigEditor } from './config-editor.js';
import { GroupMappings } from './group-mappings.js';
import { RoleChecklist, RolePicker } from './pickers.js';

function Explained({ children }: { children: string }) {
  return <p className="field-description">{children}</p>;
}

/** Advanced Configuration of guide 001: group mappings, role management, licence management. */
export function AdvancedTab() {
  const editor = useConfigEditor();
  const { agents, users } = editor.config;
  const disabled = editor.readOnly;
  return (
    <>
      <GroupMappings />
      <section className="card stack" aria-labelledby="roles-title">
        <h2 id="roles-title">Roles and teams</h2>
        <div>
          <Checkbox
            isSelected={agents.fullRoleManagement}
            onChange={(on) => editor.update((d) => void (d.agents.fullRoleManagement = on))}
            isDisabled={disabled}
          >
            Enable full role management via Microsoft Entra ID
          </Checkbox>
          <Explained>
            Roles not given by an agent role mapping are removed at import; an agent left with no role is made
            inactive.
          </Explained>
        </div>
        <RolePicker
          kind="portal"
          allowNone
          label="Role for users with no manager"
          value={users.roleForUsersWithNoManagerId}
          onChange={(id) => editor.update((d) => void (d.users.roleForUsersWithNoManagerId = id))}
          errorMessage={editor.problemAt('users.roleForUsersWithNoManagerId')}
          isDisabled={disabled}
          description="Users without a manager in Entra (often senior staff) are created with this role."
        />
        <div>
          <Checkbox
            isSelected={agents.removeFromTeamWhenNotFound}
            onChange={(on) => editor.update((d) => void (d.agents.removeFromTeamWhenNotFound = on))}
            isDisabled={disabled}
          >
            Remove an agent from a mapped team when no longer found in its group
          </Checkbox>
          <Explained>Scheduled imports only.</Explained>
        </div>
        <div>
          <Checkbox
            isSelected={agents.reassignTicketsOnDeactivate}
            onChange={(on) => editor.update((d) => void (d.agents.reassignTicketsOnDeactivate = on))}
            isDisabled={disabled}
          >
            Re-assign tickets to unassigned when the assigned agent is made inactive
          </Checkbox>
        </div>
      </section>
      <section className="card stack" aria-labelledby="licences-title">
        <h2 id="licences-title">Licence management</h2>
        <div>
          <Checkbox
            isSelected={agents.licenceManagement.enabled}
            onChange={(on) => editor.update((d) => void (d.agents.licenceManagement.enabled = on))}
            isDisabled={disabled}
          >
            Manage agents’ licence type and status from their roles
          </Checkbox>
          <Explained>
            An agent whose Entra account is disabled is always made inactive. Removing a role from the
            named-licence list moves its agents to a concurrent licence at the next import.
          </Explained>
        </div>
        {agents.licenceManagement.enabled ? (
          <div className="columns-2">
            <RoleChecklist
              label="Roles that give an agent a named licence"
              description="Agents with none of these are concurrent."
              value={agents.licenceManagement.namedLicenceRoleIds}
              onChange={(ids) =>
                editor.update((d) => void (d.agents.licenceManagement.namedLicenceRoleIds = ids))
              }
              isDisabled={disabled}
              errorMessage={editor.problemsUnder('agents.licenceManagement.namedLicenceRoleIds')[0]?.message}
            />
            <RoleChecklist
              label="Roles that make an agent inactive"
              description="Map the Entra group of people who should not use the desk to one of these."
              value={agents.licenceManagement.inactiveRoleIds}
              onChange={(ids) =>
                editor.update((d) => void (d.agents.licenceManagement.inactiveRoleIds = ids))
              }
              isDisabled={disabled}
              errorMessage={editor.problemsUnder('agents.licenceManagement.inactiveRoleIds')[0]?.message}
            />
          </div>
        ) : null}
      </section>
    </>
  );
}
