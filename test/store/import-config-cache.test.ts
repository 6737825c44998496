import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImportConfig } from '../../src/api/integrations/entra/import-ports.js';
import { defaultEntraImportConfig } from '../../src/contracts/entra/index.js';
import { createEntraConfigRepository, type DatabaseHandle } from '../../src/store/index.js';
import { givenConnection } from './cases/fixtures.js';
import { openMigrated, testEngines } from './engines.js';

// Every run of every tenant reads its connection's import configuration: an unchanged one is
// parsed once, and a saved change is what the next read returns.
describe.each(testEngines())('import configuration reads on $name', (engine) => {
  let opened: Awaited<ReturnType<typeof openMigrated>> | undefined;
  const handle = (): DatabaseHandle => {
    if (!opened) throw new Error('database not open');
    return opened.handle;
  };
  beforeAll(async () => {
    opened = await openMigrated(engine);
  });
  afterAll(async () => {
    await opened?.dispose();
  });

  const mapping = (description: string) => ({
    id: randomUUID(),
    type: 'existingSite' as const,
    siteId: randomUUID(),
    sequence: 10,
    description,
  });

  it('reuses the parsed configuration until it is saved again, then reads the new one', async () => {
    const db = handle().db;
    const { connection } = await givenConnection(db);
    const configs = createEntraConfigRepository(db);
    expect((await loadImportConfig(db, connection.id)).version).toBe(0);

    const first = { ...defaultEntraImportConfig(), siteMappings: [mapping('Head office')] };
    await configs.save(connection.id, first as never, { expectedVersion: 0, updatedBy: null });
    const read = await loadImportConfig(db, connection.id);
    expect(read.version).toBe(1);
    expect(read.config.siteMappings.map((m) => m.description)).toEqual(['Head office']);
    // The same parsed copy, which nobody can change under the other runs.
    expect(await loadImportConfig(db, connection.id)).toBe(read);
    expect(Object.isFrozen(read.config.siteMappings[0])).toBe(true);

    const second = { ...defaultEntraImportConfig(), siteMappings: [mapping('Branch')] };
    await configs.save(connection.id, second as never, { expectedVersion: 1, updatedBy: null });
    const reread = await loadImportConfig(db, connection.id);
    expect(reread.version).toBe(2);
    expect(reread.config.siteMappings.map((m) => m.description)).toEqual(['Branch']);
  });

  it('does not keep what a rolled-back save wrote, though a later save takes the same version', async () => {
    const db = handle().db;
    const { connection } = await givenConnection(db);
    const configs = createEntraConfigRepository(db);
    await configs.save(
      connection.id,
      { ...defaultEntraImportConfig(), siteMappings: [mapping('A')] } as never,
      {
        expectedVersion: 0,
        updatedBy: null,
      },
    );
    expect((await loadImportConfig(db, connection.id)).version).toBe(1);
    await db
      .transaction(async (tx) => {
        await createEntraConfigRepository(tx).save(
          connection.id,
          { ...defaultEntraImportConfig(), siteMappings: [mapping('Rolled back')] } as never,
          { expectedVersion: 1, updatedBy: null },
        );
        expect((await loadImportConfig(tx, connection.id)).version).toBe(2);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await configs.save(
      connection.id,
      { ...defaultEntraImportConfig(), siteMappings: [mapping('B')] } as never,
      {
        expectedVersion: 1,
        updatedBy: null,
      },
    );
    const read = await loadImportConfig(db, connection.id);
    expect(read.version).toBe(2);
    expect(read.config.siteMappings.map((m) => m.description)).toEqual(['B']);
  });
});
