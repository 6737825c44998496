import type { z } from 'zod';
import type { exportQuerySchema } from '../../contracts/api/licence-insight.js';
import { inactiveBefore, renewalWindow } from '../../domain/licences/insight.js';
import type { Database } from '../../store/index.js';
import type { Page } from '../../store/pagination.js';
import { createLicenceInsightRepository } from '../../store/repositories/licence-insight-repository.js';
import { csvRow } from '../audit/csv.js';
import { holderView, renewalView, skuInsightView } from './licence-insight-views.js';

/** Rows read per query while exporting: bounded memory whatever the size of the estate. */
const EXPORT_BATCH = 500;

type ExportQuery = z.infer<typeof exportQuerySchema>;

const SKU_HEADER = [
  'Customer',
  'Tenant',
  'Product',
  'Part number',
  'SKU id',
  'Status',
  'Paid',
  'Assigned',
  'Used',
  'Unassigned',
  'Held by disabled users',
  'Held by inactive users',
  'Held by users never seen signing in',
  'Assigned to users not imported',
  'Wasted',
];

const HOLDER_HEADER = [
  'Customer',
  'Name',
  'Email',
  'User principal name',
  'Product',
  'SKU id',
  'Disabled',
  'Service account',
  'Last sign-in',
  'Via group',
];

const RENEWAL_HEADER = [
  'Customer',
  'Tenant',
  'Subscription',
  'Offer',
  'Subscription id',
  'Quantity',
  'Status',
  'Term',
  'Billing cycle',
  'Auto-renew',
  'Commitment ends',
  'Days until',
  'Currency',
  'Monthly cost',
  'Monthly price',
];

async function* pages<T>(read: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** The lines of one report, header first, read one batch at a time. */
export async function* insightCsvLines(db: Database, query: ExportQuery, now: Date): AsyncGenerator<string> {
  const repo = createLicenceInsightRepository(db);
  const filter = { customerId: query.customerId, inactiveBefore: inactiveBefore(now, query.inactiveDays) };
  const batch = (cursor: string | undefined) => ({ search: query.search, limit: EXPORT_BATCH, cursor });

  if (query.report === 'skus') {
    yield csvRow(SKU_HEADER);
    for await (const items of pages((c) => repo.listLicences(filter, batch(c)))) {
      yield items
        .map(skuInsightView)
        .map((r) =>
          csvRow([
            r.customerName,
            r.tenantName ?? r.tenantId,
            r.friendlyName,
            r.skuPartNumber,
            r.skuId,
            r.capabilityStatus,
            r.paid,
            r.assigned,
            r.used,
            r.unassigned,
            r.heldByDisabled,
            r.heldByInactive,
            r.heldByUnknown,
            r.untracked,
            r.wasted,
          ]),
        )
        .join('');
    }
    return;
  }

  if (query.report === 'holders') {
    yield csvRow(HOLDER_HEADER);
    const holders = { ...filter, kind: query.kind ?? 'disabled', skuId: query.skuId };
    for await (const items of pages((c) => repo.listHolders(holders, batch(c)))) {
      // One line per licence held: a spreadsheet filters and counts them.
      yield items
        .map(holderView)
        .flatMap((h) =>
          h.licences.map((l) =>
            csvRow([
              h.customerName,
              h.displayName,
              h.email,
              h.userPrincipalName,
              l.name,
              l.skuId,
              yesNo(h.inactive),
              yesNo(h.isServiceAccount),
              h.lastSignInAt,
              yesNo(l.viaGroup),
            ]),
          ),
        )
        .join('');
    }
    return;
  }

  yield csvRow(RENEWAL_HEADER);
  const renewals = { customerId: query.customerId, ...renewalWindow(now, query.renewingWithinDays) };
  for await (const items of pages((c) => repo.listRenewals(renewals, batch(c)))) {
    yield items
      .map((row) => renewalView(row, now))
      .map((r) =>
        csvRow([
          r.customerName,
          r.tenantName ?? r.tenantId,
          r.friendlyName,
          r.offerName,
          r.subscriptionId,
          r.quantity,
          r.status,
          r.termDuration,
          r.billingCycle,
          yesNo(r.autoRenew),
          r.commitmentEndDate,
          r.daysUntil,
          r.currency ?? 'no price yet',
          r.monthlyCost,
          r.monthlyPrice,
        ]),
      )
      .join('');
  }
}
