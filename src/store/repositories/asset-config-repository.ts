import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { assetImportConfigs } from '../schema/assets.js';
import { ConfigVersionConflictError } from '../errors.js';

/** A connection's stored asset import configuration (not yet validated: callers parse it). */
export interface StoredAssetConfig {
  config: unknown;
  version: number;
  updatedAt: Date;
  updatedBy: string | null;
}

/** `asset_import_configs`: one versioned document per connection, saved by compare-and-swap. */
export interface AssetConfigRepository {
  get(connectionId: string): Promise<StoredAssetConfig | undefined>;
  /** Saves over `expectedVersion` (0: the first save); throws ConfigVersionConflictError otherwise. */
  save(
    connectionId: string,
    config: unknown,
    options: { expectedVersion: number; updatedBy: string | null },
  ): Promise<number>;
}

export function createAssetConfigRepository(db: Database): AssetConfigRepository {
  const currentVersion = async (connectionId: string) => {
    const [row] = await db
      .select({ version: assetImportConfigs.version })
      .from(assetImportConfigs)
      .where(eq(assetImportConfigs.connectionId, connectionId));
    return row?.version ?? 0;
  };
  return {
    async get(connectionId) {
      const [row] = await db
        .select({
          config: assetImportConfigs.config,
          version: assetImportConfigs.version,
          updatedAt: assetImportConfigs.updatedAt,
          updatedBy: assetImportConfigs.updatedBy,
        })
        .from(assetImportConfigs)
        .where(eq(assetImportConfigs.connectionId, connectionId));
      return row;
    },
    async save(connectionId, config, { expectedVersion, updatedBy }) {
      const written =
        expectedVersion === 0
          ? await db
              .insert(assetImportConfigs)
              .values({ connectionId, config, version: 1, updatedBy })
              .onConflictDoNothing()
              .returning({ version: assetImportConfigs.version })
          : await db
              .update(assetImportConfigs)
              .set({
                config,
                updatedBy,
                version: sql`${assetImportConfigs.version} + 1`,
                updatedAt: sql`now()`,
              })
              .where(
                and(
                  eq(assetImportConfigs.connectionId, connectionId),
                  eq(assetImportConfigs.version, expectedVersion),
                ),
              )
              .returning({ version: assetImportConfigs.version });
      const [row] = written;
      if (row) return row.version;
      throw new ConfigVersionConflictError(connectionId, expectedVersion, await currentVersion(connectionId));
    },
  };
}
