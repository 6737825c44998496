import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerRepository } from '../../src/store/index.js';
import { givenAgentWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { givenCspGrant, givenTeam } from './support/desk-records.js';
import { startEntraEstate, type EntraEstate } from './support/entra-estate.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { email: 'ada@msp.example', name: 'Ada Admin', password: 'a long enough passphrase' };
const READER = { email: 'rita@msp.example', name: 'Rita Reader', password: 'a long enough passphrase' };
const OUTSIDER = { email: 'otto@msp.example', name: 'Otto Outsider', password: 'a long enough passphrase' };
const CONNECTION = 'Contoso production';
const CUSTOMER = 'Contoso Ltd';
const TEAM = 'Service Desk Tier 2';

/** The same wait as any other step, for the slower reads of a tenant (token, users, groups). */
const TENANT_READ_MS = 30_000;

describe('Microsoft Entra ID in the console: connect, map, preview, apply', () => {
  let estate: EntraEstate;
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let connectionUrl: string;
  let teamId: string;

  async function signIn(as: { email: string; password: string; name: string }): Promise<Page> {
    const tab = await browser.newPage();
    await tab.goto(`${server.baseUrl}/sign-in`);
    await tab.getByLabel('Email', { exact: true }).fill(as.email);
    await tab.getByLabel('Password', { exact: true }).fill(as.password);
    await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
    await tab.getByText(`Signed in as ${as.name}`).waitFor();
    return tab;
  }

  /** Picks `option` from the react-aria select labelled `label` inside `scope` (named "value label"). */
  async function choose(scope: Page | Locator, label: string, option: string) {
    await scope.getByRole('button', { name: new RegExp(`${label}$`) }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** A count of the preview's summary ("Created" → "3"): the definition after its term. */
  async function countOf(scope: Page, term: string): Promise<string | null> {
    const label = scope
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .first();
    return label.locator('xpath=following-sibling::dd[1]').textContent();
  }

  beforeAll(async () => {
    estate = await startEntraEstate();
    server = await startE2eServer({ config: estate.config });
    const db = server.app.deps.db;
    await givenAgentWithPassword(db, { ...ADMIN, permissions: ['administrator'] });
    await givenAgentWithPassword(db, { ...READER, permissions: [] });
    const outsider = await givenAgentWithPassword(db, { ...OUTSIDER, permissions: ['customers.read'] });
    // A grant on a CSP connection does not open the Entra screens.
    await givenCspGrant(db, server.app.deps.secrets, outsider.accountId);
    await createCustomerRepository(db).create({ name: CUSTOMER });
    teamId = (await givenTeam(db, TEAM)).id;
    browser = await launchBrowser();
    page = await signIn(ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await estate?.emulator.close();
  });

  it('says how to add the first tenant, then creates a connection with the fields explained', async () => {
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Microsoft Entra ID' })
      .click();
    await page.getByRole('heading', { name: 'No Entra connections yet' }).waitFor();
    await browser.screenshot(page, 'entra-connections-empty');
    await page.getByRole('link', { name: 'Add your first tenant' }).click();

    await page.getByRole('heading', { name: 'New Entra connection' }).waitFor();
    await expect.poll(() => page.getByRole('rowheader', { name: 'User.Read.All' }).count()).toBe(1);
    await page.getByLabel('Name', { exact: true }).fill(CONNECTION);
    await page.getByLabel('Directory (tenant) ID').fill('not a tenant id');
    await page.getByLabel('Application (client) ID').fill(estate.app.clientId);
    await page.getByLabel('Client secret value').fill(estate.app.clientSecret);
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByText('tenantId must be the Directory (tenant) ID').waitFor();
    expect(await page.getByLabel('Directory (tenant) ID').getAttribute('aria-invalid')).toBe('true');
    await browser.screenshot(page, 'entra-connection-new');

    await page.getByLabel('Directory (tenant) ID').fill(estate.tenantId);
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByRole('heading', { name: CONNECTION, level: 1 }).waitFor();
    connectionUrl = page.url();
    expect(await page.getByLabel('Redirect URI').textContent()).toBe(
      `${server.baseUrl}/api/entra/connections/callback`,
    );
    await page.getByText('Client secret').first().waitFor();
    expect(await page.content()).not.toContain(estate.app.clientSecret);
  });

  it('authorises the connection and shows each permission’s result', async () => {
    await page.getByRole('button', { name: 'Authorise', exact: true }).click();
    const result = page.getByRole('group', { name: 'Authorisation result' });
    await result.getByText('Authorised', { exact: true }).waitFor({ timeout: TENANT_READ_MS });
    const permissions = page.getByRole('table', { name: 'Microsoft Graph permissions' });
    const userRead = permissions.getByRole('row', { name: /User\.Read\.All/ });
    // The table fills in after the verdict: wait for its first result before counting.
    await userRead.getByText('Granted').first().waitFor();
    await expect.poll(() => userRead.getByText('Granted').count()).toBe(1);
    const auditLog = permissions.getByRole('row', { name: /AuditLog\.Read\.All/ });
    await expect.poll(() => auditLog.getByText('Missing').count()).toBe(1);
    await browser.screenshot(page, 'entra-connection-authorised');
  });

  it('explains a failed authorisation: the Secret ID pasted instead of its Value', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(`${server.baseUrl}/integrations/entra/new`);
    await tab.getByLabel('Name', { exact: true }).fill('Contoso (wrong secret)');
    await tab.getByLabel('Directory (tenant) ID').fill(estate.tenantId);
    await tab.getByLabel('Application (client) ID').fill(estate.app.clientId);
    await tab.getByLabel('Client secret value').fill(estate.app.secretId);
    await tab.getByRole('button', { name: 'Create connection' }).click();
    await tab.getByRole('button', { name: 'Authorise', exact: true }).click();
    const result = tab.getByRole('group', { name: 'Authorisation result' });
    await result.getByText('Authorisation failed').waitFor({ timeout: TENANT_READ_MS });
    await result.getByText('How to fix it').waitFor();
    const permissions = tab.getByRole('table', { name: 'Microsoft Graph permissions' });
    expect(await permissions.getByText('Not checked').count()).toBeGreaterThanOrEqual(2);
    await browser.screenshot(tab, 'entra-authorisation-failed');
    await tab.close();
  });

  it('adds a site mapping to an existing site and saves the configuration', async () => {
    await page.getByRole('tab', { name: 'Field Mappings' }).click();
    await page.getByText('Default mappings of a new connection').waitFor();
    await browser.screenshot(page, 'entra-field-mappings');

    await page.getByRole('tab', { name: 'Site Mappings' }).click();
    await page.getByRole('heading', { name: 'No site mappings yet' }).waitFor();
    await page.getByRole('button', { name: 'Add site mapping' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Map to an existing site', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Next' }).click();

    await dialog.getByLabel('Description').fill('Everyone at Contoso');
    await dialog.getByRole('combobox', { name: 'Site' }).fill('Cont');
    await page.getByRole('option', { name: `Main — ${CUSTOMER}` }).click();
    await browser.screenshot(page, 'entra-site-mapping-dialog');
    await dialog.getByRole('button', { name: 'Add mapping' }).click();
    await dialog.waitFor({ state: 'detached' });

    const mappings = page.getByRole('table', { name: 'Site mappings' });
    await mappings.getByRole('rowheader', { name: /Everyone at Contoso/ }).waitFor();
    await mappings.getByText(`Main — ${CUSTOMER}`).waitFor();
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save configuration' }).click();
    await page.getByText('The next import uses this configuration.').waitFor({ timeout: TENANT_READ_MS });
    await page.getByText(/^Saved \(version 1/).waitFor();
    await browser.screenshot(page, 'entra-site-mappings');
  });

  it('names the field of an invalid configuration before saving it', async () => {
    await page.getByRole('tab', { name: 'Advanced' }).click();
    await page.getByRole('button', { name: 'Add agent role mapping' }).click();
    await page.getByRole('button', { name: 'Save configuration' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Not saved: fix these first' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('groupMappings.agentRoles.0.groupName');
    expect(await page.getByLabel('Agent role mappings: group 1').getAttribute('aria-invalid')).toBe('true');
    await browser.screenshot(page, 'entra-config-invalid');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByText(/^Saved \(version 1/).waitFor();
  });

  it('previews Import Users: every Entra user with its outcome and reason, filterable', async () => {
    await page.getByRole('tab', { name: 'Imports' }).click();
    await page.getByRole('button', { name: 'Import Users' }).click();
    await page.getByRole('heading', { name: 'Import Users: preview' }).waitFor({ timeout: TENANT_READ_MS });

    expect(await countOf(page, 'Created')).toBe(String(estate.people.length));
    expect(await countOf(page, 'Deactivated')).toBe('0');

    const decisions = page.getByRole('grid', { name: 'Preview decisions' });
    for (const person of estate.people) await decisions.getByRole('rowheader', { name: person }).waitFor();
    const first = decisions.getByRole('row', { name: new RegExp(estate.people[0]!) });
    await expect.poll(() => first.getByText('Create', { exact: true }).count()).toBe(1);
    await expect.poll(() => first.getByText('created', { exact: true }).count()).toBe(1);
    await expect.poll(() => first.getByText('Everyone at Contoso (sequence 10)').count()).toBe(1);
    await first.getByText(/\d+ changes/).click();
    await first.getByRole('table', { name: /Changes of/ }).waitFor();
    await browser.screenshot(page, 'entra-preview-users');

    await choose(page, 'Outcome', 'Excluded');
    await page.getByText('No decisions with this outcome or reason.').waitFor();
    await choose(page, 'Outcome', 'Create');
    await decisions.getByRole('rowheader', { name: estate.people[1]! }).waitFor();
    await page.getByLabel('Search by name or Entra id').fill(estate.people[2]!.split(' ')[0]!);
    await page.getByText('Showing 1–1 of 1').waitFor();
    const csv = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(csv).toContain('outcome=create');
    const exported = await page.evaluate(async (href) => (await fetch(href!)).text(), csv);
    expect(exported).toContain(estate.people[2]!);
  });

  it('applies the preview and shows the run and the inbound log', async () => {
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const applied = page.getByRole('status').filter({ hasText: 'Applied' });
    await applied.waitFor({ timeout: TENANT_READ_MS });
    await browser.screenshot(page, 'entra-preview-applied');

    await page.getByRole('link', { name: 'See what changed in Inbound Requests' }).click();
    await page.getByRole('tab', { name: 'Inbound Requests', selected: true }).waitFor();
    const log = page.getByRole('grid', { name: 'Inbound requests' });
    for (const person of estate.people) await log.getByRole('rowheader', { name: person }).waitFor();
    expect(
      await log
        .getByRole('row', { name: new RegExp(estate.people[0]!) })
        .getByText('create')
        .count(),
    ).toBe(1);
    await log.getByRole('button', { name: `Details of ${estate.people[0]}` }).click();
    const details = page.getByRole('dialog');
    await details.getByText('Reason').waitFor();
    await browser.screenshot(page, 'entra-inbound-entry');
    await page.keyboard.press('Escape');
    await browser.screenshot(page, 'entra-inbound-requests');

    await page.getByRole('tab', { name: 'Runs' }).click();
    const runs = page.getByRole('grid', { name: 'Import runs' });
    const applyRun = runs
      .getByRole('row')
      .filter({ hasNotText: '(preview)' })
      .filter({ hasText: 'succeeded' });
    await applyRun.getByText(`${estate.people.length} created`).waitFor();
    expect(await applyRun.getByText(/Graph requests|^\d+$/).count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => runs.getByRole('row').filter({ hasText: '(preview)' }).count()).toBe(1);
    await browser.screenshot(page, 'entra-runs');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
    for (const person of estate.people) await page.getByRole('rowheader', { name: person }).waitFor();
  });

  it('re-plans when the directory changed after the preview, and applies the new plan', async () => {
    await page.goto(`${connectionUrl}?tab=imports`);
    await page.getByRole('button', { name: 'Import Users' }).click();
    await page.getByRole('heading', { name: 'Import Users: preview' }).waitFor({ timeout: TENANT_READ_MS });
    expect(await countOf(page, 'Created')).toBe('0');
    const joiner = await estate.addPerson('Dara', 'Dunne');

    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    const changed = page.getByRole('status').filter({ hasText: 'The plan changed since this preview' });
    await changed.waitFor({ timeout: TENANT_READ_MS });
    await browser.screenshot(page, 'entra-preview-plan-changed');
    await changed.getByRole('button', { name: 'Review the new plan' }).click();
    await page
      .getByRole('grid', { name: 'Preview decisions' })
      .getByRole('rowheader', { name: joiner })
      .waitFor({
        timeout: TENANT_READ_MS,
      });
    expect(await countOf(page, 'Created')).toBe('1');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Applied' }).waitFor({ timeout: TENANT_READ_MS });
  });

  it('gives another agent read access through Access control', async () => {
    await page.goto(connectionUrl);
    await page.getByRole('button', { name: 'Access control' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Agent to add' }).fill('Rita');
    await page.getByRole('option', { name: new RegExp(READER.name) }).click();
    await dialog.getByRole('button', { name: 'Add agent' }).click();
    await dialog.getByRole('rowheader', { name: new RegExp(READER.name) }).waitFor();
    await browser.screenshot(page, 'entra-access-control');
    await dialog.getByRole('button', { name: 'Save access' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows a read-only connection to an agent with a read grant: no save or apply', async () => {
    const reader = await signIn(READER);
    const nav = reader.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Microsoft Entra ID' }).click();
    await reader.getByRole('rowheader', { name: CONNECTION }).click();
    await reader.getByRole('heading', { name: CONNECTION, level: 1 }).waitFor();
    await reader.getByText('Read-only', { exact: true }).waitFor();
    for (const action of ['Edit connection', 'Authorise again', 'Disable connection', 'Access control'])
      expect(await reader.getByRole('button', { name: action }).count(), action).toBe(0);

    await reader.getByRole('tab', { name: 'Site Mappings' }).click();
    const mappings = reader.getByRole('table', { name: 'Site mappings' });
    await mappings.getByRole('rowheader', { name: /Everyone at Contoso/ }).waitFor();
    // Named through the import lookups: the reader holds no customers.read.
    await mappings.getByText(`Main — ${CUSTOMER}`).waitFor();
    expect(await reader.getByRole('button', { name: 'Save configuration' }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: 'Add site mapping' }).count()).toBe(0);
    await browser.screenshot(reader, 'entra-read-only');

    await reader.getByRole('tab', { name: 'Imports' }).click();
    await reader.getByRole('button', { name: 'Import Users' }).click();
    await reader.getByRole('heading', { name: 'Import Users: preview' }).waitFor({ timeout: TENANT_READ_MS });
    expect(await countOf(reader, 'Unchanged')).toBe(String(estate.people.length));
    expect(await reader.getByRole('button', { name: 'Apply', exact: true }).count()).toBe(0);
  });

  it('hides the integration from an agent without the permission or an Entra grant (a CSP grant)', async () => {
    const outsider = await signIn(OUTSIDER);
    const nav = outsider.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Customers' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Microsoft Entra ID' }).count()).toBe(0);
    await outsider.goto(connectionUrl);
    await outsider
      .getByRole('heading', { name: 'You need the "integrations.entra.configure" permission' })
      .waitFor();
  });

  it('maps an Entra group to a team picked by name, and shows the saved team by name', async () => {
    page = await signIn(ADMIN);
    await page.goto(`${connectionUrl}?tab=advanced`);
    await page.getByRole('button', { name: 'Add team mapping' }).click();
    await page.getByLabel('Team mappings: group 1').fill('Service desk staff');
    const team = page.getByRole('combobox', { name: 'Team 1' });
    await team.fill('tier');
    await page.getByRole('option', { name: TEAM, exact: true }).click();
    expect(await team.inputValue()).toBe(TEAM);
    await browser.screenshot(page, 'entra-team-mapping');

    await page.getByRole('button', { name: 'Save configuration' }).click();
    // The emulated tenant has no such group: a warning, then "Save anyway".
    const saved = page.getByText('The next import uses this configuration.');
    const saveAnyway = page.getByRole('button', { name: 'Save anyway' });
    await saved.or(saveAnyway).first().waitFor({ timeout: TENANT_READ_MS });
    if (await saveAnyway.isVisible()) await saveAnyway.click();
    await saved.waitFor({ timeout: TENANT_READ_MS });

    const stored = await page.evaluate(async (url) => {
      const id = new URL(url).pathname.split('/').pop();
      return (await fetch(`/api/entra/connections/${id}/import-config`)).json();
    }, connectionUrl);
    expect(stored.config.groupMappings.teams).toEqual([{ groupName: 'Service desk staff', teamId }]);
    await page.reload();
    await page.getByRole('combobox', { name: 'Team 1' }).waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: 'Team 1' }).inputValue()).toBe(TEAM);
  });
});
