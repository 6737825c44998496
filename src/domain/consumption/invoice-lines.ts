import { ANY_OTHER_CATEGORY, type ConsumptionMapping } from '../../contracts/api/consumption.js';

/**
 * Consumption billing's mapping (guide 002, issue 7): a customer's usage for a period, by meter
 * category, becomes recurring invoice lines: each category is billed by its own mapping row, or
 * by the `*` row when none names it, at Microsoft's cost plus the row's markup; an `exclude` row,
 * or no row at all, leaves the category off the invoice. Amounts are rounded to cents once, on
 * the category's total (never per day or per meter). Pure.
 */

/** What one meter category cost in a period (any number of meters, one currency). */
export interface CategoryUsage {
  meterCategory: string;
  cost: number;
  currency: string;
}

/** One invoice line for the billing repository (its key makes re-runs replace, not duplicate). */
export interface ConsumptionInvoiceLine {
  key: string;
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  currency: string;
}

/** How a category is billed: its mapping row (or none) and the resulting charge. */
export interface CategoryCharge {
  meterCategory: string;
  cost: number;
  currency: string;
  /** The row that applied: the category itself, `*`, or null (no row: not billed). */
  mappedBy: string | null;
  action: 'bill' | 'exclude' | 'unmapped';
  description: string | null;
  /** Rounded to cents; null unless billed. */
  charge: number | null;
}

/** Rounds half away from zero to cents (2.345 → 2.35, -2.345 → -2.35). */
export function roundToCents(amount: number): number {
  const cents = Math.round(Math.abs(amount) * 100 + 1e-9) / 100;
  const rounded = Math.sign(amount) * cents;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** The row that applies to a category: its own (case-insensitive), else `*`, else none. */
export function mappingFor(
  meterCategory: string,
  mappings: readonly ConsumptionMapping[],
): ConsumptionMapping | null {
  const wanted = meterCategory.toLowerCase();
  return (
    mappings.find(
      (m) => m.meterCategory !== ANY_OTHER_CATEGORY && m.meterCategory.toLowerCase() === wanted,
    ) ??
    mappings.find((m) => m.meterCategory === ANY_OTHER_CATEGORY) ??
    null
  );
}

export const defaultDescription = (meterCategory: string) => `Azure usage: ${meterCategory}`;

/** How each category is billed (the usage view shows every category, billed or not). */
export function chargeCategory(
  usage: CategoryUsage,
  mappings: readonly ConsumptionMapping[],
): CategoryCharge {
  const mapping = mappingFor(usage.meterCategory, mappings);
  const base = { meterCategory: usage.meterCategory, cost: usage.cost, currency: usage.currency };
  if (!mapping) return { ...base, mappedBy: null, action: 'unmapped', description: null, charge: null };
  if (mapping.action === 'exclude') {
    return { ...base, mappedBy: mapping.meterCategory, action: 'exclude', description: null, charge: null };
  }
  return {
    ...base,
    mappedBy: mapping.meterCategory,
    action: 'bill',
    description: mapping.description || defaultDescription(usage.meterCategory),
    charge: roundToCents(usage.cost * (1 + mapping.markupPercent / 100)),
  };
}

/**
 * The invoice line key of a category: the billing repository scopes it to the customer and the
 * period, so there is one line per (customer, period, category).
 */
export const consumptionLineKey = (meterCategory: string) => `meter-category:${meterCategory.toLowerCase()}`;

/**
 * Sums usage by meter category (rows of several meters and subscriptions) in first-seen order.
 * Categories are told apart case-insensitively, as the mappings match them.
 */
export function categoryTotals(rows: readonly CategoryUsage[]): CategoryUsage[] {
  const totals = new Map<string, CategoryUsage>();
  for (const row of rows) {
    const key = `${row.meterCategory.toLowerCase()}\u0000${row.currency}`;
    const total = totals.get(key);
    if (total) total.cost += row.cost;
    else totals.set(key, { ...row });
  }
  return [...totals.values()];
}

/**
 * A customer's invoice lines for one period: one per billed meter category, sorted by category.
 * A line is a single unit priced at the charge (a category mixes units: hours, GB, …).
 */
export function consumptionInvoiceLines(
  period: string,
  rows: readonly CategoryUsage[],
  mappings: readonly ConsumptionMapping[],
): ConsumptionInvoiceLine[] {
  return categoryTotals(rows)
    .map((usage) => chargeCategory(usage, mappings))
    .filter((c): c is CategoryCharge & { charge: number; description: string } => c.action === 'bill')
    .sort((a, b) => a.meterCategory.localeCompare(b.meterCategory))
    .map((c) => ({
      key: consumptionLineKey(c.meterCategory),
      description: `${c.description} (${period})`,
      quantity: 1,
      unitPrice: c.charge,
      amount: c.charge,
      currency: c.currency,
    }));
}
