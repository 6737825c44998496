import type { BillingCycle, ProductImportMode } from './api/billing.js';

/**
 * What the desk's billing of CSP subscriptions reads and writes (docs/billing.md): the state of
 * one subscription's billing, and the steps `planSubscriptionBilling` (src/domain/billing) returns
 * for the store to apply. Shared by domain and store.
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
  /** Partner Center's billingType: license (seats), usage (Azure plan: consumption billing), none. */
  billingType: string | null;
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
  /** Its price per invoice period; null when it was added before a price was known. */
  unitPrice: number | null;
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
  /** The recurring line had no price and one is known now. */
  | { kind: 'priceLine'; lineId: string; unitPrice: number }
  | { kind: 'note'; note: string | null };

export interface ProductPrice {
  unitPrice: number | null;
  unitCost: number | null;
  currency: string | null;
  pricePeriod: PricePeriod;
  priceSource: 'pricing' | 'none';
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
