import type {
  InsightSummaryView,
  LicenceHolderView,
  RenewalView,
  SkuInsightView,
} from '../../contracts/api/licence-insight.js';
import {
  readSubscriptionPricing,
  costTotals,
  subscriptionMonthly,
} from '../../domain/licences/insight-cost.js';
import {
  daysUntil,
  inactiveBefore,
  insightTotals,
  renewalWindow,
  skuInsight,
  totalsByCustomer,
} from '../../domain/licences/insight.js';
import type { Database } from '../../store/index.js';
import {
  createLicenceInsightRepository,
  type LicenceHolderRow,
  type LicenceInsightRow,
  type RenewalRow,
} from '../../store/repositories/licence-insight-repository.js';

/** Most customers the summary names across all (the most wasted seats first). */
const TOP_CUSTOMERS = 20;

/** A licence row with its figures, as the contract shows it. */
export function skuInsightView(row: LicenceInsightRow): SkuInsightView {
  const insight = skuInsight({
    paid: row.totalUnits,
    assigned: row.consumedUnits,
    holders: row.holders,
    heldByDisabled: row.heldByDisabled,
    heldByInactive: row.heldByInactive,
    heldByUnknown: row.heldByUnknown,
    used: row.used,
  });
  return {
    licenceId: row.licenceId,
    customerId: row.customerId,
    customerName: row.customerName,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    skuId: row.skuId,
    skuPartNumber: row.skuPartNumber,
    friendlyName: row.friendlyName,
    capabilityStatus: row.capabilityStatus,
    source: row.source,
    paid: insight.paid,
    assigned: insight.assigned,
    used: insight.used,
    unassigned: insight.unassigned,
    holders: insight.holders,
    untracked: insight.untracked,
    heldByDisabled: insight.heldByDisabled,
    heldByInactive: insight.heldByInactive,
    heldByUnknown: insight.heldByUnknown,
    wasted: insight.wasted,
  };
}

export function holderView(row: LicenceHolderRow): LicenceHolderView {
  return { ...row, lastSignInAt: row.lastSignInAt ? row.lastSignInAt.toISOString() : null };
}

export function renewalView(row: RenewalRow, now: Date): RenewalView {
  const { pricing, ...rest } = row;
  return {
    ...rest,
    daysUntil: daysUntil(row.commitmentEndDate, now),
    ...subscriptionMonthly(row.quantity, readSubscriptionPricing(pricing)),
  };
}

export interface SummaryRequest {
  customerId?: string | undefined;
  inactiveDays: number;
  renewingWithinDays: number;
  now: Date;
}

/** The headline figures for one customer or across all (also the weekly report's body). */
export async function buildInsightSummary(
  db: Database,
  request: SummaryRequest,
): Promise<InsightSummaryView> {
  return (await buildInsightSummaryWithLicences(db, request)).summary;
}

/** The summary and the licences it was added up from (the report e-mail lists the most wasted). */
export async function buildInsightSummaryWithLicences(
  db: Database,
  request: SummaryRequest,
): Promise<{ summary: InsightSummaryView; licences: SkuInsightView[] }> {
  const repo = createLicenceInsightRepository(db);
  const { customerId, now } = request;
  const [licences, renewals, subscriptions] = await Promise.all([
    repo.allLicences({ customerId, inactiveBefore: inactiveBefore(now, request.inactiveDays) }),
    repo.countRenewals({ customerId, ...renewalWindow(now, request.renewingWithinDays) }, {}),
    repo.activeSubscriptions(customerId),
  ]);
  const rows = licences.map(skuInsightView);
  const totals = insightTotals(rows);
  const summary: InsightSummaryView = {
    generatedAt: now.toISOString(),
    customerId: customerId ?? null,
    inactiveDays: request.inactiveDays,
    renewingWithinDays: request.renewingWithinDays,
    customers: new Set(rows.map((r) => r.customerId)).size,
    totals,
    renewals,
    money: costTotals(
      subscriptions.map((s) => ({ quantity: s.quantity, pricing: readSubscriptionPricing(s.pricing) })),
    ),
    topCustomers: customerId ? [] : totalsByCustomer(rows).slice(0, TOP_CUSTOMERS),
  };
  return { summary, licences: rows };
}
