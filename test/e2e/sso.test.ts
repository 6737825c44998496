import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenCustomerWithUsers, givenPortalAccount, givenSsoAgent } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { signInWithMicrosoft } from './support/microsoft-sign-in.js';
import { startE2eServer, type E2eServer } from './support/server.js';
import { startSsoEstate, type EntraPerson, type SsoEstate } from './support/sso-estate.js';

describe('signing in with Microsoft (console and portal)', () => {
  let estate: SsoEstate;
  let server: E2eServer;
  let browser: TestBrowser;
  let grace: EntraPerson;
  let pat: EntraPerson;
  let cleo: EntraPerson;
  let otto: EntraPerson;
  let consolePage: Page;

  beforeAll(async () => {
    estate = await startSsoEstate();
    const [alphaTenant, betaTenant] = estate.customerTenantIds;
    grace = await estate.addPerson(estate.partnerTenantId, 'Grace', 'Hopper');
    pat = await estate.addPerson(alphaTenant, 'Pat', 'Requester');
    cleo = await estate.addPerson(alphaTenant, 'Cleo', 'Colleague');
    otto = await estate.addPerson(betaTenant, 'Otto', 'Outsider');

    server = await startE2eServer({ config: estate.config });
    await estate.allowRedirectTo(server.baseUrl);
    const db = server.app.deps.db;
    await givenSsoAgent(db, grace, ['Administrator']);
    const alpha = await givenCustomerWithUsers(db, 'Alpha Widgets', [pat, cleo]);
    await givenCustomerWithUsers(db, 'Beta Gadgets', [otto]);
    await givenPortalAccount(db, alpha.deskUserIds[0]!, pat, ['Portal requester']);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await estate?.emulator.close();
  });

  async function signInToConsole(page: Page, person: EntraPerson) {
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Sign in to Rollcall' }).waitFor();
    await signInWithMicrosoft(page, server.baseUrl, person);
  }

  it('signs an agent in to the console through the Microsoft sign-in page', async () => {
    const page = await browser.newPage();
    consolePage = page;
    await signInToConsole(page, grace);
    await page.getByText(`Signed in as ${grace.displayName}`).waitFor();
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Microsoft Entra ID' })
      .click();
    await page.getByRole('heading', { name: 'No Entra connections yet' }).waitFor();
    await browser.screenshot(page, 'console-entra-empty');
  });

  it('lets the agent search users across customers and edit one', async () => {
    const page = consolePage;
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('rowheader', { name: otto.displayName }).waitFor();
    expect(await page.getByRole('rowheader').count()).toBe(3);
    await browser.screenshot(page, 'console-users');

    await page.getByLabel('Search by name, surname, email or sign-in name').fill('Otto');
    await page.getByText('Showing 1–1').waitFor();
    expect(await page.getByRole('rowheader').allTextContents()).toEqual([otto.displayName]);

    await page.getByRole('rowheader', { name: otto.displayName }).click();
    await page.getByRole('heading', { name: otto.displayName, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Job title').fill('Head of Gadgets');
    await dialog.getByLabel('Email', { exact: true }).fill('not an email');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('email must be an email address').waitFor();
    await dialog.getByLabel('Email', { exact: true }).fill(otto.upn);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Head of Gadgets').waitFor();
    await browser.screenshot(page, 'console-user-detail');
  });

  it('signs a portal user in to the portal, showing only their own organisation', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/portal/`);
    await page.getByRole('heading', { name: 'Sign in to the service portal' }).waitFor();
    await browser.screenshot(page, 'portal-sign-in');
    await signInWithMicrosoft(page, server.baseUrl, pat);

    await page.getByRole('heading', { name: 'No requests yet' }).waitFor();
    expect(await page.getByTestId('organisation').textContent()).toBe('Alpha Widgets');
    await browser.screenshot(page, 'portal-my-requests');

    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('rowheader', { name: cleo.displayName }).waitFor();
    const names = await page.getByRole('rowheader').allTextContents();
    expect(names.sort()).toEqual([cleo.displayName, pat.displayName].sort());
    expect(await page.getByText('Beta Gadgets').count()).toBe(0);
    await browser.screenshot(page, 'portal-people');

    const consoleApi = await page.evaluate(async () => (await fetch('/api/users')).status);
    expect(consoleApi).toBe(403);
  });

  it('turns away a tenant that an administrator left off the allow-list, saying why', async () => {
    const adminPage = await browser.newPage();
    await signInToConsole(adminPage, grace);
    await adminPage
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await adminPage.getByText('Only people of these tenants').click();
    expect(await adminPage.getByRole('radio', { name: 'Only people of these tenants' }).isChecked()).toBe(
      true,
    );
    await adminPage.getByLabel('Allowed tenant ids').fill(estate.partnerTenantId);
    await adminPage.getByRole('button', { name: 'Save sign-in settings' }).click();
    await adminPage.getByText('Saved.').waitFor();
    await browser.screenshot(adminPage, 'console-settings');

    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/portal/`);
    await page.getByRole('heading', { name: 'Sign in to the service portal' }).waitFor();
    await signInWithMicrosoft(page, server.baseUrl, pat);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('tenant may not sign in here');
    await browser.screenshot(page, 'portal-sign-in-refused');
  });
});
