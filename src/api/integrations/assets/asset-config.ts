import {
  assetImportConfigSchema,
  DEFAULT_ASSET_IMPORT_CONFIG,
  type AssetImportConfig,
} from '../../../contracts/api/assets-config.js';
import type { ConfigProblem } from '../../../contracts/api/entra-import.js';
import {
  createAssetConfigRepository,
  createAssetImportRepository,
  type ConnectionSummary,
  type Database,
} from '../../../store/index.js';

/** A connection's asset import configuration as stored, or the defaults (version 0) before its first save. */
export async function loadAssetConfig(
  db: Database,
  connectionId: string,
): Promise<{ config: AssetImportConfig; version: number; updatedAt: Date | null; valid: boolean }> {
  const stored = await createAssetConfigRepository(db).get(connectionId);
  if (!stored) return { config: DEFAULT_ASSET_IMPORT_CONFIG, version: 0, updatedAt: null, valid: true };
  const parsed = assetImportConfigSchema.safeParse(stored.config);
  return {
    config: parsed.success ? parsed.data : DEFAULT_ASSET_IMPORT_CONFIG,
    version: stored.version,
    updatedAt: stored.updatedAt,
    valid: parsed.success,
  };
}

const error = (field: string, message: string): ConfigProblem => ({
  severity: 'error',
  field,
  message,
  suggestions: [],
});

/**
 * What only the desk can tell about a configuration: the default site exists (and, for a CSP
 * partner, belongs to one of its mapped customers), and an Entra connection has somewhere to put
 * devices nobody is linked to.
 */
export async function assetConfigProblems(
  db: Database,
  connection: ConnectionSummary,
  config: AssetImportConfig,
): Promise<ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  const repo = createAssetImportRepository(db);
  if (config.defaultSiteId) {
    const site = await repo.site(config.defaultSiteId);
    if (!site) {
      problems.push(error('defaultSiteId', 'no active site has this id; choose the default site again'));
    } else if (connection.kind === 'csp') {
      const mappings = await repo.tenantMappings(connection.id);
      if (!mappings.some((m) => m.customerId === site.customerId)) {
        problems.push(
          error(
            'defaultSiteId',
            "the site's customer is not mapped to any tenant of this partner; choose a site of a mapped customer, or none (each tenant's customer's main site)",
          ),
        );
      }
    }
  } else if (connection.kind === 'entra' && config.enabled) {
    problems.push({
      severity: 'warning',
      field: 'defaultSiteId',
      message:
        'no default site: devices not linked to a desk user are excluded (an Entra connection has no customer of its own)',
      suggestions: [],
    });
  }
  return problems;
}
