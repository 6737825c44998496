import {
  listCustomerLicences,
  listCustomerSubscriptions,
  type CspSubscriptionView,
  type CustomerLicenceView,
} from '../../../../../src/contracts/api/csp-licences.js';
import { useMe } from '../../../auth/session.js';
import { can } from '../../../lib/permissions.js';
import { useList } from '../../../lib/use-list.js';
import { DialogButton } from '../../../ui/dialog.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { SubscriptionBillingCell, SubscriptionProductsProvider } from '../billing/subscription-billing.js';
import { AdjustQuantity } from './adjust-quantity.js';

const TERMS: Record<string, string> = { P1M: '1 month', P1Y: '1 year', P3Y: '3 years' };
const PERIODS: Record<string, string> = { P1M: 'month', P1Y: 'year', P3Y: '3 years' };

/** "GBP 20.60 / month (cost 18.10)"; "No price yet" until the pricing import matched one. */
function pricingText(pricing: CspSubscriptionView['pricing']): string {
  if (!pricing) return 'No price yet';
  const money = (n: number | null) => (n === null ? 'unknown' : n.toFixed(2));
  return `${pricing.currency} ${money(pricing.unitPrice)} / ${PERIODS[pricing.period] ?? pricing.period} (cost ${money(pricing.unitCost)})`;
}

/** A customer's licences (SKUs) with their seats. */
export function LicencesTable({ customerId }: { customerId: string }) {
  const list = useList(listCustomerLicences, { params: { id: customerId }, initialSort: 'name' });
  const columns: TableColumn<CustomerLicenceView>[] = [
    {
      id: 'name',
      name: 'Product',
      sortable: true,
      isRowHeader: true,
      render: (l) => (
        <>
          {l.friendlyName} <small>{l.skuPartNumber}</small>
        </>
      ),
    },
    { id: 'tenant', name: 'Tenant', render: (l) => l.tenantName ?? l.tenantId },
    { id: 'total', name: 'Seats', render: (l) => l.totalUnits },
    { id: 'assigned', name: 'Assigned', render: (l) => l.consumedUnits },
    { id: 'available', name: 'Available', render: (l) => l.availableUnits },
    {
      id: 'status',
      name: 'Status',
      render: (l) =>
        [
          l.capabilityStatus,
          l.warningUnits ? `${l.warningUnits} in grace` : '',
          l.suspendedUnits ? `${l.suspendedUnits} suspended` : '',
        ]
          .filter(Boolean)
          .join(' · '),
    },
    { id: 'users', name: 'Users', render: (l) => l.usersLinked },
  ];
  return (
    <ListView
      label="Licences"
      searchLabel="Search licences"
      list={list}
      page={list.data}
      columns={columns}
      empty={
        <EmptyState title="No licences yet">
          Licences appear here once a CSP tenant of this customer is mapped and the licences module has run
          (Microsoft CSP › the connection › Integrator › Run now, or its schedule).
        </EmptyState>
      }
    />
  );
}

/** A customer's CSP subscriptions. */
export function SubscriptionsTable({ customerId }: { customerId: string }) {
  const me = useMe();
  const list = useList(listCustomerSubscriptions, { params: { id: customerId }, initialSort: 'name' });
  const mayAdjust = can(me, 'licences.manage');
  const mayReadBilling = can(me, 'billing.read');
  const columns: TableColumn<CspSubscriptionView>[] = [
    { id: 'name', name: 'Subscription', sortable: true, isRowHeader: true, render: (s) => s.friendlyName },
    { id: 'offer', name: 'Offer', render: (s) => s.offerName },
    { id: 'quantity', name: 'Quantity', render: (s) => s.quantity },
    { id: 'status', name: 'Status', render: (s) => s.status },
    {
      id: 'term',
      name: 'Term',
      render: (s) =>
        [s.termDuration ? (TERMS[s.termDuration] ?? s.termDuration) : '', s.billingCycle ?? '']
          .filter(Boolean)
          .join(', billed '),
    },
    { id: 'price', name: 'Price (cost) per seat', render: (s) => pricingText(s.pricing) },
    { id: 'start', name: 'Started', render: (s) => s.startDate ?? '' },
    { id: 'end', name: 'Commitment ends', render: (s) => s.commitmentEndDate ?? '' },
    { id: 'renew', name: 'Auto-renew', render: (s) => (s.autoRenew ? 'Yes' : 'No') },
    ...(mayReadBilling
      ? [
          {
            id: 'billing',
            name: 'Billing',
            render: (s: CspSubscriptionView) => (
              <SubscriptionBillingCell
                customerId={customerId}
                subscriptionId={s.id}
                friendlyName={s.friendlyName}
                addable={s.recurringInvoiceId === null && s.removedAt === null && s.status === 'active'}
                changed={list.reload}
              />
            ),
          },
        ]
      : []),
    ...(mayAdjust
      ? [
          {
            id: 'actions',
            name: 'Actions',
            render: (s: CspSubscriptionView) =>
              s.removedAt ? null : (
                <DialogButton
                  label="Adjust quantity"
                  accessibleLabel={`Adjust quantity of ${s.friendlyName}`}
                  title={`Adjust quantity: ${s.friendlyName}`}
                >
                  {(close) => <AdjustQuantity subscriptionId={s.id} close={close} changed={list.reload} />}
                </DialogButton>
              ),
          },
        ]
      : []),
  ];
  return (
    <SubscriptionProductsProvider customerId={customerId}>
      <ListView
        label="Subscriptions"
        searchLabel="Search subscriptions"
        list={list}
        page={list.data}
        columns={columns}
        empty={
          <EmptyState title="No subscriptions">
            CSP subscriptions are imported when the licence import type is “Subscriptions” or “Both” (direct
            partners).
          </EmptyState>
        }
      />
    </SubscriptionProductsProvider>
  );
}
