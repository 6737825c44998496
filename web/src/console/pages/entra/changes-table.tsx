import type { FieldChange } from '../../../../../src/contracts/entra/index.js';

const blank = (v: string | null) => (v === null || v === '' ? <span className="muted">(blank)</span> : v);

/** Field-level before → after, expandable ("3 changes"). */
export function ChangesDetails({ changes, label }: { changes: FieldChange[]; label: string }) {
  if (changes.length === 0) return <span className="muted">No field changes</span>;
  return (
    <details className="changes">
      <summary aria-label={`${changes.length} field change${changes.length === 1 ? '' : 's'} of ${label}`}>
        {changes.length} change{changes.length === 1 ? '' : 's'}
      </summary>
      <table aria-label={`Changes of ${label}`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col" aria-hidden="true" />
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.field}>
              <th scope="row" className="code">
                {c.field}
              </th>
              <td>{blank(c.before)}</td>
              <td aria-hidden="true">→</td>
              <td>{blank(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The `changes` of an inbound log entry's details, when it has them in the plan's shape. */
export function changesOf(details: Record<string, unknown>): FieldChange[] {
  const raw = details.changes;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (c): c is FieldChange =>
      typeof c === 'object' && c !== null && typeof (c as { field?: unknown }).field === 'string',
  );
}
