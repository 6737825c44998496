import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../../src/api/auth/passwords.js';
import { readAll, runAdminCreate, type RunAdminCreateOptions } from '../../../src/cli/commands/admin.js';
import { createAccountRepository, createAuditRepository, openDatabase } from '../../../src/store/index.js';
import { migratedDataDir, type TestDatabase } from '../../store/engines.js';

const PASSWORD = 'correct horse battery';

describe('rollcall admin create', () => {
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    database = await migratedDataDir();
    dataDir = (database.target as { dataDir: string }).dataDir;
  });
  afterAll(async () => database?.dispose());

  async function run(options: Partial<RunAdminCreateOptions> & { password?: string }) {
    const lines: { info: string[]; error: string[] } = { info: [], error: [] };
    const code = await runAdminCreate({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      dataDir,
      env: {},
      readPassword: () => readAll(Readable.from([`${options.password ?? PASSWORD}\n`])),
      output: { info: (l) => lines.info.push(l), error: (l) => lines.error.push(l) },
      ...options,
    });
    return { code, ...lines };
  }

  async function inDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>) {
    const handle = await openDatabase({ dataDir });
    try {
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  }

  it('refuses a password shorter than 12 characters, naming it', async () => {
    const result = await run({ password: 'short' });
    expect(result.code).toBe(1);
    expect(result.error.join('\n')).toContain('password must be at least 12 characters');
    expect(await inDatabase((db) => createAccountRepository(db).hasAnyAccount())).toBe(false);
  });

  it('creates the first administrator, with a password read from standard input', async () => {
    const result = await run({});
    expect(result.code, result.error.join('\n')).toBe(0);
    expect(result.info.join('\n')).toContain('Created administrator Ada Lovelace <ada@example.com>');

    await inDatabase(async (db) => {
      const [account] = await db.query.accounts.findMany();
      expect(account).toMatchObject({ kind: 'agent', email: 'ada@example.com', displayName: 'Ada Lovelace' });
      expect(await createPasswordHasher().verify(PASSWORD, account!.passwordHash)).toBe(true);
      expect(await createAccountRepository(db).administratorExists()).toBe(true);
      const events = await createAuditRepository(db).list({ action: 'auth.administrator-created' });
      expect(events.items).toHaveLength(1);
    });
  });

  it('refuses a second administrator unless --force-additional', async () => {
    const refused = await run({ email: 'grace@example.com', name: 'Grace Hopper' });
    expect(refused.code).toBe(1);
    expect(refused.error.join('\n')).toContain('--force-additional');

    const forced = await run({ email: 'grace@example.com', name: 'Grace Hopper', forceAdditional: true });
    expect(forced.code, forced.error.join('\n')).toBe(0);
    expect(await inDatabase(async (db) => (await db.query.accounts.findMany()).length)).toBe(2);
  });

  it('refuses an email that already has an account', async () => {
    const result = await run({ email: 'GRACE@example.com', name: 'Grace again', forceAdditional: true });
    expect(result.code).toBe(1);
    expect(result.error.join('\n')).toContain('already exists');
  });

  it('refuses an invalid email before asking for a password', async () => {
    let asked = false;
    const result = await run({
      email: 'not an email',
      readPassword: async () => {
        asked = true;
        return PASSWORD;
      },
    });
    expect(result.code).toBe(1);
    expect(result.error.join('\n')).toContain('email must be an email address');
    expect(asked).toBe(false);
  });
});
