import { useState, type ReactNode } from 'react';
import {
  BULK_LICENCE_CHANGE_LIMIT,
  bulkLicenceChangeInputSchema,
  getLicenceBatch,
  getUserLicences,
  listLicenceChanges,
  requestBulkLicenceChange,
  type LicenceChangeRefusal,
  type LicenceChangeStatus,
  type LicenceOperation,
} from '../../../../src/contracts/api/licence-changes.js';
import type { UserView } from '../../../../src/contracts/api/users.js';
import { useApi } from '../../lib/api-context.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { usePollWhile } from '../../lib/use-poll-while.js';
import { useQuery } from '../../lib/use-query.js';
import { Alert } from '../../ui/alert.js';
import { Button } from '../../ui/button.js';
import { DialogButton } from '../../ui/dialog.js';
import { FormBody } from '../../ui/form-body.js';
import { Loading } from '../../ui/loading.js';
import { RadioField } from '../../ui/radio.js';
import { SelectField } from '../../ui/select-field.js';

/** How often the progress view asks again while changes are on their way to Microsoft. */
const POLL_MS = 2000;
/** Failed changes listed at once (a batch may hold 5,000). */
const FAILURES_SHOWN = 100;

type Selected = Pick<UserView, 'id' | 'displayName' | 'tenantId' | 'customerName'>;

/** A bulk request the API took: its batch, the changes queued in it, and the users refused. */
interface SentBatch {
  batchId: string;
  /** Changes queued in this batch (what the batch's counts add up to). */
  queued: number;
  /** Users whose same change was already on its way from an earlier request. */
  alreadyWaiting: number;
  refused: LicenceChangeRefusal[];
  operation: LicenceOperation;
  skuName: string;
}

const STATUS_WORDS: Record<LicenceChangeStatus, string> = {
  pending: 'Waiting to be sent',
  running: 'Sending to Microsoft',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The selection's tenants, each with its customer names and users (unlinked users apart). */
function tenantsOf(users: readonly Selected[]) {
  const tenants = new Map<string, { customers: Set<string>; users: number }>();
  for (const user of users) {
    if (!user.tenantId) continue;
    const entry = tenants.get(user.tenantId) ?? { customers: new Set<string>(), users: 0 };
    entry.customers.add(user.customerName);
    entry.users += 1;
    tenants.set(user.tenantId, entry);
  }
  return tenants;
}

/**
 * The toolbar of a list with ticked users: how many, clear, and "Assign/remove licence" opening
 * the bulk dialog (shown only to agents with licences.manage: the page decides).
 */
export function BulkLicenceBar({
  selected,
  onClear,
}: {
  selected: readonly Selected[];
  onClear: () => void;
}) {
  const count = selected.length;
  return (
    <div className="list-toolbar" aria-label="Selected users" role="group">
      <p role="status" aria-live="polite">
        {count === 0
          ? 'Tick users to assign or remove a licence for many at once.'
          : `${plural(count, 'user')} selected`}
      </p>
      {count > 0 ? (
        <Button variant="quiet" onPress={onClear}>
          Clear selection
        </Button>
      ) : null}
      <DialogButton
        label="Assign/remove licence"
        title="Assign or remove a licence"
        isDisabled={count === 0}
        wide
      >
        {(close) => <BulkLicenceDialog users={selected} close={close} />}
      </DialogButton>
    </div>
  );
}

/** The dialog: choose (one tenant only), then follow the batch. */
function BulkLicenceDialog({ users, close }: { users: readonly Selected[]; close: () => void }) {
  const [sent, setSent] = useState<SentBatch | null>(null);
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  if (sent) return <BatchProgress {...sent} names={names} close={close} />;

  const tenants = tenantsOf(users);
  const unlinked = users.filter((u) => !u.tenantId).length;
  if (users.length > BULK_LICENCE_CHANGE_LIMIT) {
    return (
      <ChoiceRefused close={close} title="Too many users for one change">
        A change names at most {BULK_LICENCE_CHANGE_LIMIT.toLocaleString()} users and {users.length} are
        selected. Untick some, or filter the list, then try again.
      </ChoiceRefused>
    );
  }
  if (tenants.size === 0) {
    return (
      <ChoiceRefused close={close} title="None of these users is linked to Microsoft">
        Licences are assigned to users imported from Microsoft Entra ID. Import the customer’s users first
        (Integrations), then select them again.
      </ChoiceRefused>
    );
  }
  if (tenants.size > 1) {
    return (
      <ChoiceRefused close={close} title={`The selected users are in ${tenants.size} Microsoft tenants`}>
        <p>
          A licence belongs to one tenant, so a change is for the users of one tenant at a time. Keep the
          users of one customer selected (filter the list by customer), then try again.
        </p>
        <ul aria-label="Tenants in the selection">
          {[...tenants].map(([tenantId, t]) => (
            <li key={tenantId}>
              {[...t.customers].join(', ')}: {plural(t.users, 'user')} (tenant {tenantId})
            </li>
          ))}
        </ul>
      </ChoiceRefused>
    );
  }
  const probe = users.find((u) => u.tenantId)!;
  return (
    <ChooseLicence users={users} probeUserId={probe.id} unlinked={unlinked} close={close} onSent={setSent} />
  );
}

function ChoiceRefused({
  title,
  children,
  close,
}: {
  title: string;
  children: ReactNode;
  close: () => void;
}) {
  return (
    <>
      <Alert tone="warning" title={title}>
        {children}
      </Alert>
      <div className="form-actions">
        <Button onPress={close}>Close</Button>
      </div>
    </>
  );
}

function ChooseLicence({
  users,
  probeUserId,
  unlinked,
  close,
  onSent,
}: {
  users: readonly Selected[];
  probeUserId: string;
  unlinked: number;
  close: () => void;
  onSent: (sent: SentBatch) => void;
}) {
  const call = useApi();
  // The tenant's licences and who manages them, as a user of the tenant's record shows them.
  const licences = useQuery(`user-licences:${probeUserId}`, (signal) =>
    call(getUserLicences, { params: { id: probeUserId }, signal }),
  );
  const [operation, setOperation] = useState<LicenceOperation>('assign');
  const [skuId, setSkuId] = useState<string | null>(null);
  const options = (licences.data?.assignable ?? []).map((l) => ({
    id: l.skuId,
    label: `${l.name} (${l.availableUnits} of ${l.totalUnits} free)`,
  }));
  const chosen = skuId ?? options[0]?.id ?? null;
  const submit = useFormSubmit({
    schema: bulkLicenceChangeInputSchema,
    toBody: () => ({ operation, skuId: chosen ?? '', userIds: users.map((u) => u.id), disabledPlans: [] }),
    send: (body) => call(requestBulkLicenceChange, { body }),
    onDone: (result) =>
      onSent({
        batchId: result.batchId,
        // A change already waiting for a user is answered instead of a new one (another batch's).
        queued: result.queued.filter((c) => c.batchId === result.batchId).length,
        alreadyWaiting: result.queued.filter((c) => c.batchId !== result.batchId).length,
        refused: result.refused,
        operation,
        skuName: licences.data?.assignable.find((l) => l.skuId === chosen)?.name ?? chosen ?? '',
      }),
  });

  if (licences.error) {
    return (
      <ChoiceRefused close={close} title="The tenant’s licences could not be loaded">
        {licences.error.message}
      </ChoiceRefused>
    );
  }
  if (!licences.data) return <Loading />;
  if (licences.data.managementBlockedBy) {
    return (
      <ChoiceRefused close={close} title="Licences cannot be changed from the desk">
        {licences.data.managementBlockedBy}
      </ChoiceRefused>
    );
  }
  if (options.length === 0) {
    return (
      <ChoiceRefused close={close} title="The desk knows no licences of this tenant yet">
        Run the licences module of the tenant’s connection (Integrations → the connection → Integrator), then
        try again.
      </ChoiceRefused>
    );
  }
  const linked = users.length - unlinked;
  const customers = [...new Set(users.filter((u) => u.tenantId).map((u) => u.customerName))].join(', ');
  return (
    <FormBody
      submit={submit}
      submitLabel={
        operation === 'assign'
          ? `Assign to ${plural(linked, 'user')}`
          : `Remove from ${plural(linked, 'user')}`
      }
      label="Assign or remove a licence"
      onCancel={close}
    >
      <p className="field-description">
        {plural(users.length, 'user')} of {customers} selected. Rollcall asks Microsoft for each; users who
        already hold the licence as asked, or hold it through a group, are listed as refused. Seat counts are
        as the desk last saw them: Microsoft decides.
      </p>
      {unlinked > 0 ? (
        <Alert tone="warning">
          {plural(unlinked, 'selected user is', 'selected users are')} not linked to Microsoft and will be
          refused.
        </Alert>
      ) : null}
      <RadioField<LicenceOperation>
        label="Change"
        value={operation}
        onChange={setOperation}
        options={[
          { id: 'assign', label: 'Assign the licence' },
          { id: 'remove', label: 'Remove the licence' },
        ]}
      />
      <SelectField
        label="Licence"
        options={options}
        value={chosen}
        onChange={setSkuId}
        errorMessage={submit.fieldErrors.skuId}
      />
    </FormBody>
  );
}

/** A bulk change on its way: counts per status until nothing waits, refusals and failures in words. */
function BatchProgress({
  batchId,
  queued,
  alreadyWaiting,
  refused,
  operation,
  skuName,
  names,
  close,
}: {
  batchId: string;
  queued: number;
  alreadyWaiting: number;
  refused: LicenceChangeRefusal[];
  operation: LicenceOperation;
  skuName: string;
  names: Map<string, string>;
  close: () => void;
}) {
  const call = useApi();
  const batch = useQuery(`licence-batch:${batchId}:${queued}`, (signal) =>
    queued === 0 ? Promise.resolve(null) : call(getLicenceBatch, { params: { id: batchId }, signal }),
  );
  const failures = useQuery(`licence-batch-failures:${batchId}:${queued}`, (signal) =>
    queued === 0
      ? Promise.resolve(null)
      : call(listLicenceChanges, { query: { batchId, status: 'failed', limit: FAILURES_SHOWN }, signal }),
  );
  const counts = batch.data?.counts;
  const waiting = counts ? (counts.pending ?? 0) + (counts.running ?? 0) : queued;
  const { reload: reloadBatch } = batch;
  const { reload: reloadFailures } = failures;
  // Once settled, both once more: the last poll may have read the failures just before a change failed.
  usePollWhile(queued > 0 && waiting > 0, POLL_MS, () => {
    reloadBatch();
    reloadFailures();
  });

  const verb = operation === 'assign' ? 'Assigning' : 'Removing';
  const done = counts?.succeeded ?? 0;
  const failed = counts?.failed ?? 0;
  const summary =
    queued === 0
      ? alreadyWaiting > 0
        ? 'Nothing new was sent to Microsoft: the same change was already on its way for these users.'
        : 'Nothing was sent to Microsoft: every selected user was refused.'
      : waiting > 0
        ? `${verb} ${skuName}: ${done + failed} of ${queued} answered by Microsoft…`
        : `Finished: ${plural(done, 'change')} done, ${failed} failed.`;
  const failedItems = failures.data?.items ?? [];
  return (
    <section aria-label="Licence change progress" className="stack">
      <p role="status" aria-live="polite">
        <strong>{summary}</strong>
      </p>
      {batch.error ? <Alert>{batch.error.message}</Alert> : null}
      {alreadyWaiting > 0 ? (
        <Alert tone="info">
          {plural(alreadyWaiting, 'user')} already had this change on its way from an earlier request; each
          user’s record follows it.
        </Alert>
      ) : null}
      {counts ? (
        <table className="table" aria-label="Changes by status">
          <tbody>
            {(Object.keys(STATUS_WORDS) as LicenceChangeStatus[])
              .filter((s) => s !== 'cancelled' || (counts.cancelled ?? 0) > 0)
              .map((status) => (
                <tr key={status}>
                  <th scope="row" className="table-cell">
                    {STATUS_WORDS[status]}
                  </th>
                  <td className="table-cell">{counts[status] ?? 0}</td>
                </tr>
              ))}
            <tr>
              <th scope="row" className="table-cell">
                Refused by the desk
              </th>
              <td className="table-cell">{refused.length}</td>
            </tr>
          </tbody>
        </table>
      ) : queued > 0 ? (
        <Loading />
      ) : null}
      {refused.length > 0 ? (
        <>
          <h3>Refused before sending</h3>
          <table className="table" aria-label="Refused users">
            <thead>
              <tr>
                <th scope="col" className="table-column">
                  User
                </th>
                <th scope="col" className="table-column">
                  Why
                </th>
              </tr>
            </thead>
            <tbody>
              {refused.map((r) => (
                <tr key={r.userId}>
                  <th scope="row" className="table-cell">
                    {names.get(r.userId) ?? r.userId}
                  </th>
                  <td className="table-cell">{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {failedItems.length > 0 ? (
        <>
          <h3>Refused by Microsoft</h3>
          <table className="table" aria-label="Failed changes">
            <thead>
              <tr>
                <th scope="col" className="table-column">
                  User
                </th>
                <th scope="col" className="table-column">
                  Microsoft’s answer
                </th>
              </tr>
            </thead>
            <tbody>
              {failedItems.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="table-cell">
                    {c.user.displayName}
                  </th>
                  <td className="table-cell">
                    {c.error ? (
                      <>
                        <strong>{c.error.title}.</strong> {c.error.message} {c.error.howToFix}
                      </>
                    ) : (
                      'Failed'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {failures.data?.nextCursor ? (
            <p className="field-description">
              The first {FAILURES_SHOWN} failures are shown; each user’s record lists its own.
            </p>
          ) : null}
        </>
      ) : null}
      <div className="form-actions">
        <Button variant={waiting > 0 ? 'secondary' : 'primary'} onPress={close}>
          {waiting > 0 ? 'Close (changes carry on)' : 'Close'}
        </Button>
      </div>
    </section>
  );
}
