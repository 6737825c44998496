import { useState } from 'react';
import { getDeltaStatus, resetDeltas } from '../../../../../../src/contracts/api/entra-deltas.js';
import type { CallResult } from '../../../../lib/api.js';
import { useApi } from '../../../../lib/api-context.js';
import { describeFailure } from '../../../../lib/form-errors.js';
import { useQuery } from '../../../../lib/use-query.js';
import { Alert } from '../../../../ui/alert.js';
import { Button } from '../../../../ui/button.js';
import { DataTable, type TableColumn } from '../../../../ui/data-table.js';
import { ModalDialog } from '../../../../ui/dialog.js';
import { EmptyState } from '../../../../ui/empty-state.js';
import { Loading } from '../../../../ui/loading.js';
import { DELTA_MODULE_LABELS, deltaPositionText } from '../labels.js';
import { useConfigEditor } from './config-editor.js';

type DeltaStatus = CallResult<typeof getDeltaStatus>;
type Row = DeltaStatus['tenants'][number] & { id: string };
type Mode = 'clear' | 'latest';

/** A reset to confirm: every tenant and module, or one row. */
interface ResetTarget {
  mode: Mode;
  row: Row | null;
}

const whose = (row: Row | null) =>
  row ? `${DELTA_MODULE_LABELS[row.module] ?? row.module} of tenant ${row.tenantId}` : 'every tenant';

const CONSEQUENCE: Record<Mode, { title: string; action: string; body: (target: string) => string }> = {
  clear: {
    title: 'Clear deltas',
    action: 'Clear deltas',
    body: (target) =>
      `The next run of ${target} reads every user in Entra instead of only the changes, and makes the desk records of users no longer in Entra inactive (when deactivating users not found is on). That run takes longer and makes more Graph requests; the runs after it read changes again.`,
  },
  latest: {
    title: 'Get the latest delta',
    action: 'Get latest',
    body: (target) =>
      `The next run of ${target} starts from now: changes made in Entra since its last run are skipped and never imported (Clear reads every user again if you need them). Use it after a bulk change in Entra you do not want in the desk.`,
  },
};

const DONE: Record<Mode, string> = {
  clear: 'Cleared: the next run reads every user.',
  latest: 'Done: the next run starts from now.',
};

function ConfirmReset({
  target,
  busy,
  onCancel,
  onConfirm,
}: {
  target: ResetTarget | null;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (target: ResetTarget) => void;
}) {
  const words = target ? CONSEQUENCE[target.mode] : CONSEQUENCE.clear;
  return (
    <ModalDialog
      title={`${words.title} for ${whose(target?.row ?? null)}?`}
      isOpen={target !== null}
      onOpenChange={(open) => (open ? undefined : onCancel())}
    >
      {() => (
        <div className="stack">
          <p>{words.body(whose(target?.row ?? null))}</p>
          <div className="form-actions">
            <Button variant="quiet" onPress={onCancel} isDisabled={busy}>
              Cancel
            </Button>
            <Button
              variant={target?.mode === 'clear' ? 'danger' : 'primary'}
              isPending={busy}
              onPress={() => target && onConfirm(target)}
            >
              {words.action}
            </Button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}

/**
 * Reset Deltas (guide 001 fig. 32, guide 002 "for all tenants or for a specific tenant"): where
 * each tenant's users and agents rounds stand, as their next run will read, with Clear and Get
 * latest per row and for all, each confirmed with its consequence. Reads the saved settings.
 */
export function DeltaStatusPanel() {
  const editor = useConfigEditor();
  const call = useApi();
  const id = editor.connectionId;
  const status = useQuery(`entra-deltas:${id}:${editor.version}`, (signal) =>
    call(getDeltaStatus, { params: { id }, signal }),
  );
  const [target, setTarget] = useState<ResetTarget | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function reset(chosen: ResetTarget) {
    setBusy(true);
    setOutcome(null);
    try {
      const row = chosen.row;
      await call(resetDeltas, {
        params: { id },
        body: { mode: chosen.mode, ...(row ? { tenantId: row.tenantId, module: row.module } : {}) },
      });
      setOutcome({ tone: 'success', text: `${DONE[chosen.mode]} (${whose(row)})` });
      status.reload();
    } catch (cause) {
      setOutcome({ tone: 'error', text: describeFailure(cause).message });
    } finally {
      setBusy(false);
      setTarget(null);
    }
  }

  if (status.error) return <Alert title="The delta status could not be loaded">{status.error.message}</Alert>;
  const data = status.data;
  if (!data) return <Loading label="Loading where each tenant’s delta stands…" />;
  if (!data.enabled) {
    return (
      <EmptyState title="Delta queries are off">
        <p>
          Every scheduled run reads every user of the tenant.{' '}
          {editor.config.delta.enabled
            ? 'Save the configuration to turn them on: '
            : 'Turn them on above and save: '}
          each tenant’s next run then reads in full and keeps its place, and later runs read only what
          changed. Where each tenant stands, and Reset deltas, appear here.
        </p>
      </EmptyState>
    );
  }

  const rows: Row[] = data.tenants.map((t) => ({ ...t, id: `${t.tenantId}:${t.module}` }));
  const columns: TableColumn<Row>[] = [
    {
      id: 'tenant',
      name: 'Module and tenant',
      isRowHeader: true,
      render: (r) => `${DELTA_MODULE_LABELS[r.module] ?? r.module} of ${r.tenantId}`,
    },
    { id: 'position', name: 'Next run', render: (r) => deltaPositionText(r.position, r.updatedAt) },
  ];
  if (!editor.readOnly) {
    columns.push({
      id: 'actions',
      name: 'Reset',
      render: (r) => (
        <div className="toolbar">
          <Button
            variant="quiet"
            aria-label={`Clear deltas of ${whose(r)}`}
            onPress={() => setTarget({ mode: 'clear', row: r })}
          >
            Clear
          </Button>
          <Button
            variant="quiet"
            aria-label={`Get the latest delta of ${whose(r)}`}
            onPress={() => setTarget({ mode: 'latest', row: r })}
          >
            Get latest
          </Button>
        </div>
      ),
    });
  }
  return (
    <div className="stack">
      <h3>Reset deltas</h3>
      {editor.config.delta.enabled ? null : (
        <Alert tone="warning">
          Not saved yet: once you save, scheduled runs read every user again and these positions are no longer
          used.
        </Alert>
      )}
      <DataTable
        label="Delta status per tenant"
        columns={columns}
        items={rows}
        empty={<p>No tenant has been read yet.</p>}
        busy={status.loading}
      />
      {editor.readOnly ? (
        <p className="muted">Resetting deltas needs modify access to this connection.</p>
      ) : (
        <div className="toolbar">
          <Button onPress={() => setTarget({ mode: 'clear', row: null })}>Clear all</Button>
          <Button onPress={() => setTarget({ mode: 'latest', row: null })}>Get latest for all</Button>
        </div>
      )}
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
      <ConfirmReset
        target={target}
        busy={busy}
        onCancel={() => setTarget(null)}
        onConfirm={(t) => void reset(t)}
      />
    </div>
  );
}
