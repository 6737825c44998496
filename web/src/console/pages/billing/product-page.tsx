import { Link, useParams } from 'react-router';
import { getProduct, updateProduct, type ProductView } from '../../../../../src/contracts/api/billing.js';
import { useMe } from '../../../auth/session.js';
import { bodySchemaOf } from '../../../lib/api.js';
import { useApi } from '../../../lib/api-context.js';
import { formatDateTime } from '../../../lib/format.js';
import { can } from '../../../lib/permissions.js';
import { useFormSubmit } from '../../../lib/use-form-submit.js';
import { useQuery } from '../../../lib/use-query.js';
import { Alert } from '../../../ui/alert.js';
import { DialogButton } from '../../../ui/dialog.js';
import { FormBody } from '../../../ui/form-body.js';
import { Page } from '../../../ui/page.js';
import { RecordPending } from '../../../ui/record-pending.js';
import { TextField } from '../../../ui/text-field.js';
import { perPeriod } from './billing-format.js';
import { PRICE_SOURCE_LABELS } from './products-page.js';

const PERIOD_NAMES: Record<ProductView['pricePeriod'], string> = {
  P1M: 'per month',
  P1Y: 'per year',
  P3Y: 'per 3 years',
};

/** Blank clears a price (null); anything else must be a number (NaN lets the contract say so). */
const priceOf = (text: string | undefined) =>
  text === undefined || text.trim() === '' ? null : Number(text.trim());

function PriceForm({
  product,
  close,
  saved,
}: {
  product: ProductView;
  close: () => void;
  saved: () => void;
}) {
  const call = useApi();
  const submit = useFormSubmit({
    schema: bodySchemaOf(updateProduct),
    // Only what was changed: saving an imported price untouched must not make it the desk's.
    toBody: (v) => {
      const unitPrice = priceOf(v.unitPrice);
      const unitCost = priceOf(v.unitCost);
      const currency = v.currency?.trim().toUpperCase() ?? '';
      return {
        ...(unitPrice !== product.unitPrice ? { unitPrice } : {}),
        ...(unitCost !== product.unitCost ? { unitCost } : {}),
        ...(currency && currency !== product.currency ? { currency } : {}),
      };
    },
    send: (body) => call(updateProduct, { params: { id: product.id }, body }),
    onDone: () => {
      close();
      saved();
    },
  });
  return (
    <FormBody submit={submit} submitLabel="Save price" label="Set price" onCancel={close}>
      <Alert tone="info">
        A price typed here is kept over the pricing import’s: the weekly price sheet no longer changes this
        product. Invoice lines without a price take it.
      </Alert>
      <TextField
        label={`Price ${PERIOD_NAMES[product.pricePeriod]}`}
        name="unitPrice"
        defaultValue={product.unitPrice === null ? '' : String(product.unitPrice)}
        autoFocus
        description="Per seat, at most 2 decimals."
      />
      <TextField
        label={`Cost ${PERIOD_NAMES[product.pricePeriod]}`}
        name="unitCost"
        defaultValue={product.unitCost === null ? '' : String(product.unitCost)}
        description="What the partner pays per seat; leave empty when unknown."
      />
      <TextField
        label="Currency"
        name="currency"
        defaultValue={product.currency ?? ''}
        description="Three-letter ISO 4217 code, e.g. GBP."
      />
    </FormBody>
  );
}

/** One product: its price (billing.manage sets it) and the CSP subscription it was created from. */
export function ProductPage() {
  const { productId = '' } = useParams();
  const me = useMe();
  const call = useApi();
  const product = useQuery(`product:${productId}`, (signal) =>
    call(getProduct, { params: { id: productId }, signal }),
  );
  const data = product.data;
  if (product.error || !data) {
    return (
      <RecordPending
        title="Product"
        noun="product"
        error={product.error}
        back={{ to: '/products', label: 'Back to products' }}
      />
    );
  }
  const sub = data.subscription;
  return (
    <Page
      title={data.name}
      description={
        <>
          <Link to="/products">Products</Link> › {data.name}
        </>
      }
      actions={
        can(me, 'billing.manage') ? (
          <DialogButton label="Set price" title={`Price of ${data.name}`}>
            {(close) => <PriceForm product={data} close={close} saved={product.reload} />}
          </DialogButton>
        ) : null
      }
    >
      {data.billingNote ? (
        <Alert tone="warning" title="Not billed yet">
          {data.billingNote}
        </Alert>
      ) : null}
      <section className="card" aria-labelledby="product-details">
        <h2 id="product-details">Details</h2>
        <dl className="details">
          <dt>Customer</dt>
          <dd>
            {data.customerId ? <Link to={`/customers/${data.customerId}`}>{data.customerName}</Link> : 'None'}
          </dd>
          <dt>Price</dt>
          <dd>{perPeriod(data.unitPrice, data.currency, data.pricePeriod)}</dd>
          <dt>Cost</dt>
          <dd>{perPeriod(data.unitCost, data.currency, data.pricePeriod)}</dd>
          <dt>Price from</dt>
          <dd>
            {PRICE_SOURCE_LABELS[data.priceSource]}
            {data.priceSource === 'manual' ? ' (the pricing import leaves it)' : ''}
          </dd>
          <dt>Updated</dt>
          <dd>{formatDateTime(data.updatedAt)}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="product-subscription">
        <h2 id="product-subscription">Subscription</h2>
        {sub ? (
          <dl className="details">
            <dt>Name</dt>
            <dd>{sub.friendlyName}</dd>
            <dt>Quantity</dt>
            <dd>{sub.quantity}</dd>
            <dt>Status</dt>
            <dd>{sub.removed ? 'Removed from Partner Center' : sub.status}</dd>
            <dt>Billing cycle</dt>
            <dd>{sub.billingCycle ?? 'Unknown'}</dd>
            <dt>Partner Center ID</dt>
            <dd>
              <span className="code">{sub.partnerCenterSubscriptionId}</span>
            </dd>
            {data.customerId ? (
              <>
                <dt>On the customer</dt>
                <dd>
                  <Link to={`/customers/${data.customerId}`}>See the customer’s subscriptions</Link>
                </dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p>This product was not created from a CSP subscription.</p>
        )}
      </section>
    </Page>
  );
}
