import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGdapRelationship, GDAP_ROLES } from '../../../../src/emulator/graph/gdap/records.js';
import { call, createFixture, DAY_MS, IDS, type Fixture } from '../../partner-center/fixtures.js';

const READ = ['DelegatedAdminRelationship.Read.All'];
const RELS = '/v1.0/tenantRelationships/delegatedAdminRelationships';
const CUSTOMERS = '/v1.0/tenantRelationships/delegatedAdminCustomers';

let f: Fixture;
let token: string;
beforeAll(async () => {
  f = await createFixture();
});
// Tests move the clock by days, so each gets a fresh token.
beforeEach(async () => {
  f.reset();
  token = await f.graph(IDS.partner, READ);
});
afterAll(() => f.emu.close());

const byCustomer = (value: { customer: { tenantId: string } }[], id: string) =>
  value.find((r) => r.customer.tenantId === id) as unknown as Record<string, unknown> & { id: string };

describe('delegatedAdminRelationships', () => {
  it('lists the partner’s relationships in Graph shape with etags', async () => {
    const res = await call(f.emu, 'GET', RELS, token);
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toMatch(
      /\/v1\.0\/\$metadata#tenantRelationships\/delegatedAdminRelationships$/,
    );
    expect(res.body.value).toHaveLength(5);
    const fab = byCustomer(res.body.value, IDS.fabrikam);
    expect(fab).toMatchObject({
      '@odata.type': '#microsoft.graph.delegatedAdminRelationship',
      '@odata.etag': expect.stringMatching(/^W\/"/),
      displayName: 'Fabrikam admin relationship',
      duration: 'P730D',
      customer: { tenantId: IDS.fabrikam, displayName: 'Fabrikam' },
      accessDetails: {
        unifiedRoles: [
          { roleDefinitionId: GDAP_ROLES.userAdministrator },
          { roleDefinitionId: GDAP_ROLES.licenseAdministrator },
        ],
      },
      status: 'active',
      autoExtendDuration: 'PT0S',
    });
    expect(fab.id).toMatch(/^[0-9a-f-]{36}-[0-9a-f-]{36}$/);
    expect(Date.parse(String(fab.endDateTime)) - Date.parse(String(fab.activatedDateTime))).toBe(
      730 * DAY_MS,
    );
    const pending = byCustomer(res.body.value, IDS.woodgrove);
    expect(pending).toMatchObject({ status: 'approvalPending', activatedDateTime: null, endDateTime: null });
  });

  it('filters on status', async () => {
    const res = await call(f.emu, 'GET', `${RELS}?$filter=status eq 'active'`, token);
    expect(
      res.body.value.map((r: { customer: { displayName: string } }) => r.customer.displayName).sort(),
    ).toEqual(['Adatum', 'Fabrikam', 'Northwind Traders']);
    const one = await call(f.emu, 'GET', `${RELS}?$filter=customer/tenantId eq '${IDS.fabrikam}'`, token);
    expect(one.body.value).toHaveLength(1);
  });

  it('expires relationships as the clock passes their end date, unless they auto-extend', async () => {
    f.emu.clock.advance(6 * DAY_MS);
    token = await f.graph(IDS.partner, READ);
    const res = await call(f.emu, 'GET', RELS, token);
    expect(byCustomer(res.body.value, IDS.northwind).status).toBe('expired');
    const adatum = byCustomer(res.body.value, IDS.adatum);
    expect(adatum.status).toBe('active');
    expect(Date.parse(String(adatum.endDateTime))).toBeGreaterThan(f.emu.clock.now());
    expect(adatum.autoExtendDuration).toBe('P180D');
    const expired = await call(f.emu, 'GET', `${RELS}?$filter=status eq 'expired'`, token);
    expect(expired.body.value).toHaveLength(1);
  });

  it('pages with $top and refuses $top above 300', async () => {
    const first = await call(f.emu, 'GET', `${RELS}?$top=2`, token);
    expect(first.body.value).toHaveLength(2);
    const ids = first.body.value.map((r: { id: string }) => r.id);
    let next: string | undefined = first.body['@odata.nextLink'];
    while (next) {
      const page = await call(f.emu, 'GET', next, token);
      ids.push(...page.body.value.map((r: { id: string }) => r.id));
      next = page.body['@odata.nextLink'];
    }
    expect(new Set(ids).size).toBe(5);
    const tooMany = await call(f.emu, 'GET', `${RELS}?$top=301`, token);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain("'300'");
  });

  it('gets one relationship and its access assignments', async () => {
    const list = await call(f.emu, 'GET', RELS, token);
    const fab = byCustomer(list.body.value, IDS.fabrikam);
    const one = await call(f.emu, 'GET', `${RELS}/${fab.id}`, token);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: fab.id, '@odata.etag': fab['@odata.etag'] });
    const assignments = await call(f.emu, 'GET', `${RELS}/${fab.id}/accessAssignments`, token);
    expect(assignments.body.value).toEqual([
      expect.objectContaining({
        '@odata.type': '#microsoft.graph.delegatedAdminAccessAssignment',
        status: 'active',
        accessContainer: { accessContainerId: IDS.adminAgents, accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: GDAP_ROLES.userAdministrator }] },
      }),
    ]);
    expect((await call(f.emu, 'GET', `${RELS}/nope`, token)).status).toBe(404);
  });

  it('is only served in the partner tenant', async () => {
    const customerToken = await f.graph(IDS.fabrikam, READ);
    expect((await call(f.emu, 'GET', RELS, customerToken)).status).toBe(403);
    expect((await call(f.emu, 'GET', CUSTOMERS, customerToken)).status).toBe(403);
    const noPermission = await f.graph(IDS.partner, ['Directory.Read.All']);
    expect((await call(f.emu, 'GET', RELS, noPermission)).status).toBe(403);
  });
});

describe('delegatedAdminCustomers', () => {
  it('lists customers with at least one relationship that is not terminated', async () => {
    const res = await call(f.emu, 'GET', CUSTOMERS, token);
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toMatch(/tenantRelationships\/\$metadata#delegatedAdminCustomers$/);
    const names = res.body.value.map((c: { displayName: string }) => c.displayName).sort();
    expect(names).toEqual(['Adatum', 'Fabrikam', 'Northwind Traders', 'Woodgrove Bank']);
    expect(res.body.value[0]).toEqual({
      '@odata.type': '#microsoft.graph.delegatedAdminCustomer',
      '@odata.etag': expect.any(String),
      id: expect.any(String),
      tenantId: expect.any(String),
      displayName: expect.any(String),
    });
  });

  it('brings a customer back when a new relationship is added', async () => {
    f.partner.gdapRelationships.set(
      'new',
      createGdapRelationship({
        customerTenantId: IDS.tailspin,
        customerDisplayName: 'Tailspin Toys',
        durationDays: 90,
        activatedAt: f.emu.clock.now(),
        roleDefinitionIds: [GDAP_ROLES.userAdministrator],
      }),
    );
    const one = await call(f.emu, 'GET', `${CUSTOMERS}/${IDS.tailspin}`, token);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: IDS.tailspin, tenantId: IDS.tailspin });
  });

  it('serves serviceManagementDetails and 404s unknown customers', async () => {
    const res = await call(f.emu, 'GET', `${CUSTOMERS}/${IDS.fabrikam}/serviceManagementDetails`, token);
    expect(res.status).toBe(200);
    expect(res.body.value[0]).toMatchObject({
      '@odata.type': '#microsoft.graph.delegatedAdminServiceManagementDetail',
      serviceName: 'Microsoft 365 admin center',
      serviceManagementUrl: expect.stringContaining(IDS.fabrikam),
    });
    expect((await call(f.emu, 'GET', `${CUSTOMERS}/${IDS.tailspin}`, token)).status).toBe(404);
  });
});

describe('GDAP lists through the shared OData engine', () => {
  it('answers $top above 300 with ASP.NET OData’s MaxTop message', async () => {
    const res = await call(f.emu, 'GET', `${RELS}?$top=301`, token);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "The query specified in the URI is not valid. The limit of '300' for Top query has been exceeded. The value from the incoming request is '301'.",
    );
    expect((await call(f.emu, 'GET', `${CUSTOMERS}?$top=300`, token)).status).toBe(200);
  });

  it('selects, filters, sorts and counts customers, keeping their documented context', async () => {
    const res = await call(
      f.emu,
      'GET',
      `${CUSTOMERS}?$select=displayName&$filter=displayName ne 'Adatum'&$orderby=displayName&$count=true`,
      token,
    );
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toMatch(
      /tenantRelationships\/\$metadata#delegatedAdminCustomers\(displayName\)$/,
    );
    expect(res.body['@odata.count']).toBe(3);
    expect(res.body.value.map((c: { displayName: string }) => c.displayName)).toEqual([
      'Fabrikam',
      'Northwind Traders',
      'Woodgrove Bank',
    ]);
    expect(Object.keys(res.body.value[0]).sort()).toEqual([
      '@odata.etag',
      '@odata.type',
      'displayName',
      'id',
    ]);
  });

  it('filters relationships on effective dates and pages them with opaque tokens', async () => {
    // Past Northwind's end date and Adatum's, which auto-extends by 180 days.
    f.emu.clock.advance(6 * DAY_MS);
    token = await f.graph(IDS.partner, READ);
    const soon = new Date(f.emu.clock.now() + 30 * DAY_MS).toISOString();
    const ending = await call(f.emu, 'GET', `${RELS}?$filter=endDateTime lt ${soon}`, token);
    expect(ending.status).toBe(200);
    expect(
      ending.body.value.map((r: { customer: { displayName: string } }) => r.customer.displayName),
    ).toEqual(['Northwind Traders']);
    const first = await call(f.emu, 'GET', `${RELS}?$top=1&$select=status`, token);
    expect(first.body['@odata.context']).toMatch(/delegatedAdminRelationships\(status\)$/);
    const next = first.body['@odata.nextLink'] as string;
    expect(next).toContain('$select=status');
    expect(next).not.toMatch(/skiptoken=\d/);
    const tampered = await call(f.emu, 'GET', next.replace(/skiptoken=./, 'skiptoken=x'), token);
    expect(tampered.status).toBe(400);
  });
});
