import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  createOutboundActionRepository,
  IdempotencyConflictError,
  schema,
} from '../../../src/store/index.js';
import { givenConnection, type HandleSource } from './fixtures.js';

export function describeOutboundActionRepository(handle: HandleSource): void {
  async function setup() {
    const db = handle().db;
    const { connection, tenantId } = await givenConnection(db);
    const idempotencyKey = `new-starter/${randomUUID()}/create-user`;
    const input = {
      idempotencyKey,
      connectionId: connection.id,
      tenantId,
      kind: 'user.create',
      payload: { userPrincipalName: 'new.starter@contoso.example', displayName: 'New Starter' },
    };
    const rowsWithKey = async () =>
      (
        await db
          .select({ n: count() })
          .from(schema.outboundActions)
          .where(eq(schema.outboundActions.idempotencyKey, idempotencyKey))
      )[0]?.n;
    return { actions: createOutboundActionRepository(db), input, rowsWithKey };
  }

  describe('outbound actions', () => {
    it('records an action once: the same idempotency key returns the same row', async () => {
      const { actions, input, rowsWithKey } = await setup();
      const first = await actions.enqueue(input);
      const reordered = {
        ...input,
        payload: { displayName: 'New Starter', userPrincipalName: 'new.starter@contoso.example' },
      };
      const second = await actions.enqueue(reordered);

      expect(first.created).toBe(true);
      expect(first.action).toMatchObject({ status: 'pending', attempts: 0, kind: 'user.create' });
      expect(second).toEqual({ action: first.action, created: false });
      expect(await rowsWithKey()).toBe(1);
      expect(await actions.findByIdempotencyKey(input.idempotencyKey)).toEqual(first.action);
    });

    it('creates one row when the same step enqueues concurrently', async () => {
      const { actions, input, rowsWithKey } = await setup();
      const results = await Promise.all(Array.from({ length: 5 }, () => actions.enqueue(input)));

      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.action.id)).size).toBe(1);
      expect(await rowsWithKey()).toBe(1);
    });

    it('refuses to reuse a key for a different action', async () => {
      const { actions, input } = await setup();
      await actions.enqueue(input);

      await expect(
        actions.enqueue({ ...input, payload: { ...input.payload, displayName: 'Other' } }),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
      await expect(actions.enqueue({ ...input, kind: 'user.delete' })).rejects.toBeInstanceOf(
        IdempotencyConflictError,
      );
    });
  });
}
