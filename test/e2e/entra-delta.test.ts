import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectionImport } from '../../src/api/integrations/entra/run-import.js';
import { createConnectionGrantRepository, createConnectionRepository } from '../../src/store/index.js';
import { call, signIn as sessionFor } from '../api/access/fixtures.js';
import { givenAgentWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startEntraEstate, type EntraEstate } from './support/entra-estate.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { email: 'ada@msp.example', name: 'Ada Admin', password: 'a long enough passphrase' };
const READER = { email: 'rita@msp.example', name: 'Rita Reader', password: 'a long enough passphrase' };
const TENANT_READ_MS = 30_000;
const DELTA_CHECKBOX = 'Use delta queries for scheduled runs (users and groups only)';
const LAST_SIGN_IN = 'Import the last sign-in date (needs AuditLog.Read.All and Entra ID P1)';

/**
 * Delta queries in the console (issue 5): turned on in the Imports tab as part of the
 * configuration draft, where each tenant stands after runs, the warning a method change asks to
 * accept, Reset deltas (clear, get latest) confirmed with their consequence, and a reader who sees
 * it all but cannot reset.
 */
describe('Delta queries in the console: settings, status, reset', () => {
  let estate: EntraEstate;
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let connectionId: string;
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

  /** A run as the integrator or a change notification makes it (delta when the connection uses it). */
  async function scheduledRun(trigger: 'scheduled' | 'notification') {
    const connection = await createConnectionRepository(server.app.deps.db, server.app.deps.secrets).findById(
      connectionId,
    );
    const [result] = await runConnectionImport(server.app.deps, connection!, {
      module: 'users',
      trigger,
      read: 'auto',
      dryRun: false,
    });
    expect(result?.status).toBe('succeeded');
  }

  const row = (scope: Page, module: 'Users' | 'Agents') =>
    scope
      .getByRole('grid', { name: 'Delta status per tenant' })
      .getByRole('row', { name: new RegExp(`^${module} of ${estate.tenantId}`) });

  async function saveAccepting(warning?: RegExp) {
    await page.getByRole('button', { name: 'Save configuration' }).click();
    const saved = page.getByText('The next import uses this configuration.');
    const saveAnyway = page.getByRole('button', { name: 'Save anyway' });
    await saved.or(saveAnyway).first().waitFor({ timeout: TENANT_READ_MS });
    if (warning) {
      const warnings = page.getByRole('status').filter({ hasText: 'Check these warnings before saving' });
      expect(await warnings.textContent()).toMatch(warning);
      await browser.screenshot(page, 'entra-delta-warning');
    }
    if (await saveAnyway.isVisible()) await saveAnyway.click();
    await saved.waitFor({ timeout: TENANT_READ_MS });
  }

  beforeAll(async () => {
    estate = await startEntraEstate();
    server = await startE2eServer({ config: estate.config });
    const db = server.app.deps.db;
    const admin = await givenAgentWithPassword(db, { ...ADMIN, permissions: ['administrator'] });
    const reader = await givenAgentWithPassword(db, { ...READER, permissions: [] });
    const session = await sessionFor(db, admin.accountId);
    const created = await call(
      server.app,
      { ...session, accountId: admin.accountId, email: ADMIN.email, displayName: ADMIN.name },
      'POST',
      '/api/entra/connections',
      {
        name: 'Contoso delta',
        tenantId: estate.tenantId,
        clientId: estate.app.clientId,
        authMethod: 'clientSecret',
        enabledFor: 'all',
        clientSecret: estate.app.clientSecret,
      },
    );
    expect(created.statusCode, created.body).toBe(201);
    connectionId = created.json().id;
    connectionUrl = `${server.baseUrl}/integrations/entra/${connectionId}`;
    await createConnectionGrantRepository(db).replaceForConnection(connectionId, [
      { accountId: reader.accountId, access: 'read' },
    ]);
    browser = await launchBrowser();
    page = await signIn(ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await estate?.emulator.close();
  });

  it('turns delta queries on in the Imports tab, the method and what it cannot listen to explained', async () => {
    await page.goto(`${connectionUrl}?tab=imports`);
    await page.getByRole('heading', { name: 'Delta queries are off' }).waitFor();
    await page.getByText(DELTA_CHECKBOX).click();
    await page.getByText('Save the configuration to turn them on').waitFor();

    await page.getByRole('button', { name: /Sync method$/ }).click();
    await page.getByRole('option', { name: 'Listen to all changes', exact: true }).waitFor();
    await browser.screenshot(page, 'entra-delta-methods');
    await page.getByRole('option', { name: 'Only fields Rollcall uses', exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.getByText('only when a field or filter your mappings use changes').waitFor();
    await page.getByText('Every field and filter your mappings use can be listened to.').waitFor();
    // The list follows the draft: importing last sign-ins reads a field delta cannot listen to.
    await page.getByText(LAST_SIGN_IN).click();
    const untracked = page.getByRole('list', { name: 'Fields the sync method cannot listen to' });
    expect(await untracked.textContent()).toMatch(/signInActivity.*Import the last sign-in date/);
    await browser.screenshot(page, 'entra-delta-settings');
    await page.getByText(LAST_SIGN_IN).click();
    await untracked.waitFor({ state: 'detached' });

    await saveAccepting();
    await row(page, 'Users').getByText('Full read next run').waitFor();
    await row(page, 'Agents').getByText('Full read next run').waitFor();
  });

  it('shows where each tenant stands after runs, and how each run read, in words', async () => {
    await scheduledRun('scheduled');
    await scheduledRun('notification');
    await page.reload();
    await row(page, 'Users')
      .getByText(/^Reading changes since /)
      .waitFor();
    await row(page, 'Agents').getByText('Full read next run').waitFor();

    await page.getByRole('tab', { name: 'Runs' }).click();
    const runs = page.getByRole('grid', { name: 'Import runs' });
    const notified = runs.getByRole('row').filter({ hasText: 'Change notification' });
    await notified.getByText('Delta', { exact: true }).waitFor();
    const first = runs.getByRole('row').filter({ hasText: 'Schedule' });
    await first.getByText('Full read — no delta checkpoint yet').waitFor();
    await browser.screenshot(page, 'entra-delta-runs');
  });

  it('asks before a method change, then every tenant takes the latest delta', async () => {
    await page.getByRole('tab', { name: 'Imports' }).click();
    await page.getByRole('button', { name: /Sync method$/ }).click();
    await page.getByRole('option', { name: 'Listen to all changes', exact: true }).click();
    await saveAccepting(/Delta queries.*takes the latest delta/);
    await row(page, 'Users').getByText('Starts from now next run').waitFor();
  });

  it('resets one tenant’s users (clear) and every tenant (get latest), each confirmed', async () => {
    await row(page, 'Users')
      .getByRole('button', { name: `Clear deltas of Users of tenant ${estate.tenantId}` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/reads every user in Entra .* inactive/).waitFor();
    await browser.screenshot(page, 'entra-delta-reset-clear');
    await dialog.getByRole('button', { name: 'Clear deltas' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/^Cleared: the next run reads every user/).waitFor();
    await row(page, 'Users').getByText('Full read next run').waitFor();

    await page.getByRole('button', { name: 'Get latest for all' }).click();
    await dialog.getByText(/changes made in Entra since its last run are skipped/).waitFor();
    await dialog.getByRole('button', { name: 'Get latest' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, 'Users').getByText('Starts from now next run').waitFor();
    await row(page, 'Agents').getByText('Starts from now next run').waitFor();
    await browser.screenshot(page, 'entra-delta-status');

    // The positions come from the saved settings; the draft turning delta off says what saving does.
    await page.getByText(DELTA_CHECKBOX).click();
    await page.getByText(/^Not saved yet: once you save, scheduled runs read every user again/).waitFor();
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByText(/^Not saved yet/).waitFor({ state: 'detached' });
  });

  it('shows a reader where deltas stand, with no way to reset them', async () => {
    const reader = await signIn(READER);
    await reader.goto(`${connectionUrl}?tab=imports`);
    await row(reader, 'Users').getByText('Starts from now next run').waitFor();
    await reader.getByText('Resetting deltas needs modify access to this connection.').waitFor();
    for (const name of [/^Clear/, /^Get (the )?latest/])
      expect(await reader.getByRole('button', { name }).count(), String(name)).toBe(0);
    expect(await reader.getByRole('checkbox', { name: DELTA_CHECKBOX }).isDisabled()).toBe(true);
    await browser.screenshot(reader, 'entra-delta-read-only');
  });
});
