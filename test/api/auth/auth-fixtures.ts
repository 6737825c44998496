import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createAdministrator } from '../../../src/api/auth/administrators.js';
import { createPasswordHasher } from '../../../src/api/auth/passwords.js';
import { CSRF_HEADER } from '../../../src/api/http/register-endpoint.js';
import type { ServerConfigInput } from '../../../src/contracts/config.js';
import { createAccountRepository, createAuditRepository, type AuditEvent } from '../../../src/store/index.js';
import { startTestApp, type TestApp } from '../../support/app.js';

/** A clock tests move by hand (sessions, lockouts and rate limits read it). */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function createTestClock(start = new Date()): TestClock {
  let current = start.getTime();
  return { now: () => new Date(current), advance: (ms) => void (current += ms) };
}

export interface AuthApp extends TestApp {
  clock: TestClock;
}

/** The whole app on a fresh database with a hand-moved clock; rate limiting is out of the way unless asked for. */
export async function startAuthApp(
  options: { config?: ServerConfigInput; engine?: 'pglite' | 'postgres' } = {},
): Promise<AuthApp> {
  const clock = createTestClock();
  const config: ServerConfigInput = {
    ...options.config,
    login: { attemptsPerMinute: 1000, ...options.config?.login },
  };
  const app = await startTestApp({
    config,
    now: clock.now,
    ...(options.engine ? { engine: options.engine } : {}),
  });
  return { ...app, clock };
}

export const ADMIN = { email: 'ada@example.com', name: 'Ada Lovelace', password: 'correct horse battery' };

/** The value of a cookie the response sets (undefined when it sets none by that name). */
export function cookieSet(res: LightMyRequestResponse, name: string) {
  return res.cookies.find((c) => c.name === name);
}

/** A signed-in browser: its session cookie and CSRF token. */
export interface Browser {
  cookie: string;
  csrf: string;
  /** Headers for a state-changing request of this browser. */
  headers: Record<string, string>;
}

export function browserFrom(res: LightMyRequestResponse): Browser {
  const session = cookieSet(res, 'rollcall_session');
  expect(session, `no session cookie in ${res.statusCode} ${res.body}`).toBeDefined();
  const cookie = `rollcall_session=${session!.value}`;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, [CSRF_HEADER]: csrf } };
}

export function login(app: AuthApp, email: string, password: string, extra: { remoteAddress?: string } = {}) {
  return app.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
  });
}

export async function signIn(app: AuthApp, email: string, password: string): Promise<Browser> {
  const res = await login(app, email, password);
  expect(res.statusCode, res.body).toBe(200);
  return browserFrom(res);
}

export function me(app: AuthApp, browser: Pick<Browser, 'cookie'>) {
  return app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: browser.cookie } });
}

/** The first administrator, created the way `rollcall admin create` does. */
export async function seedAdministrator(app: AuthApp, input = ADMIN): Promise<string> {
  const { accountId } = await createAdministrator(
    { db: app.deps.db, hasher: createPasswordHasher(), now: app.clock.now },
    input,
    'never',
  );
  return accountId;
}

/** An agent account holding the named built-in roles (the built-in roles must exist). */
export async function seedAgent(
  app: AuthApp,
  input: { email: string; name: string; password: string; roles: string[] },
): Promise<string> {
  const { accountId } = await createAccountRepository(app.deps.db).createAgentAccount({
    email: input.email,
    displayName: input.name,
    passwordHash: await createPasswordHasher().hash(input.password),
    roleNames: input.roles,
    now: app.clock.now(),
  });
  return accountId;
}

/** Audit events with the given action, oldest first. */
export async function auditEvents(app: AuthApp, action: string): Promise<AuditEvent[]> {
  const page = await createAuditRepository(app.deps.db).list({ action, limit: 200 });
  return [...page.items].reverse();
}
