import { PERMISSIONS, type Permission } from '../../contracts/permissions.js';
import { createAccountAdminRepository, type Database } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import { ApiHttpError } from '../http/api-error.js';

/** Known permission names among `names` (stored roles may hold names a later version dropped). */
export function knownPermissions(names: readonly string[]): Permission[] {
  return names.filter((name): name is Permission => Object.hasOwn(PERMISSIONS, name));
}

export function isAdministrator(principal: Principal | null): boolean {
  return principal?.kind === 'agent' && principal.permissions.has('administrator');
}

/**
 * No escalation through roles: an agent who is not an administrator may only create, change,
 * delete, grant or take away roles whose agent permissions they hold themselves (so `agents.write`
 * alone cannot make anyone, themselves included, an administrator). Portal permissions are
 * exempt: they only ever apply within a portal user's own customer.
 */
export function requireDelegable(principal: Principal | null, permissions: readonly string[]): void {
  if (isAdministrator(principal)) return;
  const missing = knownPermissions(permissions).filter(
    (permission) => PERMISSIONS[permission].kind === 'agent' && !principal?.permissions.has(permission),
  );
  if (missing.length > 0) {
    throw new ApiHttpError(
      'forbidden',
      `Only an administrator can grant or change ${missing.map((p) => `"${p}"`).join(', ')}: you can only delegate permissions you hold yourself.`,
    );
  }
}

/**
 * Runs `change` (inside the caller's transaction) and refuses it with 409, so the transaction
 * rolls back, when it leaves no enabled administrator where there was one before.
 */
export async function keepingAnAdministrator<T>(tx: Database, change: () => Promise<T>): Promise<T> {
  const accounts = createAccountAdminRepository(tx);
  const before = await accounts.countAdministrators();
  const result = await change();
  if (before > 0 && (await accounts.countAdministrators()) === 0) {
    throw new ApiHttpError(
      'conflict',
      'This would leave no enabled administrator: make someone else an administrator first.',
    );
  }
  return result;
}
