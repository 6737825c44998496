import type { ServerConfig } from '../../contracts/config.js';
import { createAccountRepository, type Database, type LoginAccount } from '../../store/index.js';
import type { AuditLog } from '../audit/audit-log.js';
import { ApiHttpError } from '../http/api-error.js';
import { createAddressRateLimiter, createUnknownAccountLockouts } from './login-throttle.js';
import type { PasswordHasher } from './passwords.js';

const MINUTE_MS = 60_000;

export interface PasswordLoginDeps {
  db: Database;
  config: ServerConfig;
  now: () => Date;
  hasher: PasswordHasher;
  audit: AuditLog;
}

/** Where an attempt comes from, for rate limiting and the audit trail. */
export interface LoginAttempt {
  email: string;
  password: string;
  ipAddress: string;
  requestId: string;
}

/** Checks a password sign-in; resolves to the account to start a session for, or throws ApiHttpError. */
export type PasswordLogin = (attempt: LoginAttempt) => Promise<LoginAccount>;

const wrongCredentials = () =>
  new ApiHttpError('unauthenticated', 'Wrong email or password. Check both and try again.');

function lockedError(lockedUntil: Date, now: Date): ApiHttpError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  const at = lockedUntil.toISOString().slice(11, 16);
  return new ApiHttpError(
    'account_locked',
    `Too many failed sign-ins: this account is locked until ${at} UTC (${Math.ceil(seconds / 60)} min). ` +
      'Try again then, or ask an administrator to unlock it.',
    undefined,
    { 'retry-after': String(seconds) },
  );
}

/**
 * Password sign-in with a per-address rate limit (429) and a per-account lockout (423). Unknown
 * emails, accounts without a password and wrong passwords get the same answer after the same
 * work (one scrypt), and unknown emails lock like real accounts: nothing tells who has an account.
 */
export function createPasswordLogin(deps: PasswordLoginDeps): PasswordLogin {
  const { login: policy } = deps.config;
  const limiter = createAddressRateLimiter(policy.attemptsPerMinute);
  const unknown = createUnknownAccountLockouts(policy);
  const accounts = createAccountRepository(deps.db);

  const audit = (action: string, account: LoginAccount | undefined, attempt: LoginAttempt, after: object) =>
    deps.audit.record({
      actor: account
        ? {
            type: account.kind === 'agent' ? 'agent' : 'portal-user',
            id: account.id,
            name: account.displayName,
          }
        : { type: 'system', id: null, name: 'anonymous' },
      action,
      target: { type: 'account', id: account?.id ?? null },
      after: { method: 'password', email: attempt.email, ...after },
      ipAddress: attempt.ipAddress,
      requestId: attempt.requestId,
    });

  return async (attempt) => {
    const now = deps.now();
    const wait = limiter.hit(attempt.ipAddress, now);
    if (wait !== null) {
      throw new ApiHttpError(
        'rate_limited',
        `Too many sign-in attempts from your address; wait ${wait} s and try again.`,
        undefined,
        { 'retry-after': String(wait) },
      );
    }

    const account = await accounts.findForLogin(attempt.email);
    const locked = account
      ? account.lockedUntil && account.lockedUntil > now
        ? account.lockedUntil
        : null
      : unknown.lockedUntil(attempt.email, now);
    if (locked) throw lockedError(locked, now);

    const passwordHash = account?.passwordHash ?? null;
    if (!(await deps.hasher.verify(attempt.password, passwordHash))) {
      const lockedUntil = account
        ? await accounts.recordFailedLogin(account.id, {
            now,
            maxFailures: policy.maxFailures,
            lockUntil: new Date(now.getTime() + policy.lockoutMinutes * MINUTE_MS),
          })
        : unknown.fail(attempt.email, now);
      await audit('auth.sign-in-failed', account, attempt, { reason: 'wrong-credentials' });
      if (lockedUntil) {
        if (account) await audit('auth.account-locked', account, attempt, { lockedUntil });
        throw lockedError(lockedUntil, now);
      }
      throw wrongCredentials();
    }

    // Only someone who knows the password learns that the account is disabled.
    if (account!.disabled) {
      await audit('auth.sign-in-failed', account, attempt, { reason: 'account-disabled' });
      throw new ApiHttpError('forbidden', 'This account is disabled. Ask an administrator to enable it.');
    }
    const rehashed = deps.hasher.needsRehash(passwordHash!)
      ? await deps.hasher.hash(attempt.password)
      : undefined;
    await accounts.recordSuccessfulLogin(account!.id, now, rehashed);
    await audit('auth.sign-in', account, attempt, {});
    return account!;
  };
}
