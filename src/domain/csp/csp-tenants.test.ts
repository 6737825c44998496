import { describe, expect, it } from 'vitest';
import {
  consentCallbackOutcome,
  countActions,
  gdapAccess,
  mergeCspTenants,
  normaliseName,
  planTenantSync,
  suggestCustomers,
  type GdapRelationshipInput,
  type TenantGdapRelationship,
} from './index.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

function rel(tenant: string, overrides: Partial<GdapRelationshipInput> = {}): GdapRelationshipInput {
  return {
    id: `rel-${tenant}-${overrides.status ?? 'active'}`,
    displayName: `GDAP ${tenant}`,
    status: 'active',
    customerTenantId: tenant.toUpperCase(),
    customerDisplayName: `GDAP name ${tenant.slice(0, 4)}`,
    activatedDateTime: '2024-06-01T00:00:00Z',
    endDateTime: '2026-06-01T00:00:00Z',
    autoExtendDuration: 'PT0S',
    roleDefinitionIds: [USER_ADMIN],
    ...overrides,
  };
}

const pc = (tenantId: string, companyName: string, relationshipToPartner = 'reseller') => ({
  tenantId,
  companyName,
  domain: `${companyName.toLowerCase().replace(/\W/g, '')}.onmicrosoft.com`,
  relationshipToPartner,
});

describe('mergeCspTenants', () => {
  const input = {
    partnerCenterCustomers: [pc(A, 'Alpha Ltd'), pc(B, 'Beta GmbH'), pc(C, 'Advised Co', 'advisor')],
    gdapCustomers: [
      { tenantId: A, displayName: 'Alpha' },
      { tenantId: 'dddddddd-0000-4000-8000-000000000004', displayName: 'Delta' },
    ],
    gdapRelationships: [
      rel(A),
      rel('dddddddd-0000-4000-8000-000000000004'),
      rel(B, { status: 'terminated', id: 'gone' }),
    ],
  };

  it('gdapAndDap: reseller customers from Partner Center, with their GDAP relationships attached', () => {
    const tenants = mergeCspTenants({ setting: 'gdapAndDap', ...input });
    expect(tenants.map((t) => [t.name, t.resellerRelationship, t.gdapRelationships.length])).toEqual([
      ['Alpha Ltd', true, 1],
      ['Beta GmbH', true, 0],
    ]);
    expect(tenants[0]!.gdapRelationships[0]!.roles).toEqual([{ id: USER_ADMIN, name: 'User Administrator' }]);
    expect(tenants[0]!.defaultDomain).toBe('alphaltd.onmicrosoft.com');
  });

  it('gdapOnly: every tenant with a relationship that is not terminated, no reseller relationship needed', () => {
    const tenants = mergeCspTenants({ setting: 'gdapOnly', ...input, partnerCenterCustomers: [] });
    expect(tenants.map((t) => [t.tenantId, t.name, t.resellerRelationship])).toEqual([
      [A, 'Alpha', false],
      ['dddddddd-0000-4000-8000-000000000004', 'Delta', false],
    ]);
  });
});

describe('gdapAccess', () => {
  const stored = (overrides: Partial<TenantGdapRelationship>): TenantGdapRelationship => ({
    id: 'r',
    displayName: 'r',
    status: 'active',
    startAt: null,
    endAt: '2026-06-01T00:00:00Z',
    autoExtendDuration: 'PT0S',
    roles: [{ id: USER_ADMIN, name: 'User Administrator' }],
    ...overrides,
  });

  it('is active with role names while the end is more than 30 days away', () => {
    expect(gdapAccess([stored({})], NOW)).toMatchObject({
      state: 'active',
      daysLeft: 365,
      roles: ['User Administrator'],
    });
  });

  it('warns from 30 days before the end, unless the relationship auto-extends', () => {
    expect(gdapAccess([stored({ endAt: '2025-07-01T00:00:00Z' })], NOW)).toMatchObject({
      state: 'expiring',
      daysLeft: 30,
    });
    expect(gdapAccess([stored({ endAt: '2025-07-02T00:00:00Z' })], NOW)).toMatchObject({
      state: 'active',
      daysLeft: 31,
    });
    expect(
      gdapAccess([stored({ endAt: '2025-06-10T00:00:00Z', autoExtendDuration: 'P180D' })], NOW).state,
    ).toBe('active');
  });

  it('is expired when every relationship has ended (also an active one past its end), none without any', () => {
    expect(gdapAccess([stored({ status: 'expired', endAt: '2025-05-01T00:00:00Z' })], NOW)).toMatchObject({
      state: 'expired',
      endsAt: '2025-05-01T00:00:00Z',
      roles: [],
    });
    expect(gdapAccess([stored({ endAt: '2025-05-31T00:00:00Z' })], NOW).state).toBe('expired');
    expect(gdapAccess([stored({ status: 'approvalPending', endAt: null })], NOW).state).toBe('pending');
    expect(gdapAccess([], NOW).state).toBe('none');
  });
});

describe('planTenantSync', () => {
  const found = (tenantId: string, name: string, defaultDomain: string | null = null) => ({
    tenantId,
    name,
    defaultDomain,
    resellerRelationship: true,
    gdapRelationships: [],
  });

  it('adds, updates, keeps, removes and brings back tenants; a missing domain keeps the stored one', () => {
    const stored = [
      { ...found(A, 'Alpha', 'alpha.example'), removedAt: null },
      { ...found(B, 'Beta'), removedAt: null },
      { ...found(C, 'Gamma'), removedAt: new Date() },
      { ...found('eeeeeeee-0000-4000-8000-000000000005', 'Old'), removedAt: null },
    ];
    const plan = planTenantSync(stored, [
      found(A, 'Alpha'),
      found(B, 'Beta renamed'),
      found(C, 'Gamma'),
      found('ffffffff-0000-4000-8000-000000000006', 'New'),
    ]);
    expect(plan.map((e) => [e.name, e.action, e.changed])).toEqual([
      ['Alpha', 'unchanged', []],
      ['Beta renamed', 'updated', ['name']],
      ['Gamma', 'returned', []],
      ['New', 'added', []],
      ['Old', 'removed', []],
    ]);
    expect(plan[0]!.tenant.defaultDomain).toBe('alpha.example');
    expect(countActions(plan)).toEqual({ added: 1, updated: 1, unchanged: 1, returned: 1, removed: 1 });
  });
});

describe('suggestCustomers', () => {
  const customers = [
    { id: '1', name: 'Bäckerei Fabrikam', emailDomains: [] },
    { id: '2', name: 'Contoso Dental', emailDomains: ['contosodental.co.uk'] },
    { id: '3', name: 'Nordlys Shipping', emailDomains: [] },
  ];

  it('normalises accents, case, punctuation and legal forms', () => {
    expect(normaliseName('Bäckerei  Fabrikam GmbH')).toBe('backerei fabrikam');
    expect(normaliseName('Smith & Sons Ltd.')).toBe('smith sons');
  });

  it('matches by users’ email domain, by a domain that spells the name, and by name', () => {
    expect(suggestCustomers({ name: 'CDG', defaultDomain: 'contosodental.co.uk' }, customers)).toMatchObject([
      { customerId: '2', basis: 'domain' },
    ]);
    expect(
      suggestCustomers({ name: 'NS AS', defaultDomain: 'nordlysshipping.onmicrosoft.com' }, customers),
    ).toMatchObject([{ customerId: '3', basis: 'domain' }]);
    expect(
      suggestCustomers({ name: 'BACKEREI FABRIKAM GMBH', defaultDomain: null }, customers),
    ).toMatchObject([{ customerId: '1', basis: 'name' }]);
    expect(suggestCustomers({ name: 'Unrelated', defaultDomain: 'unrelated.example' }, customers)).toEqual(
      [],
    );
  });
});

describe('consentCallbackOutcome', () => {
  it('is granted on admin_consent=True, otherwise explains the AADSTS code with its fix', () => {
    expect(consentCallbackOutcome({ admin_consent: 'True' })).toEqual({ granted: true });
    const failed = consentCallbackOutcome({
      error: 'unauthorized_client',
      error_description: 'AADSTS7000119: Client Application X is not allowed to be used by tenant Y',
    });
    expect(failed).toMatchObject({ granted: false, explanation: { code: 'AADSTS7000119' } });
    expect(consentCallbackOutcome({ error: 'access_denied' })).toMatchObject({
      granted: false,
      explanation: { code: 'access_denied', fix: expect.stringContaining('native') },
    });
  });
});

describe('planTenantSync with stored JSON', () => {
  it('treats relationships whose keys were reordered by the store as unchanged', () => {
    const relationship = {
      id: 'r',
      displayName: 'r',
      status: 'active',
      startAt: null,
      endAt: null,
      autoExtendDuration: null,
      roles: [],
    };
    const reordered = JSON.parse(
      JSON.stringify({
        roles: [],
        status: 'active',
        id: 'r',
        displayName: 'r',
        endAt: null,
        startAt: null,
        autoExtendDuration: null,
      }),
    ) as typeof relationship;
    const base = { tenantId: A, name: 'Alpha', defaultDomain: null, resellerRelationship: true };
    const plan = planTenantSync(
      [{ ...base, gdapRelationships: [reordered], removedAt: null }],
      [{ ...base, gdapRelationships: [relationship] }],
    );
    expect(plan[0]!.action).toBe('unchanged');
  });
});
