import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../src/api/app.js';
import { createConnectionGrantRepository } from '../../src/store/index.js';
import { call, signIn as sessionFor } from '../api/access/fixtures.js';
import { freePort } from '../api/entra/notifications-fixtures.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { givenAgentWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startEntraEstate, type EntraEstate } from './support/entra-estate.js';
import { ensureWebBuilt } from './support/web-build.js';

const ADMIN = { email: 'nina@msp.example', name: 'Nina Admin', password: 'a long enough passphrase' };
const READER = { email: 'reza@msp.example', name: 'Reza Reader', password: 'a long enough passphrase' };
const SWITCH = 'Listen for changes in the directory';

/**
 * Change notifications in the console (issue 5): switched on from the connection's tab, each
 * tenant's users and groups subscriptions become active (validated by the emulator against this
 * server), a change in the directory shows as the last notification, a reader sees it all but
 * cannot switch, and switched off they go.
 */
describe('Change notifications in the console', () => {
  let estate: EntraEstate;
  let app: TestApp;
  let baseUrl: string;
  let browser: TestBrowser;
  let connectionUrl: string;

  async function signIn(as: { email: string; password: string; name: string }): Promise<Page> {
    const tab = await browser.newPage();
    await tab.goto(`${baseUrl}/sign-in`);
    await tab.getByLabel('Email', { exact: true }).fill(as.email);
    await tab.getByLabel('Password', { exact: true }).fill(as.password);
    await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
    await tab.getByText(`Signed in as ${as.name}`).waitFor();
    return tab;
  }

  const table = (page: Page) => page.getByRole('grid', { name: 'Change notification subscriptions' });

  beforeAll(async () => {
    await ensureWebBuilt();
    estate = await startEntraEstate();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    app = await startTestApp({ config: { ...estate.config, publicUrl: baseUrl }, jobs: createAppJobRuntime });
    await app.app.listen({ port, host: '127.0.0.1' });
    const db = app.deps.db;
    const admin = await givenAgentWithPassword(db, { ...ADMIN, permissions: ['administrator'] });
    const reader = await givenAgentWithPassword(db, { ...READER, permissions: [] });
    const session = await sessionFor(db, admin.accountId);
    const created = await call(
      app,
      { ...session, accountId: admin.accountId, email: ADMIN.email, displayName: ADMIN.name },
      'POST',
      '/api/entra/connections',
      {
        name: 'Contoso notifications',
        tenantId: estate.tenantId,
        clientId: estate.app.clientId,
        authMethod: 'clientSecret',
        enabledFor: 'all',
        clientSecret: estate.app.clientSecret,
      },
    );
    expect(created.statusCode, created.body).toBe(201);
    const connectionId = created.json().id;
    connectionUrl = `${baseUrl}/integrations/entra/${connectionId}?tab=notifications`;
    await createConnectionGrantRepository(db).replaceForConnection(connectionId, [
      { accountId: reader.accountId, access: 'read' },
    ]);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await estate?.emulator.close();
  });

  it('switches notifications on; the subscriptions become active; a change shows as the last notification', async () => {
    const page = await signIn(ADMIN);
    await page.goto(connectionUrl);
    await page.getByRole('heading', { name: 'Change notifications' }).waitFor();
    await page.getByText(`Microsoft delivers to ${baseUrl}/api/notifications/graph`).waitFor();
    await page.getByText(SWITCH).click();
    await page.getByText('Switched on: subscriptions are being created').waitFor();
    for (const watches of ['Users', 'Groups']) {
      await expect
        .poll(
          async () => {
            await page.reload();
            const row = table(page).getByRole('row').filter({ hasText: watches });
            await row.waitFor();
            return row.getByText('Active', { exact: true }).count();
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(1);
    }
    await estate.addPerson('Dora', 'Dawson');
    await expect
      .poll(
        async () => {
          await page.reload();
          const row = table(page).getByRole('row').filter({ hasText: 'Users' });
          await row.waitFor();
          return (await row.textContent()) ?? '';
        },
        { timeout: 20_000, interval: 500 },
      )
      .not.toMatch(/Never$/);
    await browser.screenshot(page, 'entra-notifications-active');
  });

  it('shows a reader the subscriptions but not the switch or repair', async () => {
    const page = await signIn(READER);
    await page.goto(connectionUrl);
    await table(page).getByText('Active').first().waitFor();
    expect(await page.getByRole('checkbox', { name: SWITCH }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Repair subscriptions' }).count()).toBe(0);
  });

  it('switches them off: the subscriptions are deleted', async () => {
    const page = await signIn(ADMIN);
    await page.goto(connectionUrl);
    await table(page).getByText('Active').first().waitFor();
    await page.getByText(SWITCH).click();
    await page.getByText('Switched off: the subscriptions are being deleted.').waitFor();
    await expect
      .poll(() => estate.emulator.estate.tenant(estate.tenantId)!.graphSubscriptions.size, {
        timeout: 20_000,
      })
      .toBe(0);
  });
});
