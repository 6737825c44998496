import { describe, expect, it } from 'vitest';
import { assetImportConfigSchema, DEFAULT_ASSET_IMPORT_CONFIG } from './assets-config.js';

const problems = (input: unknown) => {
  const parsed = assetImportConfigSchema.safeParse(input);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('asset import configuration', () => {
  it('defaults to one type for all, the asset method by UPN, serial number matching, Sense kept', () => {
    expect(DEFAULT_ASSET_IMPORT_CONFIG).toMatchObject({
      enabled: false,
      assetType: { mode: 'single', assetType: 'Computer' },
      userMatching: {
        method: 'asset',
        deviceField: 'userPrincipalName',
        userIdentifier: 'userPrincipalName',
      },
      siteAllocation: 'all',
      matchingField: 'serialNumber',
      excludeSenseManaged: false,
    });
  });

  it('refuses rules without a fallback when unmatched devices fall back, naming the field', () => {
    expect(
      problems({
        assetType: {
          mode: 'rules',
          unmatched: 'fallback',
          rules: [{ field: 'operatingSystem', operator: 'equals', value: 'iOS', assetType: 'Phone' }],
        },
      }),
    ).toEqual([
      {
        path: 'assetType.fallbackAssetType',
        message: 'choose the fallback asset type for devices no rule matches, or exclude them',
      },
    ]);
  });

  it('refuses unknown Intune fields, rules without values, repeated asset fields and equal statuses', () => {
    const found = problems({
      assetType: {
        mode: 'rules',
        unmatched: 'exclude',
        rules: [{ field: 'operatingSystem', operator: 'contains', value: '', assetType: 'Phone' }],
      },
      fieldMappings: [
        { intuneField: 'colour', assetField: 'Colour' },
        { intuneField: 'model', assetField: 'Model' },
        { intuneField: 'manufacturer', assetField: 'model' },
      ],
      newStatus: 'Active',
      deletedStatus: 'active',
    }).map((p) => p.path);
    expect(found).toEqual(expect.arrayContaining(['assetType.rules.0.value', 'fieldMappings.0.intuneField']));
    expect(
      problems({
        fieldMappings: [
          { intuneField: 'model', assetField: 'Model' },
          { intuneField: 'manufacturer', assetField: 'model' },
        ],
      }),
    ).toEqual([
      { path: 'fieldMappings.1.assetField', message: expect.stringContaining('"model" is mapped twice') },
    ]);
    expect(problems({ newStatus: 'Active', deletedStatus: 'active' })).toEqual([
      { path: 'deletedStatus', message: expect.stringContaining('must differ from newStatus') },
    ]);
  });
});
