import type { NewAdministrator } from '../../contracts/api/setup.js';
import { createAccountRepository, type Database } from '../../store/index.js';
import { ADMINISTRATOR_ROLE, BUILT_IN_ROLES } from './built-in-roles.js';
import type { PasswordHasher } from './passwords.js';

/**
 * When creating an administrator is refused: `any-account` (first-run setup: only on an instance
 * without accounts), `administrator-exists` (`rollcall admin create` without --force-additional),
 * or `never`.
 */
export type AdministratorGuard = 'any-account' | 'administrator-exists' | 'never';

/** Creation was refused by its guard; `reason` says which. */
export class AdministratorRefusedError extends Error {
  constructor(readonly reason: Exclude<AdministratorGuard, 'never'>) {
    super(
      reason === 'any-account'
        ? 'first-run setup is done: an account already exists'
        : 'an administrator already exists',
    );
    this.name = 'AdministratorRefusedError';
  }
}

/**
 * Creates an administrator: an agent, its account with the Administrator role, and the built-in
 * roles when missing. The guard is checked under the setup lock, so concurrent first-run requests
 * create exactly one. Throws `AccountEmailTakenError` when the email is in use.
 */
export async function createAdministrator(
  deps: { db: Database; hasher: PasswordHasher; now: () => Date },
  input: NewAdministrator,
  guard: AdministratorGuard,
): Promise<{ accountId: string; agentId: string }> {
  // Hash first: the lock should not be held for the ~100 ms the KDF takes.
  const passwordHash = await deps.hasher.hash(input.password);
  return createAccountRepository(deps.db).withSetupLock(async (repo) => {
    if (guard === 'any-account' && (await repo.hasAnyAccount())) {
      throw new AdministratorRefusedError('any-account');
    }
    if (guard === 'administrator-exists' && (await repo.administratorExists())) {
      throw new AdministratorRefusedError('administrator-exists');
    }
    await repo.ensureRoles(BUILT_IN_ROLES);
    return repo.createAgentAccount({
      email: input.email,
      displayName: input.name,
      passwordHash,
      roleNames: [ADMINISTRATOR_ROLE],
      now: deps.now(),
    });
  });
}
