import { useState } from 'react';
import {
  exportHrEvents,
  HR_EVENT_RESULT_VALUES,
  listHrEvents,
} from '../../../../../../src/contracts/api/hr-persons.js';
import type { HrSourceDetail } from '../../../../../../src/contracts/api/hr-sources.js';
import { endpointUrl } from '../../../../lib/api.js';
import { useDebouncedValue } from '../../../../lib/use-debounced-value.js';
import { useList } from '../../../../lib/use-list.js';
import { Alert } from '../../../../ui/alert.js';
import { Pager } from '../../../../ui/pager.js';
import { SelectField } from '../../../../ui/select-field.js';
import { TextField } from '../../../../ui/text-field.js';
import { RESULT_LABELS } from '../labels.js';
import { EventsTable } from './events-table.js';

const ANY = 'any';

/** Every change Rollcall made (or would make) for the source's persons, filtered, paged and exportable. */
export function AuditTab({ source }: { source: HrSourceDetail }) {
  const [result, setResult] = useState<string>(ANY);
  const [employeeText, setEmployeeText] = useState('');
  const employeeId = useDebouncedValue(employeeText.trim()) || undefined;
  const filters = { result: result === ANY ? undefined : result, employeeId };
  const list = useList(listHrEvents, { params: { id: source.id }, filters });
  const exportUrl = endpointUrl(exportHrEvents, {
    params: { id: source.id },
    query: filters as { result?: (typeof HR_EVENT_RESULT_VALUES)[number]; employeeId?: string },
  });
  return (
    <section className="stack" aria-label="Audit trail">
      <div className="toolbar">
        <SelectField
          label="Result"
          value={result}
          onChange={setResult}
          options={[
            { id: ANY, label: 'Any result' },
            ...HR_EVENT_RESULT_VALUES.map((r) => ({ id: r, label: RESULT_LABELS[r] })),
          ]}
        />
        <TextField label="Employee ID" value={employeeText} onChange={setEmployeeText} />
        <a className="button button-secondary" href={exportUrl} download>
          Export CSV
        </a>
      </div>
      {list.error ? <Alert title="The audit trail could not be loaded">{list.error.message}</Alert> : null}
      <EventsTable items={list.data?.items ?? []} showPerson />
      <Pager
        pageIndex={list.pageIndex}
        pageSize={list.pageSize}
        shown={list.data?.items.length ?? 0}
        total={list.data?.total ?? null}
        hasPrevious={list.hasPrevious}
        hasNext={list.hasNext}
        onPrevious={list.previous}
        onNext={list.next}
      />
    </section>
  );
}
