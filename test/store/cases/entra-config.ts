import { describe, expect, it } from 'vitest';
import { defaultEntraImportConfig } from '../../../src/contracts/entra/mapping-config.js';
import { ConfigVersionConflictError, createEntraConfigRepository } from '../../../src/store/index.js';
import { givenConnection, type HandleSource } from './fixtures.js';

export function describeEntraConfig(handle: HandleSource): void {
  async function setup() {
    const db = handle().db;
    const { connection } = await givenConnection(db);
    return { configs: createEntraConfigRepository(db), connectionId: connection.id };
  }

  describe('Entra import configuration', () => {
    it('reads nothing for a connection never configured', async () => {
      const { configs, connectionId } = await setup();
      expect(await configs.get(connectionId)).toBeUndefined();
    });

    it('saves with compare-and-swap: a stale version is refused, naming the current one', async () => {
      const { configs, connectionId } = await setup();
      const config = defaultEntraImportConfig();

      expect(await configs.save(connectionId, config, { expectedVersion: 0, updatedBy: 'alice' })).toBe(1);
      expect(await configs.get(connectionId)).toMatchObject({ config, version: 1, updatedBy: 'alice' });

      const stale = configs.save(connectionId, config, { expectedVersion: 0, updatedBy: 'bob' });
      await expect(stale).rejects.toBeInstanceOf(ConfigVersionConflictError);
      await expect(stale).rejects.toMatchObject({ code: 'config-version-conflict', currentVersion: 1 });

      const edited = { ...config, import: { ...config.import, massDeactivationGuardPercent: 35 } };
      expect(await configs.save(connectionId, edited, { expectedVersion: 1, updatedBy: 'bob' })).toBe(2);
      await expect(
        configs.save(connectionId, config, { expectedVersion: 1, updatedBy: 'carol' }),
      ).rejects.toMatchObject({ expectedVersion: 1, currentVersion: 2 });
      const stored = await configs.get(connectionId);
      expect(stored).toMatchObject({ config: edited, version: 2, updatedBy: 'bob' });
      expect(stored?.updatedAt).toBeInstanceOf(Date);
    });

    it('lets exactly one of several concurrent first saves win', async () => {
      const { configs, connectionId } = await setup();
      const saves = ['a', 'b', 'c'].map((who) =>
        configs.save(connectionId, defaultEntraImportConfig(), { expectedVersion: 0, updatedBy: who }).then(
          () => who,
          (error: unknown) => error,
        ),
      );
      const results = await Promise.all(saves);

      expect(results.filter((r) => typeof r === 'string')).toHaveLength(1);
      expect(results.filter((r) => r instanceof ConfigVersionConflictError)).toHaveLength(2);
      expect((await configs.get(connectionId))?.version).toBe(1);
    });
  });
}
