import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { name: 'Ada Lovelace', email: 'ada@msp.example', password: 'correct horse battery staple' };

describe('first run and password sign-in (console)', () => {
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a brand-new instance to first-run setup and names each invalid field', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Welcome to Rollcall' }).waitFor();
    await browser.screenshot(page, 'console-first-run');

    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create administrator' }).click();

    await page.getByText('email must be an email address').waitFor();
    await page.getByText('password must be at least 12 characters').waitFor();
    expect(await page.getByLabel('Email', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  });

  it('creates the first administrator, who lands in the console with every screen', async () => {
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create administrator' }).click();

    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Settings' }).waitFor();
    for (const item of [
      'Microsoft Entra ID',
      'Microsoft CSP',
      'Customers',
      'Users',
      'Agents',
      'Requests',
      'Logs',
    ]) {
      expect(await nav.getByRole('link', { name: item }).count(), item).toBe(1);
    }
    await page.getByText(`Signed in as ${ADMIN.name}`).waitFor();
  });

  it('adds a customer through a dialog, with the error beside the field first', async () => {
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { name: 'No customers yet' }).waitFor();
    await browser.screenshot(page, 'console-customers-empty');

    await page.getByRole('button', { name: 'New customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByRole('button', { name: 'Create customer' }).click();
    await dialog.getByText('name must not be empty').waitFor();

    await dialog.getByLabel('Name').fill('Contoso Ltd');
    await dialog.getByRole('button', { name: 'Create customer' }).click();
    await page.getByRole('heading', { name: 'Contoso Ltd', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: 'Main' }).waitFor();
    await browser.screenshot(page, 'console-customer-detail');

    await page.getByRole('button', { name: 'Edit customer' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Contoso Ltd' });
    await edit.getByLabel('Name', { exact: true }).fill('Contoso Limited');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Contoso Limited', level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Customers', exact: true }).first().click();
    await page.getByRole('rowheader', { name: 'Contoso Limited' }).waitFor();
    await browser.screenshot(page, 'console-customers');
  });

  it("lists agents, and shows the administrator's roles on their page", async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('rowheader', { name: ADMIN.name }).click();
    await page.getByRole('heading', { name: ADMIN.name, level: 1 }).waitFor();
    const administrator = page.getByRole('checkbox', { name: /^Administrator/ });
    await administrator.waitFor({ state: 'attached' });
    expect(await administrator.isChecked()).toBe(true);
    await browser.screenshot(page, 'console-agent-detail');
  });

  it('records the change in the audit trail, with a CSV export', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Logs' }).click();
    await page.getByRole('gridcell', { name: 'customer.create', exact: true }).waitFor();
    await page.getByRole('gridcell', { name: 'customer.update', exact: true }).waitFor();
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toBe('/api/audit/export.csv');
    await browser.screenshot(page, 'console-logs');
  });

  it('signs out, refuses a wrong password with a message, and signs in with the right one', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to Rollcall' }).waitFor();

    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/password/i);
    await browser.screenshot(page, 'console-sign-in-error');

    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText(`Signed in as ${ADMIN.name}`).waitFor();
  });

  it('goes straight to sign-in, not setup, once an administrator exists', async () => {
    const fresh = await browser.newPage();
    await fresh.goto(`${server.baseUrl}/customers`);
    await fresh.getByRole('heading', { name: 'Sign in to Rollcall' }).waitFor();
    expect(new URL(fresh.url()).searchParams.get('next')).toBe('/customers');
  });
});
