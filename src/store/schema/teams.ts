import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { primaryId, timestamps } from './columns.js';

/** A team of agents (Halo's agent team); group mappings and the `team` field put agents in teams. */
export const teams = pgTable(
  'teams',
  {
    id: primaryId(),
    name: text('name').notNull(),
    inactive: boolean('inactive').notNull().default(false),
    ...timestamps(),
  },
  (t) => [uniqueIndex('teams_name_key').on(sql`lower(${t.name})`)],
);

/** A change advisory board; agents join it through CAB group mappings. */
export const cabs = pgTable(
  'cabs',
  {
    id: primaryId(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('cabs_name_key').on(sql`lower(${t.name})`)],
);

/** The role an agent holds on a CAB (e.g. approver, member). */
export const cabRoles = pgTable(
  'cab_roles',
  {
    id: primaryId(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('cab_roles_name_key').on(sql`lower(${t.name})`)],
);
