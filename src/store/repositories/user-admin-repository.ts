import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { customers, sites } from '../schema/customers.js';
import { deskUsers } from '../schema/desk-users.js';
import { afterCursor, orderTerms, sortKeyOf, startsWith, toPage, type KeysetOrder } from './keyset-page.js';
import type { DeskUser } from './user-repository.js';

export const USER_SORTS = ['displayName', '-displayName', 'email', '-email'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export interface UserListOptions {
  /** Prefix of the display name, surname, email or UPN, case-insensitive. */
  search?: string;
  customerId?: string;
  siteId?: string;
  inactive?: boolean;
  /** Only users with this contract coverage (recorded by the import's compliance setting). */
  coverage?: NonNullable<DeskUser['contractCoverage']>;
  /** true: only service accounts; false: only the others. */
  serviceAccount?: boolean;
  sort?: UserSort;
  limit?: number;
  cursor?: string;
}

/** A desk user with the names of its customer and site, for lists and detail pages. */
export interface DeskUserView {
  user: DeskUser;
  customerName: string;
  siteName: string;
}

/** The fields an agent may edit by hand (a later sync may bring Microsoft's values back). */
export type DeskUserChanges = Partial<
  Pick<
    DeskUser,
    | 'displayName'
    | 'givenName'
    | 'surname'
    | 'email'
    | 'jobTitle'
    | 'siteId'
    | 'inactive'
    | 'isServiceAccount'
  >
>;

/** Desk users for the console and the portal: keyset-paged lists, detail and basic edits. */
export interface UserAdminRepository {
  list(options: UserListOptions): Promise<Page<DeskUserView>>;
  /** Counts the matching users; costs a scan of them, so callers ask only when a person asked. */
  count(options: Omit<UserListOptions, 'sort' | 'limit' | 'cursor'>): Promise<number>;
  findById(id: string): Promise<DeskUserView | undefined>;
  update(id: string, changes: DeskUserChanges): Promise<DeskUser | undefined>;
}

/**
 * The sort and search keys. Each matches an index of `platform-indexes.ts` exactly (same
 * expression), so a search is a few index range scans and a page is an index walk.
 */
const keys = {
  name: sql`lower(${deskUsers.displayName}) collate "C"`,
  email: sql`coalesce(lower(${deskUsers.email}), '') collate "C"`,
  upn: sql`coalesce(lower(${deskUsers.userPrincipalName}), '') collate "C"`,
  surname: sql`coalesce(lower(${deskUsers.surname}), '') collate "C"`,
};

/** From this length on, a search term is selective enough to sort its matches rather than walk. */
const SORT_MATCHES_FROM_LENGTH = 2;

/**
 * The listing order. With a selective search term the key is wrapped in `|| ''`: the same order,
 * but one no index provides, so the planner finds the matches through the prefix indexes and sorts
 * them (cost grows with the matches). Otherwise it may walk the name index and filter, which reads
 * every row up to the first name-prefix match when the surname/email matches are rare (measured:
 * "jo" over 100k users read 8,600 rows for one page).
 */
function keysetOrder(sort: UserSort = 'displayName', search?: string): KeysetOrder {
  const key = sort.endsWith('email') ? keys.email : keys.name;
  const sortMatches = (search?.trim().length ?? 0) >= SORT_MATCHES_FROM_LENGTH;
  return {
    expression: sortMatches ? sql`(${key} || '')` : key,
    type: 'text',
    id: deskUsers.id,
    idType: 'uuid',
    direction: sort.startsWith('-') ? 'desc' : 'asc',
  };
}

function filters(options: Omit<UserListOptions, 'sort' | 'limit' | 'cursor'>): (SQL | undefined)[] {
  const term = options.search?.trim();
  return [
    options.customerId ? eq(deskUsers.customerId, options.customerId) : undefined,
    options.siteId ? eq(deskUsers.siteId, options.siteId) : undefined,
    options.inactive === undefined ? undefined : eq(deskUsers.inactive, options.inactive),
    options.coverage ? eq(deskUsers.contractCoverage, options.coverage) : undefined,
    // The bare column (not `= true`), so the partial index on service accounts applies.
    options.serviceAccount === undefined
      ? undefined
      : options.serviceAccount
        ? sql`${deskUsers.isServiceAccount}`
        : sql`not ${deskUsers.isServiceAccount}`,
    term
      ? or(
          startsWith(keys.name, term),
          startsWith(keys.surname, term),
          startsWith(keys.email, term),
          startsWith(keys.upn, term),
        )
      : undefined,
  ];
}

/** A user row with its customer's and site's names: one query, joins on primary keys. */
function withNames(db: Database, sortKey: SQL<string> = sql<string>`''`) {
  return db
    .select({ user: deskUsers, customerName: customers.name, siteName: sites.name, sortKey })
    .from(deskUsers)
    .innerJoin(customers, eq(customers.id, deskUsers.customerId))
    .innerJoin(sites, eq(sites.id, deskUsers.siteId));
}

/** A {@link UserAdminRepository} over `db` (a database or a transaction). */
export function createUserAdminRepository(db: Database): UserAdminRepository {
  return {
    async list(options) {
      const limit = pageSize(options.limit);
      const order = keysetOrder(options.sort, options.search);
      const rows = await withNames(db, sortKeyOf(order))
        .where(and(...filters(options), afterCursor(order, options.cursor)))
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      return toPage(
        rows.map(({ sortKey, ...view }) => ({ item: view, sortKey, id: view.user.id })),
        limit,
      );
    },

    async count(options) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(deskUsers)
        .where(and(...filters(options)));
      return row?.count ?? 0;
    },

    async findById(id) {
      const [row] = await withNames(db).where(eq(deskUsers.id, id));
      return row && { user: row.user, customerName: row.customerName, siteName: row.siteName };
    },

    async update(id, changes) {
      if (Object.keys(changes).length === 0) {
        const [row] = await db.select().from(deskUsers).where(eq(deskUsers.id, id));
        return row;
      }
      const [row] = await db
        .update(deskUsers)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(eq(deskUsers.id, id))
        .returning();
      return row;
    },
  };
}
