import type { InsightSummaryView } from '../../../../../src/contracts/api/licence-insight.js';
import { DataTable, type TableColumn } from '../../../ui/data-table.js';

type Row = InsightSummaryView['topCustomers'][number] & { id: string };

const COLUMNS: TableColumn<Row>[] = [
  { id: 'customer', name: 'Customer', isRowHeader: true, render: (c) => c.customerName },
  { id: 'paid', name: 'Paid', render: (c) => c.paid },
  { id: 'used', name: 'Used', render: (c) => c.used },
  { id: 'unassigned', name: 'Unassigned', render: (c) => c.unassigned },
  { id: 'disabled', name: 'Disabled', render: (c) => c.heldByDisabled },
  { id: 'inactive', name: 'Inactive', render: (c) => c.heldByInactive },
  { id: 'wasted', name: 'Wasted', render: (c) => c.wasted },
];

/** Across all: the customers with the most wasted seats, each row opening that customer's figures. */
export function TopCustomers({ summary }: { summary: InsightSummaryView }) {
  if (summary.topCustomers.length === 0) return null;
  return (
    <>
      <h3>Most wasted seats</h3>
      <DataTable
        label="Customers with the most wasted seats"
        columns={COLUMNS}
        items={summary.topCustomers.map((c) => ({ ...c, id: c.customerId }))}
        rowHref={(c) => `/licence-insight?customerId=${c.customerId}`}
        empty={null}
      />
    </>
  );
}
