import { useState } from 'react';
import type { HrSourceDetail } from '../../../../../../src/contracts/api/hr-sources.js';
import { listHrPersons, type HrPersonSummary } from '../../../../../../src/contracts/api/hr-persons.js';
import { HR_PHASES } from '../../../../../../src/contracts/hr/lifecycle.js';
import { useList } from '../../../../lib/use-list.js';
import { Checkbox } from '../../../../ui/checkbox.js';
import type { TableColumn } from '../../../../ui/data-table.js';
import { EmptyState } from '../../../../ui/empty-state.js';
import { ListView } from '../../../../ui/list-view.js';
import { SelectField } from '../../../../ui/select-field.js';
import { PHASE_LABELS } from '../labels.js';

type Row = HrPersonSummary & { id: string };
const ANY = 'any';

const COLUMNS: TableColumn<Row>[] = [
  { id: 'displayName', name: 'Name', isRowHeader: true, render: (p) => p.displayName },
  { id: 'employeeId', name: 'Employee ID', render: (p) => p.employeeId },
  { id: 'department', name: 'Department', render: (p) => p.department ?? '—' },
  { id: 'title', name: 'Title', render: (p) => p.title ?? '—' },
  { id: 'startDate', name: 'Start', render: (p) => p.startDate ?? '—' },
  { id: 'endDate', name: 'End', render: (p) => p.endDate ?? '—' },
  {
    id: 'phase',
    name: 'Phase',
    render: (p) => (
      <>
        {PHASE_LABELS[p.phase]}
        {p.removedOn ? <span className="badge badge-warn"> gone from HR since {p.removedOn}</span> : null}
      </>
    ),
  },
  { id: 'upn', name: 'UPN', render: (p) => p.userPrincipalName ?? '—' },
  {
    id: 'enabled',
    name: 'Enabled',
    render: (p) => (p.accountEnabled === null ? '—' : p.accountEnabled ? 'Yes' : 'No'),
  },
  {
    id: 'pending',
    name: 'Pending actions',
    render: (p) => (p.pendingActions === 0 ? '—' : p.pendingActions),
  },
  {
    id: 'lastError',
    name: 'Last error',
    render: (p) => (p.lastError ? <span className="field-error">{p.lastError}</span> : '—'),
  },
];

/** The source's persons, paged on the server, searched and filtered by phase or failing ones. */
export function PersonsTab({ source }: { source: HrSourceDetail }) {
  const [phase, setPhase] = useState<string>(ANY);
  const [failing, setFailing] = useState(false);
  const list = useList(listHrPersons, {
    params: { id: source.id },
    filters: { phase: phase === ANY ? undefined : phase, failing: failing ? 'true' : undefined },
  });
  const page = list.data
    ? { ...list.data, items: list.data.items.map((p) => ({ ...p, id: p.employeeId })) }
    : undefined;
  return (
    <ListView
      label="Persons"
      searchLabel="Search persons by name or employee ID"
      list={list}
      page={page}
      columns={COLUMNS}
      rowHref={(p) => `/hr/${source.id}/persons/${encodeURIComponent(p.employeeId)}`}
      filters={
        <div className="toolbar">
          <SelectField
            label="Phase"
            value={phase}
            onChange={setPhase}
            options={[
              { id: ANY, label: 'Any phase' },
              ...HR_PHASES.map((p) => ({ id: p, label: PHASE_LABELS[p] })),
            ]}
          />
          <Checkbox isSelected={failing} onChange={setFailing}>
            Failing only
          </Checkbox>
        </div>
      }
      filtered={
        phase !== ANY || failing ? (
          <p>No persons match these filters. Clear a filter to see more.</p>
        ) : undefined
      }
      empty={
        <EmptyState title="No persons yet">
          <p>Persons appear here once the source is imported (Imports tab) or the HR system pushes them.</p>
        </EmptyState>
      }
    />
  );
}
