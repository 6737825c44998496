import { PRICING_PERIODS } from '../../contracts/api/csp-pricing.js';
import type { FastifyInstance } from 'fastify';
import {
  deleteCustomerLicence,
  deleteCustomerSubscription,
  getLicenceSummary,
  licenceExtraSchema,
  listCustomerLicences,
  listCustomerSubscriptions,
  listLicenceUsers,
  runLicences,
  updateCustomerLicence,
  updateCustomerSubscription,
  type CspSubscriptionView,
  type CustomerLicenceView,
  type LicenceExtra,
} from '../../contracts/api/csp-licences.js';
import {
  createCustomerRepository,
  createLicenceQueryRepository,
  type CspSubscriptionRow,
  type CustomerLicenceRow,
  type Database,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { loadConnectionOfKind } from './entra-connections-load.js';
import { queueRunNow } from './integrator-run-now.js';
import { endpointRegistrar, iso, isoOrNull, notFound, toApiPage } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'microsoft' | 'config' | 'resolvePrincipal' | 'jobs' | 'audit'>;

/** Stored extra data as the contract shows it: keys another version wrote are left out. */
function extraView(extra: Record<string, unknown>): LicenceExtra {
  const parsed = licenceExtraSchema.safeParse(
    Object.fromEntries(Object.entries(extra).filter(([k]) => k in licenceExtraSchema.shape)),
  );
  return parsed.success ? parsed.data : {};
}

function licenceView(row: CustomerLicenceRow): CustomerLicenceView {
  return {
    id: row.id,
    connectionId: row.connectionId,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    skuId: row.skuId,
    skuPartNumber: row.skuPartNumber,
    friendlyName: row.friendlyName,
    capabilityStatus: row.capabilityStatus,
    totalUnits: row.totalUnits,
    consumedUnits: row.consumedUnits,
    availableUnits: Math.max(0, row.totalUnits - row.consumedUnits),
    suspendedUnits: row.suspendedUnits,
    warningUnits: row.warningUnits,
    lockedOutUnits: row.lockedOutUnits,
    source: row.source,
    usersLinked: row.usersLinked,
    extra: extraView(row.extra),
    lastSeenAt: iso(row.lastSeenAt),
    removedAt: isoOrNull(row.removedAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The pricing columns as the API shows them: null until priced (or when no price matched). */
function subscriptionPricingView(row: CspSubscriptionRow): CspSubscriptionView['pricing'] {
  const period = PRICING_PERIODS.find((p) => p === row.pricingPeriod);
  if (!row.currency || !period || !row.pricedAt) return null;
  return {
    currency: row.currency,
    unitCost: row.unitCost,
    unitPrice: row.unitPrice,
    period,
    pricedAt: iso(row.pricedAt),
  };
}

function subscriptionView(row: CspSubscriptionRow): CspSubscriptionView {
  return {
    id: row.id,
    connectionId: row.connectionId,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    subscriptionId: row.subscriptionId,
    offerId: row.offerId,
    offerName: row.offerName,
    friendlyName: row.friendlyName,
    quantity: row.quantity,
    unitType: row.unitType,
    status: row.status,
    termDuration: row.termDuration,
    billingCycle: row.billingCycle,
    autoRenew: row.autoRenew,
    isTrial: row.isTrial,
    createdOn: isoOrNull(row.createdOn),
    startDate: row.startDate,
    commitmentEndDate: row.commitmentEndDate,
    pricing: subscriptionPricingView(row),
    productId: row.productId,
    recurringInvoiceId: row.recurringInvoiceId,
    extra: extraView(row.extra),
    lastSeenAt: iso(row.lastSeenAt),
    removedAt: isoOrNull(row.removedAt),
    updatedAt: iso(row.updatedAt),
  };
}

async function requireCustomer(db: Database, id: string): Promise<void> {
  if (!(await createCustomerRepository(db).findById(id))) throw notFound('customer');
}

/**
 * A customer's imported licences and CSP subscriptions (customers.read), their extra data
 * (customers.write), removal (administrators only), and "run licences now" for a CSP connection.
 */
export function registerCustomerLicenceRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  const query = () => createLicenceQueryRepository(deps.db);

  on(getLicenceSummary, async ({ params }) => {
    await requireCustomer(deps.db, params.id);
    const summary = await query().summary(params.id);
    return {
      ...summary,
      lastSyncAt: isoOrNull(summary.lastSyncAt),
      tenants: summary.tenants.map((t) => ({
        ...t,
        lastRunAt: isoOrNull(t.lastRunAt),
        lastSuccessAt: isoOrNull(t.lastSuccessAt),
      })),
    };
  });

  on(listCustomerLicences, async ({ params, query: q }) => {
    await requireCustomer(deps.db, params.id);
    const repo = query();
    const [page, total] = await Promise.all([
      repo.listLicences(params.id, q),
      repo.countLicences(params.id, q),
    ]);
    return toApiPage(page, licenceView, total);
  });

  on(listLicenceUsers, async ({ params, query: q }) => {
    const repo = query();
    const licence = await repo.findLicence(params.id, params.licenceId);
    if (!licence) throw notFound('licence');
    const [page, total] = await Promise.all([repo.listUsers(licence, q), repo.countUsers(licence, q)]);
    return toApiPage(page, (user) => user, total);
  });

  on(updateCustomerLicence, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const repo = createLicenceQueryRepository(tx);
      const before = await repo.findLicence(params.id, params.licenceId);
      if (!before) throw notFound('licence');
      await repo.updateExtra('licences', params.id, params.licenceId, body.extra);
      const after = await repo.findLicence(params.id, params.licenceId);
      if (!after) throw notFound('licence');
      await record({
        action: 'licence.update',
        target: { type: 'licence', id: after.id },
        customerId: params.id,
        before: { extra: before.extra },
        after: { extra: after.extra },
      });
      return licenceView(after);
    }),
  );

  on(deleteCustomerLicence, async ({ params, principal, request }) => {
    await audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const repo = createLicenceQueryRepository(tx);
      const before = await repo.findLicence(params.id, params.licenceId);
      if (!before || !(await repo.remove('licences', params.id, params.licenceId))) throw notFound('licence');
      await record({
        action: 'licence.delete',
        target: { type: 'licence', id: before.id },
        customerId: params.id,
        before: { friendlyName: before.friendlyName, skuId: before.skuId, tenantId: before.tenantId },
      });
    });
    return null;
  });

  on(listCustomerSubscriptions, async ({ params, query: q }) => {
    await requireCustomer(deps.db, params.id);
    const repo = query();
    const [page, total] = await Promise.all([
      repo.listSubscriptions(params.id, q),
      repo.countSubscriptions(params.id, q),
    ]);
    return toApiPage(page, subscriptionView, total);
  });

  on(updateCustomerSubscription, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const repo = createLicenceQueryRepository(tx);
      const before = await repo.findSubscription(params.id, params.subscriptionId);
      if (!before) throw notFound('subscription');
      await repo.updateExtra('subscriptions', params.id, params.subscriptionId, body.extra);
      const after = await repo.findSubscription(params.id, params.subscriptionId);
      if (!after) throw notFound('subscription');
      await record({
        action: 'subscription.update',
        target: { type: 'subscription', id: after.id },
        customerId: params.id,
        before: { extra: before.extra },
        after: { extra: after.extra },
      });
      return subscriptionView(after);
    }),
  );

  on(deleteCustomerSubscription, async ({ params, principal, request }) => {
    await audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const repo = createLicenceQueryRepository(tx);
      const before = await repo.findSubscription(params.id, params.subscriptionId);
      if (!before || !(await repo.remove('subscriptions', params.id, params.subscriptionId))) {
        throw notFound('subscription');
      }
      await record({
        action: 'subscription.delete',
        target: { type: 'subscription', id: before.id },
        customerId: params.id,
        before: { friendlyName: before.friendlyName, subscriptionId: before.subscriptionId },
      });
    });
    return null;
  });

  // Queued like the integrator's Run now: a partner's hundreds of tenants would outlast any proxy.
  on(runLicences, async ({ params, body, principal, request }) => {
    const connection = await loadConnectionOfKind(deps, deps.db, 'csp', params.id, principal, 'modify');
    if (connection.inactive) {
      throw new ApiHttpError(
        'conflict',
        `Connection "${connection.name}" is disabled; enable it to import licences.`,
      );
    }
    const jobs = await queueRunNow(
      deps,
      auditSource(principal, request),
      connection,
      { tenantIds: body.tenantIds, module: 'licences' },
      { tenantIds: body.tenantIds ?? null, module: 'licences' },
    );
    return { jobs };
  });
}
