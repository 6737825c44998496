import { listRenewals, type RenewalView } from '../../../../../src/contracts/api/licence-insight.js';
import { useList } from '../../../lib/use-list.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';

const TERMS: Record<string, string> = { P1M: '1 month', P1Y: '1 year', P3Y: '3 years' };

const money = (amount: number | null, currency: string | null) =>
  amount === null || currency === null
    ? 'No price yet'
    : new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);

const COLUMNS: TableColumn<RenewalView>[] = [
  {
    id: 'date',
    name: 'Commitment ends',
    sortable: true,
    render: (r) => (
      <>
        {r.commitmentEndDate} <small>{r.daysUntil === 0 ? 'today' : `in ${r.daysUntil} days`}</small>
      </>
    ),
  },
  { id: 'name', name: 'Subscription', isRowHeader: true, render: (r) => r.friendlyName },
  { id: 'customer', name: 'Customer', render: (r) => r.customerName },
  { id: 'quantity', name: 'Quantity', render: (r) => r.quantity },
  {
    id: 'term',
    name: 'Term',
    render: (r) =>
      [r.termDuration ? (TERMS[r.termDuration] ?? r.termDuration) : '', r.billingCycle ?? '']
        .filter(Boolean)
        .join(', billed '),
  },
  { id: 'renew', name: 'Auto-renew', render: (r) => (r.autoRenew ? 'Yes' : 'No — ends unless renewed') },
  { id: 'cost', name: 'Monthly cost', render: (r) => money(r.monthlyCost, r.currency) },
];

/** Current CSP subscriptions whose commitment ends within the window, soonest first. */
export function RenewalsTable({ customerId, days }: { customerId?: string | undefined; days: number }) {
  const list = useList(listRenewals, {
    filters: { customerId, renewingWithinDays: String(days) },
    initialSort: 'date',
  });
  return (
    <ListView
      label="Renewals"
      searchLabel="Search renewals"
      list={list}
      page={list.data}
      columns={COLUMNS}
      empty={
        <EmptyState title={`Nothing renews in the next ${days} days`}>
          <p>
            Renewals come from CSP subscriptions, imported when a connection’s licence import type is
            “Subscriptions” or “Both” (direct partners).
          </p>
        </EmptyState>
      }
    />
  );
}
