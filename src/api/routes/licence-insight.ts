import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import {
  exportLicenceInsight,
  getLicenceInsight,
  listLicenceHolders,
  listRenewals,
} from '../../contracts/api/licence-insight.js';
import { inactiveBefore, renewalWindow } from '../../domain/licences/insight.js';
import { createCustomerRepository, type Database } from '../../store/index.js';
import { createLicenceInsightRepository } from '../../store/repositories/licence-insight-repository.js';
import type { ApiDeps } from '../deps.js';
import { insightCsvLines } from './licence-insight-csv.js';
import { buildInsightSummary, holderView, renewalView, skuInsightView } from './licence-insight-views.js';
import { endpointRegistrar, notFound, toApiPage } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'resolvePrincipal' | 'now'>;

async function requireCustomer(db: Database, id: string | undefined): Promise<void> {
  if (id && !(await createCustomerRepository(db).findById(id))) throw notFound('customer');
}

/**
 * Licence insight (customers.read): the summary with licences one page at a time, the holders
 * behind a number, renewals, and each as a streamed CSV.
 */
export function registerLicenceInsightRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  const repo = () => createLicenceInsightRepository(deps.db);

  on(getLicenceInsight, async ({ query }) => {
    await requireCustomer(deps.db, query.customerId);
    const now = deps.now();
    const filter = { customerId: query.customerId, inactiveBefore: inactiveBefore(now, query.inactiveDays) };
    const [summary, page, total] = await Promise.all([
      buildInsightSummary(deps.db, { ...query, now }),
      repo().listLicences(filter, query),
      repo().countLicences(filter, query),
    ]);
    return { summary, skus: toApiPage(page, skuInsightView, total) };
  });

  on(listLicenceHolders, async ({ query }) => {
    await requireCustomer(deps.db, query.customerId);
    const filter = {
      kind: query.kind,
      customerId: query.customerId,
      skuId: query.skuId,
      inactiveBefore: inactiveBefore(deps.now(), query.inactiveDays),
    };
    const [page, total] = await Promise.all([
      repo().listHolders(filter, query),
      repo().countHolders(filter, query),
    ]);
    return toApiPage(page, holderView, total);
  });

  on(listRenewals, async ({ query }) => {
    await requireCustomer(deps.db, query.customerId);
    const now = deps.now();
    const filter = { customerId: query.customerId, ...renewalWindow(now, query.renewingWithinDays) };
    const [page, counts] = await Promise.all([
      repo().listRenewals(filter, query),
      repo().countRenewals(filter, query),
    ]);
    return toApiPage(page, (row) => renewalView(row, now), counts.count);
  });

  on(exportLicenceInsight, async ({ query, reply }) => {
    await requireCustomer(deps.db, query.customerId);
    const now = deps.now();
    const stamp = now.toISOString().slice(0, 10);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="rollcall-licence-${query.report}-${stamp}.csv"`)
      .header('cache-control', 'no-store');
    // Fastify sends a stream as it is (no serialiser), one batch of rows at a time.
    return Readable.from(insightCsvLines(deps.db, query, now)) as unknown as string;
  });
}
