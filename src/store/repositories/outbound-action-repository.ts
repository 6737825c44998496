import { eq, sql } from 'drizzle-orm';
import type { Database } from '../database-types.js';
import { IdempotencyConflictError } from '../errors.js';
import {
  outboundActions,
  type OutboundActionStatus,
  type RedactedExchange,
} from '../schema/outbound-actions.js';

export type OutboundAction = typeof outboundActions.$inferSelect;

/** An action to record. The idempotency key identifies it: derive it from the workflow step. */
export interface OutboundActionInput {
  idempotencyKey: string;
  connectionId: string;
  tenantId: string;
  kind: string;
  /** Must not contain secrets. */
  payload: Record<string, unknown>;
  /** When the worker may first try it; default now. */
  notBefore?: Date;
}

/** What one execution of an action did, as the worker records it. */
export interface OutboundAttempt {
  /** `running` while retries remain (with `nextAttemptAt`); a final state ends the action. */
  status: Exclude<OutboundActionStatus, 'pending'>;
  /** The request sent, secrets already redacted (no Authorization header, no passwords). */
  request: RedactedExchange | null;
  /** Microsoft's response, secrets already redacted. */
  response: RedactedExchange | null;
  error?: { code: string; message: string } | null;
  /** What a succeeded action achieved, in the desk's terms. */
  result?: Record<string, unknown> | null;
  nextAttemptAt?: Date;
}

/** The outbox of writes to Microsoft. Depend on the methods you use (`Pick<OutboundActionRepository, …>`). */
export interface OutboundActionRepository {
  /**
   * Records the action, or returns the one already recorded under its idempotency key
   * (`created: false`). The same key with a different kind, tenant, connection or payload throws
   * {@link IdempotencyConflictError}.
   */
  enqueue(input: OutboundActionInput): Promise<{ action: OutboundAction; created: boolean }>;
  findByIdempotencyKey(key: string): Promise<OutboundAction | undefined>;
  /**
   * Records one execution: counts the attempt, keeps its redacted exchange and error, and marks
   * the action completed when the status is final. Returns the action, or undefined when unknown.
   */
  recordAttempt(id: string, attempt: OutboundAttempt): Promise<OutboundAction | undefined>;
  /**
   * Keeps an exchange a workflow already made (its own state is the queue), as one settled action:
   * one insert instead of enqueue + recordAttempt.
   */
  recordDone(
    input: OutboundActionInput,
    attempt: OutboundAttempt & { status: 'succeeded' | 'failed' },
  ): Promise<void>;
}

const FINAL_STATUSES: readonly OutboundActionStatus[] = ['succeeded', 'failed', 'cancelled'];

/** An {@link OutboundActionRepository} over `db` (a database or a transaction). */
export function createOutboundActionRepository(db: Database): OutboundActionRepository {
  return {
    async enqueue(input) {
      const [inserted] = await db
        .insert(outboundActions)
        .values({
          idempotencyKey: input.idempotencyKey,
          connectionId: input.connectionId,
          tenantId: input.tenantId,
          kind: input.kind,
          payload: input.payload,
          ...(input.notBefore ? { nextAttemptAt: input.notBefore } : {}),
        })
        .onConflictDoNothing({ target: outboundActions.idempotencyKey })
        .returning();
      if (inserted) return { action: inserted, created: true };

      // jsonb equality ignores key order and whitespace, unlike comparing JSON text.
      const [existing] = await db
        .select({
          action: outboundActions,
          samePayload: sql<boolean>`${outboundActions.payload} = ${JSON.stringify(input.payload)}::jsonb`,
        })
        .from(outboundActions)
        .where(eq(outboundActions.idempotencyKey, input.idempotencyKey));
      if (!existing) throw new Error(`outbound action ${input.idempotencyKey} conflicted but cannot be read`);
      const { action, samePayload } = existing;
      const same =
        samePayload &&
        action.kind === input.kind &&
        action.connectionId.toLowerCase() === input.connectionId.toLowerCase() &&
        action.tenantId.toLowerCase() === input.tenantId.toLowerCase();
      if (!same) throw new IdempotencyConflictError(input.idempotencyKey);
      return { action, created: false };
    },

    async recordAttempt(id, attempt) {
      const [row] = await db
        .update(outboundActions)
        .set({
          status: attempt.status,
          attempts: sql`${outboundActions.attempts} + 1`,
          request: attempt.request,
          response: attempt.response,
          lastError: attempt.error ?? null,
          ...(attempt.result !== undefined ? { result: attempt.result } : {}),
          ...(attempt.nextAttemptAt ? { nextAttemptAt: attempt.nextAttemptAt } : {}),
          completedAt: FINAL_STATUSES.includes(attempt.status) ? sql`clock_timestamp()` : null,
          updatedAt: sql`clock_timestamp()`,
        })
        .where(eq(outboundActions.id, id))
        .returning();
      return row;
    },

    async recordDone(input, attempt) {
      await db.insert(outboundActions).values({
        idempotencyKey: input.idempotencyKey,
        connectionId: input.connectionId,
        tenantId: input.tenantId,
        kind: input.kind,
        payload: input.payload,
        status: attempt.status,
        attempts: 1,
        request: attempt.request,
        response: attempt.response,
        lastError: attempt.error ?? null,
        result: attempt.result ?? null,
        completedAt: sql`clock_timestamp()`,
      });
    },

    async findByIdempotencyKey(key) {
      const [row] = await db.select().from(outboundActions).where(eq(outboundActions.idempotencyKey, key));
      return row;
    },
  };
}
