import { z } from 'zod';
import { availableUnits } from '../graph/licences/records.js';
import { DEPARTMENTS, type Department } from '../seed/org.js';
import { drawName, personAlias, uniqueAlias, type PersonName } from '../seed/people.js';
import { asciiFold } from '../seed/romanise.js';
import { isoDate, isoSeconds } from '../seed/time.js';
import { applyPerson, blankUser } from '../seed/user-props.js';
import type { TenantRecord, UserRecord } from '../state/types.js';
import type { AdminContext } from './admin-context.js';
import { addToStandardGroups } from './standard-groups.js';
import { reprocessDynamicGroups } from './dynamic-groups.js';
import { isActivePerson, userOrThrow } from './people.js';
import { buildForTenant } from './tenant-build.js';

const MAX_BATCH = 10_000;

const joinerSchema = z
  .object({
    givenName: z.string().min(1).max(64),
    surname: z.string().min(1).max(64),
    displayName: z.string().min(1).max(256),
    mailNickname: z.string().regex(/^[A-Za-z0-9._-]+$/),
    department: z.string().min(1).max(64),
    jobTitle: z.string().min(1).max(128),
    officeLocation: z.string().min(1).max(128),
    usageLocation: z.string().length(2).nullable(),
    managerId: z.string().nullable(),
  })
  .partial()
  .strict();

export const joinersInputSchema = z
  .object({
    count: z.number().int().min(1).max(MAX_BATCH).optional(),
    users: z.array(joinerSchema).min(1).max(MAX_BATCH).optional(),
    /** Give each joiner a seat of the tenant's most used SKU that still has one (default true). */
    licence: z.boolean().default(true),
  })
  .strict()
  .refine((v) => (v.count === undefined) !== (v.users === undefined), 'give either count or users');

export type JoinersInput = z.input<typeof joinersInputSchema>;
export type Joiner = z.output<typeof joinerSchema>;

export interface JoinerResult {
  id: string;
  userPrincipalName: string;
  displayName: string;
  department: string;
  managerId: string | null;
  skuIds: string[];
}

const DEPARTMENT_WEIGHTS = DEPARTMENTS.map((d) => [d, d.weight] as const);

/** The SKU most people hold that still has a free seat. */
function seatFor(tenant: TenantRecord): string | null {
  const open = [...tenant.skus.values()].filter((s) => availableUnits(s) > 0);
  open.sort((a, b) => b.consumedUnits - a.consumedUnits);
  return open[0]?.skuId ?? null;
}

/** Someone to report to: the department's lead or head, else anyone active in it. */
function managerIn(
  tenant: TenantRecord,
  department: string,
  dept: Department | undefined,
): UserRecord | undefined {
  const inDept = [...tenant.users.values()].filter(
    (u) => isActivePerson(u) && u.props.department === department,
  );
  return (
    inDept.find((u) => u.props.jobTitle === dept?.lead) ??
    inDept.find((u) => u.props.jobTitle === dept?.head) ??
    inDept[0]
  );
}

/**
 * New starters, created as an HR-driven provisioning would: a unique UPN on the default domain,
 * department, title, office, manager, a licence when a seat is free, and the all-company,
 * department and location groups (dynamic groups follow their rules). Visible to delta and webhooks.
 */
export function addJoiners(admin: AdminContext, tenantId: string, input: JoinersInput): JoinerResult[] {
  const parsed = joinersInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  const { estate } = admin.emulator;
  const build = buildForTenant(admin, tenant);
  const { random } = build;
  const wanted: Joiner[] = parsed.users ?? Array.from({ length: parsed.count ?? 0 }, () => ({}));
  const recent: PersonName[] = [];
  const results: JoinerResult[] = [];
  for (const joiner of wanted) {
    const name = joinerName(build, recent, joiner);
    const alias = uniqueAlias(build, joiner.mailNickname ?? personAlias(name));
    const office = build.offices.find((o) => o.name === joiner.officeLocation) ?? random.pick(build.offices);
    const props = blankUser(random.guid());
    applyPerson(build, props, name, alias, office);
    props.createdDateTime = isoSeconds(build.now);
    props.employeeHireDate = isoDate(build.now);
    props.officeLocation = joiner.officeLocation ?? office.name;
    const dept = joiner.department
      ? DEPARTMENTS.find((d) => d.name === joiner.department)
      : random.weighted(DEPARTMENT_WEIGHTS);
    props.department = joiner.department ?? dept!.name;
    props.jobTitle = joiner.jobTitle ?? (dept ? random.pick(dept.titles) : null);
    props.usageLocation = joiner.usageLocation === undefined ? office.country : joiner.usageLocation;
    const sku = parsed.licence && props.usageLocation ? seatFor(tenant) : null;
    props.assignedLicenses = sku ? [{ skuId: sku, disabledPlans: [] }] : [];
    const manager =
      joiner.managerId === null
        ? undefined
        : joiner.managerId
          ? userOrThrow(tenant, joiner.managerId)
          : managerIn(tenant, String(props.department), dept);
    const user = estate.addUser(tenant, props);
    if (manager) estate.setManager(tenant, user.props.id, manager.props.id);
    addToStandardGroups(estate, tenant, user);
    reprocessDynamicGroups(estate, tenant, [user.props.id]);
    results.push({
      id: user.props.id,
      userPrincipalName: String(props.userPrincipalName),
      displayName: String(props.displayName),
      department: String(props.department),
      managerId: manager?.props.id ?? null,
      skuIds: sku ? [sku] : [],
    });
  }
  return results;
}

function joinerName(
  build: ReturnType<typeof buildForTenant>,
  recent: PersonName[],
  joiner: Joiner,
): PersonName {
  if (!joiner.givenName && !joiner.surname && !joiner.displayName) return drawName(build, recent);
  const drawn = drawName(build, recent);
  const given = joiner.givenName
    ? { native: joiner.givenName, ascii: asciiFold(joiner.givenName) }
    : drawn.given;
  const family = joiner.surname ? { native: joiner.surname, ascii: asciiFold(joiner.surname) } : drawn.family;
  const displayName = joiner.displayName ?? `${given.native} ${family.native}`;
  return { given, family, locale: build.home, displayName };
}
