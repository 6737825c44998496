import { and, eq, sql } from 'drizzle-orm';
import type { EntraImportConfig } from '../../../contracts/entra/mapping-config.js';
import type { Database } from '../../database-types.js';
import { ConfigVersionConflictError } from '../../errors.js';
import { entraImportConfigs } from '../../schema/entra-import.js';

/**
 * A stored import configuration. `config` is whatever was saved, possibly by an older Rollcall:
 * parse it with `entraImportConfigSchema` before use.
 */
export interface StoredEntraConfig {
  config: unknown;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

/** Import configurations of Entra connections, saved with compare-and-swap on `version`. */
export interface EntraConfigRepository {
  get(connectionId: string): Promise<StoredEntraConfig | undefined>;
  /** The stored version and save time only (cheap: the configuration itself can be large). */
  stamp(connectionId: string): Promise<Pick<StoredEntraConfig, 'version' | 'updatedAt'> | undefined>;
  /**
   * Saves `config` if the stored version is still `expectedVersion` (0: there is none yet) and
   * returns the new version. Throws {@link ConfigVersionConflictError} if someone saved since.
   */
  save(
    connectionId: string,
    config: EntraImportConfig,
    options: { expectedVersion: number; updatedBy: string | null },
  ): Promise<number>;
}

/** An {@link EntraConfigRepository} over `db` (a database or a transaction). */
export function createEntraConfigRepository(db: Database): EntraConfigRepository {
  const currentVersion = async (connectionId: string) => {
    const [row] = await db
      .select({ version: entraImportConfigs.version })
      .from(entraImportConfigs)
      .where(eq(entraImportConfigs.connectionId, connectionId));
    return row?.version ?? 0;
  };

  return {
    async get(connectionId) {
      const [row] = await db
        .select({
          config: entraImportConfigs.config,
          version: entraImportConfigs.version,
          updatedAt: entraImportConfigs.updatedAt,
          updatedBy: entraImportConfigs.updatedBy,
        })
        .from(entraImportConfigs)
        .where(eq(entraImportConfigs.connectionId, connectionId));
      return row;
    },

    async stamp(connectionId) {
      const [row] = await db
        .select({ version: entraImportConfigs.version, updatedAt: entraImportConfigs.updatedAt })
        .from(entraImportConfigs)
        .where(eq(entraImportConfigs.connectionId, connectionId));
      return row;
    },

    async save(connectionId, config, { expectedVersion, updatedBy }) {
      const written =
        expectedVersion === 0
          ? await db
              .insert(entraImportConfigs)
              .values({ connectionId, config, version: 1, updatedBy })
              .onConflictDoNothing()
              .returning({ version: entraImportConfigs.version })
          : await db
              .update(entraImportConfigs)
              .set({
                config,
                updatedBy,
                version: sql`${entraImportConfigs.version} + 1`,
                updatedAt: sql`now()`,
              })
              .where(
                and(
                  eq(entraImportConfigs.connectionId, connectionId),
                  eq(entraImportConfigs.version, expectedVersion),
                ),
              )
              .returning({ version: entraImportConfigs.version });
      const [row] = written;
      if (row) return row.version;
      throw new ConfigVersionConflictError(connectionId, expectedVersion, await currentVersion(connectionId));
    },
  };
}
