import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  applyUserPlan,
  createInboundLogRepository,
  createSyncRunRepository,
  InvalidCursorError,
  type Database,
} from '../../../src/store/index.js';
import { givenConnection, givenCustomer, type HandleSource } from './fixtures.js';
import { givenRun, planned } from './plan-fixtures.js';

export function describeSyncHistory(handle: HandleSource): void {
  describe('sync runs and the inbound log', () => {
    it('records runs from start to finish and lists them newest first, page by page', async () => {
      const db = handle().db;
      const { connection, tenantId } = await givenConnection(db);
      const runs = createSyncRunRepository(db);
      const start = (module: string, trigger: 'manual' | 'scheduled' | 'cli' | 'api') =>
        runs.start({ connectionId: connection.id, tenantId, module, mode: 'full', trigger });
      const ids = [
        await start('users', 'manual'),
        await start('agents', 'scheduled'),
        await start('users', 'cli'),
      ];
      const dry = await runs.start({
        connectionId: connection.id,
        tenantId: randomUUID(),
        module: 'users',
        mode: 'delta',
        trigger: 'api',
        dryRun: true,
      });

      const result = { status: 'succeeded' as const, counts: { created: 3, unchanged: 7 }, graphRequests: 4 };
      expect(await runs.finish(ids[0]!, result)).toBe(true);
      expect(await runs.finish(ids[0]!, { ...result, status: 'failed' })).toBe(false);
      expect(await runs.findById(ids[0]!)).toMatchObject({
        status: 'succeeded',
        trigger: 'manual',
        dryRun: false,
        counts: { created: 3, unchanged: 7 },
        graphRequests: 4,
        error: null,
      });
      expect((await runs.findById(ids[0]!))?.finishedAt).toBeInstanceOf(Date);
      expect(await runs.findById(dry)).toMatchObject({
        status: 'running',
        dryRun: true,
        trigger: 'api',
        graphRequests: 0,
      });

      const first = await runs.list({ connectionId: connection.id, limit: 3 });
      const second = await runs.list({ connectionId: connection.id, limit: 3, cursor: first.nextCursor });
      expect([...first.items, ...second.items].map((r) => r.id).sort()).toEqual([...ids, dry].sort());
      expect(second.nextCursor).toBeUndefined();
      const started = first.items.map((r) => r.startedAt.getTime());
      expect(started).toEqual([...started].sort((a, b) => b - a));
      expect(
        (await runs.list({ connectionId: connection.id, tenantId, module: 'users' })).items,
      ).toHaveLength(2);
      await expect(runs.list({ connectionId: connection.id, cursor: 'garbage' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });

    it('lists the inbound log newest first, by run, outcome, Entra id or name', async () => {
      const db = handle().db;
      const run = await givenRun(db);
      const { defaultSite } = await givenCustomer(db);
      const people = ['Zoë Ångström', 'Yusuf Ali', 'Xavier Wood'].map((displayName) =>
        planned(run.tenantId, { displayName, site: { siteId: defaultSite.id }, values: { displayName } }),
      );
      await db.transaction((tx) => applyUserPlan(tx as unknown as Database, { ...run, users: people }));
      const log = createInboundLogRepository(db);

      const first = await log.list({ connectionId: run.connectionId, limit: 2 });
      const rest = await log.list({ connectionId: run.connectionId, limit: 2, cursor: first.nextCursor });
      expect([...first.items, ...rest.items]).toHaveLength(3);
      expect(first.items[0]!.id).toBeGreaterThan(first.items[1]!.id);
      expect((await log.list({ connectionId: run.connectionId, search: 'ångström' })).items).toHaveLength(1);
      const byId = await log.list({
        connectionId: run.connectionId,
        search: people[1]!.entraId.toUpperCase().slice(0, 13),
      });
      expect(byId.items.map((e) => e.details.displayName)).toEqual(['Yusuf Ali']);
      expect((await log.list({ connectionId: run.connectionId, action: 'update' })).items).toEqual([]);
      expect(
        (await log.list({ connectionId: run.connectionId, syncRunId: run.syncRunId })).items,
      ).toHaveLength(3);
      expect((await log.list({ connectionId: run.connectionId, search: '100%_' })).items).toEqual([]);
    });
  });
}
