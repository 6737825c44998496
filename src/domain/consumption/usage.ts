/**
 * Azure usage as consumption billing reads it: daily rated usage line items from Microsoft's
 * partner billing export, summed per (customer tenant, billing period, subscription, meter). Pure.
 */

/** One daily rated usage line item, the fields consumption billing uses. */
export interface UsageLineItem {
  customerTenantId: string;
  subscriptionId: string;
  meterCategory: string;
  meterSubCategory: string;
  meterName: string;
  unit: string;
  quantity: number;
  /** `BillingPreTaxTotal`: the partner's cost, in `currency`. */
  cost: number;
  currency: string;
  /** `ChargeStartDate` (ISO date or date-time): the billing period the line belongs to. */
  chargeStartDate: string;
}

/** Usage summed over a billing period: the grain of the `csp_usage` table. */
export interface UsageRow {
  customerTenantId: string;
  /** `YYYY-MM`. */
  period: string;
  subscriptionId: string;
  meterCategory: string;
  meterSubCategory: string;
  meterName: string;
  unit: string;
  quantity: number;
  cost: number;
  currency: string;
  /** Daily line items summed into this row. */
  lineItems: number;
}

/** The calendar month (`YYYY-MM`) of a charge start date, or null when it is not a date. */
export function billingMonth(chargeStartDate: string): string | null {
  const match = /^(\d{4})-(\d{2})-\d{2}/.exec(chargeStartDate.trim());
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? `${match[1]}-${match[2]}` : null;
}

const rowKey = (line: UsageLineItem, period: string) =>
  [
    line.customerTenantId.toLowerCase(),
    period,
    line.subscriptionId.toLowerCase(),
    line.meterCategory,
    line.meterSubCategory,
    line.meterName,
    line.unit,
    line.currency,
  ].join('\u0000');

/** Sums line items into rows as they arrive (an export comes blob by blob). */
export function createUsageAggregator() {
  const rows = new Map<string, UsageRow>();
  let undated = 0;
  return {
    add(lines: Iterable<UsageLineItem>): void {
      for (const line of lines) {
        const period = billingMonth(line.chargeStartDate);
        if (!period) {
          undated += 1;
          continue;
        }
        const key = rowKey(line, period);
        const row = rows.get(key);
        if (row) {
          row.quantity += line.quantity;
          row.cost += line.cost;
          row.lineItems += 1;
        } else {
          rows.set(key, {
            customerTenantId: line.customerTenantId.toLowerCase(),
            period,
            subscriptionId: line.subscriptionId.toLowerCase(),
            meterCategory: line.meterCategory,
            meterSubCategory: line.meterSubCategory,
            meterName: line.meterName,
            unit: line.unit,
            quantity: line.quantity,
            cost: line.cost,
            currency: line.currency,
            lineItems: 1,
          });
        }
      }
    },
    /** Rows so far; `undated`: lines without a readable charge date (left out, counted). */
    result(): { rows: UsageRow[]; undated: number } {
      return { rows: [...rows.values()], undated };
    },
  };
}

/** Sums line items into rows (see {@link createUsageAggregator}). */
export function aggregateUsage(lines: Iterable<UsageLineItem>): { rows: UsageRow[]; undated: number } {
  const aggregator = createUsageAggregator();
  aggregator.add(lines);
  return aggregator.result();
}

/** First and last day (`YYYY-MM-DD`) of a `YYYY-MM` period. */
export function periodDates(period: string): { start: string; end: string } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { start: `${period}-01`, end: `${period}-${String(last).padStart(2, '0')}` };
}

/** The `YYYY-MM` period a date falls in, UTC. */
export const periodOf = (date: Date) => date.toISOString().slice(0, 7);
