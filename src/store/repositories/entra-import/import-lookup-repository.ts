import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../database-types.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { roles, type AccountKind } from '../../schema/access.js';
import { customers, sites } from '../../schema/customers.js';
import { cabRoles, cabs, teams } from '../../schema/teams.js';
import { arrayParam } from '../../sql-arrays.js';
import type { Customer, Site } from '../customer-repository.js';

/** A named desk record a mapping may point at. */
export interface NamedRecord {
  id: string;
  name: string;
}

/**
 * What an import configuration refers to, for validating it and offering choices. Lists are
 * short (teams, CABs, roles); sites and customers are fetched by the ids a configuration names.
 */
export interface ImportLookupRepository {
  teams(): Promise<(NamedRecord & { inactive: boolean })[]>;
  cabs(): Promise<NamedRecord[]>;
  cabRoles(): Promise<NamedRecord[]>;
  /** Agent roles (`agent`) or user roles (`portal`). */
  roles(kind: AccountKind): Promise<NamedRecord[]>;
  sitesByIds(ids: readonly string[]): Promise<Site[]>;
  customersByIds(ids: readonly string[]): Promise<Customer[]>;
}

const byName = (name: AnyPgColumn) => asc(sql`lower(${name}) collate "C"`);

/** An {@link ImportLookupRepository} over `db` (a database or a transaction). */
export function createImportLookupRepository(db: Database): ImportLookupRepository {
  return {
    teams: () =>
      db
        .select({ id: teams.id, name: teams.name, inactive: teams.inactive })
        .from(teams)
        .orderBy(byName(teams.name)),
    cabs: () => db.select({ id: cabs.id, name: cabs.name }).from(cabs).orderBy(byName(cabs.name)),
    cabRoles: () =>
      db.select({ id: cabRoles.id, name: cabRoles.name }).from(cabRoles).orderBy(byName(cabRoles.name)),
    roles: (kind) =>
      db
        .select({ id: roles.id, name: roles.name })
        .from(roles)
        .where(eq(roles.kind, kind))
        .orderBy(byName(roles.name)),
    sitesByIds: async (ids) =>
      ids.length
        ? db
            .select()
            .from(sites)
            .where(sql`${sites.id} = any(${arrayParam(ids, 'uuid')})`)
        : [],
    customersByIds: async (ids) =>
      ids.length
        ? db
            .select()
            .from(customers)
            .where(sql`${customers.id} = any(${arrayParam(ids, 'uuid')})`)
        : [],
  };
}
