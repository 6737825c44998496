import { useMemo, useState } from 'react';
import type { SiteMapping, SiteMappingType } from '../../../../../../src/contracts/entra/index.js';
import { Button } from '../../../../ui/button.js';
import { ModalDialog } from '../../../../ui/dialog.js';
import { EmptyState } from '../../../../ui/empty-state.js';
import { Pager } from '../../../../ui/pager.js';
import { RadioField } from '../../../../ui/radio.js';
import { TextField } from '../../../../ui/text-field.js';
import { TenantFilterSummary, useCspImportTenants } from '../../csp/import-tenants.js';
import { MAPPING_TYPES, OPERATOR_LABELS } from '../labels.js';
import { useConfigEditor } from './config-editor.js';
import { CustomerName } from './pickers.js';
import { newSiteMapping, nextSequence, SITE_MAPPING_TYPES_ORDER } from './site-mapping-defaults.js';
import { SiteMappingForm } from './site-mapping-form.js';
import { filterSiteMappings, SITE_MAPPINGS_PAGE_SIZE } from './site-mappings-filter.js';
import { SiteName } from './site-pickers.js';

type Editing =
  { step: 'type'; type: SiteMappingType } | { step: 'form'; mapping: SiteMapping; index: number | null };

function Target({ m }: { m: SiteMapping }) {
  switch (m.type) {
    case 'existingSite':
      return m.siteId ? <SiteName siteId={m.siteId} /> : <span className="muted">No site</span>;
    case 'customerByField':
      return (
        <>
          {m.customerId ? <CustomerName customerId={m.customerId} /> : 'No customer'}, a site per{' '}
          <span className="code">{m.siteNameField}</span>
        </>
      );
    case 'siteByFieldMatch':
      return (
        <>
          Site whose {m.siteField} is <span className="code">{m.userField}</span>
          {m.noMatch === 'defaultSite' && m.defaultSiteId ? (
            <>
              ; otherwise <SiteName siteId={m.defaultSiteId} />
            </>
          ) : null}
        </>
      );
    case 'doNotImport':
      return <>Not imported</>;
    case 'agent':
      return <>*agent* ({m.licenceType === 'noChange' ? 'licence unchanged' : `${m.licenceType} licence`})</>;
  }
}

function filterText(m: SiteMapping): string {
  const parts = m.filter.criteria.map(
    (c) => `${c.entraField} ${OPERATOR_LABELS[c.operator]}${c.value ? ` “${c.value}”` : ''}`,
  );
  return parts.join(m.filter.combinator === 'and' ? ' and ' : ' or ');
}

/**
 * Site Mappings (guide 001, "Agent/User Mappings"): which Entra users become users of which site,
 * which become agents, which are not imported; processed by sequence, first match wins.
 */
export function SiteMappingsTab() {
  const editor = useConfigEditor();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const tenants = useCspImportTenants()?.data?.items;
  const disabled = editor.readOnly;
  const rows = useMemo(
    () =>
      editor.config.siteMappings
        .map((mapping, index) => ({ mapping, index }))
        .sort((a, b) => a.mapping.sequence - b.mapping.sequence)
        .map((row, position) => ({ ...row, position })),
    [editor.config.siteMappings],
  );
  const tenantNames = useMemo(() => new Map((tenants ?? []).map((t) => [t.tenantId, t.name])), [tenants]);
  const found = useMemo(
    () => filterSiteMappings(rows, search, (id) => tenantNames.get(id.toLowerCase())),
    [rows, search, tenantNames],
  );
  // Thousands of mappings (one per CSP tenant) are shown a page at a time.
  const pages = Math.max(1, Math.ceil(found.length / SITE_MAPPINGS_PAGE_SIZE));
  const pageIndex = Math.min(page, pages - 1);
  const shown = found.slice(pageIndex * SITE_MAPPINGS_PAGE_SIZE, (pageIndex + 1) * SITE_MAPPINGS_PAGE_SIZE);

  function swap(a: number, b: number) {
    editor.update((draft) => {
      const first = draft.siteMappings[a];
      const second = draft.siteMappings[b];
      if (!first || !second) return;
      [first.sequence, second.sequence] = [second.sequence, first.sequence];
    });
  }

  return (
    <section className="card stack" aria-labelledby="site-mappings-title">
      <div className="page-header">
        <h2 id="site-mappings-title">Site mappings</h2>
        {!disabled ? (
          <Button variant="primary" onPress={() => setEditing({ step: 'type', type: 'existingSite' })}>
            Add site mapping
          </Button>
        ) : null}
      </div>
      <p className="muted">
        Every Entra user is compared with these mappings lowest sequence first; the first that matches decides
        where they go. Users no mapping matches are not imported.
        {editor.kind === 'csp' ? ' A mapping applies to every mapped tenant unless it names some.' : ''}
      </p>
      {rows.length === 0 ? (
        <EmptyState title="No site mappings yet">
          <p>
            Without a site mapping nobody is imported. Add one that maps users to a site, or agents to
            *agent*.
            {editor.kind === 'csp'
              ? ' Generate mappings (above) adds one per mapped tenant, every user to its customer’s main site.'
              : ''}
          </p>
        </EmptyState>
      ) : (
        <>
          <TextField
            label="Find a site mapping"
            description="By sequence, description, type, group, filter value or tenant"
            value={search}
            onChange={(text) => {
              setSearch(text);
              setPage(0);
            }}
          />
          {found.length === 0 ? <p className="muted">No site mapping matches “{search.trim()}”.</p> : null}
          <table className="edit-table" aria-label="Site mappings">
            <thead>
              <tr>
                <th scope="col">Sequence</th>
                <th scope="col">Mapping</th>
                <th scope="col">Goes to</th>
                <th scope="col">Who</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ mapping: m, index, position }) => {
                const problems = editor.problemsUnder(`siteMappings.${index}`);
                const name = m.description || MAPPING_TYPES[m.type].label;
                return (
                  <tr key={m.id}>
                    <td>{m.sequence}</td>
                    <th scope="row">
                      {name}
                      <div className="muted">{MAPPING_TYPES[m.type].label}</div>
                      {problems.length > 0 ? (
                        <ul className="problem-list">
                          {problems.map((p) => (
                            <li
                              key={`${p.field}:${p.message}`}
                              className={p.severity === 'error' ? 'field-error' : 'field-warning'}
                            >
                              {p.message}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </th>
                    <td>
                      <Target m={m} />
                    </td>
                    <td>
                      {m.groupName ? <div>Members of “{m.groupName}”</div> : <div>Everyone</div>}
                      {m.filter.criteria.length > 0 ? <div className="muted">{filterText(m)}</div> : null}
                      {m.includeExternal !== 'no' ? (
                        <div className="muted">
                          {m.includeExternal === 'yes' ? 'Guests included' : 'Licensed guests included'}
                        </div>
                      ) : null}
                      {m.tenantIds.length > 0 ? (
                        <div className="muted">
                          {editor.kind === 'csp' ? (
                            <TenantFilterSummary tenantIds={m.tenantIds} />
                          ) : (
                            `${m.tenantIds.length} tenant(s) only`
                          )}
                        </div>
                      ) : null}
                    </td>
                    <td>
                      <div className="toolbar">
                        <Button
                          variant="quiet"
                          aria-label={`${disabled ? 'View' : 'Edit'} site mapping ${name}`}
                          onPress={() => setEditing({ step: 'form', mapping: m, index })}
                        >
                          {disabled ? 'View' : 'Edit'}
                        </Button>
                        {!disabled ? (
                          <>
                            <Button
                              variant="quiet"
                              aria-label={`Move ${name} up`}
                              isDisabled={position === 0}
                              onPress={() => swap(index, rows[position - 1]?.index ?? index)}
                            >
                              ↑
                            </Button>
                            <Button
                              variant="quiet"
                              aria-label={`Move ${name} down`}
                              isDisabled={position === rows.length - 1}
                              onPress={() => swap(index, rows[position + 1]?.index ?? index)}
                            >
                              ↓
                            </Button>
                            <Button
                              variant="quiet"
                              aria-label={`Remove site mapping ${name}`}
                              onPress={() =>
                                editor.update((draft) => void draft.siteMappings.splice(index, 1))
                              }
                            >
                              Remove
                            </Button>
                          </>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {found.length > SITE_MAPPINGS_PAGE_SIZE ? (
            <Pager
              pageIndex={pageIndex}
              pageSize={SITE_MAPPINGS_PAGE_SIZE}
              shown={shown.length}
              total={found.length}
              hasPrevious={pageIndex > 0}
              hasNext={pageIndex < pages - 1}
              onPrevious={() => setPage(pageIndex - 1)}
              onNext={() => setPage(pageIndex + 1)}
            />
          ) : null}
        </>
      )}
      <ModalDialog
        title={
          editing?.step === 'type'
            ? 'Choose a mapping type'
            : editing
              ? `${editing.index === null ? 'New' : disabled ? 'Site' : 'Edit'} mapping: ${MAPPING_TYPES[editing.mapping.type].label}`
              : ''
        }
        isOpen={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        isDismissable={false}
        wide
      >
        {() =>
          editing?.step === 'type' ? (
            <div className="stack">
              <RadioField
                label="Mapping type"
                value={editing.type}
                onChange={(type) => setEditing({ step: 'type', type })}
                options={SITE_MAPPING_TYPES_ORDER.map((t) => ({ id: t, label: MAPPING_TYPES[t].label }))}
              />
              <p className="muted">{MAPPING_TYPES[editing.type].description}</p>
              <div className="form-actions">
                <Button variant="quiet" onPress={() => setEditing(null)}>
                  Cancel
                </Button>
                <Button
                  variant="primary"
                  onPress={() =>
                    setEditing({
                      step: 'form',
                      mapping: newSiteMapping(editing.type, nextSequence(editor.config.siteMappings)),
                      index: null,
                    })
                  }
                >
                  Next
                </Button>
              </div>
            </div>
          ) : editing?.step === 'form' ? (
            <SiteMappingForm
              initial={editing.mapping}
              index={editing.index}
              onCancel={() => setEditing(null)}
              onDone={(mapping) => {
                editor.update((draft) => {
                  if (editing.index === null) draft.siteMappings.push(mapping);
                  else draft.siteMappings[editing.index] = mapping;
                });
                setEditing(null);
              }}
            />
          ) : null
        }
      </ModalDialog>
    </section>
  );
}
