import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../src/api/app.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { givenCustomerWithImportedTenant } from './support/hr-estate.js';
import { startRequestsEstate, type RequestsEstate } from './support/requests-estate.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { email: 'hanna@msp.example', name: 'Hanna Admin', password: 'a long enough passphrase' };
const READER = { email: 'rita@msp.example', name: 'Rita Reader', password: 'another long passphrase' };
const CUSTOMER = 'Northwind Logistics';
const SOURCE = 'Northwind HR export';
const DONE_MS = 60_000;

/** Today (YYYY-MM-DD): a start today means the account is created and enabled at once. */
const today = () => new Date().toISOString().slice(0, 10);

const PERSONS = [
  { id: 'E100', first: 'Ann', last: 'Archer', department: 'Sales', title: 'Account Manager' },
  { id: 'E101', first: 'Ben', last: 'Baker', department: 'Sales', title: 'Sales Assistant' },
  { id: 'E102', first: 'Cleo', last: 'Carter', department: 'Finance', title: 'Controller' },
];

/** The HR export as the source's default columns expect it: one row per contract. */
const csv = () =>
  [
    'EmployeeId,FirstName,LastName,Department,JobTitle,StartDate,EndDate',
    ...PERSONS.map((p) => `${p.id},${p.first},${p.last},${p.department},${p.title},${today()},`),
  ].join('\n');

/** Waits until `done` holds (what a worker does takes its time), or fails after DONE_MS. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + DONE_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${DONE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Issue 9 through the console: an administrator adds a CSV HR source for a customer whose tenant
 * is imported, uploads three persons, writes an account rule and a dynamic department group rule,
 * previews, publishes and runs; the emulated tenant then has the three accounts and the department
 * groups, and the console shows their addresses and the audit trail. An agent who may only read
 * sees the same without the buttons that change things.
 */
describe('HR lifecycle in the console', () => {
  let estate: RequestsEstate;
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let sourcePath: string;
  const tenant = () => estate.emulator.estate.tenant(estate.tenantId)!;
  const upnOf = (p: (typeof PERSONS)[number]) => `${p.first}.${p.last}@${estate.domain}`.toLowerCase();
  const liveUsers = () => [...tenant().users.values()].filter((u) => u.deletedAt === null);
  const userWith = (upn: string) =>
    liveUsers().filter((u) => String(u.props.userPrincipalName).toLowerCase() === upn);
  const groupNamed = (name: string) =>
    [...tenant().groups.values()].filter((g) => String(g.props.displayName) === name);

  /** Picks the customer on the new-source form; its only tenant is chosen, then its verified domain. */
  async function chooseCustomerAndDomain(page: Page) {
    const form = page.getByRole('form', { name: 'New HR source' });
    await form.getByRole('combobox', { name: 'Customer' }).fill('Northwind');
    await page.getByRole('option', { name: CUSTOMER }).click();
    // The customer's only tenant is chosen for the administrator; its verified domains are offered.
    await form
      .getByRole('button', { name: /Tenant/ })
      .filter({ hasNotText: 'Choose' })
      .waitFor({ timeout: DONE_MS });
    const domainText = form.getByRole('textbox', { name: 'Domain' });
    if ((await domainText.count()) > 0) await domainText.fill(estate.domain);
    else {
      await form.getByRole('button', { name: /Domain/ }).click();
      await page.getByRole('option', { name: estate.domain, exact: true }).click();
    }
  }

  beforeAll(async () => {
    estate = await startRequestsEstate({ groups: [], sku: { part: 'EMS', enabled: 5 } });
    server = await startE2eServer({ config: estate.config, jobs: createAppJobRuntime });
    await givenCustomerWithImportedTenant(server, estate, ADMIN, CUSTOMER);
    await givenAgentWithPassword(server.app.deps.db, { ...READER, permissions: ['hr.read'] });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await estate?.emulator.close();
  });

  it('lets an administrator add a CSV source for the customer’s tenant', async () => {
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'HR lifecycle' })
      .click();
    await page.getByRole('heading', { name: 'No HR sources yet' }).waitFor();
    await browser.screenshot(page, 'hr-sources-empty');
    await page.getByRole('link', { name: 'Add source' }).click();

    const form = page.getByRole('form', { name: 'New HR source' });
    await form.getByLabel('Name', { exact: true }).fill(SOURCE);
    await chooseCustomerAndDomain(page);
    await expect(
      form.getByRole('table', { name: 'Columns' }).getByLabel('Column header for Employee ID').inputValue(),
    ).resolves.toBe('EmployeeId');
    await browser.screenshot(page, 'hr-source-form');
    await form.getByRole('button', { name: 'Add source' }).click();

    await page.getByRole('heading', { name: SOURCE, level: 1 }).waitFor({ timeout: DONE_MS });
    sourcePath = new URL(page.url()).pathname;
    expect(sourcePath).toMatch(/^\/hr\/[0-9a-f-]{36}$/);
    await page.getByText('Rules not published').first().waitFor();
  });

  it('imports a CSV of three persons', async () => {
    await page.getByRole('tab', { name: 'Imports' }).click();
    await page.getByLabel('Upload a CSV file').setInputFiles({
      name: 'northwind.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv(), 'utf8'),
    });
    await page.getByText('northwind.csv imported: 3 added', { exact: false }).waitFor({ timeout: DONE_MS });
    const imports = page.getByRole('table', { name: 'Imports' });
    await imports.getByRole('row').filter({ hasText: 'northwind.csv' }).getByText('Applied').waitFor();

    await page.getByRole('tab', { name: 'Persons' }).click();
    const persons = page.getByRole('grid', { name: 'Persons' });
    for (const p of PERSONS) await persons.getByRole('row').filter({ hasText: p.id }).waitFor();
    // Nothing is written to Entra before rules are published.
    for (const p of PERSONS) expect(userWith(upnOf(p))).toHaveLength(0);
  });

  it('previews an account rule and a dynamic department group, then publishes them', async () => {
    await page.getByRole('tab', { name: 'Rules' }).click();
    // A new source's draft starts with a rule granting everyone an account; this one is written anew.
    await page.getByRole('button', { name: 'Remove rule Everyone has an account' }).click();
    await page.getByRole('button', { name: 'Add rule' }).click();
    const first = page.getByRole('region', { name: 'Rule Rule 1' });
    await first.getByLabel('Rule name').fill('Everyone');
    const everyone = page.getByRole('region', { name: 'Rule Everyone' });
    await everyone.getByRole('button', { name: 'Grant the account' }).click();

    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('region', { name: 'Rule Rule 2' }).getByLabel('Rule name').fill('Departments');
    const departments = page.getByRole('region', { name: 'Rule Departments' });
    await departments.getByRole('button', { name: 'Add a dynamic group' }).click();
    await departments.getByLabel('Group name template').fill('Dept-{department}');
    await departments.getByText('Create missing groups').click();
    // The live example names the group of the source's first department (alphabetically).
    await departments.getByText('Dept-Finance', { exact: true }).waitFor();
    await page.getByText('Unsaved changes', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.waitFor({ timeout: DONE_MS });
    const affected = preview.getByRole('table', { name: 'Affected persons' });
    for (const p of PERSONS) {
      await affected.getByRole('row').filter({ hasText: p.id }).getByText('+ Account').waitFor();
    }
    const perEntitlement = preview.getByRole('table', { name: 'Changes per entitlement' });
    expect(await perEntitlement.getByRole('row', { name: /^Account 3 0$/ }).count()).toBe(1);
    await preview.getByText('Group Dept-Sales does not exist yet: it will be created.').waitFor();
    await preview.getByText('Group Dept-Finance does not exist yet: it will be created.').waitFor();
    await page.getByText('rules are not published yet', { exact: false }).waitFor();
    await browser.screenshot(page, 'hr-rules-preview');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Version 1 published', { exact: false }).waitFor({ timeout: DONE_MS });
  });

  it('runs the rules: the tenant gets the three accounts and the department groups', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    const runs = page.getByRole('grid', { name: 'Recent runs' });
    const rowsSaying = (text: string) => runs.getByRole('row').filter({ hasText: text }).count();
    // Publishing started an enforcement (as the import did); Run now starts another once it is done.
    const settled = async () => (await rowsSaying('Running')) === 0;
    await until(async () => (await settled()) && (await rowsSaying('Rules published by')) === 1);
    const before = await rowsSaying('Completed');
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByText('Enforcement started.').waitFor({ timeout: DONE_MS });
    await until(async () => (await settled()) && (await rowsSaying('Completed')) === before + 1);
    expect(await rowsSaying('Failed')).toBe(0);
    await browser.screenshot(page, 'hr-source-overview');

    for (const p of PERSONS) {
      const users = userWith(upnOf(p));
      expect(users, upnOf(p)).toHaveLength(1);
      expect(users[0]!.props.employeeId).toBe(p.id);
      expect(users[0]!.props.department).toBe(p.department);
    }
    const sales = groupNamed('Dept-Sales');
    expect(sales).toHaveLength(1);
    const salesMembers = [...sales[0]!.members.keys()].map((id) =>
      String(tenant().users.get(id)?.props.userPrincipalName).toLowerCase(),
    );
    expect(salesMembers.sort()).toEqual([upnOf(PERSONS[0]!), upnOf(PERSONS[1]!)].sort());
    expect(groupNamed('Dept-Finance')).toHaveLength(1);
  });

  it('shows the persons’ addresses and the audit trail', async () => {
    await page.getByRole('tab', { name: 'Persons' }).click();
    const persons = page.getByRole('grid', { name: 'Persons' });
    for (const p of PERSONS)
      await persons
        .getByRole('row')
        .filter({ hasText: upnOf(p) })
        .waitFor();
    await browser.screenshot(page, 'hr-persons');

    await persons.getByRole('row').filter({ hasText: PERSONS[0]!.id }).getByRole('rowheader').click();
    await page.getByRole('heading', { name: 'Ann Archer', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Entitlements' }).getByText('Group Dept-Sales').waitFor();
    const trail = page.getByRole('table', { name: 'Audit entries' });
    const created = trail.getByRole('row').filter({ hasText: 'Create account' });
    await created.getByText('Done').waitFor();
    await created.getByText('Request and response').click();
    await created.getByLabel('Request', { exact: true }).getByText('"method": "POST"').waitFor();
    // A CSV source cannot take the address back: the page says to copy it.
    await page.getByText('This source cannot receive writes: copy the UPN and e-mail').waitFor();
    await browser.screenshot(page, 'hr-person');

    await page.goto(`${server.baseUrl}${sourcePath}?tab=audit`);
    const audit = page.getByRole('table', { name: 'Audit entries' });
    for (const p of PERSONS)
      await audit
        .getByRole('row')
        .filter({ hasText: p.id })
        .filter({ hasText: 'Create account' })
        .first()
        .waitFor();
    const exportLink = page.getByRole('link', { name: 'Export CSV' });
    const exported = await page.request.get(
      new URL((await exportLink.getAttribute('href'))!, server.baseUrl).toString(),
    );
    expect(exported.status()).toBe(200);
    const text = await exported.text();
    for (const p of PERSONS) expect(text).toContain(p.id);
  });

  it('shows an agent who may only read the same source without the buttons that change things', async () => {
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, READER);
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'HR lifecycle' })
      .click();
    const sources = page.getByRole('grid', { name: 'HR sources' });
    await sources.getByRole('row').filter({ hasText: SOURCE }).getByText('Version 1').waitFor();
    expect(await page.getByRole('link', { name: 'Add source' }).count()).toBe(0);
    await sources.getByRole('row').filter({ hasText: SOURCE }).getByRole('rowheader').click();
    await page.getByRole('heading', { name: SOURCE, level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Run now' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit settings' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByRole('region', { name: 'Rule Everyone' }).waitFor();
    expect(await page.getByRole('button', { name: 'Publish' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add rule' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save draft' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Imports' }).click();
    await page.getByRole('table', { name: 'Imports' }).waitFor();
    expect(await page.getByLabel('Upload a CSV file').count()).toBe(0);
  });

  it('holds an import that removes more persons than allowed, until an administrator discards it', async () => {
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
    await page.goto(`${server.baseUrl}${sourcePath}`);
    await page.getByRole('link', { name: 'Edit settings' }).click();
    const form = page.getByRole('form', { name: 'Edit HR source' });
    // The customer and the kind are fixed once the source exists.
    expect(await form.getByRole('combobox', { name: 'Customer' }).isDisabled()).toBe(true);
    expect(await form.getByRole('radio', { name: /SCIM push/ }).isDisabled()).toBe(true);
    await form.getByLabel('Most persons removed').fill('0');
    await form.getByLabel('Most persons removed').press('Tab');
    await form.getByRole('button', { name: 'Save source' }).click();
    await page.getByRole('heading', { name: SOURCE, level: 1 }).waitFor({ timeout: DONE_MS });

    await page.getByRole('tab', { name: 'Imports' }).click();
    const cleo = PERSONS[2]!;
    await page.getByLabel('Upload a CSV file').setInputFiles({
      name: 'northwind-2.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        csv()
          .split('\n')
          .filter((line) => !line.startsWith(cleo.id))
          .join('\n'),
        'utf8',
      ),
    });
    await page.getByText('northwind-2.csv is held', { exact: false }).waitFor({ timeout: DONE_MS });
    await page
      .getByRole('list', { name: 'Why it is held' })
      .getByText('would remove 1 person (limit 0)')
      .waitFor();
    await browser.screenshot(page, 'hr-import-held');
    await page.getByRole('button', { name: 'Discard import' }).click();
    const imports = page.getByRole('table', { name: 'Imports' });
    await imports.getByRole('row').filter({ hasText: 'northwind-2.csv' }).getByText('Discarded').waitFor();
    expect(await page.getByRole('button', { name: 'Discard import' }).count()).toBe(0);

    // Nothing changed: Cleo is still listed, and her account is still there.
    await page.getByRole('tab', { name: 'Persons' }).click();
    const row = page.getByRole('grid', { name: 'Persons' }).getByRole('row').filter({ hasText: cleo.id });
    await row.waitFor();
    expect(await row.getByText('gone from HR', { exact: false }).count()).toBe(0);
    expect(userWith(upnOf(cleo))[0]?.props.accountEnabled).toBe(true);
  });

  it('lets an administrator set a JSON source’s write-back URL, with the error beside the field, and clear it', async () => {
    await page.goto(`${server.baseUrl}/hr/new`);
    const form = page.getByRole('form', { name: 'New HR source' });
    await form.getByLabel('Name', { exact: true }).fill('Northwind People API');
    await form.getByText('JSON API', { exact: false }).click();
    await chooseCustomerAndDomain(page);
    await form.getByLabel('URL', { exact: true }).fill('https://hr.northwind.example/people');
    await form.getByLabel('Bearer token').fill('people-api-token');
    const writeBack = form.getByLabel('Write-back URL');
    await writeBack.fill('https://hr.northwind.example/people/account');
    await form.getByRole('button', { name: 'Add source' }).click();
    await form.getByText('writeBackUrl must contain {employeeId}').waitFor({ timeout: DONE_MS });
    await form
      .getByRole('textbox', { name: 'Write-back URL' })
      .and(page.locator('[aria-invalid="true"]'))
      .waitFor();
    await writeBack.fill('https://hr.northwind.example/people/{employeeId}/account');
    await form.getByRole('button', { name: 'Add source' }).click();
    await page.getByRole('heading', { name: 'Northwind People API', level: 1 }).waitFor({ timeout: DONE_MS });

    await page.getByRole('link', { name: 'Edit settings' }).click();
    const edit = page.getByRole('form', { name: 'Edit HR source' });
    const saved = edit.getByLabel('Write-back URL');
    await expect(saved.inputValue()).resolves.toBe(
      'https://hr.northwind.example/people/{employeeId}/account',
    );
    await saved.fill('');
    await edit.getByRole('button', { name: 'Save source' }).click();
    await page.getByRole('heading', { name: 'Northwind People API', level: 1 }).waitFor({ timeout: DONE_MS });
    await page.getByRole('link', { name: 'Edit settings' }).click();
    await expect(
      page.getByRole('form', { name: 'Edit HR source' }).getByLabel('Write-back URL').inputValue(),
    ).resolves.toBe('');
  });

  it('shows a SCIM source’s bearer token once, and a new one when asked', async () => {
    await page.goto(`${server.baseUrl}/hr/new`);
    const form = page.getByRole('form', { name: 'New HR source' });
    await form.getByRole('button', { name: 'Add source' }).click();
    // What is missing is said beside the field.
    await form
      .getByRole('textbox', { name: 'Name', exact: true })
      .and(page.locator('[aria-invalid="true"]'))
      .waitFor();
    await form.getByText('name is required').waitFor();
    await form.getByLabel('Name', { exact: true }).fill('Northwind SCIM');
    await form.getByText('SCIM push', { exact: false }).click();
    await chooseCustomerAndDomain(page);
    expect(await form.getByRole('table', { name: 'Columns' }).count()).toBe(0);
    await form.getByRole('button', { name: 'Add source' }).click();

    const dialog = page.getByRole('dialog', { name: 'SCIM connection details' });
    await dialog
      .getByText('This token will not be shown again', { exact: false })
      .waitFor({ timeout: DONE_MS });
    const shown = async () => ({
      base: (await dialog.getByLabel('SCIM base URL').textContent())!,
      token: (await dialog.getByLabel('Bearer token').textContent())!,
    });
    const first = await shown();
    const users = (token: string) =>
      fetch(new URL(`${first.base}/Users`, server.baseUrl), {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await users(first.token)).status).toBe(200);
    await browser.screenshot(page, 'hr-scim-token');
    await dialog.getByRole('button', { name: 'I have copied the token' }).click();

    await page.getByRole('heading', { name: 'Northwind SCIM', level: 1 }).waitFor();
    expect(await dialog.count()).toBe(0);
    await page.getByText(`…${first.token.slice(-4)}`).waitFor();
    await page.getByRole('button', { name: 'Issue new token' }).click();
    await dialog.getByText('This token will not be shown again', { exact: false }).waitFor();
    const second = await shown();
    expect(second.token).not.toBe(first.token);
    expect((await users(second.token)).status).toBe(200);
    expect((await users(first.token)).status).toBe(401);
    await dialog.getByRole('button', { name: 'I have copied the token' }).click();
    await page.getByText(`…${second.token.slice(-4)}`).waitFor();
  });

  it('refuses to publish a draft someone changed after the preview, until it is previewed again', async () => {
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
    await page.goto(`${server.baseUrl}${sourcePath}?tab=rules`);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('region', { name: 'Preview' }).waitFor({ timeout: DONE_MS });

    // A colleague (another tab of the same administrator) changes the draft meanwhile.
    const other = await browser.context.newPage();
    await other.goto(`${server.baseUrl}${sourcePath}?tab=rules`);
    await other.getByRole('region', { name: 'Rule Everyone' }).getByLabel('Description').fill('All staff');
    await other.getByRole('button', { name: 'Save draft' }).click();
    await other.getByText('Draft saved.', { exact: false }).waitFor({ timeout: DONE_MS });
    await other.close();

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Someone changed the draft since your preview', { exact: false }).waitFor();
    expect(await page.getByRole('region', { name: 'Preview' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('region', { name: 'Preview' }).waitFor({ timeout: DONE_MS });
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Version 2 published', { exact: false }).waitFor({ timeout: DONE_MS });
  });
});
