import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { BUILT_IN_ROLES } from '../../../src/api/auth/built-in-roles.js';
import { SESSION_COOKIE } from '../../../src/api/auth/cookies.js';
import { sessionIdOf } from '../../../src/api/auth/session-resolver.js';
import { CSRF_HEADER } from '../../../src/api/http/register-endpoint.js';
import type { Permission } from '../../../src/contracts/permissions.js';
import {
  createAccountRepository,
  createCustomerRepository,
  createRoleRepository,
  createSessionRepository,
  createUserRepository,
  type Database,
} from '../../../src/store/index.js';
import type { TestApp } from '../../support/app.js';

const HOUR_MS = 3_600_000;

/** A signed-in account: its session cookie and CSRF token. */
export interface Caller {
  accountId: string;
  email: string;
  displayName: string;
  cookie: string;
  csrfToken: string;
}

/** The built-in roles (Administrator, Agent, Approver, Portal requester, Portal approver). */
export function givenBuiltInRoles(db: Database): Promise<void> {
  return createAccountRepository(db).ensureRoles(BUILT_IN_ROLES);
}

/** A role of its own holding exactly `permissions`; returns its name. */
export async function givenRole(
  db: Database,
  kind: 'agent' | 'portal',
  permissions: Permission[],
): Promise<string> {
  const name = `Test ${kind} ${permissions.join(' + ') || 'nothing'} ${randomUUID().slice(0, 8)}`;
  await createRoleRepository(db).create({ kind, name, permissions });
  return name;
}

/** A session for `accountId`, as sign-in would create it. */
export async function signIn(
  db: Database,
  accountId: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(16).toString('hex');
  const now = new Date();
  await createSessionRepository(db).create({
    id: sessionIdOf(token),
    accountId,
    method: 'password',
    csrfToken,
    now,
    expiresAt: new Date(now.getTime() + HOUR_MS),
    ipAddress: null,
    userAgent: null,
  });
  return { cookie: `${SESSION_COOKIE}=${token}`, csrfToken };
}

/** A signed-in agent holding the named roles, or one role made of `permissions`. */
export async function givenAgent(
  db: Database,
  options: { permissions?: Permission[]; roleNames?: string[]; name?: string } = {},
): Promise<Caller & { agentId: string }> {
  const roleNames = options.permissions
    ? [await givenRole(db, 'agent', options.permissions)]
    : (options.roleNames ?? []);
  const alias = randomUUID().slice(0, 8);
  const email = `agent-${alias}@msp.example`;
  const displayName = options.name ?? `Agent ${alias}`;
  const created = await createAccountRepository(db).createAgentAccount({
    email,
    displayName,
    passwordHash: 'unused: tests sign in through a session of their own',
    roleNames,
    now: new Date(),
  });
  return { ...created, email, displayName, ...(await signIn(db, created.accountId)) };
}

/** A customer with its default site and a second site, and `userCount` users on the default site. */
export async function givenCustomer(db: Database, name: string, userCount = 0) {
  const customers = createCustomerRepository(db);
  const { customer, defaultSite } = await customers.create({ name: `${name} ${randomUUID().slice(0, 8)}` });
  const otherSite = await customers.addSite(customer.id, 'Branch office');
  const tenantId = randomUUID();
  const users = createUserRepository(db);
  const rows = Array.from({ length: userCount }, (_, i) => {
    const entraObjectId = randomUUID();
    return {
      tenantId,
      entraObjectId,
      customerId: customer.id,
      siteId: defaultSite.id,
      displayName: `${name} User ${String(i).padStart(3, '0')}`,
      surname: `Surname${i}`,
      email: `user${i}.${entraObjectId.slice(0, 6)}@${name.toLowerCase().replaceAll(/\W/g, '')}.example`,
      userPrincipalName: `user${i}.${entraObjectId.slice(0, 6)}@${name.toLowerCase().replaceAll(/\W/g, '')}.example`,
    };
  });
  if (rows.length > 0) await users.upsertMany(rows);
  const stored = await Promise.all(rows.map((row) => users.findByEntraId(tenantId, row.entraObjectId)));
  return { customer, defaultSite, otherSite, tenantId, users: stored.map((user) => user!) };
}

/** A signed-in portal user of `customer` (a new desk user on its default site) with the named roles. */
export async function givenPortalUser(
  db: Database,
  customer: { customer: { id: string }; defaultSite: { id: string }; tenantId: string },
  roleNames: string[],
): Promise<Caller & { deskUserId: string }> {
  const entraObjectId = randomUUID();
  const alias = entraObjectId.slice(0, 8);
  const email = `portal-${alias}@customer.example`;
  const displayName = `Portal ${alias}`;
  const users = createUserRepository(db);
  await users.upsertMany([
    {
      tenantId: customer.tenantId,
      entraObjectId,
      customerId: customer.customer.id,
      siteId: customer.defaultSite.id,
      displayName,
      email,
    },
  ]);
  const deskUser = await users.findByEntraId(customer.tenantId, entraObjectId);
  const { accountId } = await createAccountRepository(db).createPortalAccount({
    deskUserId: deskUser!.id,
    email,
    displayName,
    entraTenantId: customer.tenantId,
    entraObjectId,
    roleNames,
    now: new Date(),
  });
  return { accountId, email, displayName, deskUserId: deskUser!.id, ...(await signIn(db, accountId)) };
}

/** A request through the whole app, as `caller` (with its cookie and CSRF token) or anonymously. */
export function call(
  app: TestApp,
  caller: Caller | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<LightMyRequestResponse> {
  return app.app.inject({
    method,
    url,
    headers: caller ? { cookie: caller.cookie, [CSRF_HEADER]: caller.csrfToken } : {},
    ...(body === undefined ? {} : { payload: body as object }),
  });
}
