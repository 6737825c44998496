import { useState } from 'react';
import {
  getConnectionNotifications,
  repairConnectionNotifications,
  setConnectionNotifications,
  type ConnectionNotifications,
} from '../../../../../src/contracts/api/graph-notifications.js';
import { useApi } from '../../../lib/api-context.js';
import { describeFailure } from '../../../lib/form-errors.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { Button } from '../../../ui/button.js';
import { Checkbox } from '../../../ui/checkbox.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { Loading } from '../../../ui/loading.js';
import { NotificationsTable } from './notifications-table.js';

export interface NotificationsTabProps {
  connectionId: string;
  canModify: boolean;
}

/** Said when the server has no address Microsoft could deliver to. */
function Unavailable({ reason }: { reason: string }) {
  return (
    <EmptyState title="Change notifications are not available on this server">
      <p>{reason}</p>
      <p>
        Microsoft delivers notifications to{' '}
        <span className="code">&lt;publicUrl&gt;/api/notifications/graph</span>. Set{' '}
        <span className="code">publicUrl</span> (or <span className="code">ROLLCALL_PUBLIC_URL</span>) to the
        https address of this server that Microsoft can reach from the internet, and restart it. Without
        notifications, the integrator&apos;s schedule still keeps the desk up to date.
      </p>
    </EmptyState>
  );
}

function Controls({
  data,
  canModify,
  reload,
}: {
  data: ConnectionNotifications;
  canModify: boolean;
  reload: () => void;
}) {
  const call = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function run(work: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await work();
      setNote(done);
      reload();
    } catch (cause) {
      setError(describeFailure(cause).message);
    }
    setBusy(false);
  }

  const params = { id: data.connectionId };
  return (
    <div className="stack">
      <Checkbox
        isSelected={data.enabled}
        isDisabled={!canModify || busy || (!data.enabled && data.unavailableReason !== null)}
        onChange={(enabled) =>
          void run(
            () => call(setConnectionNotifications, { params, body: { enabled } }),
            enabled
              ? 'Switched on: subscriptions are being created and validated by Microsoft.'
              : 'Switched off: the subscriptions are being deleted.',
          )
        }
      >
        Listen for changes in the directory
      </Checkbox>
      {canModify && data.enabled ? (
        <div className="toolbar">
          <Button
            isPending={busy}
            onPress={() =>
              void run(
                () => call(repairConnectionNotifications, { params }),
                'Repair queued: the subscriptions are being created again.',
              )
            }
          >
            Repair subscriptions
          </Button>
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {note ? <Alert tone="info">{note}</Alert> : null}
    </div>
  );
}

/**
 * "Change notifications" of an Entra connection: Microsoft tells Rollcall within seconds when a
 * user or group changes, and the tenant's sync runs; the schedule stays the safety net.
 */
export function NotificationsTab({ connectionId, canModify }: NotificationsTabProps) {
  const call = useApi();
  const query = useQuery(`entra-notifications:${connectionId}`, (signal) =>
    call(getConnectionNotifications, { params: { id: connectionId }, signal }),
  );
  const data = query.data;
  if (query.error) return <Alert>{query.error.message}</Alert>;
  if (!data) return <Loading label="Loading change notifications…" />;
  return (
    <section className="card stack" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Change notifications</h2>
      <p>
        With notifications on, Microsoft tells Rollcall within seconds when a user or group of a tenant
        changes, and that tenant&apos;s sync runs at once. Notifications can be lost (Microsoft gives up after
        4 hours), so the integrator&apos;s schedule keeps running as the safety net. Subscriptions are renewed
        before they expire and created again if Microsoft loses them.
      </p>
      {data.unavailableReason && !data.enabled ? <Unavailable reason={data.unavailableReason} /> : null}
      {data.unavailableReason && data.enabled ? <Alert tone="warning">{data.unavailableReason}</Alert> : null}
      {data.notificationUrl ? (
        <p className="muted">
          Microsoft delivers to <span className="code">{data.notificationUrl}</span>.
        </p>
      ) : null}
      <Controls data={data} canModify={canModify} reload={query.reload} />
      {data.enabled || data.subscriptions.length > 0 ? (
        <NotificationsTable subscriptions={data.subscriptions} />
      ) : null}
    </section>
  );
}
