import { HR_DATE_FORMATS, type HrDateFormat } from '../../../../../../src/contracts/hr/source.js';
import { Button } from '../../../../ui/button.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import type { SourceDraftProps } from './draft.js';
import { FieldMappingTable } from './field-mapping-table.js';

const DELIMITERS = [
  { id: ',', label: 'Comma (,)' },
  { id: ';', label: 'Semicolon (;)' },
  { id: '\t', label: 'Tab' },
  { id: '|', label: 'Pipe (|)' },
];

/** How a CSV export is read: delimiter, date format, a column per field, and a watched folder. */
export function CsvSettings({ draft, change, errors }: SourceDraftProps) {
  const csv = draft.csv;
  const set = (patch: Partial<typeof csv>) => change({ csv: { ...csv, ...patch } });
  return (
    <fieldset className="stack">
      <legend className="field-label">CSV settings</legend>
      <p className="field-description">
        One row per contract; rows with the same employee ID are one person.
      </p>
      <div className="columns-2">
        <SelectField
          label="Delimiter"
          value={csv.delimiter}
          onChange={(delimiter) => set({ delimiter })}
          options={DELIMITERS}
          errorMessage={errors['csv.delimiter']}
        />
        <SelectField
          label="Date format"
          value={csv.dateFormat}
          onChange={(dateFormat) => set({ dateFormat: dateFormat as HrDateFormat })}
          options={HR_DATE_FORMATS.map((f) => ({ id: f, label: f }))}
          errorMessage={errors['csv.dateFormat']}
        />
        <TextField
          label="Custom columns"
          value={csv.customColumns}
          onChange={(customColumns) => set({ customColumns })}
          description="Other column headers to keep, separated by commas; rules and templates read them as custom.<header>."
          errorMessage={errors['csv.customColumns']}
        />
        <TextField
          label="Watched folder"
          value={csv.watchFolder}
          onChange={(watchFolder) => set({ watchFolder })}
          description="A folder on the Rollcall server where new .csv files are imported (then moved to processed/). Empty: upload only."
          errorMessage={errors['csv.watchFolder']}
        />
      </div>
      <FieldMappingTable
        label="Columns"
        what="Column header"
        mapping={csv.columns}
        onChange={(columns) => set({ columns })}
        errors={errors}
        path="csv.columns"
      />
      {errors.csv && !Object.keys(errors).some((k) => k.startsWith('csv.')) ? (
        <p className="field-error">{errors.csv}</p>
      ) : null}
    </fieldset>
  );
}

export interface JsonSettingsProps extends SourceDraftProps {
  /** A token is saved already (never shown). */
  tokenSet: boolean;
}

/** How a JSON API is read: address, paging, where persons and contracts are, the mapping and token. */
export function JsonSettings({ draft, change, errors, tokenSet }: JsonSettingsProps) {
  const json = draft.json;
  const set = (patch: Partial<typeof json>) => change({ json: { ...json, ...patch } });
  const paths = json.customPaths;
  return (
    <fieldset className="stack">
      <legend className="field-label">JSON API settings</legend>
      <div className="columns-2">
        <TextField
          label="URL"
          value={json.url}
          onChange={(url) => set({ url })}
          description="The first page, https:// only."
          errorMessage={errors['json.url']}
        />
        <TextField
          label="Bearer token"
          type="password"
          value={draft.jsonToken}
          onChange={(jsonToken) => change({ jsonToken })}
          description={
            tokenSet
              ? 'A token is saved (never shown). Type a new one to replace it; leave empty to keep it.'
              : 'Sent as “Authorization: Bearer …”. Write-only: never shown again.'
          }
          errorMessage={errors.jsonToken}
        />
        <TextField
          label="Items path"
          value={json.itemsPath}
          onChange={(itemsPath) => set({ itemsPath })}
          description="Where a page’s persons are, e.g. value or data.items; empty for a bare array."
          errorMessage={errors['json.itemsPath']}
        />
        <TextField
          label="Next link path"
          value={json.nextLinkPath}
          onChange={(nextLinkPath) => set({ nextLinkPath })}
          description="Where the next page’s address is, e.g. @odata.nextLink; empty for one page."
          errorMessage={errors['json.nextLinkPath']}
        />
        <TextField
          label="Contracts path"
          value={json.contractsPath}
          onChange={(contractsPath) => set({ contractsPath })}
          description="Where a person’s contracts are; empty when each item is one contract."
          errorMessage={errors['json.contractsPath']}
        />
        <TextField
          label="Write-back URL"
          value={json.writeBackUrl}
          onChange={(writeBackUrl) => set({ writeBackUrl })}
          description="After each new account or rename, PATCHed with the bearer token and the account’s UPN and e-mail (JSON); must contain {employeeId}. Empty: no write-back."
          errorMessage={errors['json.writeBackUrl']}
        />
      </div>
      <FieldMappingTable
        label="JSON paths"
        what="JSON path"
        mapping={json.mapping}
        onChange={(mapping) => set({ mapping })}
        errors={errors}
        path="json.mapping"
      />
      <table className="edit-table" aria-label="Custom fields">
        <thead>
          <tr>
            <th scope="col">Custom field</th>
            <th scope="col">JSON path</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {paths.map((p, index) => (
            <tr key={index}>
              <td>
                <TextField
                  label="Custom field name"
                  labelHidden
                  value={p.name}
                  onChange={(name) =>
                    set({ customPaths: paths.map((x, i) => (i === index ? { ...x, name } : x)) })
                  }
                />
              </td>
              <td>
                <TextField
                  label="Custom field path"
                  labelHidden
                  value={p.path}
                  onChange={(path) =>
                    set({ customPaths: paths.map((x, i) => (i === index ? { ...x, path } : x)) })
                  }
                />
              </td>
              <td>
                <Button
                  variant="quiet"
                  onPress={() => set({ customPaths: paths.filter((_, i) => i !== index) })}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors['json.customPaths'] ? <p className="field-error">{errors['json.customPaths']}</p> : null}
      <div className="toolbar">
        <Button onPress={() => set({ customPaths: [...paths, { name: '', path: '' }] })}>
          Add custom field
        </Button>
      </div>
      {errors.json && !Object.keys(errors).some((k) => k.startsWith('json.')) ? (
        <p className="field-error">{errors.json}</p>
      ) : null}
    </fieldset>
  );
}
