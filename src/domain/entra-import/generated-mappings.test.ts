import { describe, expect, it } from 'vitest';
import { defaultEntraImportConfig } from '../../contracts/entra/mapping-config.js';
import { withGeneratedSiteMappings, type MappedTenant } from './generated-mappings.js';

const tenant = (n: number, name: string): MappedTenant => ({
  tenantId: `0000000${n}-0000-4000-8000-00000000000${n}`.toUpperCase(),
  tenantName: name,
  customerName: `${name} Ltd`,
  siteId: `1000000${n}-0000-4000-8000-00000000000${n}`,
  siteName: 'Main',
});

describe('generated site mappings (guide 002 "Generate Mappings")', () => {
  it('maps every mapped tenant to its customer main site, once, leaving tenants mapped by hand alone', () => {
    let next = 0;
    const newId = () => `9000000${++next}-0000-4000-8000-000000000000`;
    const [abc, fab, con] = [tenant(1, 'ABC Limited'), tenant(2, 'Fabrikam'), tenant(3, 'Contoso')];
    const manual = withGeneratedSiteMappings(defaultEntraImportConfig(), [fab], newId).config;

    const { config, added } = withGeneratedSiteMappings(manual, [abc, fab, con], newId);
    expect(added.map((m) => m.description)).toEqual([
      'Generated: every user of ABC Limited to ABC Limited Ltd/Main',
      'Generated: every user of Contoso to Contoso Ltd/Main',
    ]);
    expect(added[0]).toMatchObject({
      type: 'existingSite',
      siteId: abc.siteId,
      sequence: 60,
      tenantIds: [abc.tenantId.toLowerCase()],
      groupName: null,
    });
    expect(config.siteMappings.map((m) => m.sequence)).toEqual([50, 60, 70]);
    // Running it again adds nothing.
    expect(withGeneratedSiteMappings(config, [abc, fab, con], newId).added).toEqual([]);
  });
});
