import { PRICING_IMPORT_INTERVAL_DAYS } from '../../contracts/api/csp-pricing.js';
import type { PricingPorts, PricingRunResult, PricingRunTrigger } from './ports.js';

const DAY_MS = 24 * 3600 * 1000;
/** A run still `running` after this long was left by a process that stopped. */
const STALE_RUN_MS = 30 * 60 * 1000;

export interface PricingRunRequest {
  trigger: PricingRunTrigger;
  /** Import even when the last import is less than a week old ("Run now"). */
  force: boolean;
  now: Date;
  /** How a failure is described and whether another attempt may succeed. */
  explain(error: unknown): { code: string; message: string; transient: boolean };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Guide 002 "Subscription Pricing" for one CSP connection: Partner Center's price sheet of the
 * connection's marketplace is imported at most once a week (a scheduled run within a week of the
 * last import is recorded as skipped, with when the next is due; a person's run always imports),
 * replacing the market's rows, and every subscription of the connection is priced from it in the
 * same transaction.
 */
export async function runPricingImport(
  ports: PricingPorts,
  request: PricingRunRequest,
): Promise<PricingRunResult> {
  const { now } = request;
  const { market } = ports;
  await ports.runs.interruptStale(new Date(now.getTime() - STALE_RUN_MS));
  const last = await ports.lastImportedAt();
  const dueAt = last ? new Date(last.getTime() + PRICING_IMPORT_INTERVAL_DAYS * DAY_MS) : null;
  const runId = await ports.runs.start(request.trigger);
  if (!request.force && dueAt && dueAt > now) {
    const counts = { 'pricing.skipped': 1 };
    await ports.runs.finish(runId, {
      status: 'succeeded',
      counts,
      error: null,
      requests: 0,
      modeReason: 'pricing.notDue',
      warnings: [
        `Skipped: the ${market} price sheet was imported on ${day(last!)}; the next import is due on ${day(dueAt)} (weekly). "Run now" imports it at once.`,
      ],
    });
    return {
      runId,
      status: 'skipped',
      market,
      counts,
      error: null,
      transient: false,
      nextDueAt: dueAt.toISOString(),
    };
  }
  const before = ports.source.requestCount();
  const requests = () => ports.source.requestCount() - before;
  try {
    const sheet = await ports.source.read(market);
    const counts: Record<string, number> = { 'pricing.imported': sheet.rows.length };
    const warnings: string[] = [];
    if (sheet.rejected > 0) {
      counts['pricing.rejected'] = sheet.rejected;
      warnings.push(
        `${sheet.rejected} row(s) of the ${market} price sheet were unreadable (an amount that is not a number, no currency) and were left out.`,
      );
    }
    const priced = await ports.apply(runId, sheet.rows, now, { counts, requests: requests(), warnings });
    return {
      runId,
      status: 'succeeded',
      market,
      counts: { ...counts, 'pricing.priced': priced.priced, 'pricing.unmatched': priced.unmatched },
      error: null,
      transient: false,
      nextDueAt: new Date(now.getTime() + PRICING_IMPORT_INTERVAL_DAYS * DAY_MS).toISOString(),
    };
  } catch (error) {
    const failure = request.explain(error);
    const recorded = { code: failure.code, message: failure.message };
    await ports.runs.finish(runId, { status: 'failed', counts: {}, error: recorded, requests: requests() });
    return {
      runId,
      status: 'failed',
      market,
      counts: {},
      error: recorded,
      transient: failure.transient,
      nextDueAt: dueAt?.toISOString() ?? null,
    };
  }
}
