import { describe, expect, it } from 'vitest';
import { createCheckpointRepository } from '../../../src/store/index.js';
import { givenConnection, type HandleSource } from './fixtures.js';

export function describeCheckpointRepository(handle: HandleSource): void {
  async function setup() {
    const db = handle().db;
    const { connection, tenantId } = await givenConnection(db);
    const key = { connectionId: connection.id, tenantId, resource: 'users.delta' };
    return { checkpoints: createCheckpointRepository(db), key };
  }

  describe('sync checkpoints', () => {
    it('reads a never-written checkpoint as version 0 with no cursor', async () => {
      const { checkpoints, key } = await setup();
      expect(await checkpoints.get(key)).toEqual({ cursor: null, state: null, version: 0, updatedAt: null });
    });

    it('moves the cursor only for the writer that read the current version', async () => {
      const { checkpoints, key } = await setup();

      expect(await checkpoints.compareAndSwap(key, 0, 'deltaLink-1')).toBe(true);
      expect(await checkpoints.compareAndSwap(key, 0, 'stale-writer')).toBe(false);
      expect(await checkpoints.get(key)).toMatchObject({ cursor: 'deltaLink-1', version: 1 });

      expect(await checkpoints.compareAndSwap(key, 1, 'deltaLink-2')).toBe(true);
      expect(await checkpoints.compareAndSwap(key, 1, 'stale-writer')).toBe(false);
      expect(await checkpoints.get(key)).toMatchObject({ cursor: 'deltaLink-2', version: 2 });
    });

    it('lets exactly one of several concurrent writers win', async () => {
      const { checkpoints, key } = await setup();
      const writers = ['a', 'b', 'c', 'd'].map((cursor) => checkpoints.compareAndSwap(key, 0, cursor));
      const results = await Promise.all(writers);

      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = ['a', 'b', 'c', 'd'][results.indexOf(true)];
      expect(await checkpoints.get(key)).toMatchObject({ cursor: winner, version: 1 });
    });

    it('forgets a cursor (forcing a full read) and keeps keys apart', async () => {
      const { checkpoints, key } = await setup();
      await checkpoints.compareAndSwap(key, 0, 'deltaLink-1');
      const groups = { ...key, resource: 'groups.delta' };

      expect(await checkpoints.compareAndSwap(key, 1, null)).toBe(true);
      expect(await checkpoints.get(key)).toMatchObject({ cursor: null, version: 2 });
      expect(await checkpoints.get(groups)).toMatchObject({ cursor: null, version: 0 });
    });

    it('writes the state with the cursor, keeps it when the writer leaves it out, and forgets it on null', async () => {
      const { checkpoints, key } = await setup();
      const state = { membership: { members: { staff: ['a', 'b'] } } };
      expect(await checkpoints.compareAndSwap(key, 0, 'deltaLink-1', state)).toBe(true);
      expect(await checkpoints.compareAndSwap(key, 1, 'deltaLink-2')).toBe(true);
      expect(await checkpoints.get(key)).toMatchObject({ cursor: 'deltaLink-2', state, version: 2 });
      expect(await checkpoints.compareAndSwap(key, 2, null, null)).toBe(true);
      expect(await checkpoints.get(key)).toMatchObject({ cursor: null, state: null, version: 3 });
    });
  });
}
