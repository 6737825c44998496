import { periodDates } from '../../../domain/consumption/index.js';
import { createRecurringInvoiceRepository, type Database } from '../../../store/index.js';
import type { ConsumptionInvoices } from '../../../sync/consumption/index.js';

/**
 * Consumption lines onto the customer's newest monthly recurring invoice through the billing
 * repository: one line per (customer, period, meter category), replaced on every run.
 */
export function consumptionInvoices(db: Database): ConsumptionInvoices {
  const invoices = createRecurringInvoiceRepository(db);
  return {
    async write(customerId, period, lines) {
      const dates = periodDates(period);
      const result = await invoices.upsertConsumptionLines(
        customerId,
        dates,
        lines.map((line) => ({ ...line, periodStart: dates.start, periodEnd: dates.end })),
      );
      return result !== null;
    },
  };
}
