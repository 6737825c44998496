import { describe, expect, it } from 'vitest';
import {
  MAX_SITE_MAPPINGS,
  MAX_TENANTS_PER_MAPPING,
  defaultEntraImportConfig,
  entraImportConfigSchema,
} from './mapping-config.js';

const uuid = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const siteMapping = (i: number, tenantIds: string[] = []) => ({
  id: uuid(i),
  type: 'existingSite' as const,
  siteId: uuid(900_000),
  sequence: i,
  tenantIds,
});

describe('import configuration limits', () => {
  it(`holds ${MAX_SITE_MAPPINGS} site mappings (a partner's generated ones), not one more`, () => {
    const base = defaultEntraImportConfig();
    const full = Array.from({ length: MAX_SITE_MAPPINGS }, (_, i) => siteMapping(i, [uuid(100_000 + i)]));
    expect(entraImportConfigSchema.safeParse({ ...base, siteMappings: full }).success).toBe(true);

    const over = entraImportConfigSchema.safeParse({
      ...base,
      siteMappings: [...full, siteMapping(MAX_SITE_MAPPINGS)],
    });
    expect(over.success).toBe(false);
    expect(over.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      {
        path: ['siteMappings'],
        message: `siteMappings may hold at most ${MAX_SITE_MAPPINGS} site mappings; remove some, or let one mapping cover several tenants`,
      },
    ]);
  });

  it(`a mapping's tenant filter names at most ${MAX_TENANTS_PER_MAPPING} tenants`, () => {
    const tenants = Array.from({ length: MAX_TENANTS_PER_MAPPING + 1 }, (_, i) => uuid(100_000 + i));
    const base = defaultEntraImportConfig();
    const ok = { ...base, siteMappings: [siteMapping(1, tenants.slice(1))] };
    expect(entraImportConfigSchema.safeParse(ok).success).toBe(true);
    const over = entraImportConfigSchema.safeParse({ ...base, siteMappings: [siteMapping(1, tenants)] });
    expect(over.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      {
        path: ['siteMappings', 0, 'tenantIds'],
        message: `tenantIds may name at most ${MAX_TENANTS_PER_MAPPING} tenants per site mapping; leave it empty to apply the mapping to every tenant`,
      },
    ]);
  });
});
