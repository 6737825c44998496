import type { BillingCycle, ProductImportMode } from '../../contracts/api/billing.js';
import {
  addDays,
  anchorFrom,
  cycleMonths,
  periodContaining,
  sameSchedule,
  type BillingAnchor,
} from './billing-period.js';
import { lineAmount, periodFraction } from './pro-rata.js';

/**
 * What the desk's billing does about one CSP subscription (guide 002 "Import Products and Create
 * Invoice Lines", issue 7), decided from state, not events: a product when products are imported;
 * a new subscription on the customer's newest recurring invoice that bills on its schedule, with
 * a pro-rata line from its start to the end of the invoice's current period; and when the
 * quantity differs from the quantity billed, a pro-rata adjustment for the rest of the period.
 * Because it compares what Microsoft says with what was billed, a re-sync, a retried job or a
 * webhook arriving after the sync finds nothing left to do. Pure.
 */

/** The subscription as the desk holds it (csp_subscriptions). */
export interface BillingSubscription {
  id: string;
  customerId: string | null;
  friendlyName: string;
  offerName: string;
  quantity: number;
  /** Partner Center status: only `active` seats are billed. */
  status: string;
  removed: boolean;
  /** monthly, annual, triennial, none, or null. */
  billingCycle: string | null;
  termDuration: string | null;
  /** Purchase date (effective start, else creation), `YYYY-MM-DD`. */
  startDate: string | null;
  commitmentEndDate: string | null;
  /** From the pricing import; null when unknown. */
  price: { unitPrice: number | null; unitCost: number | null; currency: string; period: PricePeriod } | null;
}

export type PricePeriod = 'P1M' | 'P1Y' | 'P3Y';

export interface BillingProduct {
  id: string;
  unitPrice: number | null;
  currency: string | null;
  pricePeriod: PricePeriod;
  priceSource: 'pricing' | 'manual' | 'none';
}

/** The subscription's recurring line, where it has one. */
export interface RecurringLine {
  id: string;
  invoiceId: string;
  /** The quantity billed so far. */
  quantity: number;
}

export interface InvoiceCandidate {
  id: string;
  customerId: string;
  cycle: BillingCycle;
  anchorDate: string;
  currency: string;
  active: boolean;
  /** ISO timestamp: the newest wins. */
  createdAt: string;
}

export interface BillingSettings {
  mode: ProductImportMode;
  /** Subscriptions that started before this date are not new: they get no line by themselves. */
  linesFrom: string | null;
}

export interface NewLine {
  kind: 'recurring' | 'proRata' | 'adjustment';
  invoiceId: string;
  description: string;
  quantity: number;
  unitPrice: number | null;
  periodFraction: number;
  amount: number | null;
  currency: string;
  periodStart: string | null;
  periodEnd: string | null;
  /** Unique: the same change never makes two lines. */
  sourceKey: string;
}

export type BillingStep =
  | { kind: 'createProduct'; name: string; price: ProductPrice }
  | { kind: 'updateProductPrice'; productId: string; price: ProductPrice }
  | { kind: 'addLines'; lines: NewLine[] }
  /** The recurring line now bills `quantity` (from `from`: the update is refused if it moved meanwhile). */
  | { kind: 'setBilledQuantity'; lineId: string; from: number; quantity: number; adjustment: NewLine | null }
  | { kind: 'note'; note: string | null };

export interface ProductPrice {
  unitPrice: number | null;
  unitCost: number | null;
  currency: string | null;
  pricePeriod: PricePeriod;
  priceSource: 'pricing' | 'none';
}

const CYCLES: Record<string, BillingCycle> = { monthly: 'monthly', annual: 'annual', triennial: 'triennial' };
const TERMS: Record<string, BillingCycle> = { P1M: 'monthly', P1Y: 'annual', P3Y: 'triennial' };
const PERIOD_MONTHS: Record<PricePeriod, number> = { P1M: 1, P1Y: 12, P3Y: 36 };

/** How often the subscription bills: its billing cycle, else its term; null for usage billing. */
export function subscriptionCycle(
  sub: Pick<BillingSubscription, 'billingCycle' | 'termDuration'>,
): BillingCycle | null {
  const cycle = sub.billingCycle?.toLowerCase();
  if (cycle && cycle in CYCLES) return CYCLES[cycle]!;
  if (cycle && cycle !== 'none' && cycle !== 'unknown') return null;
  return sub.termDuration ? (TERMS[sub.termDuration.toUpperCase()] ?? null) : null;
}

/**
 * When the subscription's periods start: the day after its commitment ends (renewals start
 * periods, even for co-termed subscriptions), else its start date.
 */
export function subscriptionAnchor(sub: BillingSubscription): BillingAnchor | null {
  const cycle = subscriptionCycle(sub);
  if (!cycle) return null;
  const from = sub.commitmentEndDate ? addDays(sub.commitmentEndDate, 1) : sub.startDate;
  return from ? anchorFrom(cycle, from) : null;
}

/** Seats billed: the quantity of an active subscription, none once suspended, cancelled or gone. */
export function billableQuantity(sub: BillingSubscription): number {
  return !sub.removed && sub.status.toLowerCase() === 'active' ? Math.max(0, sub.quantity) : 0;
}

/** The newest active invoice of the customer that creates on the subscription's dates. */
export function matchingInvoice(
  sub: BillingSubscription,
  invoices: readonly InvoiceCandidate[],
): InvoiceCandidate | null {
  const anchor = subscriptionAnchor(sub);
  if (!anchor || !sub.customerId) return null;
  const matches = invoices.filter(
    (inv) =>
      inv.active &&
      inv.customerId === sub.customerId &&
      sameSchedule(anchorFrom(inv.cycle, inv.anchorDate), anchor),
  );
  matches.sort((a, b) =>
    a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id.localeCompare(a.id),
  );
  return matches[0] ?? null;
}

/** The product's price per one period of `invoice` (a yearly price on a monthly invoice is a twelfth). */
export function pricePerInvoicePeriod(product: BillingProduct, cycle: BillingCycle): number | null {
  if (product.unitPrice === null) return null;
  return (product.unitPrice * cycleMonths(cycle)) / PERIOD_MONTHS[product.pricePeriod];
}

function importedPrice(sub: BillingSubscription): ProductPrice {
  if (!sub.price)
    return { unitPrice: null, unitCost: null, currency: null, pricePeriod: 'P1M', priceSource: 'none' };
  return {
    unitPrice: sub.price.unitPrice,
    unitCost: sub.price.unitCost,
    currency: sub.price.currency,
    pricePeriod: sub.price.period,
    priceSource: 'pricing',
  };
}

function samePrice(product: BillingProduct, price: ProductPrice): boolean {
  return (
    product.unitPrice === price.unitPrice &&
    product.currency === price.currency &&
    product.pricePeriod === price.pricePeriod &&
    product.priceSource === price.priceSource
  );
}

function seats(n: number): string {
  return `${n} seat${n === 1 ? '' : 's'}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "on day 15 of each month", "on 6 Apr each year", … */
export function describeSchedule(anchor: BillingAnchor): string {
  const month = MONTHS[anchor.month - 1];
  switch (anchor.cycle) {
    case 'monthly':
      return `on day ${anchor.day} of each month`;
    case 'quarterly':
      return `every 3 months from ${anchor.day} ${month}`;
    case 'annual':
      return `on ${anchor.day} ${month} each year`;
    case 'triennial':
      return `every 3 years from ${anchor.day} ${month} ${anchor.year}`;
  }
}

function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

function oneOffLine(
  kind: 'proRata' | 'adjustment',
  invoice: InvoiceCandidate,
  unitPrice: number | null,
  quantity: number,
  from: string,
  through: string,
  what: string,
  sourceKey: string,
): NewLine {
  const fraction = periodFraction(anchorFrom(invoice.cycle, invoice.anchorDate), from, through);
  return {
    kind,
    invoiceId: invoice.id,
    description: `${what}, ${formatDay(from)} to ${formatDay(through)}`,
    quantity,
    unitPrice,
    periodFraction: fraction,
    amount: lineAmount(quantity, unitPrice, fraction),
    currency: invoice.currency,
    periodStart: from,
    periodEnd: through,
    sourceKey,
  };
}

export interface BillingState {
  subscription: BillingSubscription;
  product: BillingProduct | null;
  line: RecurringLine | null;
  /** The recurring invoice `line` is on (for its schedule), when it has one. */
  lineInvoice: InvoiceCandidate | null;
  /** The customer's recurring invoices. */
  invoices: readonly InvoiceCandidate[];
  settings: BillingSettings;
  /** Today, `YYYY-MM-DD`. */
  today: string;
}

/** The steps that bring the desk's billing of one subscription in line with Microsoft. */
export function planSubscriptionBilling(state: BillingState): BillingStep[] {
  const { subscription: sub, product, settings, today } = state;
  if (settings.mode === 'none') return [];
  const steps: BillingStep[] = [];
  const price = importedPrice(sub);
  const name = sub.friendlyName.trim() || sub.offerName;
  if (!product) steps.push({ kind: 'createProduct', name, price });
  else if (
    product.priceSource !== 'manual' &&
    price.priceSource === 'pricing' &&
    !samePrice(product, price)
  ) {
    steps.push({ kind: 'updateProductPrice', productId: product.id, price });
  }
  if (settings.mode !== 'productsAndInvoiceLines') return steps;

  const effective: BillingProduct =
    product && product.priceSource === 'manual' ? product : { id: product?.id ?? '', ...price };
  const quantity = billableQuantity(sub);

  if (state.line && state.lineInvoice) {
    if (state.line.quantity === quantity) return steps;
    const invoice = state.lineInvoice;
    const unit = pricePerInvoicePeriod(effective, invoice.cycle);
    const from = today;
    const through = periodContaining(anchorFrom(invoice.cycle, invoice.anchorDate), today).end;
    const delta = quantity - state.line.quantity;
    const what = `${name}: ${seats(Math.abs(delta))} ${delta > 0 ? 'added' : 'removed'} (${state.line.quantity} → ${quantity})`;
    steps.push({
      kind: 'setBilledQuantity',
      lineId: state.line.id,
      from: state.line.quantity,
      quantity,
      adjustment: oneOffLine(
        'adjustment',
        invoice,
        unit,
        delta,
        from,
        through,
        what,
        `subscription:${sub.id}:quantity:${state.line.quantity}->${quantity}:${today}`,
      ),
    });
    return steps;
  }
  if (state.line) return steps;

  // Not on an invoice yet: only new, active, scheduled subscriptions are added by themselves.
  if (quantity === 0) return steps;
  if (!sub.customerId)
    return [...steps, { kind: 'note', note: 'Not on an invoice: the tenant is not mapped to a customer.' }];
  const cycle = subscriptionCycle(sub);
  if (!cycle) {
    return [
      ...steps,
      {
        kind: 'note',
        note: 'Not on an invoice: billed on usage (consumption billing covers it), not on a schedule.',
      },
    ];
  }
  if (!sub.startDate)
    return [...steps, { kind: 'note', note: 'Not on an invoice: Partner Center gave no start date.' }];
  if (settings.linesFrom && sub.startDate < settings.linesFrom) {
    return [
      ...steps,
      {
        kind: 'note',
        note: `Not on an invoice: bought on ${formatDay(sub.startDate)}, before invoice lines were switched on (${formatDay(settings.linesFrom)}). Add it to a recurring invoice by hand if it is not billed yet.`,
      },
    ];
  }
  const invoice = matchingInvoice(sub, state.invoices);
  if (!invoice) {
    const schedule = describeSchedule(subscriptionAnchor(sub)!);
    return [
      ...steps,
      {
        kind: 'note',
        note: `Not on an invoice: the customer has no active recurring invoice billing ${schedule}. Create one, or add the subscription to an invoice by hand.`,
      },
    ];
  }
  const currencyClash = effective.currency !== null && effective.currency !== invoice.currency;
  const unit = currencyClash ? null : pricePerInvoicePeriod(effective, invoice.cycle);
  const lines: NewLine[] = [
    {
      kind: 'recurring',
      invoiceId: invoice.id,
      description: name,
      quantity,
      unitPrice: unit,
      periodFraction: 1,
      amount: lineAmount(quantity, unit, 1),
      currency: invoice.currency,
      periodStart: null,
      periodEnd: null,
      sourceKey: `subscription:${sub.id}:recurring`,
    },
  ];
  // Periods already invoiced (up to the end of the current one) are charged pro-rata; later ones
  // are the recurring line's.
  const through = periodContaining(anchorFrom(invoice.cycle, invoice.anchorDate), today).end;
  if (sub.startDate <= through) {
    const what = `${name}: pro-rata for ${seats(quantity)}`;
    lines.push(
      oneOffLine(
        'proRata',
        invoice,
        unit,
        quantity,
        sub.startDate,
        through,
        what,
        `subscription:${sub.id}:pro-rata`,
      ),
    );
  }
  const note = currencyClash
    ? `On invoice ${invoice.id} without a price: the product is priced in ${effective.currency}, the invoice bills in ${invoice.currency}. Set the lines' price by hand.`
    : unit === null
      ? "On an invoice without a price: the pricing import has no price for it. Set the product's price, then the lines'."
      : null;
  return [...steps, { kind: 'addLines', lines }, { kind: 'note', note }];
}
