import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../src/api/app.js';
import { createConnectionGrantRepository, createConnectionRepository } from '../../src/store/index.js';
import { givenAgentWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startEntraEstate, type EntraEstate } from './support/entra-estate.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { email: 'ida@msp.example', name: 'Ida Integrator', password: 'a long enough passphrase' };
const READER = { email: 'rex@msp.example', name: 'Rex Reader', password: 'a long enough passphrase' };
const CONNECTION = 'Contoso scheduled';
/** A run reads the tenant (token, users, groups) and applies: give it the time a person would. */
const RUN_MS = 30_000;

describe('the integrator tab of an Entra connection', () => {
  let estate: EntraEstate;
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let connectionUrl: string;

  async function signIn(as: { email: string; password: string; name: string }): Promise<Page> {
    const tab = await browser.newPage();
    await tab.goto(`${server.baseUrl}/sign-in`);
    await tab.getByLabel('Email', { exact: true }).fill(as.email);
    await tab.getByLabel('Password', { exact: true }).fill(as.password);
    await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
    await tab.getByText(`Signed in as ${as.name}`).waitFor();
    return tab;
  }

  beforeAll(async () => {
    estate = await startEntraEstate();
    server = await startE2eServer({ config: estate.config, jobs: createAppJobRuntime });
    const db = server.app.deps.db;
    await givenAgentWithPassword(db, { ...ADMIN, permissions: ['administrator'] });
    const reader = await givenAgentWithPassword(db, { ...READER, permissions: [] });
    const connection = await createConnectionRepository(db, server.app.deps.secrets).create({
      kind: 'entra',
      name: CONNECTION,
      tenantId: estate.tenantId,
      clientId: estate.app.clientId,
      settings: { authMethod: 'clientSecret', enabledFor: 'production' },
      secrets: { clientSecret: estate.app.clientSecret },
    });
    await createConnectionGrantRepository(db).replaceForConnection(connection.id, [
      { accountId: reader.accountId, access: 'read' },
    ]);
    connectionUrl = `${server.baseUrl}/integrations/entra/${connection.id}`;
    browser = await launchBrowser();
    page = await signIn(ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await estate?.emulator.close();
  });

  it('says nothing has run yet and how to start, then refuses an interval that is too short', async () => {
    await page.goto(`${connectionUrl}?tab=integrator`);
    await page.getByRole('heading', { name: 'Nothing has run yet' }).waitFor();
    await expect.poll(() => page.getByText('Switch the integrator on and save').count()).toBe(1);
    await browser.screenshot(page, 'entra-integrator-empty');

    await page.getByText('Run the integrator on its schedule').click();
    const minutes = page.getByLabel('Minutes between runs of a tenant');
    await minutes.fill('2');
    await minutes.blur();
    await page.getByRole('button', { name: 'Save integrator' }).click();
    await page.getByText('schedule.minutes must be at least 5').waitFor();
    expect(await minutes.getAttribute('aria-invalid')).toBe('true');
  });

  it('saves a cron schedule with a per-tenant override', async () => {
    await page.getByText('At set times (cron, UTC)').click();
    const cron = page.getByLabel('Cron expression');
    await cron.fill('0 25 * * *');
    await page.getByRole('button', { name: 'Save integrator' }).click();
    await page.getByText('the hour field has 25; it must be 0–23').waitFor();
    await cron.fill('0 6-18/2 * * MON-FRI');
    await page.getByText('Choose what runs for this tenant').click();
    const tenant = page.getByRole('group', { name: `Tenant ${estate.tenantId}` });
    await tenant.getByText('Agents', { exact: true }).click();
    await page.getByRole('button', { name: 'Save integrator' }).click();
    await page.getByText('Saved. The schedule follows the new settings').waitFor();
    await page.reload();
    await page.getByLabel('Cron expression').waitFor();
    expect(await page.getByLabel('Cron expression').inputValue()).toBe('0 6-18/2 * * MON-FRI');
    expect(await tenant.getByRole('checkbox', { name: 'Agents' }).isChecked()).toBe(true);
  });

  it('runs the connection now and shows each tenant and module with its last success', async () => {
    await page.getByRole('button', { name: 'Run now', exact: true }).click();
    await page.getByText(/^Queued: /).waitFor();
    const table = page.getByRole('grid', { name: 'Integrator status per tenant and module' });
    const users = table.getByRole('row').filter({ hasText: 'Users' });
    await users.getByText('OK', { exact: true }).waitFor({ timeout: RUN_MS });
    await table
      .getByRole('row')
      .filter({ hasText: 'Agents' })
      .getByText('OK', { exact: true })
      .waitFor({ timeout: RUN_MS });
    expect(await users.getByText('Never').count()).toBe(0);
    await browser.screenshot(page, 'entra-integrator-status');

    // One tenant, every module the integrator runs for it (its override: users and agents).
    await page.getByRole('button', { name: `Run tenant ${estate.tenantId} now` }).click();
    await page.getByText(`Queued: Users of ${estate.tenantId}, Agents of ${estate.tenantId}.`).waitFor();
  });

  it('shows a read grant the integrator without the means to change or run it', async () => {
    const reader = await signIn(READER);
    await reader.goto(`${connectionUrl}?tab=integrator`);
    await reader.getByText('You may view this integrator but not change or run it.').waitFor();
    expect(await reader.getByRole('button', { name: 'Run now', exact: true }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: 'Save integrator' }).count()).toBe(0);
    expect(
      await reader.getByRole('checkbox', { name: 'Run the integrator on its schedule' }).isDisabled(),
    ).toBe(true);
    await reader.close();
  });
});
