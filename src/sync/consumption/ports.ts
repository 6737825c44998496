import type { ConsumptionConfig } from '../../contracts/api/consumption.js';
import type { ConsumptionInvoiceLine, UsageLineItem, UsageRow } from '../../domain/consumption/index.js';

export type ConsumptionRunTrigger = 'manual' | 'scheduled' | 'cli' | 'api' | 'notification';

/** A customer tenant of the connection, as its mapping says. */
export interface ConsumptionTenant {
  tenantId: string;
  /** Null with do-not-import. */
  customerId: string | null;
  doNotImport: boolean;
}

/** The partner's Azure usage as consumption billing reads it (implemented over src/microsoft). */
export interface ConsumptionReader {
  /** The period's unbilled usage of every customer of the partner, a batch at a time. */
  unbilledUsage(options: {
    billingPeriod: 'current' | 'last';
    currencyCode: string;
  }): AsyncIterable<UsageLineItem[]>;
  /** Requests made so far (a retried request counts once), for the run record. */
  requestCount(): number;
  /** Line items Microsoft sent that did not have the expected attributes. */
  unreadable(): number;
}

/** A usage row for a mapped customer. */
export type CustomerUsageRow = UsageRow & { customerId: string };

export interface ConsumptionRunFinish {
  counts: Record<string, number>;
  requests: number;
}

/** The desk side (implemented in src/store). */
export interface ConsumptionStore {
  /** Replaces the connection's usage of `periods` with `rows` in one transaction. Rows written. */
  replace(
    runId: string,
    input: { periods: readonly string[]; rows: readonly CustomerUsageRow[] },
  ): Promise<number>;
}

/** The customer's recurring invoice (the billing repository); null: not available. */
export interface ConsumptionInvoices {
  /**
   * Writes the customer's usage lines for a period onto its newest monthly recurring invoice,
   * replacing lines of the same key and removing the period's others. False: no such invoice.
   */
  write(customerId: string, period: string, lines: readonly ConsumptionInvoiceLine[]): Promise<boolean>;
}

/** Run records (sync_runs, module `consumption`, under the partner's tenant). */
export interface ConsumptionRunLog {
  interruptStale(before: Date): Promise<number>;
  start(trigger: ConsumptionRunTrigger): Promise<string>;
  succeed(runId: string, finish: ConsumptionRunFinish): Promise<void>;
  fail(runId: string, error: { code: string; message: string }, finish: ConsumptionRunFinish): Promise<void>;
}

/** Everything a consumption run of one CSP connection needs, injected by the composition root. */
export interface ConsumptionPorts {
  connectionId: string;
  config(): Promise<ConsumptionConfig>;
  tenants(): Promise<ConsumptionTenant[]>;
  reader: ConsumptionReader;
  store: ConsumptionStore;
  invoices: ConsumptionInvoices | null;
  runs: ConsumptionRunLog;
  now(): Date;
}

export interface ConsumptionRunResult {
  runId: string;
  status: 'succeeded' | 'failed';
  period: string;
  counts: Record<string, number>;
  error: { code: string; message: string } | null;
  /** Failed for a reason another attempt may not meet (throttling, 5xx, network). */
  transient: boolean;
}
