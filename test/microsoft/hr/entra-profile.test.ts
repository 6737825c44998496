import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HR_ENTRA_ATTRIBUTES, toGraphProfile } from '../../../src/contracts/hr/entra-attributes.js';
import type { NewDirectoryUser } from '../../../src/contracts/onboarding/directory.js';
import { withQuery } from '../../../src/microsoft/graph/odata.js';
import {
  createDirectoryUser,
  updateDirectoryUser,
} from '../../../src/microsoft/directory/provisioning/index.js';
import { CONTOSO_ID } from '../../emulator/graph/fixtures.js';
import { mintToken } from '../../support/emulator.js';
import {
  counted,
  PROVISIONING_ROLES,
  startProvisioningFixture,
  type ProvisioningFixture,
} from '../provisioning/emulated-graph.js';

const PASSWORD = 'Kx7!mQv2#pLr9zTw';
const joiner = (overrides: Partial<NewDirectoryUser> = {}): NewDirectoryUser => ({
  userPrincipalName: 'priya.shah@contoso.com',
  mailNickname: 'priya.shah',
  displayName: 'Priya Shah',
  givenName: 'Priya',
  surname: 'Shah',
  accountEnabled: false,
  password: PASSWORD,
  forceChangePasswordNextSignIn: true,
  ...overrides,
});

/** Every HR attribute the way a mapped HR record fills it. */
const HR_VALUES = {
  displayName: 'Priya Shah (HR)',
  givenName: 'Priya',
  surname: 'Shah',
  jobTitle: 'Payroll Analyst',
  department: 'Finance',
  companyName: 'Contoso Ltd',
  officeLocation: 'Leeds 3F',
  city: 'Leeds',
  state: 'West Yorkshire',
  country: 'United Kingdom',
  streetAddress: '1 Wellington Place',
  postalCode: 'LS1 4AP',
  mobilePhone: '+44 7700 900123',
  preferredLanguage: 'en-GB',
  usageLocation: 'GB',
  employeeType: 'Employee',
  employeeId: 'HR-20417',
  employeeHireDate: '2026-01-05',
  'employeeOrgData.costCenter': 'CC-410',
  'employeeOrgData.division': 'Shared Services',
} as const;

const SELECT = [
  'id',
  ...HR_ENTRA_ATTRIBUTES.filter((a) => !a.startsWith('employeeOrgData.')),
  'employeeOrgData',
];

let f: ProvisioningFixture;
beforeAll(async () => {
  f = await startProvisioningFixture();
});
afterAll(() => f.emu.close());
beforeEach(() => f.reset());

const idOnly = z.looseObject({ id: z.string() });
const profileSchema = z.record(z.string(), z.unknown());

const readBack = (id: string) => f.graph.get(withQuery(`/users/${id}`, { $select: SELECT }), profileSchema);

describe('HR profile attributes in Entra', () => {
  it('creates a user with every mapped attribute and reads them all back with $select', async () => {
    const created = await createDirectoryUser(f.graph, joiner({ profile: toGraphProfile(HR_VALUES) }));
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.request?.body).toMatchObject({ employeeOrgData: { costCenter: 'CC-410' } });
    expect(counted(f, 'POST /users')).toBe(1);

    const user = await readBack(created.value.id);
    expect(user).toMatchObject({
      // The workflow's own displayName wins over the profile's.
      displayName: 'Priya Shah',
      jobTitle: 'Payroll Analyst',
      companyName: 'Contoso Ltd',
      officeLocation: 'Leeds 3F',
      city: 'Leeds',
      state: 'West Yorkshire',
      country: 'United Kingdom',
      streetAddress: '1 Wellington Place',
      postalCode: 'LS1 4AP',
      mobilePhone: '+44 7700 900123',
      preferredLanguage: 'en-GB',
      usageLocation: 'GB',
      employeeType: 'Employee',
      employeeId: 'HR-20417',
      employeeHireDate: '2026-01-05T00:00:00Z',
      employeeOrgData: { costCenter: 'CC-410', division: 'Shared Services' },
    });
  });

  it('changes and clears profile properties with one PATCH; employeeOrgData is replaced whole', async () => {
    const created = await createDirectoryUser(f.graph, joiner({ profile: toGraphProfile(HR_VALUES) }));
    if (!created.ok) throw new Error(created.refusal.title);
    const patched = await updateDirectoryUser(f.graph, created.value.id, {
      jobTitle: 'Payroll Lead',
      profile: toGraphProfile({
        jobTitle: 'ignored: the patch’s own field wins',
        department: 'People',
        mobilePhone: null,
        city: null,
        employeeHireDate: '2026-02-01T09:30:00+01:00',
        'employeeOrgData.division': 'People Services',
      }),
    });
    expect(patched).toMatchObject({ ok: true, response: { status: 204 } });
    expect(patched.request?.body).toMatchObject({ jobTitle: 'Payroll Lead', mobilePhone: null });

    const user = await readBack(created.value.id);
    expect(user).toMatchObject({
      jobTitle: 'Payroll Lead',
      department: 'People',
      mobilePhone: null,
      city: null,
      country: 'United Kingdom',
      employeeHireDate: '2026-02-01T08:30:00Z',
      employeeOrgData: { costCenter: null, division: 'People Services' },
    });
  });

  it('finds users by employeeId with eq and in', async () => {
    const created = await createDirectoryUser(f.graph, joiner({ employeeId: 'HR-20417' }));
    if (!created.ok) throw new Error(created.refusal.title);
    const ids = async (filter: string) => {
      const found: string[] = [];
      for await (const page of f.graph.pages(withQuery('/users', { $filter: filter }), idOnly)) {
        found.push(...page.items.map((u) => u.id));
      }
      return found.sort();
    };
    expect(await ids("employeeId eq 'hr-20417'")).toEqual([created.value.id]);
    expect(await ids("employeeId in ('HR-20417','E001','nobody')")).toEqual(
      [created.value.id, f.fx.users.adele].sort(),
    );
  });

  it('refuses an employeeHireDate that is not a DateTimeOffset with Microsoft’s 400 error', async () => {
    const refusedDate = await createDirectoryUser(
      f.graph,
      joiner({ profile: { employeeHireDate: 'next monday' } }),
    );
    expect(refusedDate).toMatchObject({
      ok: false,
      response: {
        status: 400,
        body: {
          error: {
            code: 'BadRequest',
            message: "Cannot convert the literal 'next monday' to the expected type 'Edm.DateTimeOffset'.",
          },
        },
      },
    });
    expect(f.fx.tenant.upnIndex.has('priya.shah@contoso.com')).toBe(false);

    // The whole envelope as Graph sends it, for a date-time without its time zone.
    const token = await mintToken(f.emu, { tenantId: CONTOSO_ID, roles: PROVISIONING_ROLES });
    const res = await f.emu.inject({
      method: 'PATCH',
      url: `https://graph.microsoft.com/v1.0/users/${f.fx.users.adele}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ employeeHireDate: '2026-01-05T00:00:00' }),
    });
    expect(res.status).toBe(400);
    const body = typeof res.body === 'string' ? JSON.parse(res.body) : res.body;
    expect(body).toEqual({
      error: {
        code: 'BadRequest',
        message:
          "The time zone information is missing on the DateTimeOffset value '2026-01-05T00:00:00'. A DateTimeOffset value must contain the time zone information.",
        innerError: {
          date: expect.any(String),
          'request-id': expect.any(String),
          'client-request-id': expect.any(String),
        },
      },
    });
  });

  it('refuses employeeOrgData members Graph does not know, and values too long for Entra', async () => {
    const created = await createDirectoryUser(f.graph, joiner());
    if (!created.ok) throw new Error(created.refusal.title);
    const unknown = await updateDirectoryUser(f.graph, created.value.id, {
      profile: { employeeOrgData: { costCentre: 'CC-1' } },
    });
    expect(unknown).toMatchObject({ ok: false, response: { status: 400 } });
    if (!unknown.ok) expect(unknown.refusal.microsoftMessage).toContain("'microsoft.graph.employeeOrgData'");

    const long = await updateDirectoryUser(f.graph, created.value.id, { employeeId: 'E'.repeat(17) });
    expect(long).toMatchObject({
      ok: false,
      response: {
        status: 400,
        body: {
          error: {
            code: 'Request_BadRequest',
            message: "Invalid value specified for property 'employeeId' of resource 'User'.",
          },
        },
      },
    });
  });
});
