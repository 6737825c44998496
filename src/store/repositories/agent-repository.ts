import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { pageSize, type Page } from '../pagination.js';
import { accounts } from '../schema/access.js';
import { agents } from '../schema/agents.js';
import { afterCursor, orderTerms, sortKeyOf, startsWith, toPage, type KeysetOrder } from './keyset-page.js';

/** A desk agent as stored. */
export type Agent = typeof agents.$inferSelect;

/** An agent with the sign-in account that belongs to it, if any. */
export interface AgentView {
  agent: Agent;
  accountId: string | null;
}

export interface AgentListOptions {
  /** Prefix of the display name or email, case-insensitive. */
  search?: string;
  inactive?: boolean;
  sort?: 'displayName' | '-displayName';
  limit?: number;
  cursor?: string;
}

export type AgentChanges = Partial<
  Pick<Agent, 'displayName' | 'email' | 'licenceType' | 'inactive' | 'lineManagerId'>
>;

/** Desk agents for the console. */
export interface AgentRepository {
  list(options: AgentListOptions): Promise<Page<AgentView>>;
  count(options: Pick<AgentListOptions, 'search' | 'inactive'>): Promise<number>;
  findById(id: string): Promise<AgentView | undefined>;
  create(input: { displayName: string; email?: string | null }): Promise<Agent>;
  update(id: string, changes: AgentChanges): Promise<Agent | undefined>;
}

const nameKey = sql`lower(${agents.displayName}) collate "C"`;
const emailKey = sql`coalesce(lower(${agents.email}), '') collate "C"`;

function filters(options: Pick<AgentListOptions, 'search' | 'inactive'>): (SQL | undefined)[] {
  const term = options.search?.trim();
  return [
    term ? or(startsWith(nameKey, term), startsWith(emailKey, term)) : undefined,
    options.inactive === undefined ? undefined : eq(agents.inactive, options.inactive),
  ];
}

const view = { agent: agents, accountId: accounts.id };

/** An {@link AgentRepository} over `db` (a database or a transaction). */
export function createAgentRepository(db: Database): AgentRepository {
  return {
    async list(options) {
      const limit = pageSize(options.limit);
      const order: KeysetOrder = {
        expression: nameKey,
        type: 'text',
        id: agents.id,
        idType: 'uuid',
        direction: options.sort === '-displayName' ? 'desc' : 'asc',
      };
      const rows = await db
        .select({ ...view, sortKey: sortKeyOf(order) })
        .from(agents)
        .leftJoin(accounts, eq(accounts.agentId, agents.id))
        .where(and(...filters(options), afterCursor(order, options.cursor)))
        .orderBy(...orderTerms(order))
        .limit(limit + 1);
      const items = rows.map(({ agent, accountId, sortKey }) => ({
        item: { agent, accountId },
        sortKey,
        id: agent.id,
      }));
      return toPage(items, limit);
    },

    async count(options) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(agents)
        .where(and(...filters(options)));
      return row?.count ?? 0;
    },

    async findById(id) {
      const [row] = await db
        .select(view)
        .from(agents)
        .leftJoin(accounts, eq(accounts.agentId, agents.id))
        .where(eq(agents.id, id));
      return row;
    },

    async create(input) {
      const [row] = await db
        .insert(agents)
        .values({ displayName: input.displayName, email: input.email ?? null })
        .returning();
      if (!row) throw new Error('insert into agents returned no row');
      return row;
    },

    async update(id, changes) {
      const [row] =
        Object.keys(changes).length === 0
          ? await db.select().from(agents).where(eq(agents.id, id))
          : await db
              .update(agents)
              .set({ ...changes, updatedAt: sql`now()` })
              .where(eq(agents.id, id))
              .returning();
      return row;
    },
  };
}
