import { and, eq, sql } from 'drizzle-orm';
import type { RequestStatus, StepStatus } from '../../contracts/onboarding/workflow.js';
import type { Database } from '../database-types.js';
import { ticketApprovals, tickets, ticketSecrets, ticketSteps } from '../schema/requests.js';
import { queryRows } from '../sql-rows.js';

/** What a worker records when a step's attempt ends. */
export interface StepSettlement {
  status: Exclude<StepStatus, 'pending' | 'running'>;
  detail: string | null;
  items?: Record<string, unknown>[];
  error?: Record<string, unknown> | null;
  /** Replaces the step's memory when given. */
  state?: Record<string, unknown>;
  dueAt?: Date | null;
}

/** A running step nobody touched for this long belongs to a worker that stopped: due again. */
const STALE_RUNNING = '5 minutes';
/** A pending step of a request in progress that no run picked up for this long (a lost job). */
const STALE_PENDING = '1 minute';

/**
 * The request workflow's state (src/workflows/requests): steps claimed conditionally so two
 * workers never run one, and settled with the request's status in one transaction.
 */
export function createRequestWorkflowRepository(db: Database) {
  return {
    /** The request as the workflow needs it, with its steps in order and when it was approved. */
    async load(id: string) {
      const [ticket] = await db.select().from(tickets).where(eq(tickets.id, id));
      if (!ticket) return undefined;
      const steps = await db
        .select()
        .from(ticketSteps)
        .where(eq(ticketSteps.ticketId, id))
        .orderBy(ticketSteps.position);
      const [approved] = await db
        .select({ at: sql<Date | string | null>`max(${ticketApprovals.decidedAt})` })
        .from(ticketApprovals)
        .where(and(eq(ticketApprovals.ticketId, id), eq(ticketApprovals.status, 'approved')));
      const at = approved?.at ?? null;
      return { ticket, steps, approvedAt: at === null ? null : new Date(at) };
    },

    /** Marks the step running if it is still as read (status and attempts); true when this worker got it. */
    async claim(
      id: string,
      key: string,
      expected: { status: StepStatus; attempts: number },
    ): Promise<boolean> {
      const claimed = await db
        .update(ticketSteps)
        .set({
          status: 'running',
          attempts: sql`${ticketSteps.attempts} + 1`,
          startedAt: sql`coalesce(${ticketSteps.startedAt}, now())`,
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(ticketSteps.ticketId, id),
            eq(ticketSteps.key, key),
            eq(ticketSteps.status, expected.status),
            eq(ticketSteps.attempts, expected.attempts),
          ),
        )
        .returning({ key: ticketSteps.key });
      return claimed.length === 1;
    },

    /** Records a step's outcome and the request's resulting status together. */
    async settle(
      id: string,
      key: string,
      step: StepSettlement,
      request: { status: RequestStatus; entraObjectId?: string; completed?: boolean },
    ): Promise<void> {
      const finished = step.status !== 'waiting';
      await db.transaction(async (tx) => {
        await tx
          .update(ticketSteps)
          .set({
            status: step.status,
            detail: step.detail,
            ...(step.items ? { items: step.items } : {}),
            error: step.error ?? null,
            ...(step.state ? { state: step.state } : {}),
            dueAt: step.dueAt ?? null,
            finishedAt: finished ? sql`now()` : null,
            updatedAt: sql`now()`,
          })
          .where(and(eq(ticketSteps.ticketId, id), eq(ticketSteps.key, key)));
        await tx
          .update(tickets)
          .set({
            status: request.status,
            ...(request.entraObjectId ? { entraObjectId: request.entraObjectId } : {}),
            ...(request.completed ? { completedAt: sql`now()` } : {}),
            updatedAt: sql`now()`,
          })
          .where(eq(tickets.id, id));
      });
    },

    /** The encrypted temporary password of a request, or null. */
    async passwordCiphertext(id: string): Promise<string | null> {
      const [row] = await db
        .select({ c: ticketSecrets.passwordCiphertext })
        .from(ticketSecrets)
        .where(eq(ticketSecrets.ticketId, id));
      return row?.c ?? null;
    },

    /**
     * Requests whose automation should run now: a waiting step is due, a pending step was left
     * (its job lost), or a running step's worker stopped (made due again first). Oldest first.
     */
    async due(limit: number): Promise<string[]> {
      await db.execute(sql`update ticket_steps set status = 'waiting', due_at = now(), updated_at = now()
        where status = 'running' and updated_at < now() - interval '${sql.raw(STALE_RUNNING)}'`);
      const rows = await queryRows<{ id: string }>(
        db,
        sql`select t.id from tickets t
             where t.status in ('inProgress', 'scheduled')
               and exists (select 1 from ticket_steps s where s.ticket_id = t.id
                 and ((s.status = 'waiting' and s.due_at <= now())
                   or (s.status = 'pending' and t.updated_at < now() - interval '${sql.raw(STALE_PENDING)}')))
             order by t.updated_at limit ${limit}`,
      );
      return rows.map((r) => r.id);
    },
  };
}

export type RequestWorkflowRepository = ReturnType<typeof createRequestWorkflowRepository>;
