import type { HrEventView } from '../../../../../../src/contracts/api/hr-persons.js';
import { formatDateTime } from '../../../../lib/format.js';
import { ACTION_LABELS, EVENT_LABELS, RESULT_LABELS, resultBadge } from '../labels.js';

function Json({ label, value }: { label: string; value: Record<string, unknown> | null }) {
  if (!value) return null;
  return (
    <>
      <strong>{label}</strong>
      <pre className="code" aria-label={label}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </>
  );
}

/** Audit entries: when, who, what, why, and the result, each with its request and response to expand. */
export function EventsTable({ items, showPerson }: { items: HrEventView[]; showPerson: boolean }) {
  return (
    <table className="edit-table" aria-label="Audit entries">
      <thead>
        <tr>
          <th scope="col">When</th>
          {showPerson ? <th scope="col">Employee ID</th> : null}
          <th scope="col">Event</th>
          <th scope="col">Action</th>
          <th scope="col">Result</th>
          <th scope="col">Why</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {items.length === 0 ? (
          <tr>
            <td colSpan={showPerson ? 7 : 6} className="muted">
              No audit entries match.
            </td>
          </tr>
        ) : null}
        {items.map((e) => (
          <tr key={e.id}>
            <th scope="row">{formatDateTime(e.at)}</th>
            {showPerson ? <td>{e.employeeId}</td> : null}
            <td>{EVENT_LABELS[e.event]}</td>
            <td>{ACTION_LABELS[e.action]}</td>
            <td>
              <span className={resultBadge(e.result)}>{RESULT_LABELS[e.result]}</span>
              {e.message ? <div className="muted">{e.message}</div> : null}
            </td>
            <td>{e.reasons.join('; ') || '—'}</td>
            <td>
              <details className="changes">
                <summary>Request and response</summary>
                <Json label="Detail" value={e.detail} />
                <Json label="Request" value={e.request} />
                <Json label="Response" value={e.response} />
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
