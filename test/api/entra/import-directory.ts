import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { expect } from 'vitest';
import { kindProps } from '../../../src/emulator/graph/groups/group-view.js';
import type { Emulator } from '../../../src/emulator/index.js';
import { CALLBACK_URL, type TestAppRegistration } from './fixtures.js';

/**
 * Generated Entra directories for the import pipeline's properties, and how to seed one into an
 * emulated tenant of its own. Pools are small on purpose: duplicate display names and emails,
 * accents in both Unicode forms, blank and case-variant offices and manager chains come up in
 * most runs.
 */

export const GROUP_NAMES = { london: 'Loc-London', staff: 'All Staff' } as const;

/** `own`: a mail of the person's own; `none`: no mail; otherwise a mail others may share. */
type MailChoice = 'own' | 'none' | (typeof SHARED_MAILS)[number];

export interface Person {
  givenName: string;
  surname: string;
  /** Null: "given surname"; otherwise a name several people may share. */
  displayName: string | null;
  mail: MailChoice;
  /** A service account (`svc-…` UPN), which the configuration does not import. */
  service: boolean;
  enabled: boolean;
  guest: boolean;
  licensed: boolean;
  department: string | null;
  office: string | null;
  jobTitle: string | null;
  /** Index of the manager in the directory (ignored when it is the person's own). */
  manager: number | null;
  /** Direct member of Loc-London, itself a member of All Staff. */
  london: boolean;
  /** Direct member of All Staff. */
  staff: boolean;
  /** `signInActivity.lastSignInDateTime`; null: never signed in. */
  lastSignIn: string | null;
}

const GIVEN = ['Zoë', 'Zoe\u0308', 'José', 'Aoife', 'Łukasz', 'Søren', 'Ann', '拓也'];
const SURNAMES = ['Ångström', 'Müller', 'Ní Bhriain', 'Nowak', 'Ødegård', 'Smith', '木村'];
const SHARED_NAMES = ['Zoë Ångström', 'Ann Smith', 'ann smith'];
const SHARED_MAILS = ['shared@contoso.example', 'SHARED@contoso.example', 'zoë@contoso.example'] as const;
const DEPARTMENTS = ['Dental', 'dental ', 'Finance', 'IT', '', null];
const OFFICES = ['London', 'Leeds', 'leeds', 'Zürich', 'Zu\u0308rich', '  ', null];
const TITLES = ['Dentist', 'Nurse', null];
const SIGN_INS = ['2024-05-01T08:00:00Z', '2025-01-31T23:59:59Z'];
const SKU = '05e9a617-0261-4cee-bb44-138d3ef5d965';

/** One of `common`, or `weight` times less often one of `rare`. */
const weighted = <T>(common: readonly T[], rare: readonly T[], weight: number): fc.Arbitrary<T> =>
  fc.oneof(
    { weight, arbitrary: fc.constantFrom(...common) },
    { weight: 1, arbitrary: fc.constantFrom(...rare) },
  );

const person = (size: number): fc.Arbitrary<Person> =>
  fc.record({
    givenName: fc.constantFrom(...GIVEN),
    surname: fc.constantFrom(...SURNAMES),
    displayName: fc.option(fc.constantFrom(...SHARED_NAMES), { nil: null, freq: 3 }),
    mail: weighted<MailChoice>(['own'], ['none', ...SHARED_MAILS], 6),
    service: weighted([false], [true], 8),
    enabled: weighted([true], [false], 6),
    guest: weighted([false], [true], 5),
    licensed: fc.boolean(),
    department: fc.constantFrom(...DEPARTMENTS),
    office: fc.constantFrom(...OFFICES),
    jobTitle: fc.constantFrom(...TITLES),
    manager: fc.option(fc.nat(size - 1), { nil: null, freq: 3 }),
    london: fc.boolean(),
    staff: weighted([false], [true], 2),
    lastSignIn: fc.option(fc.constantFrom(...SIGN_INS), { nil: null }),
  });

/** A directory of 20–60 people. */
export const directoryArbitrary: fc.Arbitrary<Person[]> = fc
  .integer({ min: 20, max: 60 })
  .chain((size) => fc.array(person(size), { minLength: size, maxLength: size }));

/** Object ids carry the person's index in their last 12 digits, so desks can be compared across tenants. */
export const objectId = (tenantId: string, index: number) =>
  `${tenantId.slice(0, 24)}${String(index).padStart(12, '0')}`;
export const indexOf = (entraId: string) => Number(entraId.slice(24));

const GRAPH_ROLES = ['User.Read.All', 'Group.Read.All', 'AuditLog.Read.All', 'Organization.Read.All'];

/**
 * A new tenant holding `people` (plus the two groups, All Staff containing Loc-London), and a
 * consented Graph app registration of it. Seeding is silent, like the emulator's own seeding.
 */
export async function seedTenant(
  emu: Emulator,
  people: readonly Person[],
): Promise<{ tenantId: string; app: TestAppRegistration }> {
  const { estate } = emu;
  const tenantId = randomUUID();
  const tenant = estate.createTenant({
    id: tenantId,
    displayName: `Property ${tenantId.slice(0, 8)}`,
    initialDomain: `p${tenantId.slice(0, 8)}.onmicrosoft.com`,
  });
  const silent = { silent: true };
  people.forEach((p, i) => {
    const upn = `${p.service ? 'svc-' : ''}person${i}@contoso.example`;
    estate.addUser(
      tenant,
      {
        id: objectId(tenantId, i),
        accountEnabled: p.enabled,
        userType: p.guest ? 'Guest' : 'Member',
        userPrincipalName: upn,
        displayName: p.displayName ?? `${p.givenName} ${p.surname}`,
        givenName: p.givenName,
        surname: p.surname,
        mail: p.mail === 'own' ? upn : p.mail === 'none' ? null : p.mail,
        department: p.department,
        officeLocation: p.office,
        jobTitle: p.jobTitle,
        assignedLicenses: p.licensed ? [{ skuId: SKU, disabledPlans: [] }] : [],
        ...(p.lastSignIn ? { signInActivity: { lastSignInDateTime: p.lastSignIn } } : {}),
      },
      silent,
    );
  });
  people.forEach((p, i) => {
    if (p.manager !== null && p.manager !== i) {
      estate.setManager(tenant, objectId(tenantId, i), objectId(tenantId, p.manager), silent);
    }
  });
  const group = (n: number, displayName: string) =>
    estate.addGroup(
      tenant,
      {
        id: objectId(tenantId, 900_000 + n),
        displayName,
        mailNickname: displayName.replace(/\W/g, ''),
        ...kindProps('security', false),
      },
      { kind: 'security' },
      silent,
    ).props.id;
  const london = group(1, GROUP_NAMES.london);
  const staff = group(2, GROUP_NAMES.staff);
  estate.addMember(tenant, staff, london, '#microsoft.graph.group', silent);
  people.forEach((p, i) => {
    if (p.london) estate.addMember(tenant, london, objectId(tenantId, i), '#microsoft.graph.user', silent);
    if (p.staff) estate.addMember(tenant, staff, objectId(tenantId, i), '#microsoft.graph.user', silent);
  });

  const res = await emu.inject({
    method: 'POST',
    url: '/_emulator/apps',
    body: {
      tenantId,
      displayName: 'Rollcall import properties',
      redirectUris: [CALLBACK_URL],
      graphRoles: GRAPH_ROLES,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { tenantId, app: res.body as TestAppRegistration };
}
