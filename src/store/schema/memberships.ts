import { boolean, index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { roles } from './access.js';
import { agents } from './agents.js';
import { deskUsers } from './desk-users.js';
import { cabRoles, cabs, teams } from './teams.js';

/**
 * An agent's membership of a team with guide 001's three flags. `fromMapping` marks memberships a
 * team group mapping made, the only ones "remove from team when no longer found" may take away.
 */
export const agentTeams = pgTable(
  'agent_teams',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    canBeAssigned: boolean('can_be_assigned').notNull().default(true),
    canSeeUnassigned: boolean('can_see_unassigned').notNull().default(true),
    canSeeOthers: boolean('can_see_others').notNull().default(true),
    fromMapping: boolean('from_mapping').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.agentId, t.teamId] }), index('agent_teams_team_idx').on(t.teamId)],
);

/** An agent on a change advisory board, optionally with a CAB role. */
export const cabMembers = pgTable(
  'cab_members',
  {
    cabId: uuid('cab_id')
      .notNull()
      .references(() => cabs.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    cabRoleId: uuid('cab_role_id').references(() => cabRoles.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.cabId, t.agentId] }), index('cab_members_agent_idx').on(t.agentId)],
);

/** Agent roles (`roles.kind = 'agent'`) an agent holds in the desk, e.g. from group mappings. */
export const agentRoleAssignments = pgTable(
  'agent_role_assignments',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.agentId, t.roleId] }),
    index('agent_role_assignments_role_idx').on(t.roleId),
  ],
);

/** User roles (`roles.kind = 'portal'`) a desk user holds, e.g. from a site or group mapping. */
export const deskUserRoleAssignments = pgTable(
  'desk_user_role_assignments',
  {
    deskUserId: uuid('desk_user_id')
      .notNull()
      .references(() => deskUsers.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.deskUserId, t.roleId] }),
    index('desk_user_role_assignments_role_idx').on(t.roleId),
  ],
);
