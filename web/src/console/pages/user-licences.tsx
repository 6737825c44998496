import { useEffect, useRef, useState } from 'react';
import {
  getUserLicences,
  licenceChangeInputSchema,
  listLicenceChanges,
  requestLicenceChange,
  type LicenceChangeView,
  type UserLicencesView,
} from '../../../../src/contracts/api/licence-changes.js';
import { useMe } from '../../auth/session.js';
import { useApi } from '../../lib/api-context.js';
import { formatDateTime } from '../../lib/format.js';
import { can } from '../../lib/permissions.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { usePollWhile } from '../../lib/use-poll-while.js';
import { useQuery } from '../../lib/use-query.js';
import { Alert } from '../../ui/alert.js';
import { Button } from '../../ui/button.js';
import { DialogButton } from '../../ui/dialog.js';
import { FormBody } from '../../ui/form-body.js';
import { SelectField } from '../../ui/select-field.js';

/** How often the panel looks again while a change is on its way to Microsoft. */
const POLL_MS = 2000;
const RECENT_CHANGES = 10;

const STATUS_LABELS: Record<LicenceChangeView['status'], string> = {
  pending: 'Waiting to be sent',
  running: 'Sending to Microsoft',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
const STATUS_BADGES: Record<LicenceChangeView['status'], string> = {
  pending: 'badge',
  running: 'badge',
  succeeded: 'badge badge-ok',
  failed: 'badge badge-warn',
  cancelled: 'badge badge-off',
};

const inFlight = (c: LicenceChangeView) => c.status === 'pending' || c.status === 'running';

/**
 * Reads the user's licences again each time a change is seen settled, and only after: a change
 * is recorded with the licences it gave in one transaction, so a read that follows the answer
 * showing it done sees them. (Reading both at once could read the licences just before a change
 * that the other read already shows done, and nothing would read them again.)
 */
function useReloadWhenSettled(changes: readonly LicenceChangeView[] | undefined, reload: () => void) {
  const settled = changes
    ?.filter((c) => !inFlight(c))
    .map((c) => `${c.id}:${c.status}`)
    .join(',');
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (settled === undefined) return;
    if (seen.current !== undefined && seen.current !== settled) reload();
    seen.current = settled;
  }, [settled, reload]);
}

function AssignLicenceForm({
  userId,
  licences,
  close,
  queued,
}: {
  userId: string;
  licences: UserLicencesView;
  close: () => void;
  queued: () => void;
}) {
  const call = useApi();
  const held = new Set(licences.licences.map((l) => l.skuId));
  const options = licences.assignable
    .filter((l) => !held.has(l.skuId))
    .map((l) => ({ id: l.skuId, label: `${l.name} (${l.availableUnits} of ${l.totalUnits} free)` }));
  const submit = useFormSubmit({
    schema: licenceChangeInputSchema,
    toBody: (v) => ({ operation: 'assign', skuId: v.skuId }),
    send: (body) => call(requestLicenceChange, { params: { id: userId }, body }),
    onDone: () => {
      close();
      queued();
    },
  });
  if (options.length === 0) {
    return (
      <Alert tone="info">
        The user holds every licence the desk knows for this tenant. Run the licences module of the connection
        if a licence is missing.
      </Alert>
    );
  }
  return (
    <FormBody submit={submit} submitLabel="Assign" label="Assign a licence" onCancel={close}>
      <p className="field-description">
        Rollcall asks Microsoft to assign it; the licence shows here once Microsoft confirms. Seat counts are
        as the desk last saw them.
      </p>
      <SelectField label="Licence" name="skuId" options={options} defaultValue={options[0]!.id} />
    </FormBody>
  );
}

/** A user's Microsoft licences, and assigning or removing one from the desk (licences.manage). */
export function UserLicencesCard({ userId }: { userId: string }) {
  const me = useMe();
  const call = useApi();
  const licences = useQuery(`user-licences:${userId}`, (signal) =>
    call(getUserLicences, { params: { id: userId }, signal }),
  );
  const changes = useQuery(`user-licence-changes:${userId}`, (signal) =>
    call(listLicenceChanges, { query: { userId, limit: RECENT_CHANGES }, signal }),
  );
  const [removing, setRemoving] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const waiting = (changes.data?.items ?? []).some(inFlight);
  const { reload: reloadChanges } = changes;
  usePollWhile(waiting, POLL_MS, reloadChanges);
  useReloadWhenSettled(changes.data?.items, licences.reload);

  const remove = async (skuId: string) => {
    setRemoving(skuId);
    setRemoveError(null);
    try {
      await call(requestLicenceChange, {
        params: { id: userId },
        body: { operation: 'remove', skuId, disabledPlans: [] },
      });
      reloadChanges();
    } catch (error) {
      setRemoveError(error instanceof Error ? error.message : String(error));
    } finally {
      setRemoving(null);
    }
  };

  const data = licences.data;
  const mayManage = can(me, 'licences.manage') && data?.managedBy !== null;
  const pendingBySku = new Map((changes.data?.items ?? []).filter(inFlight).map((c) => [c.skuId, c]));
  return (
    <section className="card" aria-labelledby="user-licences">
      <h2 id="user-licences">Microsoft licences</h2>
      {licences.error ? <Alert>{licences.error.message}</Alert> : null}
      {data?.managementBlockedBy && can(me, 'licences.manage') ? (
        <Alert tone="info" title="Licences cannot be changed from the desk">
          {data.managementBlockedBy}
        </Alert>
      ) : null}
      {removeError ? <Alert>{removeError}</Alert> : null}
      {data && data.licences.length === 0 ? <p>No licences. {mayManage ? 'Assign one below.' : ''}</p> : null}
      {data && data.licences.length > 0 ? (
        <table className="table" aria-label="Licences held">
          <thead>
            <tr>
              <th scope="col">Licence</th>
              <th scope="col">How</th>
              <th scope="col">Disabled plans</th>
              {mayManage ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.licences.map((l) => (
              <tr key={l.skuId}>
                <th scope="row">{l.name}</th>
                <td>
                  {l.viaGroup ? (
                    <span
                      className="badge"
                      title="Group-based licensing: remove the user from the group in Entra ID"
                    >
                      From a group
                    </span>
                  ) : (
                    'Direct'
                  )}
                </td>
                <td>{l.disabledPlans.length}</td>
                {mayManage ? (
                  <td>
                    {l.viaGroup ? null : pendingBySku.has(l.skuId) ? (
                      <span className="badge">Change on its way</span>
                    ) : (
                      <Button
                        onPress={() => void remove(l.skuId)}
                        isDisabled={removing !== null}
                        aria-label={`Remove ${l.name}`}
                      >
                        {removing === l.skuId ? 'Removing…' : 'Remove'}
                      </Button>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {mayManage && data ? (
        <DialogButton label="Assign licence" title="Assign a licence">
          {(close) => (
            <AssignLicenceForm userId={userId} licences={data} close={close} queued={reloadChanges} />
          )}
        </DialogButton>
      ) : null}
      {changes.data && changes.data.items.length > 0 ? (
        <>
          <h3>Licence changes</h3>
          <table className="table" aria-label="Licence changes">
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Status</th>
                <th scope="col">Asked by</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {changes.data.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.operation === 'assign' ? 'Assign' : 'Remove'} {c.skuName}
                    {c.usageLocationSet ? <small> (usage location set to {c.usageLocationSet})</small> : null}
                  </th>
                  <td>
                    <span className={STATUS_BADGES[c.status]}>{STATUS_LABELS[c.status]}</span>
                    {c.error ? (
                      <p className="field-description">
                        <strong>{c.error.title}.</strong> {c.error.message} {c.error.howToFix}
                      </p>
                    ) : null}
                  </td>
                  <td>{c.requestedBy?.name ?? 'Rollcall'}</td>
                  <td>{formatDateTime(c.completedAt ?? c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
