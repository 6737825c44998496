import type { SkuInsightView } from '../../../../../src/contracts/api/licence-insight.js';
import type { ListControls } from '../../../lib/use-list.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { HoldersButton } from './holders-list.js';
import type { Insight } from './use-insight.js';

type Row = SkuInsightView & { id: string };

function columns(inactiveDays: number, showCustomer: boolean): TableColumn<Row>[] {
  const holders = (kind: 'disabled' | 'inactive' | 'unknown', count: (s: Row) => number) => (s: Row) => (
    <HoldersButton
      count={count(s)}
      label={`${s.friendlyName} (${s.customerName})`}
      kind={kind}
      customerId={s.customerId}
      skuId={s.skuId}
      inactiveDays={inactiveDays}
    />
  );
  return [
    {
      id: 'name',
      name: 'Licence',
      sortable: true,
      isRowHeader: true,
      render: (s) => (
        <>
          {s.friendlyName} <small>{s.skuPartNumber}</small>
        </>
      ),
    },
    ...(showCustomer ? [{ id: 'customer', name: 'Customer', render: (s: Row) => s.customerName }] : []),
    { id: 'paid', name: 'Paid', render: (s) => s.paid },
    { id: 'assigned', name: 'Assigned', render: (s) => s.assigned },
    { id: 'used', name: 'Used', render: (s) => s.used },
    { id: 'unassigned', name: 'Unassigned', render: (s) => s.unassigned },
    { id: 'disabled', name: 'Disabled', render: holders('disabled', (s) => s.heldByDisabled) },
    { id: 'inactive', name: 'Inactive', render: holders('inactive', (s) => s.heldByInactive) },
    { id: 'unknown', name: 'Sign-in unknown', render: holders('unknown', (s) => s.heldByUnknown) },
    {
      id: 'wasted',
      name: 'Wasted',
      render: (s) => (
        <>
          {s.wasted}
          {s.untracked > 0 ? <small> ({s.untracked} held by users not imported)</small> : null}
        </>
      ),
    },
  ];
}

/** Licences one page at a time, each count of holders opening the users behind it. */
export function SkuTable({
  list,
  data,
  inactiveDays,
  showCustomer,
}: {
  list: ListControls;
  data: Insight | undefined;
  inactiveDays: number;
  showCustomer: boolean;
}) {
  const page = data && { ...data.skus, items: data.skus.items.map((s) => ({ ...s, id: s.licenceId })) };
  return (
    <ListView
      label="Licences"
      searchLabel="Search by product, part number or customer"
      list={list}
      page={page}
      columns={columns(inactiveDays, showCustomer)}
      empty={
        <EmptyState title="No licences imported yet">
          <p>
            Run the licences module of a connection (Microsoft CSP › a connection › Integrator › Run now for
            licences, or let its schedule run it) and import its users: seats paid and assigned come from the
            licences, who holds them and when they last signed in from the users.
          </p>
        </EmptyState>
      }
    />
  );
}
