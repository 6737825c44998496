import type { AgentFieldMapping, UserFieldMapping } from '../../../../../../src/contracts/entra/index.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import { CatalogueField } from './catalogue-field.js';
import { useConfigEditor } from './config-editor.js';

type ListKey = 'userFieldMappings' | 'agentFieldMappings';

function MappingTable({ list, title, hint }: { list: ListKey; title: string; hint: string }) {
  const editor = useConfigEditor();
  const rows: (UserFieldMapping | AgentFieldMapping)[] = editor.config[list];
  const disabled = editor.readOnly;
  const set = (i: number, change: Partial<UserFieldMapping>) =>
    editor.update((draft) => {
      Object.assign(draft[list][i] as object, change);
    });
  return (
    <section className="card stack" aria-labelledby={`${list}-title`}>
      <div className="page-header">
        <h2 id={`${list}-title`}>{title}</h2>
        {!disabled ? (
          <Button
            onPress={() =>
              editor.update((draft) => {
                (draft[list] as UserFieldMapping[]).push({
                  entraField: '',
                  deskField: '',
                  overwriteWithBlank: false,
                });
              })
            }
          >
            {list === 'userFieldMappings' ? 'Add user field mapping' : 'Add agent field mapping'}
          </Button>
        ) : null}
      </div>
      <p className="muted">{hint}</p>
      <table className="edit-table" aria-label={title}>
        <thead>
          <tr>
            <th scope="col">Entra field</th>
            <th scope="col">Desk field</th>
            <th scope="col">Blank Entra value clears the desk value</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                No field mappings: only the display name and identifiers are imported.
              </td>
            </tr>
          ) : null}
          {rows.map((row, i) => {
            const n = i + 1;
            const rowError = editor.problemAt(`${list}.${i}`);
            return (
              <tr key={i}>
                <td>
                  <CatalogueField
                    catalogue="entra"
                    label={`Entra field ${n}`}
                    labelHidden
                    value={row.entraField}
                    onChange={(entraField) => set(i, { entraField })}
                    errorMessage={editor.problemAt(`${list}.${i}.entraField`) ?? rowError}
                    isDisabled={disabled}
                  />
                </td>
                <td>
                  <CatalogueField
                    catalogue={list === 'userFieldMappings' ? 'deskUser' : 'deskAgent'}
                    label={`Desk field ${n}`}
                    labelHidden
                    value={row.deskField}
                    onChange={(deskField) => set(i, { deskField })}
                    errorMessage={editor.problemAt(`${list}.${i}.deskField`)}
                    isDisabled={disabled}
                  />
                </td>
                <td>
                  <Checkbox
                    isSelected={row.overwriteWithBlank}
                    onChange={(overwriteWithBlank) => set(i, { overwriteWithBlank })}
                    isDisabled={disabled}
                    aria-label={`Overwrite with blank, mapping ${n}`}
                  >
                    Overwrite with blank
                  </Checkbox>
                </td>
                <td>
                  {!disabled ? (
                    <Button
                      variant="quiet"
                      aria-label={`Remove field mapping ${n} (${row.entraField || 'no field'} → ${row.deskField || 'no field'})`}
                      onPress={() => editor.update((draft) => void draft[list].splice(i, 1))}
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

/** Field Mappings: which Entra property fills which desk field, for users and for agents. */
export function FieldMappingsTab() {
  const editor = useConfigEditor();
  return (
    <>
      {editor.version === 0 ? (
        <Alert tone="info" title="Default mappings of a new connection">
          These defaults are used once you save the configuration. Remove the ones you do not want before
          saving.
        </Alert>
      ) : null}
      <MappingTable
        list="userFieldMappings"
        title="User field mappings"
        hint="Each Entra field and each desk field can be used once. Custom fields are written as custom.<name> and must exist first; manager maps only to manager."
      />
      <MappingTable
        list="agentFieldMappings"
        title="Agent field mappings"
        hint="linemanager comes only from the Entra field manager (the manager must be an imported agent). team sets the agent’s default team by name; an unknown name leaves it unchanged."
      />
    </>
  );
}
