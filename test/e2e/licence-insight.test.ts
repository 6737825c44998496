import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenLicenceEstate } from '../api/licence-insight/fixtures.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const AGENT = { email: 'lee@msp.example', name: 'Lee Licences', password: 'a long enough passphrase' };

/**
 * Licence insight in the console: the figures across all customers, a licence's inactive holders
 * behind their count, renewals with "no price yet", the CSV links, and the customer record.
 */
describe('licence insight (console)', () => {
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let estate: Awaited<ReturnType<typeof givenLicenceEstate>>;

  beforeAll(async () => {
    server = await startE2eServer();
    const db = server.app.deps.db;
    await givenAgentWithPassword(db, { ...AGENT, permissions: ['customers.read'] });
    estate = await givenLicenceEstate(db, server.app.deps.secrets);
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, AGENT);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The figure under a card's label (`<div class="stat"><dt>label</dt><dd>figure</dd></div>`). */
  const stat = (label: string) =>
    page
      .locator('.stat')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}`) }) })
      .locator('dd');

  it('shows seats paid, used and wasted across all customers', async () => {
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Licence insight' })
      .click();
    await page.getByLabel('Licence figures', { exact: true }).waitFor();
    await expect.poll(() => stat('Seats paid').first().textContent()).toBe('30');
    expect(await stat('Used').first().textContent()).toBe('10');
    expect(await stat('Wasted seats').first().textContent()).toBe('19');
    expect(await stat('Monthly cost / price').first().textContent()).toContain('286.50');
    const top = page.getByRole('grid', { name: 'Customers with the most wasted seats' });
    // Alpha wastes 12 seats, Bravo 7: most wasted first.
    const customers = await top.getByRole('rowheader').allTextContents();
    expect(customers).toEqual([estate.alpha.customer.name, estate.bravo.customer.name]);
    await browser.screenshot(page, 'licence-insight');
  });

  it('opens the users behind a licence’s inactive count', async () => {
    const table = page.getByRole('grid', { name: 'Licences' });
    const premium = table.getByRole('row').filter({ hasText: 'Microsoft 365 Business Premium' });
    await premium.getByRole('button', { name: /3 held by inactive users/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Alpha User 011').waitFor();
    const names = await dialog.getByRole('rowheader').allTextContents();
    expect(names.map((n) => n.split(' ').slice(0, 3).join(' '))).toEqual([
      'Alpha User 008',
      'Alpha User 009',
      'Alpha User 011',
    ]);
    const csv = await dialog.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csv).toContain('report=holders');
    expect(csv).toContain('kind=inactive');
    await page.keyboard.press('Escape');
  });

  it('lists renewals with "No price yet" where a subscription has no price', async () => {
    const renewals = page.getByRole('grid', { name: 'Renewals' });
    const e3 = renewals.getByRole('row').filter({ hasText: 'Microsoft 365 E3' });
    await e3.waitFor();
    expect(await e3.textContent()).toContain('No price yet');
    expect(await page.getByRole('link', { name: 'Download renewals (CSV)' }).getAttribute('href')).toContain(
      'report=renewals',
    );
  });

  it('shows the customer’s own figures on the customer record', async () => {
    await page.goto(`${server.baseUrl}/customers/${estate.bravo.customer.id}`);
    const figures = page.getByLabel('Licence figures of this customer');
    await figures.waitFor();
    expect(await stat('Seats paid').first().textContent()).toBe('10');
    expect(await stat('Monthly cost').first().textContent()).toContain('No price yet');
  });
});
