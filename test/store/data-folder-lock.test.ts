import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runMigrate } from '../../src/cli/commands/migrate.js';
import { DataFolderInUseError, openDatabase, type DatabaseHandle } from '../../src/store/index.js';
import { migratedDataDir, type TestDatabase } from './engines.js';

const HOLDER = fileURLToPath(new URL('./fixtures/hold-data-folder.ts', import.meta.url));

/** Starts a child process that opens `dataDir` and resolves once it holds it. */
async function childHolding(dataDir: string, mode: 'open' | 'lock-only'): Promise<ChildProcess> {
  const args = ['--import', 'tsx', HOLDER, dataDir, ...(mode === 'lock-only' ? ['--lock-only'] : [])];
  const child = spawn(process.execPath, args, {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([once(lines, 'line'), once(child, 'exit')])) as [string | number];
  if (typeof line !== 'string' || !line.startsWith('ready'))
    throw new Error(`holder did not start (${line})`);
  return child;
}

describe('data folder lock (embedded engine)', () => {
  let folder: (TestDatabase & { dataDir: string }) | undefined;
  let handle: DatabaseHandle | undefined;
  const dataDir = () => {
    if (!folder) throw new Error('data folder not created');
    return folder.dataDir;
  };
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    const database = await migratedDataDir();
    if (!('dataDir' in database.target)) throw new Error('expected an embedded database');
    folder = { ...database, dataDir: database.target.dataDir };
  });
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    child = undefined;
  });
  afterAll(async () => {
    await folder?.dispose();
  });

  it('refuses a second open in the same process, naming the folder and the holder, until closed', async () => {
    handle = await openDatabase({ dataDir: dataDir() });

    const second = openDatabase({ dataDir: dataDir() });
    await expect(second).rejects.toBeInstanceOf(DataFolderInUseError);
    await expect(second).rejects.toThrow(
      `data folder ${dataDir()} is in use by another Rollcall process (pid ${process.pid}`,
    );
    await expect(second).rejects.toThrow(/stop it or use another --data-dir/);

    await handle.close();
    handle = await openDatabase({ dataDir: dataDir() });
    expect(handle.kind).toBe('pglite');
  });

  it('refuses a folder a child process holds; `rollcall migrate` says so and fails', async () => {
    child = await childHolding(dataDir(), 'lock-only');

    await expect(openDatabase({ dataDir: dataDir() })).rejects.toThrow(`(pid ${child.pid} on`);
    const lines: string[] = [];
    const code = await runMigrate({
      dataDir: dataDir(),
      env: {},
      output: { info: (l) => lines.push(l), error: (l) => lines.push(l) },
    });
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain(`data folder ${dataDir()} is in use`);

    child.stdin!.end();
    await once(child, 'exit');
    handle = await openDatabase({ dataDir: dataDir() });
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    child = await childHolding(dataDir(), 'open');
    child.kill('SIGKILL');
    await once(child, 'exit');

    handle = await openDatabase({ dataDir: dataDir() });
    expect(handle.kind).toBe('pglite');
  });
});
