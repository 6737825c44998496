import { useState } from 'react';
import {
  exportPreviewItems,
  getImportConfig,
  listPreviewItems,
} from '../../../../../src/contracts/api/entra-import.js';
import {
  PLAN_OUTCOMES,
  PLAN_REASON_CODES,
  type PlannedUser,
  type PlanOutcome,
} from '../../../../../src/contracts/entra/index.js';
import { endpointUrl } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { useDebouncedValue } from '../../../lib/use-debounced-value.js';
import { useList } from '../../../lib/use-list.js';
import { useQuery } from '../../../lib/use-query.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { SelectField } from '../../../ui/select-field.js';
import { ChangesDetails } from './changes-table.js';
import { useLookups } from './config/lookups.js';
import { SiteName } from './config/site-pickers.js';
import { MAPPING_TYPES, OUTCOME_LABELS, REASON_LABELS } from './labels.js';

type Row = PlannedUser & { id: string };

const ALL = 'all';
const OUTCOME_OPTIONS = [
  { id: ALL, label: 'Every outcome' },
  ...PLAN_OUTCOMES.map((o) => ({ id: o, label: OUTCOME_LABELS[o] })),
];
const REASON_OPTIONS = [
  { id: ALL, label: 'Every reason' },
  ...PLAN_REASON_CODES.map((r) => ({ id: r, label: REASON_LABELS[r] })),
];

function outcomeBadge(outcome: PlanOutcome) {
  const tone: Record<PlanOutcome, string> = {
    create: 'badge-ok',
    update: 'badge-ok',
    unchanged: '',
    deactivate: 'badge-off',
    excluded: '',
    review: 'badge-warn',
  };
  return <span className={`badge ${tone[outcome]}`}>{OUTCOME_LABELS[outcome]}</span>;
}

/** A creation lists every value it sets; an update only its changes. */
function changesOf(r: PlannedUser) {
  if (r.outcome === 'create' && r.changes.length === 0 && r.values)
    return Object.entries(r.values).map(([field, after]) => ({ field, before: null, after }));
  return r.changes;
}

/** Role names of a planned record (ids of roles the lookups do not know). */
function Roles({ ids }: { ids: string[] | null }) {
  const { roleName } = useLookups();
  if (!ids || ids.length === 0) return null;
  const names = ids.map((id) => roleName(id) ?? id);
  return <div className="muted">Roles: {names.join(', ')}</div>;
}

function Destination({ r }: { r: PlannedUser }) {
  if (r.outcome === 'excluded') return null;
  if (r.agent) {
    const licence = r.agent.licenceType ? `, ${r.agent.licenceType} licence` : '';
    return (
      <>
        Agent{licence}
        <Roles ids={r.roleIds} />
      </>
    );
  }
  if (!r.site) return null;
  return (
    <>
      {'siteId' in r.site ? <SiteName siteId={r.site.siteId} /> : <>New site “{r.site.newSite.name}”</>}
      <Roles ids={r.roleIds} />
    </>
  );
}

/** The preview's decisions: filter by outcome and reason, search, page, export as CSV. */
export function PreviewItems({ connectionId, previewId }: { connectionId: string; previewId: string }) {
  const call = useApi();
  const [outcome, setOutcome] = useState(ALL);
  const [reason, setReason] = useState(ALL);
  const filters = {
    outcome: outcome === ALL ? undefined : outcome,
    reasonCode: reason === ALL ? undefined : reason,
  };
  const list = useList(listPreviewItems, { params: { id: previewId }, filters });
  const search = useDebouncedValue(list.searchText.trim());
  const config = useQuery(`preview-config:${connectionId}`, (signal) =>
    call(getImportConfig, { params: { id: connectionId }, signal }),
  );
  const mappingName = (id: string | null) => {
    if (!id) return '';
    const m = config.data?.config.siteMappings.find((s) => s.id === id);
    if (!m) return 'A mapping since removed';
    return `${m.description || MAPPING_TYPES[m.type].label} (sequence ${m.sequence})`;
  };
  const csv = endpointUrl(exportPreviewItems, {
    params: { id: previewId },
    query: { ...filters, ...(search ? { search } : {}) } as never,
  });
  const page = list.data && {
    ...list.data,
    items: list.data.items.map((r, i): Row => ({
      ...r,
      id: `${r.tenantId}:${r.entraId}:${r.deskId ?? ''}:${i}`,
    })),
  };
  const columns: TableColumn<Row>[] = [
    { id: 'displayName', name: 'Display name', isRowHeader: true, render: (r) => r.displayName },
    { id: 'outcome', name: 'Outcome', render: (r) => outcomeBadge(r.outcome) },
    {
      id: 'reason',
      name: 'Reason',
      render: (r) => (
        <>
          {r.reason}
          <div className="muted code">{r.reasonCode}</div>
          {r.candidates.length > 0 ? (
            <div className="muted">{r.candidates.length} matching desk records</div>
          ) : null}
        </>
      ),
    },
    { id: 'mapping', name: 'Mapping', render: (r) => mappingName(r.mappingId) },
    { id: 'site', name: 'Goes to', render: (r) => <Destination r={r} /> },
    {
      id: 'changes',
      name: 'Changes',
      render: (r) => <ChangesDetails changes={changesOf(r)} label={r.displayName} />,
    },
  ];
  const filtering = outcome !== ALL || reason !== ALL;
  return (
    <section className="card stack" aria-labelledby="preview-decisions">
      <div className="page-header">
        <h2 id="preview-decisions">Decisions</h2>
        <a className="button button-secondary" href={csv} download>
          Export CSV
        </a>
      </div>
      <ListView
        label="Preview decisions"
        searchLabel="Search by name or Entra id"
        list={list}
        page={page}
        columns={columns}
        filters={
          <div className="toolbar">
            <SelectField label="Outcome" options={OUTCOME_OPTIONS} value={outcome} onChange={setOutcome} />
            <SelectField label="Reason" options={REASON_OPTIONS} value={reason} onChange={setReason} />
          </div>
        }
        filtered={filtering ? <p>No decisions with this outcome or reason.</p> : undefined}
        empty={
          <EmptyState title="No Entra users in this preview">
            <p>
              The tenant returned no users, or the preview has expired (previews are kept for 30 minutes).
            </p>
          </EmptyState>
        }
      />
    </section>
  );
}
