import type { FastifyInstance } from 'fastify';
import {
  getAccount,
  listAccounts,
  setAccountRoles,
  updateAccount,
  type AccountView,
} from '../../contracts/api/accounts.js';
import {
  createAccountAdminRepository,
  createRoleRepository,
  type AccountView as StoredAccount,
  type Database,
} from '../../store/index.js';
import { keepingAnAdministrator, knownPermissions, requireDelegable } from '../access/delegation.js';
import { audited, auditSource } from '../audit/audited.js';
import type { ApiDeps } from '../deps.js';
import { ApiHttpError } from '../http/api-error.js';
import { endpointRegistrar, iso, isoOrNull, notFound, toApiPage } from './resource-helpers.js';

function accountView(account: StoredAccount): AccountView {
  return {
    id: account.id,
    kind: account.kind,
    email: account.email,
    displayName: account.displayName,
    agentId: account.agentId,
    deskUserId: account.deskUserId,
    customerId: account.customerId,
    disabled: account.disabled,
    hasPassword: account.hasPassword,
    ssoLinked: account.ssoLinked,
    lockedUntil: isoOrNull(account.lockedUntil),
    lastLoginAt: isoOrNull(account.lastLoginAt),
    createdAt: iso(account.createdAt),
    roles: account.roles.map(({ id, name, kind }) => ({ id, name, kind })),
    permissions: [...new Set(knownPermissions(account.roles.flatMap((role) => role.permissions)))],
  };
}

async function loadAccount(db: Database, id: string): Promise<StoredAccount> {
  const account = await createAccountAdminRepository(db).findById(id);
  if (!account) throw notFound('account');
  return account;
}

const roleNames = (account: StoredAccount) => account.roles.map((role) => role.name);

/** Sign-in accounts: listing (agents.read), roles and enabling/disabling (agents.write). */
export function registerAccountRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const on = endpointRegistrar(app, deps);

  on(listAccounts, async ({ query }) => {
    const accounts = createAccountAdminRepository(deps.db);
    const page = await accounts.list(query);
    return toApiPage(page, accountView, await accounts.count(query));
  });

  on(getAccount, async ({ params }) => accountView(await loadAccount(deps.db, params.id)));

  on(setAccountRoles, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const before = await loadAccount(tx, params.id);
      const roles = await createRoleRepository(tx).findByIds(body.roleIds);
      const errors = body.roleIds.flatMap((id, index) => {
        const role = roles.find((r) => r.id === id);
        if (!role) return [{ field: `roleIds.${index}`, message: 'no such role' }];
        if (role.kind !== before.kind) {
          return [
            { field: `roleIds.${index}`, message: `"${role.name}" is a role for ${role.kind} accounts` },
          ];
        }
        return [];
      });
      if (errors.length > 0)
        throw new ApiHttpError('validation_failed', 'Some roles cannot be given.', errors);
      const added = roles.filter((role) => !before.roles.some((held) => held.id === role.id));
      const removed = before.roles.filter((held) => !body.roleIds.includes(held.id));
      requireDelegable(
        principal,
        [...added, ...removed].flatMap((role) => role.permissions),
      );
      await keepingAnAdministrator(tx, () =>
        createAccountAdminRepository(tx).setRoles(before.id, body.roleIds),
      );
      const after = await loadAccount(tx, before.id);
      if (added.length > 0 || removed.length > 0) {
        await record({
          action: 'account.roles.set',
          target: { type: 'account', id: before.id },
          customerId: before.customerId,
          before: { roles: roleNames(before) },
          after: { roles: roleNames(after) },
        });
      }
      return accountView(after);
    }),
  );

  on(updateAccount, ({ params, body, principal, request }) =>
    audited(deps.db, auditSource(principal, request), async (tx, record) => {
      const before = await loadAccount(tx, params.id);
      if (body.disabled === undefined || body.disabled === before.disabled) return accountView(before);
      if (body.disabled && before.id === principal?.accountId) {
        throw new ApiHttpError('validation_failed', 'You cannot disable your own account.', [
          { field: 'disabled', message: 'ask another administrator to disable your account' },
        ]);
      }
      requireDelegable(
        principal,
        before.roles.flatMap((role) => role.permissions),
      );
      const accounts = createAccountAdminRepository(tx);
      await keepingAnAdministrator(tx, () => accounts.setDisabled(before.id, body.disabled === true));
      await record({
        action: body.disabled ? 'account.disable' : 'account.enable',
        target: { type: 'account', id: before.id },
        customerId: before.customerId,
        before: { disabled: before.disabled },
        after: { disabled: body.disabled },
      });
      return accountView(await loadAccount(tx, before.id));
    }),
  );
}
