import { useState } from 'react';
import { listAccounts } from '../../../../../src/contracts/api/accounts.js';
import {
  getConnectionGrants,
  setConnectionGrants,
} from '../../../../../src/contracts/api/connection-grants.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { ComboPicker } from '../../../ui/combo-picker.js';
import { Loading } from '../../../ui/loading.js';
import { SelectField, type SelectOption } from '../../../ui/select-field.js';

type Access = 'read' | 'modify';
interface GrantRow {
  accountId: string;
  displayName: string;
  email: string;
  access: Access;
}

type AgentOption = SelectOption & { displayName: string; email: string };

const ACCESS_OPTIONS = [
  { id: 'read', label: 'Read' },
  { id: 'modify', label: 'Read and modify' },
];

function GrantsEditor({
  connectionId,
  initial,
  close,
}: {
  connectionId: string;
  initial: GrantRow[];
  close: () => void;
}) {
  const call = useApi();
  const [rows, setRows] = useState(initial);
  const [adding, setAdding] = useState<AgentOption | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    try {
      await call(setConnectionGrants, {
        params: { id: connectionId },
        body: { grants: rows.map((r) => ({ accountId: r.accountId, access: r.access })) },
      });
      close();
    } catch (cause) {
      setError(describeFailure(cause).message);
      setBusy(false);
    }
  }

  return (
    <div className="stack">
      <p>
        Agents listed here may read, or read and modify, this connection’s setup, mappings and imports. They
        cannot create connections or see others.
      </p>
      {error ? <Alert>{error}</Alert> : null}
      <table className="edit-table" aria-label="Access to this connection">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Access</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                Nobody besides the integration’s administrators.
              </td>
            </tr>
          ) : null}
          {rows.map((r) => (
            <tr key={r.accountId}>
              <th scope="row">
                {r.displayName} <span className="muted">{r.email}</span>
              </th>
              <td>
                <SelectField
                  label={`Access of ${r.displayName}`}
                  labelHidden
                  options={ACCESS_OPTIONS}
                  value={r.access}
                  onChange={(access) =>
                    setRows((all) =>
                      all.map((x) => (x.accountId === r.accountId ? { ...x, access: access as Access } : x)),
                    )
                  }
                />
              </td>
              <td>
                <Button
                  variant="quiet"
                  aria-label={`Remove ${r.displayName}`}
                  onPress={() => setRows((all) => all.filter((x) => x.accountId !== r.accountId))}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <ComboPicker<AgentOption>
          label="Agent to add"
          sourceKey="agent-accounts"
          value={adding?.id ?? null}
          valueLabel={adding?.label}
          onChange={setAdding}
          search={async (text, signal) => {
            const page = await call(listAccounts, {
              query: { kind: 'agent', search: text, limit: 20 },
              signal,
            });
            return page.items.map((a) => ({
              id: a.id,
              label: `${a.displayName} (${a.email})`,
              displayName: a.displayName,
              email: a.email,
            }));
          }}
        />
        <Button
          isDisabled={!adding || rows.some((r) => r.accountId === adding.id)}
          onPress={() => {
            if (!adding) return;
            const { id, displayName, email } = adding;
            setRows((all) => [...all, { accountId: id, displayName, email, access: 'read' }]);
            setAdding(null);
          }}
        >
          Add agent
        </Button>
      </div>
      <div className="form-actions">
        <Button variant="quiet" onPress={close}>
          Cancel
        </Button>
        <Button variant="primary" isPending={busy} onPress={() => void save()}>
          Save access
        </Button>
      </div>
    </div>
  );
}

/** Access control of one connection: who else may read or change it (needs agents.write). */
export function AccessControl({ connectionId, close }: { connectionId: string; close: () => void }) {
  const call = useApi();
  const grants = useQuery(`grants:${connectionId}`, (signal) =>
    call(getConnectionGrants, { params: { id: connectionId }, signal }),
  );
  if (grants.error) return <Alert>{grants.error.message}</Alert>;
  if (!grants.data) return <Loading />;
  return (
    <GrantsEditor
      connectionId={connectionId}
      initial={grants.data.grants.map((g) => ({
        accountId: g.accountId,
        displayName: g.displayName,
        email: g.email,
        access: g.access,
      }))}
      close={close}
    />
  );
}
