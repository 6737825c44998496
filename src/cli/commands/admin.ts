import { Command } from 'commander';
import type { Readable } from 'node:stream';
import { createAuditLog } from '../../api/audit/audit-log.js';
import { AdministratorRefusedError, createAdministrator } from '../../api/auth/administrators.js';
import { createPasswordHasher } from '../../api/auth/passwords.js';
import { adminPasswordSchema, newAdministratorSchema } from '../../contracts/api/setup.js';
import {
  AccountEmailTakenError,
  databaseOptionsFromEnv,
  openDatabase,
  StoreError,
} from '../../store/index.js';

/** Where `rollcall admin create` writes; injectable so tests read what a person would see. */
export interface AdminOutput {
  info(line: string): void;
  error(line: string): void;
}

export interface RunAdminCreateOptions {
  email: string;
  name: string;
  /** Create one more administrator even though one exists. */
  forceAdditional?: boolean;
  /** Supplies the password (a prompt, or standard input). */
  readPassword: () => Promise<string>;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  output?: AdminOutput;
}

const consoleOutput: AdminOutput = {
  info: (line) => console.log(line),
  error: (line) => console.error(line),
};

const issuesOf = (error: { issues: { message: string }[] }) => error.issues.map((i) => i.message).join('; ');

/**
 * Creates an administrator (agent + account + Administrator role, built-in roles when missing) in
 * the embedded database or PostgreSQL. Refuses when an administrator exists unless
 * `forceAdditional`. Returns the exit code: 0 created, 1 refused or failed (the reason is printed).
 */
export async function runAdminCreate(options: RunAdminCreateOptions): Promise<number> {
  const out = options.output ?? consoleOutput;
  const who = newAdministratorSchema.pick({ email: true, name: true }).safeParse(options);
  if (!who.success) {
    out.error(`rollcall admin create: ${issuesOf(who.error)}`);
    return 1;
  }
  const password = adminPasswordSchema.safeParse(await options.readPassword());
  if (!password.success) {
    out.error(`rollcall admin create: ${issuesOf(password.error)}`);
    return 1;
  }
  let handle;
  try {
    handle = await openDatabase(databaseOptionsFromEnv(options.dataDir, options.env));
    await handle.migrate();
  } catch (error) {
    await handle?.close();
    if (!(error instanceof StoreError)) throw error;
    out.error(`rollcall admin create: ${error.message}`);
    return 1;
  }
  try {
    const now = () => new Date();
    const created = await createAdministrator(
      { db: handle.db, hasher: createPasswordHasher(), now },
      { ...who.data, password: password.data },
      options.forceAdditional ? 'never' : 'administrator-exists',
    );
    await createAuditLog(handle.db).record({
      actor: { type: 'system', id: null, name: 'rollcall admin create' },
      action: 'auth.administrator-created',
      target: { type: 'account', id: created.accountId },
      after: { email: who.data.email, name: who.data.name, agentId: created.agentId, via: 'cli' },
    });
    out.info(`Created administrator ${who.data.name} <${who.data.email}> in ${handle.location}.`);
    out.info('They can sign in to the console with this email and password.');
    return 0;
  } catch (error) {
    if (error instanceof AdministratorRefusedError) {
      out.error(
        'rollcall admin create: an administrator already exists. To add another one, run again with ' +
          '--force-additional (or have an administrator invite them from the console).',
      );
      return 1;
    }
    if (error instanceof AccountEmailTakenError) {
      out.error(`rollcall admin create: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

/** All of a stream, without its final line break (`echo secret | rollcall admin create …`). */
export async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text.replace(/\r?\n$/, '');
}

const CTRL_C = '\u0003';
const BACKSPACE = new Set(['\u007f', '\b']);

/** Asks for a secret on the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === CTRL_C) return finish(new Error('cancelled'));
        value = BACKSPACE.has(char) ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on('data', onData);
  });
}

async function promptNewPassword(): Promise<string> {
  const first = await promptHidden('Password (at least 12 characters): ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

/** `rollcall admin`: administrator accounts from the command line. */
export function adminCommand(): Command {
  const admin = new Command('admin').description('Manage administrator accounts');
  admin
    .command('create')
    .description('Create an administrator (the first one, or another with --force-additional)')
    .requiredOption('--email <email>', 'their email address (they sign in with it)')
    .requiredOption('--name <name>', 'their display name')
    .option('--password-stdin', 'read the password from standard input instead of asking for it')
    .option('--force-additional', 'create it even though an administrator already exists')
    .option(
      '--data-dir <dir>',
      'data folder of the embedded database (ignored when DATABASE_URL is set)',
      './data',
    )
    .addHelpText(
      'after',
      `
The password is asked for on the terminal (twice, not echoed). Without a terminal, or with
--password-stdin, it is read from standard input. It must be at least 12 characters.

Examples:
  rollcall admin create --email ada@example.com --name "Ada Lovelace"
  printf '%s' "$ADMIN_PASSWORD" | rollcall admin create --email ada@example.com --name Ada --password-stdin`,
    )
    .action(
      async (options: {
        email: string;
        name: string;
        passwordStdin?: boolean;
        forceAdditional?: boolean;
        dataDir: string;
      }) => {
        const fromStdin = options.passwordStdin || !process.stdin.isTTY;
        try {
          process.exitCode = await runAdminCreate({
            email: options.email,
            name: options.name,
            forceAdditional: options.forceAdditional ?? false,
            dataDir: options.dataDir,
            readPassword: fromStdin ? () => readAll(process.stdin) : promptNewPassword,
          });
        } catch (error) {
          console.error(`rollcall admin create: ${(error as Error).message}`);
          process.exitCode = 1;
        }
      },
    );
  return admin;
}
