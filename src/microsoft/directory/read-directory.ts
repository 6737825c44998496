import type { DirectoryUser } from '../../contracts/entra/import-plan.js';
import type { GraphClient } from '../graph/graph-client.js';
import { withQuery } from '../graph/odata.js';
import { userSchema, type GraphUser } from '../graph/schemas/user.js';
import { readGroupMembership, type GroupMembership } from './group-membership.js';
import { graphSelectFor, userFieldValue } from './user-fields.js';
import { directoryLicences } from './user-licences.js';

/** What an import needs from one tenant's directory. */
export interface DirectoryReadSpec {
  tenantId: string;
  /** Entra user fields (src/contracts/entra/fields.ts names) the configuration reads. */
  fields: readonly string[];
  /** Group display names the configuration filters or maps by. */
  groupNames: readonly string[];
  /** Read `signInActivity` (AuditLog.Read.All; pages of at most 120). */
  lastSignIn: boolean;
}

/** A tenant's directory as the planner reads it: group membership, and pages of users. */
export interface DirectoryRead {
  membership: GroupMembership;
  pages: AsyncGenerator<DirectoryUser[], void, undefined>;
}

const USERS_PAGE = 999;

/** `{ licences }` when Graph returned the user's licences, else nothing. */
function licencesOf(user: GraphUser): Pick<DirectoryUser, 'licences'> {
  const licences = directoryLicences(user);
  return licences ? { licences } : {};
}

/** One Graph user as the planner's {@link DirectoryUser}. */
export function toDirectoryUser(
  user: GraphUser,
  tenantId: string,
  spec: Pick<DirectoryReadSpec, 'fields' | 'groupNames'>,
  membership: GroupMembership,
): DirectoryUser {
  const fields: Record<string, string | null> = {};
  for (const field of spec.fields) fields[field] = userFieldValue(user, field);
  const groups = spec.groupNames.filter((name) =>
    membership.membersByName.get(name.toLowerCase())?.has(user.id),
  );
  const signIn = user.signInActivity;
  return {
    tenantId,
    id: user.id,
    displayName: user.displayName || user.userPrincipalName || user.id,
    userPrincipalName: user.userPrincipalName ?? null,
    accountEnabled: user.accountEnabled !== false,
    userType: user.userType === 'Guest' ? 'Guest' : 'Member',
    licensed: (user.assignedLicenses?.length ?? 0) > 0,
    managerId: userFieldValue(user, 'manager'),
    groups,
    fields,
    lastSignInAt: signIn?.lastSignInDateTime ?? signIn?.lastSuccessfulSignInDateTime ?? null,
    ...licencesOf(user),
  };
}

/** The `/users` query for `spec`: pages of 999 unless `$expand` (100) or signInActivity (120) caps them. */
export function usersQuery(spec: Pick<DirectoryReadSpec, 'fields' | 'lastSignIn'>): string {
  const expandManager = spec.fields.includes('manager');
  return withQuery('/users', {
    $select: graphSelectFor(spec.fields, { lastSignIn: spec.lastSignIn }),
    $expand: expandManager ? 'manager($select=id)' : undefined,
    $top: USERS_PAGE,
  });
}

/**
 * Reads what an import needs from one tenant: the named groups' transitive members, then every
 * user page by page (memory stays one page plus the membership sets). The first page of users is
 * requested while the groups are resolved: neither needs the other, and it saves a tenant two
 * round trips (a tenth of a second on Graph; a second over 100 small tenants on the emulator).
 */
export async function readEntraDirectory(
  graph: GraphClient,
  spec: DirectoryReadSpec,
): Promise<DirectoryRead> {
  const users = graph.pages(usersQuery(spec), userSchema)[Symbol.asyncIterator]();
  const firstPage = users.next();
  // Awaited in pages(); a failed group read must not leave its failure unhandled meanwhile.
  firstPage.catch(() => undefined);
  const membership = await readGroupMembership(graph, spec.groupNames);
  async function* pages(): AsyncGenerator<DirectoryUser[], void, undefined> {
    for (let page = await firstPage; !page.done; page = await users.next()) {
      yield page.value.items.map((user) => toDirectoryUser(user, spec.tenantId, spec, membership));
    }
  }
  return { membership, pages: pages() };
}
