import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServerConfig, ServerConfigError } from './load-server-config.js';

const folder = mkdtempSync(join(tmpdir(), 'rollcall-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let files = 0;
function configFile(content: unknown): string {
  const path = join(folder, `config-${++files}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ServerConfigError);
    return (error as ServerConfigError).problems.map((p) => `${p.setting}: ${p.message}`);
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadServerConfig', () => {
  it('gives safe defaults with an empty environment', () => {
    const config = loadServerConfig({ env: {} });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: './data', logLevel: 'info' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sessions.idleMinutes).toBe(60);
    expect(config.metrics.token).toBeUndefined();
  });

  it('reads the documented environment variables', () => {
    const config = loadServerConfig({
      env: {
        ROLLCALL_PORT: '8080',
        ROLLCALL_HOST: '0.0.0.0',
        ROLLCALL_DATA_DIR: '/var/lib/rollcall',
        DATABASE_URL: 'postgres://rollcall:pw@db:5432/rollcall',
        ROLLCALL_PUBLIC_URL: 'https://rollcall.example.com',
        ROLLCALL_LOG_LEVEL: 'debug',
        ROLLCALL_SESSION_IDLE_MINUTES: '30',
        ROLLCALL_SSO_CLIENT_ID: 'client-id',
        ROLLCALL_SSO_CLIENT_SECRET: 'client-secret',
        ROLLCALL_MICROSOFT_AUTHORITY_HOST: 'https://localhost:8443',
        ROLLCALL_WORKERS_IN_PROCESS: 'false',
        ROLLCALL_WORKERS_CONCURRENCY: '8',
        ROLLCALL_METRICS_TOKEN: 'a-token-of-sixteen-or-more',
        ROLLCALL_LOGIN_MAX_FAILURES: '',
      },
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/rollcall',
      databaseUrl: 'postgres://rollcall:pw@db:5432/rollcall',
      publicUrl: 'https://rollcall.example.com',
      logLevel: 'debug',
      sessions: { idleMinutes: 30 },
      sso: { clientId: 'client-id', clientSecret: 'client-secret' },
      microsoft: { authorityHost: 'https://localhost:8443' },
      workers: { inProcess: false, concurrency: 8 },
      metrics: { token: 'a-token-of-sixteen-or-more' },
      // An empty variable counts as unset.
      login: { maxFailures: 5 },
    });
  });

  it('reads a JSON config file (from --config or ROLLCALL_CONFIG); relative paths are from its folder', () => {
    const file = configFile({
      port: 4000,
      dataDir: 'state',
      sessions: { absoluteHours: 8 },
      workers: { inProcess: false },
    });
    const viaOption = loadServerConfig({ env: {}, configFile: file });
    expect(viaOption).toMatchObject({
      port: 4000,
      dataDir: join(folder, 'state'),
      sessions: { absoluteHours: 8 },
    });
    expect(viaOption.workers.inProcess).toBe(false);
    expect(loadServerConfig({ env: { ROLLCALL_CONFIG: file } }).port).toBe(4000);
  });

  it('lets flags win over the environment, and the environment over the file', () => {
    const file = configFile({ port: 4000, host: '10.0.0.1', dataDir: '/from/file' });
    const env = { ROLLCALL_PORT: '5000', ROLLCALL_HOST: '10.0.0.2' };
    const config = loadServerConfig({ env, configFile: file, overrides: { port: 6000 } });
    expect(config).toMatchObject({ port: 6000, host: '10.0.0.2', dataDir: '/from/file' });
  });

  it('names each bad setting as written (variable, file path, flag) with a valid example', () => {
    const file = configFile({ sessions: { idleMinutes: 2 }, logLevel: 'loud' });
    const problems = problemsOf(() =>
      loadServerConfig({
        env: { ROLLCALL_PORT: 'abc', ROLLCALL_WORKERS_IN_PROCESS: 'maybe' },
        configFile: file,
        overrides: { dataDir: 42 as never },
      }),
    );
    expect(problems).toHaveLength(5);
    expect(problems).toContain(
      'ROLLCALL_PORT=abc: expected a port number 0–65535 (0 picks a free port), e.g. ROLLCALL_PORT=3000',
    );
    expect(problems).toContain(
      'ROLLCALL_WORKERS_IN_PROCESS=maybe: expected true or false, e.g. ROLLCALL_WORKERS_IN_PROCESS=true',
    );
    expect(problems).toContain(
      `"sessions.idleMinutes": 2 in config file ${file}: expected a whole number from 5 to 1440, e.g. { "sessions": { "idleMinutes": 60 } }`,
    );
    expect(problems.find((p) => p.startsWith('"logLevel": loud'))).toContain(
      'one of fatal, error, warn, info',
    );
    expect(problems.find((p) => p.startsWith('--data-dir 42'))).toContain(
      'e.g. --data-dir /var/lib/rollcall',
    );
  });

  it('puts every problem in the error message, each on its own line', () => {
    try {
      loadServerConfig({ env: { ROLLCALL_PORT: '70000', ROLLCALL_LOG_LEVEL: 'chatty' } });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^The configuration has 2 problems/);
      expect(message).toContain('\n  - ROLLCALL_PORT=70000: expected a port number');
      expect(message).toContain('\n  - ROLLCALL_LOG_LEVEL=chatty: expected one of');
    }
  });

  it('never prints secrets: hidden values, URLs without their password', () => {
    const file = configFile({ sso: { clientSecret: 12345 } });
    const problems = problemsOf(() =>
      loadServerConfig({
        env: { ROLLCALL_METRICS_TOKEN: 'short-secret', DATABASE_URL: 'mysql://admin:hunter2@db/rollcall' },
        configFile: file,
      }),
    );
    const text = problems.join('\n');
    expect(text).toContain('ROLLCALL_METRICS_TOKEN=(hidden): expected text of at least 16 characters');
    expect(text).toContain('"sso.clientSecret": (hidden) in config file');
    expect(text).toContain('DATABASE_URL=mysql://admin:***@db/rollcall: expected a PostgreSQL URL');
    for (const secret of ['short-secret', 'hunter2', '12345']) expect(text).not.toContain(secret);
  });

  it('refuses unknown keys in the file, suggesting the setting meant', () => {
    const file = configFile({ sesions: { idleMinutes: 30 }, microsoft: { authorityHots: 'https://x' } });
    const problems = problemsOf(() => loadServerConfig({ env: {}, configFile: file }));
    expect(problems).toEqual([
      expect.stringContaining(
        `"sesions" in config file ${file}: is not a setting (did you mean "sessions"?)`,
      ),
      expect.stringContaining('"microsoft.authorityHots" in config file'),
    ]);
    expect(problems[1]).toContain('did you mean "microsoft.authorityHost"?');
  });

  it('explains a missing file or broken JSON without quoting the file', () => {
    expect(
      problemsOf(() => loadServerConfig({ env: {}, configFile: join(folder, 'nope.json') }))[0],
    ).toContain('does not exist; check the path given with --config or ROLLCALL_CONFIG');
    const broken = configFile('{\n  "port": 3000,\n  "sso": { "clientSecret": "s3cr3t-value", }\n}');
    const [problem] = problemsOf(() => loadServerConfig({ env: {}, configFile: broken }));
    expect(problem).toContain(`config file ${broken}: is not valid JSON at line 3`);
    expect(problem).not.toContain('s3cr3t-value');
  });

  it('warns about ROLLCALL_* variables that are not settings', () => {
    const warnings: string[] = [];
    loadServerConfig({
      env: { ROLLCALL_PROT: '3000', ROLLCALL_SECRET_KEY: 'x', ROLLCALL_CONFIG: '' },
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings).toEqual([
      'ROLLCALL_PROT is not a Rollcall setting (did you mean ROLLCALL_PORT?); it is ignored',
    ]);
  });
});

describe('loadServerConfig: smtp (outgoing e-mail)', () => {
  it('is off by default, with STARTTLS required on port 587 once a host is set', () => {
    expect(loadServerConfig({ env: {} }).smtp).toEqual({ port: 587, secure: false, requireTls: true });
    const config = loadServerConfig({
      env: {
        ROLLCALL_SMTP_HOST: 'smtp.example.com',
        ROLLCALL_SMTP_USER: 'rollcall@example.com',
        ROLLCALL_SMTP_PASSWORD: 'pa55-word',
        ROLLCALL_SMTP_FROM: 'Rollcall <rollcall@example.com>',
      },
    });
    expect(config.smtp).toEqual({
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      requireTls: true,
      user: 'rollcall@example.com',
      password: 'pa55-word',
      from: 'Rollcall <rollcall@example.com>',
    });
  });

  it('reads the password from smtp.passwordFile (relative to the config file), never from the file itself', () => {
    writeFileSync(join(folder, 'smtp-password'), 'from-a-file\n', { mode: 0o600 });
    const file = configFile({
      smtp: {
        host: 'smtp.example.com',
        port: 465,
        secure: true,
        user: 'rollcall',
        passwordFile: 'smtp-password',
        from: 'rollcall@example.com',
      },
    });
    const config = loadServerConfig({ env: {}, configFile: file });
    expect(config.smtp).toMatchObject({ port: 465, secure: true, password: 'from-a-file' });
    expect(config.smtp.passwordFile).toBe(join(folder, 'smtp-password'));

    const inClear = configFile({
      smtp: { host: 'smtp.example.com', user: 'rollcall', password: 'in-clear-pw', from: 'a@example.com' },
    });
    const problems = problemsOf(() => loadServerConfig({ env: {}, configFile: inClear }));
    expect(problems).toEqual([
      expect.stringContaining(
        `"smtp.password" in config file ${inClear}: is a secret and is not read from a config file`,
      ),
      // The password it ignored is then missing for smtp.user.
      expect.stringContaining('smtp.password: smtp.user is set without a password'),
    ]);
    expect(problems[0]).toContain('set ROLLCALL_SMTP_PASSWORD or "smtp.passwordFile"');
    expect(problems.join('\n')).not.toContain('in-clear-pw');
  });

  it('names the setting that is missing or wrong, without showing the password', () => {
    const base = { ROLLCALL_SMTP_HOST: 'smtp.example.com', ROLLCALL_SMTP_FROM: 'rollcall@example.com' };
    expect(problemsOf(() => loadServerConfig({ env: { ROLLCALL_SMTP_USER: 'rollcall' } }))).toEqual([
      expect.stringMatching(
        /^smtp\.host: smtp\.host \(ROLLCALL_SMTP_HOST\) is needed because smtp\.user is set/,
      ),
    ]);
    expect(problemsOf(() => loadServerConfig({ env: { ROLLCALL_SMTP_HOST: 'smtp.example.com' } }))).toEqual([
      expect.stringMatching(/^smtp\.from: smtp\.from \(ROLLCALL_SMTP_FROM\) is needed with smtp\.host/),
    ]);
    const problems = problemsOf(() =>
      loadServerConfig({
        env: {
          ...base,
          ROLLCALL_SMTP_PORT: '0',
          ROLLCALL_SMTP_SECURE: 'maybe',
          ROLLCALL_SMTP_PASSWORD: 'hunter2-smtp',
          ROLLCALL_SMTP_FROM: 'not an address',
        },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'ROLLCALL_SMTP_PORT=0: expected a port number 1–65535 (587 with STARTTLS, 465 with smtp.secure), e.g. ROLLCALL_SMTP_PORT=587',
        'ROLLCALL_SMTP_SECURE=maybe: expected true or false, e.g. ROLLCALL_SMTP_SECURE=false',
        'ROLLCALL_SMTP_FROM=not an address: expected an e-mail address, optionally with a name (not an e-mail address), e.g. ROLLCALL_SMTP_FROM=Rollcall <rollcall@example.com>',
        'smtp.user: a password is set without smtp.user (ROLLCALL_SMTP_USER): the user name to sign in with',
      ]),
    );
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).not.toContain('hunter2-smtp');
    expect(
      problemsOf(() =>
        loadServerConfig({
          env: { ...base, ROLLCALL_SMTP_USER: 'u', ROLLCALL_SMTP_PASSWORD_FILE: join(folder, 'absent') },
        }),
      ),
    ).toEqual([
      `ROLLCALL_SMTP_PASSWORD_FILE=${join(folder, 'absent')}: the SMTP password file does not exist; point it at a file holding only the password, readable by Rollcall`,
    ]);
  });
});
