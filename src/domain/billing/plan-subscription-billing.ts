import type { BillingCycle } from '../../contracts/api/billing.js';
import type {
  BillingProduct,
  BillingState,
  BillingStep,
  BillingSubscription,
  InvoiceCandidate,
  NewLine,
  PricePeriod,
  ProductPrice,
} from '../../contracts/billing.js';
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

export type {
  BillingProduct,
  BillingState,
  BillingStep,
  BillingSubscription,
  InvoiceCandidate,
  NewLine,
  ProductPrice,
};

const CYCLES: Record<string, BillingCycle> = { monthly: 'monthly', annual: 'annual', triennial: 'triennial' };
const TERMS: Record<string, BillingCycle> = { P1M: 'monthly', P1Y: 'annual', P3Y: 'triennial' };
const PERIOD_MONTHS: Record<PricePeriod, number> = { P1M: 1, P1Y: 12, P3Y: 36 };

/**
 * How often the subscription bills: its billing cycle, else its term; null for usage billing
 * (an Azure plan's `billingType: usage` is billed by consumption billing, not by seats).
 */
export function subscriptionCycle(
  sub: Pick<BillingSubscription, 'billingCycle' | 'termDuration' | 'billingType'>,
): BillingCycle | null {
  if (sub.billingType?.toLowerCase() === 'usage') return null;
  const cycle = sub.billingCycle?.toLowerCase();
  if (cycle && cycle in CYCLES) return CYCLES[cycle]!;
  if (cycle && cycle !== 'none' && cycle !== 'unknown') return null;
  return sub.termDuration ? (TERMS[sub.termDuration.toUpperCase()] ?? null) : null;
}

/**
 * When the subscription's periods start. Renewals start periods (even for co-termed
 * subscriptions), so the anniversary of the commitment end: Partner Center's new-commerce end is
 * the day before it (bought 15 March, ends 14 March), some older subscriptions end on the
 * anniversary itself (same day of the month as the start). Without an end date: the start.
 */
export function subscriptionAnchor(sub: BillingSubscription): BillingAnchor | null {
  const cycle = subscriptionCycle(sub);
  if (!cycle) return null;
  const end = sub.commitmentEndDate;
  const from = end
    ? sub.startDate && end.slice(8) === sub.startDate.slice(8)
      ? end
      : addDays(end, 1)
    : sub.startDate;
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

/** The price used for lines on `invoice`: null without a price, or when its currency is another. */
function invoiceUnit(effective: BillingProduct, invoice: InvoiceCandidate): number | null {
  if (effective.currency !== null && effective.currency !== invoice.currency) return null;
  return pricePerInvoicePeriod(effective, invoice.cycle);
}

/** What the product's note says of a subscription on `invoice`: null when its lines are priced. */
function priceNote(effective: BillingProduct, invoice: InvoiceCandidate, unit: number | null): string | null {
  if (unit !== null) return null;
  if (effective.currency !== null && effective.currency !== invoice.currency) {
    return `On an invoice without a price: the product is priced in ${effective.currency}, the invoice bills in ${invoice.currency}. Set the lines' price by hand.`;
  }
  return "On an invoice without a price: the pricing import has no price for it. Set the product's price: its recurring line takes it; one-off lines added meanwhile keep none until set by hand.";
}

/** The subscription's recurring charge on `invoice`: one per subscription (its source key). */
function recurringLine(sub: BillingSubscription, invoice: InvoiceCandidate, unit: number | null): NewLine {
  const quantity = billableQuantity(sub);
  return {
    kind: 'recurring',
    invoiceId: invoice.id,
    description: productName(sub),
    quantity,
    unitPrice: unit,
    periodFraction: 1,
    amount: lineAmount(quantity, unit, 1),
    currency: invoice.currency,
    periodStart: null,
    periodEnd: null,
    sourceKey: `subscription:${sub.id}:recurring`,
  };
}

function productName(sub: BillingSubscription): string {
  return sub.friendlyName.trim() || sub.offerName;
}

/** The price lines use: one typed on the desk, else the imported one. */
function effectivePrice(sub: BillingSubscription, product: BillingProduct | null): BillingProduct {
  return product?.priceSource === 'manual' ? product : { id: product?.id ?? '', ...importedPrice(sub) };
}

/** The steps that bring the desk's billing of one subscription in line with Microsoft. */
export function planSubscriptionBilling(state: BillingState): BillingStep[] {
  const { subscription: sub, product, settings, today } = state;
  if (settings.mode === 'none') return [];
  const steps: BillingStep[] = [];
  const price = importedPrice(sub);
  const name = productName(sub);
  if (!product) steps.push({ kind: 'createProduct', name, price });
  else if (
    product.priceSource !== 'manual' &&
    price.priceSource === 'pricing' &&
    !samePrice(product, price)
  ) {
    steps.push({ kind: 'updateProductPrice', productId: product.id, price });
  }
  if (settings.mode !== 'productsAndInvoiceLines') return steps;

  const effective = effectivePrice(sub, product);
  const quantity = billableQuantity(sub);

  if (state.line && state.lineInvoice) {
    const invoice = state.lineInvoice;
    const unit = invoiceUnit(effective, invoice);
    if (state.line.unitPrice === null && unit !== null) {
      steps.push({ kind: 'priceLine', lineId: state.line.id, unitPrice: unit });
    }
    if (state.line.quantity !== quantity) {
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
          today,
          through,
          what,
          `subscription:${sub.id}:quantity:${state.line.quantity}->${quantity}:${today}`,
        ),
      });
    }
    steps.push({ kind: 'note', note: priceNote(effective, invoice, unit) });
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
  const unit = invoiceUnit(effective, invoice);
  const lines: NewLine[] = [recurringLine(sub, invoice, unit)];
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
  return [...steps, { kind: 'addLines', lines }, { kind: 'note', note: priceNote(effective, invoice, unit) }];
}

/** Why a subscription cannot be put on an invoice by hand. */
export interface AdditionRefusal {
  code: 'alreadyOnInvoice' | 'noCustomer' | 'notScheduled' | 'noInvoice' | 'invoiceOfAnotherCustomer';
  message: string;
}

/**
 * "Add to recurring invoice" for a subscription that is on none (bought before invoice lines were
 * switched on, or with no matching invoice then): its recurring line from the next invoice on, on
 * `invoiceId` or the newest invoice billing on its schedule. No pro-rata: what was billed before
 * is the desk's to know.
 */
export function planAddToInvoice(
  state: Omit<BillingState, 'settings'>,
  invoiceId: string | null,
): { steps: BillingStep[] } | { refused: AdditionRefusal } {
  const { subscription: sub } = state;
  if (state.line) {
    return {
      refused: { code: 'alreadyOnInvoice', message: 'The subscription is already on a recurring invoice.' },
    };
  }
  if (!sub.customerId) {
    return {
      refused: { code: 'noCustomer', message: "The subscription's tenant is not mapped to a customer." },
    };
  }
  const cycle = subscriptionCycle(sub);
  if (!cycle) {
    return {
      refused: { code: 'notScheduled', message: 'The subscription is billed on usage, not on a schedule.' },
    };
  }
  let invoice: InvoiceCandidate | null;
  if (invoiceId) {
    invoice = state.invoices.find((inv) => inv.id === invoiceId) ?? null;
    if (!invoice) {
      return {
        refused: {
          code: 'invoiceOfAnotherCustomer',
          message: "invoiceId must be one of the subscription's customer's recurring invoices.",
        },
      };
    }
  } else {
    invoice = matchingInvoice(sub, state.invoices);
    if (!invoice) {
      const schedule = subscriptionAnchor(sub);
      return {
        refused: {
          code: 'noInvoice',
          message: `The customer has no active recurring invoice billing ${schedule ? describeSchedule(schedule) : 'on its schedule'}: create one, or name one (invoiceId).`,
        },
      };
    }
  }
  const steps: BillingStep[] = state.product
    ? []
    : [{ kind: 'createProduct', name: productName(sub), price: importedPrice(sub) }];
  const unit = invoiceUnit(effectivePrice(sub, state.product), invoice);
  steps.push({ kind: 'addLines', lines: [recurringLine(sub, invoice, unit)] }, { kind: 'note', note: null });
  return { steps };
}
