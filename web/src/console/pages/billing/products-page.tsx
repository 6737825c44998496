import { Link, useSearchParams } from 'react-router';
import { listProducts, type ProductView } from '../../../../../src/contracts/api/billing.js';
import { useList } from '../../../lib/use-list.js';
import type { TableColumn } from '../../../ui/data-table.js';
import { EmptyState } from '../../../ui/empty-state.js';
import { ListView } from '../../../ui/list-view.js';
import { Page } from '../../../ui/page.js';
import { perPeriod } from './billing-format.js';

export const PRICE_SOURCE_LABELS: Record<ProductView['priceSource'], string> = {
  pricing: 'Imported (pricing)',
  manual: 'Set on the desk',
  none: 'None yet',
};

/** "Microsoft 365 E3 · 7 seats · active" (or removed). */
export function subscriptionText(s: NonNullable<ProductView['subscription']>): string {
  return [
    s.friendlyName,
    `${s.quantity} ${s.quantity === 1 ? 'seat' : 'seats'}`,
    s.removed ? 'removed' : s.status,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Products (billing.read): those created from CSP subscriptions, with their price and why one is not billed. */
export function ProductsPage() {
  const [params] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const list = useList(listProducts, { filters: { customerId } });
  const columns: TableColumn<ProductView>[] = [
    { id: 'name', name: 'Product', isRowHeader: true, render: (p) => p.name },
    {
      id: 'customer',
      name: 'Customer',
      render: (p) =>
        p.customerId ? <Link to={`/customers/${p.customerId}`}>{p.customerName}</Link> : 'None',
    },
    {
      id: 'subscription',
      name: 'Subscription',
      render: (p) => (p.subscription ? subscriptionText(p.subscription) : ''),
    },
    { id: 'price', name: 'Price', render: (p) => perPeriod(p.unitPrice, p.currency, p.pricePeriod) },
    { id: 'cost', name: 'Cost', render: (p) => perPeriod(p.unitCost, p.currency, p.pricePeriod) },
    { id: 'source', name: 'Price from', render: (p) => PRICE_SOURCE_LABELS[p.priceSource] },
    {
      id: 'billing',
      name: 'Billing',
      render: (p) =>
        p.billingNote ? (
          <span className="badge badge-warn">{p.billingNote}</span>
        ) : p.subscription ? (
          'Billed'
        ) : (
          ''
        ),
    },
  ];
  return (
    <Page
      title="Products"
      description="What the desk sells: a product for every CSP subscription when the CSP connection imports products, priced by the pricing import or by hand."
    >
      {customerId ? (
        <p>
          One customer’s products. <Link to="/products">Show every customer’s</Link>
        </p>
      ) : null}
      <ListView
        label="Products"
        searchLabel="Search products"
        list={list}
        page={list.data}
        columns={columns}
        rowHref={(p) => `/products/${p.id}`}
        empty={
          <EmptyState title="No products yet">
            Products are created from CSP subscriptions: on the CSP connection’s Details tab, choose “Import
            products” (or “Import products and create invoice lines”) under Products and invoice lines.
          </EmptyState>
        }
      />
    </Page>
  );
}
