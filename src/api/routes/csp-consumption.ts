import type { FastifyInstance } from 'fastify';
import {
  getConsumptionConfig,
  listConsumptionUsage,
  saveConsumptionConfig,
  type ConsumptionConfig,
  type ConsumptionConfigView,
  type ConsumptionUsagePage,
} from '../../contracts/api/consumption.js';
import { chargeCategory, roundToCents } from '../../domain/consumption/index.js';
import {
  ConsumptionVersionConflictError,
  createConsumptionConfigRepository,
  createCspUsageRepository,
  createCustomerRepository,
} from '../../store/index.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { loadConsumptionConfig } from '../integrations/consumption/consumption-config.js';
import { loadCspConnection } from '../integrations/csp/tenants-connection.js';
import { endpointRegistrar, notFound } from './resource-helpers.js';

type Deps = Pick<ApiDeps, 'db' | 'secrets' | 'resolvePrincipal'>;

/**
 * Consumption billing on a CSP connection (guide 002 "Consumption Billing"): the meter category
 * mappings, and each customer's imported usage with what the mappings charge for it. The
 * endpoints' permission (integrations.csp.configure) is all the access there is.
 */
export function registerCspConsumptionRoutes(app: FastifyInstance, deps: Deps): void {
  const on = endpointRegistrar(app, deps);
  const load = (id: string) => loadCspConnection(deps.db, deps.secrets, id);

  const configView = async (connectionId: string): Promise<ConsumptionConfigView> => {
    const stored = await loadConsumptionConfig(deps.db, connectionId);
    return {
      connectionId,
      version: stored.version,
      updatedAt: stored.updatedAt?.toISOString() ?? null,
      config: stored.config,
      knownCategories: await createCspUsageRepository(deps.db).knownCategories(connectionId),
    };
  };

  on(getConsumptionConfig, async ({ params }) => configView((await load(params.id)).id));

  on(saveConsumptionConfig, async ({ params, body, principal, request }) => {
    const connection = await load(params.id);
    try {
      await audited(deps.db, auditSource(principal, request), async (tx, record) => {
        const repository = createConsumptionConfigRepository(tx);
        const before = await repository.get(connection.id);
        await repository.save(connection.id, body.config, {
          expectedVersion: body.expectedVersion,
          updatedBy: principal?.accountId ?? null,
        });
        await record({
          action: 'csp.consumption-mappings.save',
          target: { type: 'connection', id: connection.id },
          before: before?.config ?? null,
          after: body.config,
        });
      });
    } catch (error) {
      if (error instanceof ConsumptionVersionConflictError) {
        throw new ApiHttpError(
          'conflict',
          'Someone saved these mappings since you opened them; reload them, then make your change again.',
          [{ field: 'expectedVersion', message: error.message }],
        );
      }
      throw error;
    }
    return configView(connection.id);
  });

  on(listConsumptionUsage, async ({ params, query }) => {
    const connection = await load(params.id);
    if (!(await createCustomerRepository(deps.db).findById(query.customerId))) throw notFound('customer');
    const usage = createCspUsageRepository(deps.db);
    const periods = await usage.customerPeriods(connection.id, query.customerId);
    const period = query.period ?? periods[0] ?? null;
    const empty: ConsumptionUsagePage = {
      items: [],
      nextCursor: null,
      total: 0,
      period,
      periods,
      totals: { cost: 0, charge: 0, currency: null },
      importedAt: null,
    };
    if (!period) return empty;
    const { config } = await loadConsumptionConfig(deps.db, connection.id);
    const whole = await usage.customerPeriod(connection.id, query.customerId, period);
    const page = await usage.categoryPage(connection.id, query.customerId, period, {
      cursor: query.cursor,
      limit: query.limit,
    });
    return {
      ...empty,
      items: page.items.map((c) => categoryView(c, config)),
      nextCursor: page.nextCursor ?? null,
      total: new Set(whole.categories.map((c) => c.meterCategory.toLowerCase())).size,
      totals: totalsOf(whole.categories, config),
      importedAt: whole.importedAt?.toISOString() ?? null,
    };
  });
}

function categoryView(
  category: { meterCategory: string; meters: number; cost: number; currency: string },
  config: ConsumptionConfig,
) {
  const charged = chargeCategory(category, config.mappings);
  return {
    meterCategory: category.meterCategory,
    meters: category.meters,
    cost: roundToCents(category.cost),
    charge: charged.charge,
    currency: category.currency,
    mappedBy: charged.mappedBy,
    action: charged.action,
    description: charged.description,
  };
}

function totalsOf(
  categories: { meterCategory: string; cost: number; currency: string }[],
  config: ConsumptionConfig,
) {
  let cost = 0;
  let charge = 0;
  for (const category of categories) {
    cost += category.cost;
    charge += chargeCategory(category, config.mappings).charge ?? 0;
  }
  const currencies = [...new Set(categories.map((c) => c.currency))];
  return { cost: roundToCents(cost), charge: roundToCents(charge), currency: currencies[0] ?? null };
}
