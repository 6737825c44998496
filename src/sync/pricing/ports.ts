import type { PricingMarketplace } from '../../contracts/api/csp-pricing.js';

export type PricingRunTrigger = 'manual' | 'scheduled' | 'cli' | 'api' | 'notification';

/** A price sheet row as the module keeps it (the store's `csp_prices`). */
export interface PriceRow {
  productId: string;
  skuId: string;
  productTitle: string;
  skuTitle: string;
  termDuration: string;
  billingPlan: string;
  currency: string;
  unitCost: number | null;
  unitPrice: number | null;
  effectiveStart: string | null;
  effectiveEnd: string | null;
}

/** Partner Center's price sheet as the module reads it (implemented over src/microsoft). */
export interface PriceSheetSource {
  read(market: PricingMarketplace): Promise<{ rows: PriceRow[]; rejected: number }>;
  /** Requests made so far (a retried request counts once), for the run record. */
  requestCount(): number;
}

export interface PricingFinish {
  counts: Record<string, number>;
  requests: number;
  warnings: string[];
}

/** Everything one connection's pricing run needs, injected by the composition root. */
export interface PricingPorts {
  market: PricingMarketplace;
  source: PriceSheetSource;
  /** When the market's sheet was last imported for the connection; null before the first. */
  lastImportedAt(): Promise<Date | null>;
  runs: {
    interruptStale(before: Date): Promise<number>;
    start(trigger: PricingRunTrigger): Promise<string>;
    finish(
      runId: string,
      result: {
        status: 'succeeded' | 'failed';
        counts: Record<string, number>;
        error: { code: string; message: string } | null;
        requests: number;
        modeReason?: string;
        warnings?: string[];
      },
    ): Promise<void>;
  };
  /**
   * In one transaction: replace the market's sheet with `rows`, price every subscription of the
   * connection from it, and finish the run; answers how many were priced and left unmatched.
   */
  apply(
    runId: string,
    rows: PriceRow[],
    importedAt: Date,
    finish: PricingFinish,
  ): Promise<{ priced: number; unmatched: number }>;
}

export interface PricingRunResult {
  runId: string | null;
  status: 'succeeded' | 'skipped' | 'failed';
  market: PricingMarketplace;
  counts: Record<string, number>;
  error: { code: string; message: string } | null;
  transient: boolean;
  /** When the next scheduled import is due (a week after the last successful one). */
  nextDueAt: string | null;
}
