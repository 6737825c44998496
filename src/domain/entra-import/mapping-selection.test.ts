import { describe, expect, it } from 'vitest';
import type { SiteMapping } from '../../contracts/entra/index.js';
import { createMappingSelector, isAgentSiteMapping, isUserSiteMapping } from './mapping-selection.js';
import { OTHER_TENANT, TENANT, dirUser, mapping } from './testing/fixtures.js';

const select = (mappings: SiteMapping[], user = dirUser('u')) =>
  createMappingSelector(mappings, isUserSiteMapping, 'excluded: no site mapping matches')(user);
const selectAgent = (mappings: SiteMapping[], user = dirUser('u')) =>
  createMappingSelector(mappings, isAgentSiteMapping, 'excluded: no agent mapping matches')(user);

const london = mapping.existingSite({
  id: 'm-london',
  sequence: 10,
  siteId: 's-london',
  description: 'London',
  groupName: 'Loc-London',
});
const everyone = mapping.existingSite({ id: 'm-all', sequence: 20, siteId: 's-main' });

describe('createMappingSelector', () => {
  it('evaluates by sequence, lowest first, whatever the order of the list; first match wins', () => {
    const user = dirUser('u', { groups: ['loc-LONDON'] });
    const result = select([everyone, london], user);
    expect(result).toMatchObject({ matched: true, mapping: { id: 'm-london' } });
    expect(result.reason).toBe('matched site mapping "London" (seq 10) via group Loc-London');
    expect(select([everyone, london]).reason).toBe('matched site mapping "existing site" (seq 20)');
  });

  it('a do-not-import mapping before the first match excludes; after it, it does not', () => {
    const contractors = mapping.doNotImport({
      id: 'm-no',
      sequence: 5,
      description: 'Contractors',
      groupName: 'Contractors',
    });
    const user = dirUser('u', { groups: ['Contractors', 'Loc-London'] });
    expect(select([london, contractors], user)).toMatchObject({
      matched: false,
      code: 'excluded.doNotImport',
      reason: 'excluded: matched do-not-import mapping "Contractors" (seq 5) via group Contractors',
    });
    expect(select([london, { ...contractors, sequence: 50 }], user)).toMatchObject({ matched: true });
  });

  it('names the group a user is not in (a renamed group simply no longer matches)', () => {
    const result = select([london], dirUser('u', { groups: ['Loc-London (old)'] }));
    expect(result).toEqual({
      matched: false,
      code: 'excluded.groupFilter',
      reason: 'excluded: not a member of group "Loc-London" (site mapping "London", seq 10)',
      mapping: london,
    });
  });

  it('guests: not included, included, or only with a licence', () => {
    const guest = dirUser('g', { userType: 'Guest', licensed: false });
    expect(select([everyone], guest)).toMatchObject({ code: 'excluded.guest' });
    expect(select([{ ...everyone, includeExternal: 'licensedOnly' }], guest)).toMatchObject({
      code: 'excluded.guestUnlicensed',
    });
    expect(
      select([{ ...everyone, includeExternal: 'licensedOnly' }], { ...guest, licensed: true }),
    ).toMatchObject({
      matched: true,
    });
    expect(select([{ ...everyone, includeExternal: 'yes' }], guest)).toMatchObject({ matched: true });
  });

  it('reports the reason of the mapping that came closest, earlier sequence on a tie', () => {
    const guest = dirUser('g', { userType: 'Guest', groups: ['Loc-London'] });
    expect(select([london, everyone], guest)).toMatchObject({
      code: 'excluded.guest',
      mapping: { id: 'm-london' },
    });
    const filtered = {
      ...everyone,
      filter: {
        combinator: 'and' as const,
        criteria: [{ entraField: 'department', operator: 'equals' as const, value: 'IT' }],
      },
    };
    expect(select([london, filtered])).toMatchObject({
      code: 'excluded.fieldFilter',
      mapping: { id: 'm-all' },
    });
    const elsewhere = { ...everyone, tenantIds: [OTHER_TENANT] };
    expect(select([elsewhere, london])).toMatchObject({ code: 'excluded.groupFilter' });
    expect(select([elsewhere])).toMatchObject({
      code: 'excluded.tenantFilter',
      reason: `excluded: tenant ${TENANT} is not one of the mapping's tenants (site mapping "existing site", seq 20)`,
    });
  });

  it("no mapping of the plan's kind: excluded.noMatchingMapping", () => {
    expect(select([])).toMatchObject({
      code: 'excluded.noMatchingMapping',
      reason: 'excluded: no site mapping matches',
      mapping: null,
    });
    expect(select([mapping.agent({ id: 'a', sequence: 1 })])).toMatchObject({
      code: 'excluded.noMatchingMapping',
    });
    expect(
      selectAgent([everyone, mapping.doNotImport({ id: 'n', sequence: 9, groupName: 'x' })]),
    ).toMatchObject({
      code: 'excluded.noMatchingMapping',
      reason: 'excluded: no agent mapping matches',
    });
  });

  it('agent mappings filter on creation type (Entra userType)', () => {
    const guest = dirUser('g', { userType: 'Guest' });
    const members = mapping.agent({ id: 'a', sequence: 1, creationType: 'Member', includeExternal: 'yes' });
    expect(selectAgent([members], guest)).toMatchObject({ code: 'excluded.memberOnlyAgents' });
    expect(selectAgent([members])).toMatchObject({ matched: true });
    const guests = mapping.agent({ id: 'a', sequence: 1, creationType: 'Guest', includeExternal: 'yes' });
    expect(selectAgent([guests], guest)).toMatchObject({ matched: true });
    expect(selectAgent([guests])).toMatchObject({ code: 'excluded.fieldFilter' });
  });

  describe('with a mapping per tenant (a CSP partner with thousands of customers)', () => {
    const tenants = Array.from({ length: 3000 }, (_, i) => `tenant-${i}`);
    const perTenant = tenants.map((tenantId, i) =>
      mapping.existingSite({
        id: `m-${tenantId}`,
        sequence: 50 + i * 10,
        siteId: `s-${tenantId}`,
        description: `Generated: ${tenantId}`,
        tenantIds: [tenantId.toUpperCase()],
      }),
    );
    const inTenant = (tenantId: string, overrides = {}) => dirUser('u', { tenantId, ...overrides });

    it("a user of tenant X gets X's mapping, tenant ids compared ignoring case", () => {
      expect(select(perTenant, inTenant('tenant-1234'))).toMatchObject({
        matched: true,
        mapping: { id: 'm-tenant-1234' },
        reason: 'matched site mapping "Generated: tenant-1234" (seq 12390)',
      });
      expect(select(perTenant, inTenant('TENANT-0'))).toMatchObject({ mapping: { id: 'm-tenant-0' } });
    });

    it('mappings without a tenant filter still apply to every tenant, by sequence', () => {
      const contractors = mapping.doNotImport({ id: 'm-no', sequence: 5, groupName: 'Contractors' });
      const fallback = mapping.existingSite({ id: 'm-rest', sequence: 99_999, siteId: 's-main' });
      const all = [fallback, ...perTenant, contractors];
      expect(select(all, inTenant('tenant-7', { groups: ['Contractors'] }))).toMatchObject({
        code: 'excluded.doNotImport',
      });
      expect(select(all, inTenant('tenant-7'))).toMatchObject({ mapping: { id: 'm-tenant-7' } });
      expect(select(all, inTenant('tenant-unmapped'))).toMatchObject({ mapping: { id: 'm-rest' } });
      // A later tenant's mapping loses to an earlier mapping for every tenant, and wins after it.
      const early = { ...fallback, id: 'm-early', sequence: 1, groupName: 'Early' };
      expect(select([early, ...perTenant], inTenant('tenant-9', { groups: ['Early'] }))).toMatchObject({
        mapping: { id: 'm-early' },
      });
      expect(select([early, ...perTenant], inTenant('tenant-9'))).toMatchObject({
        mapping: { id: 'm-tenant-9' },
      });
    });

    it('a tenant no mapping names reads the tenant filter of the first mapping, or the closest that applies', () => {
      expect(select(perTenant, inTenant('tenant-x'))).toMatchObject({
        code: 'excluded.tenantFilter',
        reason:
          'excluded: tenant tenant-x is not one of the mapping\'s tenants (site mapping "Generated: tenant-0", seq 50)',
      });
      const guestsOnly = mapping.existingSite({ id: 'm-g', sequence: 99_999, siteId: 's', groupName: 'G' });
      expect(select([...perTenant, guestsOnly], inTenant('tenant-x'))).toMatchObject({
        code: 'excluded.groupFilter',
        mapping: { id: 'm-g' },
      });
    });

    it("checks only the mappings that apply to the user's tenant", () => {
      let checked = 0;
      const counted = perTenant.map(
        (m) =>
          new Proxy(m, {
            get(target, key, receiver) {
              if (key === 'filter') checked += 1;
              return Reflect.get(target, key, receiver) as unknown;
            },
          }),
      );
      const selector = createMappingSelector(counted, isUserSiteMapping, 'none');
      checked = 0;
      for (const tenantId of tenants.slice(0, 100)) {
        expect(selector(inTenant(tenantId))).toMatchObject({ matched: true });
      }
      expect(checked).toBe(100);
    });
  });
});
