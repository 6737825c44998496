import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { RequestStatus, RequestType } from '../../contracts/onboarding/workflow.js';
import type { Database } from '../database-types.js';
import type { Page } from '../pagination.js';
import { accountRoles, accounts, roles } from '../schema/access.js';
import { agents } from '../schema/agents.js';
import { customers } from '../schema/customers.js';
import { deskUsers } from '../schema/desk-users.js';
import { ticketApprovals, tickets, ticketSecrets, ticketSteps } from '../schema/requests.js';
import { afterCursor, orderTerms, sortKeyOf, toPage, type KeysetOrder } from './keyset-page.js';
import { containsPattern } from './like-pattern.js';
import { queryRows } from '../sql-rows.js';

type TicketRow = typeof tickets.$inferSelect;
export type StoredApproval = typeof ticketApprovals.$inferSelect;
export type StoredStep = typeof ticketSteps.$inferSelect;

/** A request with its customer's name, approval steps, automation steps and password state. */
export interface StoredRequest extends TicketRow {
  customerName: string;
  assignedAgentName: string | null;
  approvals: StoredApproval[];
  steps: StoredStep[];
  password: { revealedAt: Date | null; revealedByName: string | null } | null;
  /** The desk user the request concerns: the leaver, or the new starter once a sync brought them. */
  linkedDeskUserId: string | null;
}

export interface NewRequest {
  customerId: string;
  type: RequestType;
  summary: string;
  fields: Record<string, unknown>;
  /** The approval settings at submission: `{ steps, triggerAutomationByDefault }`. */
  approval: { steps: unknown[]; triggerAutomationByDefault: boolean };
  notifications: Record<string, unknown>;
  requestedBy: { accountId: string | null; name: string };
  tenantId: string | null;
  entraObjectId?: string | null;
  deskUserId?: string | null;
  flag: string | null;
  /** Encrypted temporary password (new starters). */
  passwordCiphertext?: string;
}

export interface RequestListQuery {
  customerId?: string;
  status?: RequestStatus;
  type?: RequestType;
  search?: string;
  requestedByAccountId?: string;
  /** Only requests whose open approval step lists this portal account. */
  portalApproverId?: string;
  /** Only requests waiting for approval (an agent's "to decide" list). */
  awaitingApproval?: boolean;
  cursor?: string;
  limit: number;
}

export interface RequestSummaryRow {
  id: string;
  number: number;
  type: RequestType;
  status: RequestStatus;
  customerId: string;
  customerName: string;
  summary: string;
  requestedByName: string;
  assignedAgentId: string | null;
  assignedAgentName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Why a change of state was refused: someone else decided first, or the request is past it. */
export class RequestStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestStateError';
  }
}

const ORDER: KeysetOrder = {
  expression: sql`${tickets.createdAt}`,
  type: 'timestamptz',
  id: tickets.id,
  idType: 'uuid',
  direction: 'desc',
};

/** The requests (tickets) of the desk: raising, deciding, listing. The workflow's side is request-workflow-repository.ts. */
export function createRequestRepository(db: Database) {
  async function find(id: string, tx: Database = db): Promise<StoredRequest | undefined> {
    const [row] = await tx
      .select({
        ticket: tickets,
        customerName: customers.name,
        linked: deskUsers.id,
        assignedAgentName: agents.displayName,
      })
      .from(tickets)
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .leftJoin(agents, eq(agents.id, tickets.assignedAgentId))
      .leftJoin(
        deskUsers,
        sql`${deskUsers.id} = coalesce(${tickets.deskUserId}, (select u.id from desk_users u
              where u.tenant_id = ${tickets.tenantId} and u.entra_object_id = ${tickets.entraObjectId}))`,
      )
      .where(eq(tickets.id, id));
    if (!row) return undefined;
    const [approvals, steps, secret] = await Promise.all([
      tx
        .select()
        .from(ticketApprovals)
        .where(eq(ticketApprovals.ticketId, id))
        .orderBy(asc(ticketApprovals.stepIndex)),
      tx.select().from(ticketSteps).where(eq(ticketSteps.ticketId, id)).orderBy(asc(ticketSteps.position)),
      tx
        .select({ revealedAt: ticketSecrets.revealedAt, revealedByName: ticketSecrets.revealedByName })
        .from(ticketSecrets)
        .where(eq(ticketSecrets.ticketId, id)),
    ]);
    return {
      ...row.ticket,
      customerName: row.customerName,
      assignedAgentName: row.assignedAgentName,
      approvals,
      steps,
      password: secret[0] ?? null,
      linkedDeskUserId: row.linked,
    };
  }

  return {
    find,

    /** Raises a request: the ticket, its approval steps (the first open) and its password, at once. */
    async create(input: NewRequest): Promise<StoredRequest> {
      const id = await db.transaction(async (tx) => {
        const [ticket] = await tx
          .insert(tickets)
          .values({
            customerId: input.customerId,
            type: input.type,
            status: 'awaitingApproval',
            summary: input.summary,
            fields: input.fields,
            approval: input.approval as Record<string, unknown>,
            notifications: input.notifications,
            requestedByAccountId: input.requestedBy.accountId,
            requestedByName: input.requestedBy.name,
            tenantId: input.tenantId,
            entraObjectId: input.entraObjectId ?? null,
            deskUserId: input.deskUserId ?? null,
            flag: input.flag,
          })
          .returning({ id: tickets.id });
        await tx.insert(ticketApprovals).values(
          input.approval.steps.map((_, stepIndex) => ({
            ticketId: ticket!.id,
            stepIndex,
            status: stepIndex === 0 ? ('open' as const) : ('waiting' as const),
          })),
        );
        if (input.passwordCiphertext)
          await tx
            .insert(ticketSecrets)
            .values({ ticketId: ticket!.id, passwordCiphertext: input.passwordCiphertext });
        return ticket!.id;
      });
      return (await find(id))!;
    },

    async list(query: RequestListQuery): Promise<Page<RequestSummaryRow>> {
      const where: (SQL | undefined)[] = [afterCursor(ORDER, query.cursor)];
      if (query.customerId) where.push(eq(tickets.customerId, query.customerId));
      if (query.status) where.push(eq(tickets.status, query.status));
      if (query.type) where.push(eq(tickets.type, query.type));
      if (query.requestedByAccountId)
        where.push(eq(tickets.requestedByAccountId, query.requestedByAccountId));
      if (query.awaitingApproval) where.push(eq(tickets.status, 'awaitingApproval'));
      if (query.portalApproverId) {
        where.push(sql`exists (select 1 from ticket_approvals a
          where a.ticket_id = ${tickets.id} and a.status = 'open'
            and ${tickets.approval}->'steps'->a.step_index->'portalApproverIds' ? ${query.portalApproverId})`);
      }
      const pattern = containsPattern(query.search);
      if (pattern) {
        where.push(
          sql`(${tickets.summary} ilike ${pattern} or ('REQ-' || lpad(${tickets.number}::text, 6, '0')) ilike ${pattern})`,
        );
      }
      const rows = await db
        .select({
          id: tickets.id,
          number: tickets.number,
          type: tickets.type,
          status: tickets.status,
          customerId: tickets.customerId,
          customerName: customers.name,
          summary: tickets.summary,
          requestedByName: tickets.requestedByName,
          assignedAgentId: tickets.assignedAgentId,
          assignedAgentName: agents.displayName,
          createdAt: tickets.createdAt,
          updatedAt: tickets.updatedAt,
          sortKey: sortKeyOf(ORDER),
        })
        .from(tickets)
        .innerJoin(customers, eq(customers.id, tickets.customerId))
        .leftJoin(agents, eq(agents.id, tickets.assignedAgentId))
        .where(and(...where))
        .orderBy(...orderTerms(ORDER))
        .limit(query.limit + 1);
      return toPage(
        rows.map(({ sortKey, ...item }) => ({ item, sortKey, id: item.id })),
        query.limit,
      );
    },

    /**
     * Decides the open approval step `stepIndex`. Approving the last step approves the request:
     * with `triggerAutomation` its steps are created and it is in progress; without, it is
     * approved for the desk to carry out. Rejecting ends it. Refused (RequestStateError) when the
     * step is no longer open: someone decided first.
     */
    async decide(
      id: string,
      decision: {
        stepIndex: number;
        approve: boolean;
        by: { accountId: string; name: string };
        comment: string | null;
        triggerAutomation: boolean;
        workflowSteps: readonly string[];
      },
    ): Promise<{ final: boolean }> {
      return db.transaction(async (tx) => {
        const decided = await tx
          .update(ticketApprovals)
          .set({
            status: decision.approve ? 'approved' : 'rejected',
            decidedByAccountId: decision.by.accountId,
            decidedByName: decision.by.name,
            comment: decision.comment,
            decidedAt: sql`now()`,
          })
          .where(
            and(
              eq(ticketApprovals.ticketId, id),
              eq(ticketApprovals.stepIndex, decision.stepIndex),
              eq(ticketApprovals.status, 'open'),
            ),
          )
          .returning({ stepIndex: ticketApprovals.stepIndex });
        if (decided.length === 0) throw new RequestStateError('This approval step was already decided.');
        if (!decision.approve) {
          await tx
            .update(ticketApprovals)
            .set({ status: 'skipped' })
            .where(and(eq(ticketApprovals.ticketId, id), eq(ticketApprovals.status, 'waiting')));
          await tx
            .update(tickets)
            .set({ status: 'rejected', completedAt: sql`now()`, updatedAt: sql`now()` })
            .where(eq(tickets.id, id));
          return { final: true };
        }
        const [next] = await tx
          .update(ticketApprovals)
          .set({ status: 'open' })
          .where(
            and(
              eq(ticketApprovals.ticketId, id),
              eq(ticketApprovals.stepIndex, decision.stepIndex + 1),
              eq(ticketApprovals.status, 'waiting'),
            ),
          )
          .returning({ stepIndex: ticketApprovals.stepIndex });
        if (next) {
          await tx
            .update(tickets)
            .set({ updatedAt: sql`now()` })
            .where(eq(tickets.id, id));
          return { final: false };
        }
        await tx
          .update(tickets)
          .set({
            status: decision.triggerAutomation ? 'inProgress' : 'approved',
            triggerAutomation: decision.triggerAutomation,
            updatedAt: sql`now()`,
          })
          .where(eq(tickets.id, id));
        if (decision.triggerAutomation) await insertSteps(tx, id, decision.workflowSteps);
        return { final: true };
      });
    },

    /** Starts the automation of a request approved without it. */
    async startAutomation(id: string, workflowSteps: readonly string[]): Promise<void> {
      await db.transaction(async (tx) => {
        const started = await tx
          .update(tickets)
          .set({ status: 'inProgress', triggerAutomation: true, updatedAt: sql`now()` })
          .where(and(eq(tickets.id, id), eq(tickets.status, 'approved')))
          .returning({ id: tickets.id });
        if (started.length === 0)
          throw new RequestStateError('Only a request approved without its automation can have it started.');
        await insertSteps(tx, id, workflowSteps);
      });
    },

    /** Assigns the request to an active agent (or nobody); false when the agent is unknown or inactive. */
    async assign(id: string, agentId: string | null): Promise<boolean> {
      if (agentId) {
        const [agent] = await db
          .select({ inactive: agents.inactive })
          .from(agents)
          .where(eq(agents.id, agentId));
        if (!agent || agent.inactive) return false;
      }
      await db
        .update(tickets)
        .set({ assignedAgentId: agentId, updatedAt: sql`now()` })
        .where(eq(tickets.id, id));
      return true;
    },

    /** Makes the failed step due again, after its cause was fixed. */
    async retryFailedStep(id: string): Promise<string> {
      return db.transaction(async (tx) => {
        const [step] = await tx
          .update(ticketSteps)
          .set({ status: 'pending', error: null, dueAt: null, finishedAt: null, updatedAt: sql`now()` })
          .where(and(eq(ticketSteps.ticketId, id), eq(ticketSteps.status, 'failed')))
          .returning({ key: ticketSteps.key });
        const moved = await tx
          .update(tickets)
          .set({ status: 'inProgress', updatedAt: sql`now()` })
          .where(and(eq(tickets.id, id), eq(tickets.status, 'failed')))
          .returning({ id: tickets.id });
        if (!step || moved.length === 0)
          throw new RequestStateError('This request has no failed step to retry.');
        return step.key;
      });
    },

    /** Cancels a request nothing was written for yet (waiting for approval, or approved by hand). */
    async cancel(id: string): Promise<void> {
      const done = await db
        .update(tickets)
        .set({ status: 'cancelled', completedAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(tickets.id, id), sql`${tickets.status} in ('awaitingApproval', 'approved')`))
        .returning({ id: tickets.id });
      if (done.length === 0)
        throw new RequestStateError(
          'Only a request waiting for approval, or approved without automation, can be cancelled.',
        );
      await db
        .update(ticketApprovals)
        .set({ status: 'skipped' })
        .where(and(eq(ticketApprovals.ticketId, id), sql`${ticketApprovals.status} in ('open', 'waiting')`));
    },

    /**
     * The password's ciphertext for its one reveal: marks it revealed by `by` in the same
     * statement, so two agents cannot both see it. Null when there is none or it was revealed.
     */
    async revealPassword(id: string, by: { accountId: string; name: string }): Promise<string | null> {
      const [row] = await db
        .update(ticketSecrets)
        .set({ revealedAt: sql`now()`, revealedByAccountId: by.accountId, revealedByName: by.name })
        .where(and(eq(ticketSecrets.ticketId, id), sql`${ticketSecrets.revealedAt} is null`))
        .returning({ ciphertext: ticketSecrets.passwordCiphertext });
      return row?.ciphertext ?? null;
    },

    /**
     * Which of `addresses` the desk already knows as taken: promised to a new starter whose
     * request is still open, or held (as sign-in name or e-mail) by a desk user.
     */
    async addressesKnown(customerId: string, addresses: readonly string[]): Promise<Set<string>> {
      const lower = addresses.map((a) => a.toLowerCase());
      if (lower.length === 0) return new Set();
      const rows = await queryRows<{ address: string }>(
        db,
        sql`select lower(fields->>'userPrincipalName') as address from tickets
             where type = 'newStarter'
               and status in ('awaitingApproval', 'approved', 'inProgress', 'scheduled', 'failed')
               and lower(fields->>'userPrincipalName') = any(${sql.param(lower)}::text[])
            union
            select lower(user_principal_name) from desk_users
             where customer_id = ${customerId} and lower(user_principal_name) = any(${sql.param(lower)}::text[])
            union
            select lower(email) from desk_users
             where customer_id = ${customerId} and lower(email) = any(${sql.param(lower)}::text[])`,
      );
      return new Set(rows.map((r) => r.address));
    },

    /** The open leaver request of a desk user (its number), if any. */
    async openLeaverOf(deskUserId: string): Promise<number | null> {
      const [row] = await db
        .select({ number: tickets.number })
        .from(tickets)
        .where(
          and(
            eq(tickets.type, 'leaver'),
            eq(tickets.deskUserId, deskUserId),
            sql`${tickets.status} in ('awaitingApproval', 'approved', 'inProgress', 'scheduled', 'failed')`,
          ),
        );
      return row?.number ?? null;
    },

    /** The desk user behind a portal account, as the ticket rule needs it; undefined for agents. */
    async requesterUser(accountId: string) {
      const [row] = await db
        .select({
          id: deskUsers.id,
          inactive: deskUsers.inactive,
          isServiceAccount: deskUsers.isServiceAccount,
          contractCoverage: deskUsers.contractCoverage,
        })
        .from(accounts)
        .innerJoin(deskUsers, eq(deskUsers.id, accounts.deskUserId))
        .where(eq(accounts.id, accountId));
      return row;
    },

    /** Display names of accounts and roles named by approval steps. */
    async approverNames(
      accountIds: readonly string[],
      roleIds: readonly string[],
    ): Promise<Map<string, string>> {
      const names = new Map<string, string>();
      if (accountIds.length > 0)
        for (const row of await db
          .select({ id: accounts.id, name: accounts.displayName })
          .from(accounts)
          .where(sql`${accounts.id} = any(${sql.param([...accountIds])}::uuid[])`))
          names.set(row.id, row.name);
      if (roleIds.length > 0)
        for (const row of await db
          .select({ id: roles.id, name: roles.name })
          .from(roles)
          .where(sql`${roles.id} = any(${sql.param([...roleIds])}::uuid[])`))
          names.set(row.id, row.name);
      return names;
    },

    /** Whether an account holds a role (an approval step limited to an agent role). */
    async holdsRole(accountId: string, roleId: string): Promise<boolean> {
      const rows = await db
        .select({ roleId: accountRoles.roleId })
        .from(accountRoles)
        .where(and(eq(accountRoles.accountId, accountId), eq(accountRoles.roleId, roleId)));
      return rows.length > 0;
    },

    /** Requests of a customer still open (for seats promised but not yet assigned). */
    async openNewStarterLicences(customerId: string): Promise<Map<string, number>> {
      const rows = await db
        .select({ licences: sql<unknown>`${tickets.fields}->'licences'` })
        .from(tickets)
        .where(
          and(
            eq(tickets.customerId, customerId),
            eq(tickets.type, 'newStarter'),
            sql`${tickets.status} in ('awaitingApproval', 'approved', 'inProgress', 'scheduled', 'failed')`,
            sql`not exists (select 1 from ticket_steps s where s.ticket_id = ${tickets.id}
                  and s.key = 'assignLicences' and s.status in ('done', 'skipped'))`,
          ),
        )
        .orderBy(desc(tickets.createdAt));
      const promised = new Map<string, number>();
      for (const row of rows) {
        for (const l of (row.licences as { skuId: string }[] | null) ?? []) {
          const key = l.skuId.toLowerCase();
          promised.set(key, (promised.get(key) ?? 0) + 1);
        }
      }
      return promised;
    },
  };
}

export type RequestRepository = ReturnType<typeof createRequestRepository>;

async function insertSteps(tx: Database, id: string, keys: readonly string[]): Promise<void> {
  await tx
    .insert(ticketSteps)
    .values(keys.map((key, position) => ({ ticketId: id, key, position })))
    .onConflictDoNothing();
}
