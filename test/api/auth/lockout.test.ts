import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  auditEvents,
  login,
  MINUTE,
  seedAdministrator,
  seedAgent,
  startAuthApp,
  type AuthApp,
} from './auth-fixtures.js';

const MAX_FAILURES = 3;
const LOCKOUT_MINUTES = 10;
const ATTEMPTS_PER_MINUTE = 2;
const EVE_PASSWORD = 'eve password 123';

let app: AuthApp;
beforeAll(async () => {
  app = await startAuthApp({
    config: {
      login: {
        maxFailures: MAX_FAILURES,
        lockoutMinutes: LOCKOUT_MINUTES,
        attemptsPerMinute: ATTEMPTS_PER_MINUTE,
      },
    },
  });
  await seedAdministrator(app);
});
afterAll(async () => app?.close());

/** Each attempt from an address of its own, so the per-address rate limit stays out of the way. */
let addresses = 0;
const attempt = (email: string, password: string) =>
  login(app, email, password, { remoteAddress: `192.0.2.${++addresses % 250}` });

describe('lockout after repeated failures', () => {
  it('locks the account at the Nth failure, refuses even the right password, and reopens later', async () => {
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect((await attempt(ADMIN.email, `wrong ${i}`)).statusCode).toBe(401);
    }
    const locking = await attempt(ADMIN.email, 'wrong again');
    expect(locking.statusCode).toBe(423);
    expect(locking.json()).toMatchObject({
      code: 'account_locked',
      message: expect.stringMatching(/locked until \d\d:\d\d UTC/),
    });
    expect(Number(locking.headers['retry-after'])).toBe(LOCKOUT_MINUTES * 60);

    app.clock.advance(LOCKOUT_MINUTES * MINUTE - MINUTE);
    const stillLocked = await attempt(ADMIN.email, ADMIN.password);
    expect(stillLocked.statusCode).toBe(423);
    expect(Number(stillLocked.headers['retry-after'])).toBe(60);
    expect(stillLocked.cookies).toEqual([]);

    app.clock.advance(MINUTE);
    expect((await attempt(ADMIN.email, ADMIN.password)).statusCode).toBe(200);
    expect(await auditEvents(app, 'auth.account-locked')).toHaveLength(1);
  });

  it('counts failures again from zero after a successful sign-in', async () => {
    for (let i = 1; i < MAX_FAILURES; i++) await attempt(ADMIN.email, 'wrong');
    expect((await attempt(ADMIN.email, ADMIN.password)).statusCode).toBe(200);
    for (let i = 1; i < MAX_FAILURES; i++) {
      expect((await attempt(ADMIN.email, 'wrong')).statusCode).toBe(401);
    }
    expect((await attempt(ADMIN.email, ADMIN.password)).statusCode).toBe(200);
  });

  it('locks an unknown email the same way, so the lockout does not reveal who has an account', async () => {
    const answers = [];
    for (let i = 0; i < MAX_FAILURES + 1; i++) answers.push(await attempt('nobody@example.com', 'guess'));
    expect(answers.map((a) => a.statusCode)).toEqual([
      ...Array<number>(MAX_FAILURES - 1).fill(401),
      423,
      423,
    ]);
    expect(answers.at(-1)!.json().code).toBe('account_locked');
  });
});

describe('rate limit per client address', () => {
  it('answers 429 with Retry-After beyond the limit, for that address only, until the minute is over', async () => {
    await seedAgent(app, { email: 'eve@example.com', name: 'Eve', password: EVE_PASSWORD, roles: ['Agent'] });
    const from = (remoteAddress: string, password = 'wrong') =>
      login(app, 'eve@example.com', password, { remoteAddress });
    for (let i = 0; i < ATTEMPTS_PER_MINUTE; i++) expect((await from('203.0.113.7')).statusCode).toBe(401);

    app.clock.advance(20_000);
    const limited = await from('203.0.113.7', EVE_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBe(40);

    expect((await from('198.51.100.9', EVE_PASSWORD)).statusCode).toBe(200);

    app.clock.advance(40_000);
    expect((await from('203.0.113.7', EVE_PASSWORD)).statusCode).toBe(200);
  });
});
