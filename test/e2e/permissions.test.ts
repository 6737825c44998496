import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerRepository } from '../../src/store/index.js';
import { givenAgentWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const CUSTOMER_COUNT = 30;
const AGENT = { email: 'sam@msp.example', name: 'Sam Agent', password: 'a long enough passphrase' };

describe('an agent without a permission (console)', () => {
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startE2eServer();
    // Customers only: no logs, settings, integrations or agents.
    await givenAgentWithPassword(server.app.deps.db, { ...AGENT, permissions: ['customers.read'] });
    const customers = createCustomerRepository(server.app.deps.db);
    for (let i = 1; i <= CUSTOMER_COUNT; i++)
      await customers.create({ name: `Customer ${String(i).padStart(2, '0')}` });
    browser = await launchBrowser();
    page = await browser.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel('Email', { exact: true }).fill(AGENT.email);
    await page.getByLabel('Password', { exact: true }).fill(AGENT.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText(`Signed in as ${AGENT.name}`).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sees only the screens their permissions open in the navigation', async () => {
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Customers' }).waitFor();
    const links = await nav.getByRole('link').allTextContents();
    expect(links).toEqual(['Customers', 'Users', 'Assets', 'Licence insight', 'Requests']);
    await browser.screenshot(page, 'console-limited-agent');
  });

  it('is told which permission is missing when opening a forbidden screen directly', async () => {
    await page.goto(`${server.baseUrl}/logs`);
    await page.getByRole('heading', { name: 'You need the "logs.view" permission' }).waitFor();
    expect(await page.getByRole('grid', { name: 'Audit trail' }).count()).toBe(0);
    await browser.screenshot(page, 'console-forbidden');

    await page.goto(`${server.baseUrl}/settings`);
    await page.getByRole('heading', { name: 'You need the "settings.manage" permission' }).waitFor();

    await page.goto(`${server.baseUrl}/products`);
    await page.getByRole('heading', { name: 'You need the "billing.read" permission' }).waitFor();
  });

  it('is refused by the API as well, whatever the page shows', async () => {
    const status = await page.evaluate(async () => (await fetch('/api/audit')).status);
    expect(status).toBe(403);
  });

  it('pages and sorts the customers they may read, on the server, without edit buttons', async () => {
    await page.goto(`${server.baseUrl}/customers`);
    await page.getByText('Showing 1–25').waitFor();
    expect(await page.getByRole('button', { name: 'New customer' }).count()).toBe(0);
    expect(await page.getByRole('rowheader').first().textContent()).toBe('Customer 01');

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Showing 26–30').waitFor();
    expect(await page.getByRole('rowheader').allTextContents()).toHaveLength(CUSTOMER_COUNT - 25);
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('Showing 1–25').waitFor();

    const name = page.getByRole('columnheader', { name: /^Name/ });
    expect(await name.getAttribute('aria-sort')).toBe('ascending');
    await name.click();
    await page.getByRole('rowheader', { name: 'Customer 30' }).waitFor();
    expect(await page.getByRole('rowheader').first().textContent()).toBe('Customer 30');
    expect(await name.getAttribute('aria-sort')).toBe('descending');
    await name.click();
    await page.getByRole('rowheader', { name: 'Customer 01' }).waitFor();
  });
});
