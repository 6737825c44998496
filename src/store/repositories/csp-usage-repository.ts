import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { StoreError } from '../errors.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../pagination.js';
import { cspConsumptionConfigs, cspUsage } from '../schema/consumption.js';
import { chunk } from '../sql-arrays.js';
import { queryRows } from '../sql-rows.js';

/** A stored consumption configuration: parse `config` with `consumptionConfigSchema` before use. */
export interface StoredConsumptionConfig {
  connectionId: string;
  config: unknown;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

/** Someone saved the connection's consumption mappings since `expectedVersion` was read. */
export class ConsumptionVersionConflictError extends StoreError {
  constructor(
    readonly connectionId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      'consumption-version-conflict',
      `the consumption mappings of connection ${connectionId} changed since they were read ` +
        `(expected version ${expectedVersion}, now ${currentVersion}); reload them, reapply your edits and save again.`,
    );
  }
}

/** Consumption billing settings per CSP connection, saved with compare-and-swap on `version`. */
export function createConsumptionConfigRepository(db: Database) {
  const columns = {
    connectionId: cspConsumptionConfigs.connectionId,
    config: cspConsumptionConfigs.config,
    version: cspConsumptionConfigs.version,
    updatedAt: cspConsumptionConfigs.updatedAt,
    updatedBy: cspConsumptionConfigs.updatedBy,
  };
  return {
    async get(connectionId: string): Promise<StoredConsumptionConfig | undefined> {
      const [row] = await db
        .select(columns)
        .from(cspConsumptionConfigs)
        .where(eq(cspConsumptionConfigs.connectionId, connectionId));
      return row;
    },

    /** Saves if the stored version is still `expectedVersion` (0: none yet); the new version. */
    async save(
      connectionId: string,
      config: object,
      options: { expectedVersion: number; updatedBy: string | null },
    ): Promise<number> {
      const written =
        options.expectedVersion === 0
          ? await db
              .insert(cspConsumptionConfigs)
              .values({ connectionId, config, version: 1, updatedBy: options.updatedBy })
              .onConflictDoNothing()
              .returning({ version: cspConsumptionConfigs.version })
          : await db
              .update(cspConsumptionConfigs)
              .set({
                config,
                updatedBy: options.updatedBy,
                version: sql`${cspConsumptionConfigs.version} + 1`,
                updatedAt: sql`now()`,
              })
              .where(
                and(
                  eq(cspConsumptionConfigs.connectionId, connectionId),
                  eq(cspConsumptionConfigs.version, options.expectedVersion),
                ),
              )
              .returning({ version: cspConsumptionConfigs.version });
      if (written[0]) return written[0].version;
      const current = await this.get(connectionId);
      throw new ConsumptionVersionConflictError(connectionId, options.expectedVersion, current?.version ?? 0);
    },
  };
}

/** A usage row to store: a period's usage of one meter, for a mapped customer. */
export interface UsageRowInput {
  tenantId: string;
  customerId: string;
  period: string;
  subscriptionId: string;
  meterCategory: string;
  meterSubCategory: string;
  meterName: string;
  unit: string;
  quantity: number;
  cost: number;
  currency: string;
  lineItems: number;
}

/** One meter category of a customer's usage in a period. */
export interface CategoryTotal {
  meterCategory: string;
  meters: number;
  cost: number;
  currency: string;
}

const INSERT_CHUNK = 500;

/** Imported Azure usage (`csp_usage`). */
export function createCspUsageRepository(db: Database) {
  return {
    /**
     * Replaces the connection's usage of `periods` with `rows` (call it in the run's transaction:
     * a re-run replaces, never adds). Rows written.
     */
    async replacePeriods(input: {
      connectionId: string;
      runId: string;
      periods: readonly string[];
      rows: readonly UsageRowInput[];
    }): Promise<number> {
      if (input.periods.length > 0) {
        await db
          .delete(cspUsage)
          .where(
            and(eq(cspUsage.connectionId, input.connectionId), inArray(cspUsage.period, [...input.periods])),
          );
      }
      for (const part of chunk(input.rows, INSERT_CHUNK)) {
        await db
          .insert(cspUsage)
          .values(part.map((row) => ({ ...row, connectionId: input.connectionId, syncRunId: input.runId })));
      }
      return input.rows.length;
    },

    /** Meter categories seen in the connection's usage (the mapping editor's suggestions). */
    async knownCategories(connectionId: string): Promise<string[]> {
      const rows = await queryRows<{ category: string }>(
        db,
        sql`select min(meter_category) as category from csp_usage where connection_id = ${connectionId}
             group by lower(meter_category) order by lower(meter_category) collate "C"`,
      );
      return rows.map((r) => r.category);
    },

    /** Periods with usage for a customer on the connection, newest first. */
    async customerPeriods(connectionId: string, customerId: string): Promise<string[]> {
      const rows = await queryRows<{ period: string }>(
        db,
        sql`select distinct period from csp_usage where connection_id = ${connectionId}
             and customer_id = ${customerId} order by period desc`,
      );
      return rows.map((r) => r.period);
    },

    /** A customer's usage in a period by meter category (case-insensitive), a page at a time. */
    async categoryPage(
      connectionId: string,
      customerId: string,
      period: string,
      options: { cursor?: string; limit?: number } = {},
    ): Promise<Page<CategoryTotal>> {
      const limit = pageSize(options.limit);
      const after = options.cursor ? decodeCursor(options.cursor, 1)[0]! : null;
      const rows = await queryRows<{
        key: string;
        category: string;
        meters: number;
        cost: string;
        currency: string;
      }>(
        db,
        sql`select lower(meter_category) as key, min(meter_category) as category, count(*)::int as meters,
                   sum(cost)::text as cost, min(currency) as currency
              from csp_usage
             where connection_id = ${connectionId} and customer_id = ${customerId} and period = ${period}
             group by lower(meter_category)
            having ${after === null ? sql`true` : sql`lower(meter_category) collate "C" > ${after} collate "C"`}
             order by lower(meter_category) collate "C"
             limit ${limit + 1}`,
      );
      const items = rows.slice(0, limit).map((r) => ({
        meterCategory: r.category,
        meters: r.meters,
        cost: Number(r.cost),
        currency: r.currency,
      }));
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return last ? { items, nextCursor: encodeCursor([last.key]) } : { items };
    },

    /** A customer's whole period: cost by category, and when it was imported. */
    async customerPeriod(
      connectionId: string,
      customerId: string,
      period: string,
    ): Promise<{ categories: CategoryTotal[]; importedAt: Date | null }> {
      const rows = await queryRows<{
        category: string;
        meters: number;
        cost: string;
        currency: string;
        imported_at: string | Date;
      }>(
        db,
        sql`select meter_category as category, count(*)::int as meters, sum(cost)::text as cost, currency,
                   max(imported_at) as imported_at
              from csp_usage
             where connection_id = ${connectionId} and customer_id = ${customerId} and period = ${period}
             group by meter_category, currency`,
      );
      const stamps = rows.map((r) => new Date(r.imported_at).getTime());
      return {
        categories: rows.map((r) => ({
          meterCategory: r.category,
          meters: r.meters,
          cost: Number(r.cost),
          currency: r.currency,
        })),
        importedAt: stamps.length > 0 ? new Date(Math.max(...stamps)) : null,
      };
    },
  };
}

export type CspUsageRepository = ReturnType<typeof createCspUsageRepository>;
