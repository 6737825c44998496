import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { StoreError } from '../errors.js';
import { connections } from '../schema/connections.js';
import { integratorConfigs } from '../schema/integrator.js';

/**
 * A stored integrator configuration. `config` is whatever was saved, possibly by an older
 * Rollcall: parse it with `integratorConfigSchema` before use.
 */
export interface StoredIntegratorConfig {
  connectionId: string;
  config: unknown;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

/** Someone saved the integrator since `expectedVersion` was read. */
export class IntegratorVersionConflictError extends StoreError {
  constructor(
    readonly connectionId: string,
    readonly expectedVersion: number,
    /** The stored version now; 0 when there is none. */
    readonly currentVersion: number,
  ) {
    super(
      'integrator-version-conflict',
      `the integrator of connection ${connectionId} changed since it was read ` +
        `(expected version ${expectedVersion}, now ${currentVersion}); reload it, reapply your edits and save again.`,
    );
  }
}

/** Integrator configurations, saved with compare-and-swap on `version`. */
export interface IntegratorConfigRepository {
  get(connectionId: string): Promise<StoredIntegratorConfig | undefined>;
  /**
   * Saves `config` if the stored version is still `expectedVersion` (0: there is none yet) and
   * returns the new version. Throws {@link IntegratorVersionConflictError} if someone saved since.
   */
  save(
    connectionId: string,
    config: object,
    options: { expectedVersion: number; updatedBy: string | null },
  ): Promise<number>;
  /**
   * Configurations saved as enabled, of connections that are not disabled (the schedule's
   * candidates; the caller still parses each and checks where it may run). `connectionId` narrows
   * to one.
   */
  listEnabled(connectionId?: string): Promise<StoredIntegratorConfig[]>;
}

const columns = {
  connectionId: integratorConfigs.connectionId,
  config: integratorConfigs.config,
  version: integratorConfigs.version,
  updatedAt: integratorConfigs.updatedAt,
  updatedBy: integratorConfigs.updatedBy,
};

/** An {@link IntegratorConfigRepository} over `db` (a database or a transaction). */
export function createIntegratorConfigRepository(db: Database): IntegratorConfigRepository {
  const currentVersion = async (connectionId: string) => {
    const [row] = await db
      .select({ version: integratorConfigs.version })
      .from(integratorConfigs)
      .where(eq(integratorConfigs.connectionId, connectionId));
    return row?.version ?? 0;
  };

  return {
    async get(connectionId) {
      const [row] = await db
        .select(columns)
        .from(integratorConfigs)
        .where(eq(integratorConfigs.connectionId, connectionId));
      return row;
    },

    async save(connectionId, config, { expectedVersion, updatedBy }) {
      const written =
        expectedVersion === 0
          ? await db
              .insert(integratorConfigs)
              .values({ connectionId, config, version: 1, updatedBy })
              .onConflictDoNothing()
              .returning({ version: integratorConfigs.version })
          : await db
              .update(integratorConfigs)
              .set({
                config,
                updatedBy,
                version: sql`${integratorConfigs.version} + 1`,
                updatedAt: sql`now()`,
              })
              .where(
                and(
                  eq(integratorConfigs.connectionId, connectionId),
                  eq(integratorConfigs.version, expectedVersion),
                ),
              )
              .returning({ version: integratorConfigs.version });
      const [row] = written;
      if (row) return row.version;
      throw new IntegratorVersionConflictError(
        connectionId,
        expectedVersion,
        await currentVersion(connectionId),
      );
    },

    async listEnabled(connectionId) {
      return db
        .select(columns)
        .from(integratorConfigs)
        .innerJoin(connections, eq(connections.id, integratorConfigs.connectionId))
        .where(
          and(
            sql`${integratorConfigs.config} ->> 'enabled' = 'true'`,
            eq(connections.inactive, false),
            connectionId ? eq(integratorConfigs.connectionId, connectionId) : undefined,
          ),
        )
        .orderBy(integratorConfigs.connectionId);
    },
  };
}
