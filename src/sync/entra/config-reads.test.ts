import { describe, expect, it } from 'vitest';
import { defaultEntraImportConfig, type EntraImportConfig } from '../../contracts/entra/index.js';
import { deskFieldsRead, fieldsRead } from './config-reads.js';

const E3 = 'c7df2760-2c81-4ef7-b578-5b5392b571df';
const withLicences = (overrides: Partial<EntraImportConfig>): EntraImportConfig => ({
  ...defaultEntraImportConfig(),
  ...overrides,
});

describe('fieldsRead and the licence settings', () => {
  it('reads assignedLicenses for users when the licence check or compliance is on, so delta rounds bring licence changes', () => {
    expect(fieldsRead(defaultEntraImportConfig(), 'users')).not.toContain('assignedLicenses');
    const check = withLicences({ licenceCheck: { type: 'include', skuIds: [E3] } });
    expect(fieldsRead(check, 'users')).toContain('assignedLicenses');
    const compliance = withLicences({ compliance: { mode: 'flag', skuIds: [E3] } });
    expect(fieldsRead(compliance, 'users')).toContain('assignedLicenses');
    expect(fieldsRead(compliance, 'agents')).not.toContain('assignedLicenses');
  });

  it('loads the desk service-account flag when the check sets it, and the coverage always (to clear it)', () => {
    expect(deskFieldsRead(defaultEntraImportConfig())).toContain('contractCoverage');
    expect(deskFieldsRead(defaultEntraImportConfig())).not.toContain('isServiceAccount');
    const flags = withLicences({ licenceCheck: { type: 'serviceAccount', skuIds: [E3] } });
    expect(deskFieldsRead(flags)).toContain('isServiceAccount');
  });
});
