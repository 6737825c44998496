import {
  categoryTotals,
  consumptionInvoiceLines,
  createUsageAggregator,
  periodOf,
  type UsageLineItem,
} from '../../domain/consumption/index.js';
import type {
  ConsumptionPorts,
  ConsumptionRunResult,
  ConsumptionRunTrigger,
  CustomerUsageRow,
} from './ports.js';

/** A run still `running` after this long was left by a process that stopped. */
const STALE_RUN_MS = 60 * 60 * 1000;

export interface ConsumptionRunRequest {
  trigger: ConsumptionRunTrigger;
  /** Default `current`: the month in progress. */
  billingPeriod?: 'current' | 'last';
  /** Told of failures that are bugs (not Microsoft's known errors): log them. */
  onUnexpectedError?: (error: unknown, runId: string) => void;
}

const previousMonth = (now: Date) =>
  periodOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));

/** Microsoft's typed errors carry a code and whether retrying helps; anything else is a bug. */
function explain(error: unknown): { code: string; message: string; transient: boolean; known: boolean } {
  const code = (error as { code?: unknown }).code;
  if (error instanceof Error && typeof code === 'string') {
    return {
      code,
      message: error.message,
      transient: (error as { retryable?: unknown }).retryable === true,
      known: true,
    };
  }
  return {
    code: 'internal',
    message: 'consumption billing failed unexpectedly; see the server log',
    transient: false,
    known: false,
  };
}

/**
 * The consumption module for one CSP connection (guide 002 "Consumption Billing"): read the
 * partner's unbilled Azure usage for the period, keep the lines of customer tenants mapped to a
 * desk customer (do-not-import and unmapped tenants are counted, not stored), sum them per
 * subscription and meter, and replace the period's rows in one transaction (re-runs never
 * double). Then each customer's meter categories become lines on its newest
 * monthly recurring invoice through the connection's mappings (replaced per key).
 */
export async function runConsumptionImport(
  ports: ConsumptionPorts,
  request: ConsumptionRunRequest,
): Promise<ConsumptionRunResult> {
  const now = ports.now();
  const billingPeriod = request.billingPeriod ?? 'current';
  const period = billingPeriod === 'current' ? periodOf(now) : previousMonth(now);
  await ports.runs.interruptStale(new Date(now.getTime() - STALE_RUN_MS));
  const runId = await ports.runs.start(request.trigger);
  const requestsBefore = ports.reader.requestCount();
  const requests = () => ports.reader.requestCount() - requestsBefore;
  const counts: Record<string, number> = {};
  const bump = (key: string, by = 1) => {
    counts[key] = (counts[key] ?? 0) + by;
  };
  try {
    const [config, tenants] = await Promise.all([ports.config(), ports.tenants()]);
    const customerOf = new Map<string, string>();
    const skipped = new Set<string>();
    for (const t of tenants) {
      if (t.doNotImport || !t.customerId) skipped.add(t.tenantId.toLowerCase());
      else customerOf.set(t.tenantId.toLowerCase(), t.customerId);
    }
    const aggregator = createUsageAggregator();
    const unmappedTenants = new Set<string>();
    for await (const batch of ports.reader.unbilledUsage({
      billingPeriod,
      currencyCode: config.currencyCode,
    })) {
      const kept: UsageLineItem[] = [];
      for (const line of batch) {
        const tenantId = line.customerTenantId.toLowerCase();
        bump('lineItems.read');
        if (customerOf.has(tenantId)) kept.push(line);
        else if (skipped.has(tenantId)) bump('lineItems.doNotImport');
        else {
          bump('lineItems.unmapped');
          unmappedTenants.add(tenantId);
        }
      }
      aggregator.add(kept);
    }
    const { rows, undated } = aggregator.result();
    if (undated > 0) counts['lineItems.undated'] = undated;
    const unreadable = ports.reader.unreadable();
    if (unreadable > 0) counts['lineItems.unreadable'] = unreadable;
    if (unmappedTenants.size > 0) counts['tenants.unmapped'] = unmappedTenants.size;
    const customerRows: CustomerUsageRow[] = rows.map((r) => ({
      ...r,
      customerId: customerOf.get(r.customerTenantId)!,
    }));
    const periods = [...new Set([period, ...customerRows.map((r) => r.period)])].sort();
    const customers = new Set(customerRows.map((r) => r.customerId));
    counts['usage.rows'] = customerRows.length;
    counts['customers.withUsage'] = customers.size;

    const invoiceWork: {
      customerId: string;
      period: string;
      lines: ReturnType<typeof consumptionInvoiceLines>;
    }[] = [];
    if (ports.invoices) {
      for (const customerId of customers) {
        for (const p of periods) {
          const usage = categoryTotals(
            customerRows.filter((r) => r.customerId === customerId && r.period === p),
          );
          if (usage.length === 0) continue;
          invoiceWork.push({
            customerId,
            period: p,
            lines: consumptionInvoiceLines(p, usage, config.mappings),
          });
        }
      }
    }
    await ports.store.replace(runId, { periods, rows: customerRows });
    if (ports.invoices) {
      let written = 0;
      let lines = 0;
      let noInvoice = 0;
      for (const work of invoiceWork) {
        if (await ports.invoices.write(work.customerId, work.period, work.lines)) {
          written += 1;
          lines += work.lines.length;
        } else noInvoice += 1;
      }
      counts['invoices.written'] = written;
      counts['invoices.lines'] = lines;
      if (noInvoice > 0) counts['invoices.noMonthlyInvoice'] = noInvoice;
    }
    await ports.runs.succeed(runId, { counts, requests: requests() });
    return { runId, status: 'succeeded', period, counts, error: null, transient: false };
  } catch (error) {
    const failure = explain(error);
    if (!failure.known) request.onUnexpectedError?.(error, runId);
    const recorded = { code: failure.code, message: failure.message };
    await ports.runs.fail(runId, recorded, { counts, requests: requests() });
    return { runId, status: 'failed', period, counts, error: recorded, transient: failure.transient };
  }
}
