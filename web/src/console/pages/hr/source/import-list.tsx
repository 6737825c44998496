import { useState } from 'react';
import {
  confirmHrImport,
  discardHrImport,
  type HrImport,
} from '../../../../../../src/contracts/api/hr-imports.js';
import { useApi } from '../../../../lib/api-context.js';
import { describeFailure } from '../../../../lib/form-errors.js';
import { formatDateTime } from '../../../../lib/format.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';

const STATUS: Record<HrImport['status'], { label: string; badge: string }> = {
  applied: { label: 'Applied', badge: 'badge badge-ok' },
  held: { label: 'Held', badge: 'badge badge-warn' },
  confirmed: { label: 'Confirmed', badge: 'badge badge-ok' },
  discarded: { label: 'Discarded', badge: 'badge' },
  failed: { label: 'Failed', badge: 'badge badge-off' },
};

const ORIGINS: Record<string, string> = {
  upload: 'Upload',
  folder: 'Watched folder',
  json: 'JSON API',
  scim: 'SCIM push',
};

/** A held import: why a threshold stopped it, and Confirm or Discard for those who may. */
function HeldImport({
  item,
  canManage,
  decided,
}: {
  item: HrImport;
  canManage: boolean;
  decided: () => void;
}) {
  const call = useApi();
  const [busy, setBusy] = useState<'confirm' | 'discard' | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function decide(what: 'confirm' | 'discard') {
    setBusy(what);
    setError(null);
    try {
      await call(what === 'confirm' ? confirmHrImport : discardHrImport, {
        params: { id: item.sourceId, importId: item.id },
      });
      decided();
    } catch (cause) {
      setError(describeFailure(cause).message);
    } finally {
      setBusy(null);
    }
  }
  return (
    <Alert tone="warning" title={`Import of ${formatDateTime(item.createdAt)} is held`}>
      <ul className="problem-list" aria-label="Why it is held">
        {item.heldReasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {error ? <p className="field-error">{error}</p> : null}
      {canManage ? (
        <div className="toolbar">
          <Button variant="primary" isPending={busy === 'confirm'} onPress={() => void decide('confirm')}>
            Confirm import
          </Button>
          <Button isPending={busy === 'discard'} onPress={() => void decide('discard')}>
            Discard import
          </Button>
        </div>
      ) : (
        <p className="muted">Confirming or discarding needs the “hr.manage” permission.</p>
      )}
    </Alert>
  );
}

/** A source's imports, newest first: what each changed, problems found, and the held ones to decide. */
export function ImportList({
  items,
  canManage,
  decided,
}: {
  items: HrImport[];
  canManage: boolean;
  decided: () => void;
}) {
  const held = items.filter((i) => i.status === 'held');
  return (
    <div className="stack">
      {held.map((item) => (
        <HeldImport key={item.id} item={item} canManage={canManage} decided={decided} />
      ))}
      <table className="edit-table" aria-label="Imports">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">From</th>
            <th scope="col">Status</th>
            <th scope="col">Added</th>
            <th scope="col">Removed</th>
            <th scope="col">Changed</th>
            <th scope="col">Unchanged</th>
            <th scope="col">Problems</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? (
            <tr>
              <td colSpan={9} className="muted">
                No imports yet.
              </td>
            </tr>
          ) : null}
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">{formatDateTime(item.createdAt)}</th>
              <td>
                {ORIGINS[item.origin] ?? item.origin}
                {item.fileName ? ` (${item.fileName})` : ''}
              </td>
              <td>
                <span className={STATUS[item.status].badge}>{STATUS[item.status].label}</span>
                {item.decidedByName ? <span className="muted"> by {item.decidedByName}</span> : null}
              </td>
              <td>{item.counts.added}</td>
              <td>{item.counts.removed}</td>
              <td>{item.counts.changed}</td>
              <td>{item.counts.unchanged}</td>
              <td>
                {item.problems.length === 0 ? (
                  item.counts.problems
                ) : (
                  <details className="changes">
                    <summary>{item.counts.problems} rows left out</summary>
                    <ul className="problem-list">
                      {item.problems.map((p) => (
                        <li key={`${p.row}:${p.field}`}>
                          Row {p.row}, {p.field}: {p.message}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
              <td>{item.createdByName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
