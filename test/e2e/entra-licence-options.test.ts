import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerRepository, schema } from '../../src/store/index.js';
import { call, signIn as sessionFor, type Caller } from '../api/access/fixtures.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startEntraEstate, type EntraEstate } from './support/entra-estate.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { email: 'ada@msp.example', name: 'Ada Admin', password: 'a long enough passphrase' };
const E3 = 'c7df2760-2c81-4ef7-b578-5b5392b571df';
const TENANT_READ_MS = 30_000;

/**
 * The user import's licence options in the console (issue 6): the licence check and contract
 * compliance set on the Imports tab with a pasted SKU id, and the users list's badges and filters.
 */
describe('Licence check and contract compliance in the console', () => {
  let estate: EntraEstate;
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let admin: Caller;
  let connectionId: string;

  beforeAll(async () => {
    estate = await startEntraEstate();
    server = await startE2eServer({ config: estate.config });
    const db = server.app.deps.db;
    const account = await givenAgentWithPassword(db, { ...ADMIN, permissions: ['administrator'] });
    admin = {
      ...(await sessionFor(db, account.accountId)),
      accountId: account.accountId,
      email: ADMIN.email,
      displayName: ADMIN.name,
    };
    const created = await call(server.app, admin, 'POST', '/api/entra/connections', {
      name: 'Contoso licences',
      tenantId: estate.tenantId,
      clientId: estate.app.clientId,
      authMethod: 'clientSecret',
      enabledFor: 'all',
      clientSecret: estate.app.clientSecret,
    });
    expect(created.statusCode, created.body).toBe(201);
    connectionId = created.json().id;
    const { customer, defaultSite } = await createCustomerRepository(db).create({ name: 'Badges Ltd' });
    await db.insert(schema.deskUsers).values([
      {
        customerId: customer.id,
        siteId: defaultSite.id,
        displayName: 'Scanner Mailbox',
        isServiceAccount: true,
      },
      {
        customerId: customer.id,
        siteId: defaultSite.id,
        displayName: 'Rob Refused',
        contractCoverage: 'refused',
      },
      {
        customerId: customer.id,
        siteId: defaultSite.id,
        displayName: 'Carla Covered',
        contractCoverage: 'covered',
      },
    ]);
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await estate?.emulator.close();
  });

  it('sets an include licence check and contract compliance with a pasted SKU id, and saves them', async () => {
    await page.goto(`${server.baseUrl}/integrations/entra/${connectionId}?tab=imports`);
    await page.getByRole('heading', { name: 'Licence check' }).waitFor();
    await page.getByText('No licences are imported for this connection yet').first().waitFor();

    await page.getByRole('button', { name: /Licence check type$/ }).click();
    await page
      .getByRole('option', { name: 'Include: import only users holding one of these licences', exact: true })
      .click();
    const checkSection = page.getByRole('region', { name: 'Licence check' });
    await checkSection.getByLabel('Or paste a SKU id (GUID)').fill('not a guid');
    await checkSection.getByRole('button', { name: 'Add SKU id' }).click();
    await checkSection.getByText('a SKU id is a GUID').waitFor();
    await checkSection.getByLabel('Or paste a SKU id (GUID)').fill(E3.toUpperCase());
    await checkSection.getByRole('button', { name: 'Add SKU id' }).click();
    await checkSection.getByText(`${E3} (not imported yet)`).waitFor();

    await page.getByRole('button', { name: /Contract compliance$/ }).click();
    await page
      .getByRole('option', {
        name: 'Refuse: users without these licences may not raise tickets',
        exact: true,
      })
      .click();
    const compliance = page.getByRole('region', { name: 'Contract compliance' });
    await compliance.getByLabel('Or paste a SKU id (GUID)').fill(E3);
    await compliance.getByRole('button', { name: 'Add SKU id' }).click();
    await browser.screenshot(page, 'entra-licence-options');

    await page.getByRole('button', { name: 'Save configuration' }).click();
    await page.getByText('The next import uses this configuration.').waitFor({ timeout: TENANT_READ_MS });
    const saved = await call(
      server.app,
      admin,
      'GET',
      `/api/entra/connections/${connectionId}/import-config`,
    );
    expect(saved.json().config).toMatchObject({
      licenceCheck: { type: 'include', skuIds: [E3] },
      compliance: { mode: 'refuse', skuIds: [E3] },
    });
  });

  it('shows service accounts and users the contract does not cover, and filters the list by them', async () => {
    await page.goto(`${server.baseUrl}/users`);
    const table = page.getByRole('grid');
    await table
      .getByRole('row', { name: /Scanner Mailbox/ })
      .getByText('Service account')
      .waitFor();
    await table
      .getByRole('row', { name: /Rob Refused/ })
      .getByText('Not covered by contract')
      .waitFor();

    await page.getByRole('button', { name: /Contract coverage$/ }).click();
    await page.getByRole('option', { name: 'Not covered by contract', exact: true }).click();
    await table.getByRole('row', { name: /Carla Covered/ }).waitFor({ state: 'detached' });
    await table.getByRole('row', { name: /Rob Refused/ }).waitFor();
    expect(await table.getByRole('row', { name: /Scanner Mailbox/ }).count()).toBe(0);

    await table.getByRole('row', { name: /Rob Refused/ }).click();
    await page.getByText('Not allowed: not covered by the contract').waitFor();
  });
});
