import type { z } from 'zod';
import {
  hrPersonSchema,
  type HrContract,
  type HrPerson,
  type HrPersonInput,
} from '../../../contracts/hr/person.js';
import type { HrAppliedState } from '../../../contracts/hr/lifecycle.js';
import { primaryContract } from '../person-fields.js';
import { badRequest } from './scim-error.js';
import {
  SCIM_CORE_USER,
  SCIM_ENTERPRISE_USER,
  SCIM_ROLLCALL_ACCOUNT,
  SCIM_ROLLCALL_EMPLOYMENT,
  scimUserSchema,
  type ScimContract,
  type ScimUserInput,
} from './scim-user-schema.js';

/** What a pushed User becomes: the person, and the SCIM-only attributes kept beside it. */
export interface ScimPersonWrite {
  person: HrPerson;
  userName: string;
  externalId: string | null;
  active: boolean;
}

export interface ScimToPersonContext {
  /** The day of the push (YYYY-MM-DD, UTC): the start date of a contract that names none. */
  today: string;
  /** The person as stored before a replace or patch: keeps start dates and contract ids stable. */
  previous: HrPerson | null;
  /** Manager references (SCIM ids) resolved to employee ids; unresolved ones are kept as given. */
  managerEmployeeIds: ReadonlyMap<string, string>;
}

/** The issues of a failed parse as one sentence, each with the attribute it is about. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Validates a User body; a 400 invalidValue (or invalidSyntax for a non-object) otherwise. */
export function parseScimUser(body: unknown): ScimUserInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('invalidSyntax', 'The request body must be a SCIM User object.');
  const parsed = scimUserSchema.safeParse(body);
  if (!parsed.success) throw badRequest('invalidValue', describeIssues(parsed.error));
  return parsed.data;
}

/** The SCIM ids a User names as managers, for the caller to resolve to employee ids. */
export function scimManagerReferences(user: ScimUserInput): string[] {
  const refs = [
    user[SCIM_ENTERPRISE_USER]?.manager,
    ...(user[SCIM_ROLLCALL_EMPLOYMENT]?.contracts ?? []).map((c) => c.manager),
  ];
  return [...new Set(refs.filter((r): r is string => typeof r === 'string'))];
}

/** The e-mail Rollcall keeps: the home address, else any that is not the work one. */
function personalEmail(user: ScimUserInput): string | null {
  const emails = (user.emails ?? []).filter((e) => e.value !== null);
  const home = emails.find((e) => e.type?.toLowerCase() === 'home');
  return (home ?? emails.find((e) => e.type?.toLowerCase() !== 'work'))?.value ?? null;
}

/** Maps a pushed User to an HR person; 400 invalidValue when it cannot be one. */
export function scimUserToPerson(user: ScimUserInput, context: ScimToPersonContext): ScimPersonWrite {
  const enterprise = user[SCIM_ENTERPRISE_USER];
  const employment = user[SCIM_ROLLCALL_EMPLOYMENT];
  const employeeId = enterprise?.employeeNumber ?? user.externalId;
  if (!employeeId) {
    throw badRequest(
      'invalidValue',
      `An employee id is required: set ${SCIM_ENTERPRISE_USER}:employeeNumber (or externalId).`,
    );
  }
  const manager = (ref: string | null | undefined) =>
    ref ? (context.managerEmployeeIds.get(ref) ?? ref) : null;
  const previousStart = (id: string) =>
    context.previous?.contracts.find((c) => c.id === id)?.startDate ?? context.today;

  const listed = employment?.contracts ?? [];
  const contracts: HrPersonInput['contracts'] =
    listed.length > 0
      ? listed.map((c: ScimContract, i) => {
          const id = c.contractId ?? String(i + 1);
          return {
            id,
            title: c.title,
            department: c.department,
            costCentre: c.costCenter,
            company: c.organization,
            location: c.location,
            employeeType: c.employeeType,
            managerEmployeeId: manager(c.manager),
            startDate: c.startDate ?? previousStart(id),
            endDate: c.endDate,
          };
        })
      : [singleContract(user, context, manager, previousStart)];

  const parsed = hrPersonSchema.safeParse({
    employeeId,
    givenName: user.name?.givenName ?? '',
    surname: user.name?.familyName ?? '',
    middleName: user.name?.middleName ?? null,
    preferredName: user.nickName,
    displayName: user.displayName,
    personalEmail: personalEmail(user),
    mobilePhone: (user.phoneNumbers ?? []).find((p) => p.type?.toLowerCase() === 'mobile')?.value ?? null,
    contracts,
    custom: employment?.custom ?? {},
  } satisfies HrPersonInput);
  if (!parsed.success) throw badRequest('invalidValue', describeIssues(parsed.error));
  return { person: parsed.data, userName: user.userName, externalId: user.externalId, active: user.active };
}

function singleContract(
  user: ScimUserInput,
  context: ScimToPersonContext,
  manager: (ref: string | null | undefined) => string | null,
  previousStart: (id: string) => string,
): HrPersonInput['contracts'][number] {
  const enterprise = user[SCIM_ENTERPRISE_USER];
  const employment = user[SCIM_ROLLCALL_EMPLOYMENT];
  const previous = context.previous ? primaryContract(context.previous, context.today) : null;
  const id = employment?.contractId ?? previous?.id ?? '1';
  return {
    id,
    title: user.title,
    department: enterprise?.department ?? null,
    costCentre: enterprise?.costCenter ?? null,
    company: enterprise?.organization ?? null,
    location: employment?.location ?? null,
    employeeType: user.userType,
    managerEmployeeId: manager(enterprise?.manager),
    startDate: employment?.startDate ?? previousStart(id),
    endDate: employment?.endDate ?? null,
  };
}

/** The account Rollcall made for a person, as the HR system reads it back. */
export interface ScimAccount {
  objectId: string;
  userPrincipalName: string;
  mail: string | null;
}

/** The account of an applied state, once it exists (none before the create, or once deleted). */
export function scimAccountOf(applied: HrAppliedState): ScimAccount | null {
  if (applied.objectId === null || applied.deleted || applied.userPrincipalName === null) return null;
  return { objectId: applied.objectId, userPrincipalName: applied.userPrincipalName, mail: applied.mail };
}

/** A stored person with its SCIM columns, as the store hands it over. */
export interface ScimPersonRecord {
  scimId: string;
  person: HrPerson;
  userName: string;
  externalId: string | null;
  active: boolean;
  created: Date;
  lastModified: Date;
  /** The person's account (read-only extension); null or absent until it exists. */
  account?: ScimAccount | null;
}

export interface PersonToScimContext {
  /** The resource's URL (`meta.location`). */
  location: string;
  /** The day whose contract the single-valued attributes show (YYYY-MM-DD). */
  today: string;
  /** Managers' employee ids resolved to their SCIM ids; unresolved ones are shown as stored. */
  managerScimIds: ReadonlyMap<string, string>;
}

/** The employee ids a person names as managers, for the caller to resolve to SCIM ids. */
export function personManagerReferences(person: HrPerson): string[] {
  return [...new Set(person.contracts.flatMap((c) => (c.managerEmployeeId ? [c.managerEmployeeId] : [])))];
}

/** Drops null and undefined members: SCIM leaves unassigned attributes out. */
function compact<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;
}

/** The User resource of a stored person. */
export function personToScimUser(
  record: ScimPersonRecord,
  context: PersonToScimContext,
): Record<string, unknown> {
  const { person } = record;
  const primary = primaryContract(person, context.today);
  const manager = (c: HrContract) =>
    c.managerEmployeeId
      ? { value: context.managerScimIds.get(c.managerEmployeeId) ?? c.managerEmployeeId }
      : null;
  const several = person.contracts.length > 1;
  const account = record.account ?? null;
  return compact({
    schemas: [
      SCIM_CORE_USER,
      SCIM_ENTERPRISE_USER,
      SCIM_ROLLCALL_EMPLOYMENT,
      ...(account ? [SCIM_ROLLCALL_ACCOUNT] : []),
    ],
    id: record.scimId,
    externalId: record.externalId,
    userName: record.userName,
    active: record.active,
    name: compact({
      givenName: person.givenName,
      familyName: person.surname,
      middleName: person.middleName,
      formatted: [person.givenName, person.middleName, person.surname].filter(Boolean).join(' '),
    }),
    displayName: person.displayName,
    nickName: person.preferredName,
    title: primary.title,
    userType: primary.employeeType,
    emails: person.personalEmail ? [{ value: person.personalEmail, type: 'home', primary: false }] : null,
    phoneNumbers: person.mobilePhone ? [{ value: person.mobilePhone, type: 'mobile' }] : null,
    [SCIM_ENTERPRISE_USER]: compact({
      employeeNumber: person.employeeId,
      department: primary.department,
      costCenter: primary.costCentre,
      organization: primary.company,
      manager: manager(primary),
    }),
    [SCIM_ROLLCALL_EMPLOYMENT]: compact({
      contractId: primary.id,
      startDate: primary.startDate,
      endDate: primary.endDate,
      location: primary.location,
      contracts: several
        ? person.contracts.map((c) =>
            compact({
              contractId: c.id,
              title: c.title,
              department: c.department,
              costCenter: c.costCentre,
              organization: c.company,
              location: c.location,
              employeeType: c.employeeType,
              manager: manager(c),
              startDate: c.startDate,
              endDate: c.endDate,
            }),
          )
        : null,
      custom: Object.keys(person.custom).length > 0 ? person.custom : null,
    }),
    // Beside the HR's own attributes (userName, emails stay as pushed): the account Rollcall made.
    [SCIM_ROLLCALL_ACCOUNT]: account
      ? compact({
          userPrincipalName: account.userPrincipalName,
          mail: account.mail,
          objectId: account.objectId,
        })
      : null,
    meta: {
      resourceType: 'User',
      created: record.created.toISOString(),
      lastModified: record.lastModified.toISOString(),
      location: context.location,
    },
  });
}
