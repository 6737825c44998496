import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createCustomerRepository } from '../../../src/store/index.js';
import { call, signIn, type Caller } from '../../api/access/fixtures.js';
import { givenAgentWithPassword } from './accounts.js';
import type { RequestsEstate } from './requests-estate.js';
import type { E2eServer } from './server.js';

/**
 * A customer whose Entra tenant is connected with an app that may write users and groups, and
 * whose users were imported into the desk (so the tenant is the customer's), as an administrator
 * would set it up before adding an HR source. Returns the customer's id.
 */
export async function givenCustomerWithImportedTenant(
  server: E2eServer,
  estate: RequestsEstate,
  admin: { email: string; name: string; password: string },
  customerName: string,
): Promise<string> {
  const db = server.app.deps.db;
  const account = await givenAgentWithPassword(db, { ...admin, permissions: ['administrator'] });
  const caller: Caller = {
    ...(await signIn(db, account.accountId)),
    accountId: account.accountId,
    email: admin.email,
    displayName: admin.name,
  };
  const created = await call(server.app, caller, 'POST', '/api/entra/connections', {
    name: customerName,
    tenantId: estate.tenantId,
    clientId: estate.writer.clientId,
    authMethod: 'clientSecret',
    enabledFor: 'all',
    clientSecret: estate.writer.clientSecret,
  });
  expect(created.statusCode, created.body).toBe(201);
  const connectionId = (created.json() as { id: string }).id;
  const { customer, defaultSite } = await createCustomerRepository(db).create({ name: customerName });
  const base = `/api/entra/connections/${connectionId}`;
  const current = await call(server.app, caller, 'GET', `${base}/import-config`);
  const saved = await call(server.app, caller, 'PUT', `${base}/import-config`, {
    expectedVersion: (current.json() as { version: number }).version,
    acceptWarnings: true,
    config: {
      userFieldMappings: [
        { entraField: 'displayName', deskField: 'displayName', overwriteWithBlank: false },
        { entraField: 'userPrincipalName', deskField: 'userPrincipalName', overwriteWithBlank: false },
        { entraField: 'mail', deskField: 'email', overwriteWithBlank: false },
      ],
      agentFieldMappings: [],
      siteMappings: [
        { id: randomUUID(), type: 'existingSite', sequence: 10, description: 'All', siteId: defaultSite.id },
      ],
    },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const applied = await call(server.app, caller, 'POST', `${base}/apply`, { module: 'users' });
  expect(applied.statusCode, applied.body).toBe(200);
  return customer.id;
}
