import { z } from 'zod';
import { DEPARTMENTS } from '../seed/org.js';
import type { TenantRecord, UserRecord } from '../state/types.js';
import type { AdminContext } from './admin-context.js';
import { AdminError } from './admin-error.js';
import { reprocessDynamicGroups } from './dynamic-groups.js';
import { isActivePerson, pickMessage, selectPeople, userOrThrow } from './people.js';
import { departmentGroup, locationGroup, swapGroup } from './standard-groups.js';
import { officesOf, homeLocaleOf } from './tenant-build.js';

const MAX_BATCH = 10_000;
const FIELDS = ['department', 'jobTitle', 'manager', 'officeLocation', 'displayName'] as const;

const explicitChanges = z
  .object({
    department: z.string().min(1).max(64),
    jobTitle: z.string().min(1).max(128),
    managerId: z.string().min(1).nullable(),
    officeLocation: z.string().min(1).max(128),
    displayName: z.string().min(1).max(256),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'name at least one change');

export const moversInputSchema = z
  .object({
    count: z.number().int().min(1).max(MAX_BATCH).optional(),
    ids: z.array(z.string().min(1)).min(1).max(MAX_BATCH).optional(),
    /** Field names to change to plausible random values, or explicit new values. */
    changes: z.union([z.array(z.enum(FIELDS)).min(1), explicitChanges]),
  })
  .strict()
  .refine((v) => (v.count === undefined) !== (v.ids === undefined), pickMessage);

export type MoversInput = z.input<typeof moversInputSchema>;

export interface MoverResult {
  id: string;
  /** Graph property names that changed (`manager` for a new manager). */
  changed: string[];
}

/** Random new values for the named fields, like a reorganisation would produce. */
function randomChanges(
  admin: AdminContext,
  tenant: TenantRecord,
  user: UserRecord,
  fields: readonly string[],
) {
  const { random } = admin;
  const out: Record<string, unknown> = {};
  const current = DEPARTMENTS.find((d) => d.name === user.props.department);
  const dept = fields.includes('department')
    ? random.pick(DEPARTMENTS.filter((d) => d !== current))
    : current;
  if (fields.includes('department')) out.department = dept!.name;
  if (fields.includes('jobTitle') || fields.includes('department')) {
    out.jobTitle = random.pick((dept ?? DEPARTMENTS[0]!).titles.filter((t) => t !== user.props.jobTitle));
  }
  if (fields.includes('officeLocation')) {
    const offices = officesOf(tenant, homeLocaleOf(tenant)).filter(
      (o) => o.name !== user.props.officeLocation,
    );
    if (offices.length) out.officeLocation = random.pick(offices).name;
  }
  if (fields.includes('displayName')) {
    // A change of surname (marriage, deed poll): the display name changes, the UPN does not.
    const family = random.pick(admin.names().people[homeLocaleOf(tenant)].family.female);
    out.surname = family.native;
    out.displayName = `${String(user.props.givenName ?? '')} ${family.native}`.trim();
  }
  if (fields.includes('manager')) {
    const candidates = [...tenant.users.values()].filter(
      (u) =>
        isActivePerson(u) && u !== user && u.managerId !== user.props.id && u.props.id !== user.managerId,
    );
    if (candidates.length) out.managerId = random.pick(candidates).props.id;
  }
  return out;
}

/**
 * People changing role, team, office, manager or name. Department and office moves also move
 * them between the matching department and location groups; dynamic groups follow their rules.
 */
export function moveMovers(admin: AdminContext, tenantId: string, input: MoversInput): MoverResult[] {
  const parsed = moversInputSchema.parse(input);
  const tenant = admin.tenant(tenantId);
  const { estate } = admin.emulator;
  const results: MoverResult[] = [];
  for (const user of selectPeople(admin, tenant, parsed)) {
    const id = user.props.id;
    const changes = Array.isArray(parsed.changes)
      ? randomChanges(admin, tenant, user, parsed.changes)
      : { ...parsed.changes };
    const { managerId, ...patch } = changes as Record<string, unknown> & { managerId?: string | null };
    if (typeof managerId === 'string' && userOrThrow(tenant, managerId).props.id === id) {
      throw new AdminError(400, 'ValidationFailed', `User ${id} cannot be their own manager.`);
    }
    const before = { department: user.props.department, office: user.props.officeLocation };
    const changed = estate.updateUser(tenant, id, patch);
    if (managerId !== undefined) {
      const next = managerId === null ? null : userOrThrow(tenant, managerId).props.id;
      if (next !== user.managerId) {
        estate.setManager(tenant, id, next);
        changed.push('manager');
      }
    }
    swapGroup(
      estate,
      tenant,
      id,
      departmentGroup(tenant, before.department),
      departmentGroup(tenant, user.props.department),
    );
    swapGroup(
      estate,
      tenant,
      id,
      locationGroup(tenant, before.office),
      locationGroup(tenant, user.props.officeLocation),
    );
    results.push({ id, changed });
  }
  reprocessDynamicGroups(
    estate,
    tenant,
    results.map((r) => r.id),
  );
  return results;
}
