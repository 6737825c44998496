import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { BUILT_IN_ROLES } from '../../../src/api/auth/built-in-roles.js';
import { createPasswordHasher } from '../../../src/api/auth/passwords.js';
import type { Permission } from '../../../src/contracts/permissions.js';
import {
  createAccountRepository,
  createCustomerRepository,
  createRoleRepository,
  createUserRepository,
  type Database,
} from '../../../src/store/index.js';

/** An agent who signs in with a password and holds exactly `permissions` (through a role of their own). */
export async function givenAgentWithPassword(
  db: Database,
  input: { email: string; name: string; password: string; permissions: Permission[] },
): Promise<{ accountId: string; agentId: string }> {
  const accounts = createAccountRepository(db);
  await accounts.ensureRoles(BUILT_IN_ROLES);
  const roleName = `${input.name}'s role`;
  await createRoleRepository(db).create({ kind: 'agent', name: roleName, permissions: input.permissions });
  return accounts.createAgentAccount({
    email: input.email,
    displayName: input.name,
    passwordHash: await createPasswordHasher().hash(input.password),
    roleNames: [roleName],
    now: new Date(),
  });
}

/** A person as the emulator knows them (see sso-estate.ts). */
interface Person {
  tenantId: string;
  objectId: string;
  upn: string;
  displayName: string;
}

/** An agent who signs in with Microsoft: matched on first sign-in by their UPN. */
export async function givenSsoAgent(db: Database, person: Person, roleNames: string[]): Promise<void> {
  const accounts = createAccountRepository(db);
  await accounts.ensureRoles(BUILT_IN_ROLES);
  await accounts.createAgentAccount({
    email: person.upn,
    displayName: person.displayName,
    passwordHash: await createPasswordHasher().hash(randomBytes(24).toString('base64url')),
    roleNames,
    now: new Date(),
  });
}

/** A customer whose users came from `tenantId` (as a sync would bring them). */
export async function givenCustomerWithUsers(
  db: Database,
  name: string,
  people: Person[],
): Promise<{ customerId: string; deskUserIds: string[] }> {
  const { customer, defaultSite } = await createCustomerRepository(db).create({ name });
  const users = createUserRepository(db);
  await users.upsertMany(
    people.map((p) => ({
      tenantId: p.tenantId,
      entraObjectId: p.objectId,
      customerId: customer.id,
      siteId: defaultSite.id,
      displayName: p.displayName,
      email: p.upn,
      userPrincipalName: p.upn,
    })),
  );
  const stored = await Promise.all(people.map((p) => users.findByEntraId(p.tenantId, p.objectId)));
  return { customerId: customer.id, deskUserIds: stored.map((u) => u!.id) };
}

/** A portal account for a desk user, linked to their Entra identity. */
export async function givenPortalAccount(
  db: Database,
  deskUserId: string,
  person: Person,
  roleNames: string[],
) {
  const accounts = createAccountRepository(db);
  await accounts.ensureRoles(BUILT_IN_ROLES);
  return accounts.createPortalAccount({
    deskUserId,
    email: person.upn,
    displayName: person.displayName,
    entraTenantId: person.tenantId,
    entraObjectId: person.objectId,
    roleNames,
    now: new Date(),
  });
}

/** Signs `page` in on the console's sign-in page with an email and password, as a person would. */
export async function signInWithPassword(
  page: Page,
  baseUrl: string,
  account: { email: string; name: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText(`Signed in as ${account.name}`).waitFor();
}
