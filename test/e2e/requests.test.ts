import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../src/api/app.js';
import { SKU_CATALOGUE } from '../../src/emulator/graph/licences/catalogue.js';
import { createCustomerRepository, createUserRepository } from '../../src/store/index.js';
import { call, signIn as sessionFor, type Caller } from '../api/access/fixtures.js';
import { givenAgentWithPassword, givenPortalAccount, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { signInWithMicrosoft } from './support/microsoft-sign-in.js';
import { startRequestsEstate, type RequestsEstate } from './support/requests-estate.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { email: 'ada@msp.example', name: 'Ada Admin', password: 'a long enough passphrase' };
const APPROVER = { email: 'abe@msp.example', name: 'Abe Approver', password: 'another long passphrase' };
const CUSTOMER = 'Contoso Travel';
const FINANCE = 'Finance Team';
const VPN = 'VPN Users';
const ALL_STAFF = 'All Staff';
const EMS = SKU_CATALOGUE.EMS;
const DONE_MS = 60_000;

/** Waits until `done` holds (what a worker does takes its time), or fails after DONE_MS. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + DONE_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${DONE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Today as the form's date field takes it (YYYY-MM-DD): a start today needs no waiting. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Guide 000 end to end through the real UI (issue 8): an administrator sets up what the customer's
 * new-starter form offers, a customer's manager asks for a new starter in the portal, an agent
 * approves with "Trigger Azure onboarding automation", and the emulated tenant then has the user,
 * in the two groups asked for and with the licence, each exactly once.
 */
describe('A new starter from the portal to Entra', () => {
  let estate: RequestsEstate;
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let customerId: string;
  let requestPath: string;
  const upn = () => `nora.newstart@${estate.domain}`;
  const tenant = () => estate.emulator.estate.tenant(estate.tenantId)!;
  /** Sets the seats the tenant has bought of the licence (as buying or cancelling seats would). */
  const skuSeats = async (enabled: number) => {
    const res = await estate.emulator.inject({
      method: 'PATCH',
      url: `/_emulator/tenants/${estate.tenantId}/skus/${EMS.skuId}`,
      body: { prepaidUnits: { enabled } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const usersNamed = (address: string) =>
    [...tenant().users.values()].filter(
      (u) =>
        String(u.props.userPrincipalName).toLowerCase() === address.toLowerCase() && u.deletedAt === null,
    );

  beforeAll(async () => {
    estate = await startRequestsEstate({
      groups: [FINANCE, VPN, ALL_STAFF],
      sku: { part: 'EMS', enabled: 3 },
    });
    server = await startE2eServer({ config: estate.config, jobs: createAppJobRuntime });
    await estate.allowRedirectTo(server.baseUrl);
    const db = server.app.deps.db;
    const account = await givenAgentWithPassword(db, { ...ADMIN, permissions: ['administrator'] });
    await givenAgentWithPassword(db, { ...APPROVER, permissions: ['customers.read', 'requests.approve'] });
    const admin: Caller = {
      ...(await sessionFor(db, account.accountId)),
      accountId: account.accountId,
      email: ADMIN.email,
      displayName: ADMIN.name,
    };
    // The customer's tenant, connected with an app that may write users, and imported into the desk.
    const created = await call(server.app, admin, 'POST', '/api/entra/connections', {
      name: 'Contoso',
      tenantId: estate.tenantId,
      clientId: estate.writer.clientId,
      authMethod: 'clientSecret',
      enabledFor: 'all',
      clientSecret: estate.writer.clientSecret,
    });
    expect(created.statusCode, created.body).toBe(201);
    const connectionId = (created.json() as { id: string }).id;
    const { customer, defaultSite } = await createCustomerRepository(db).create({ name: CUSTOMER });
    customerId = customer.id;
    const base = `/api/entra/connections/${connectionId}`;
    const current = await call(server.app, admin, 'GET', `${base}/import-config`);
    const saved = await call(server.app, admin, 'PUT', `${base}/import-config`, {
      expectedVersion: (current.json() as { version: number }).version,
      acceptWarnings: true,
      config: {
        userFieldMappings: [
          { entraField: 'displayName', deskField: 'displayName', overwriteWithBlank: false },
          { entraField: 'userPrincipalName', deskField: 'userPrincipalName', overwriteWithBlank: false },
          { entraField: 'mail', deskField: 'email', overwriteWithBlank: false },
        ],
        agentFieldMappings: [],
        siteMappings: [
          {
            id: randomUUID(),
            type: 'existingSite',
            sequence: 10,
            description: 'All',
            siteId: defaultSite.id,
          },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const applied = await call(server.app, admin, 'POST', `${base}/apply`, { module: 'users' });
    expect(applied.statusCode, applied.body).toBe(200);
    // The tenant's licences come from Microsoft: the connection's licences module ("Run now").
    const run = await call(server.app, admin, 'POST', `${base}/integrator/run`, { module: 'licences' });
    expect(run.statusCode, run.body).toBe(201);
    const jobId = (run.json() as { jobs: { jobId: string }[] }).jobs[0]!.jobId;
    await until(async () => (await server.app.deps.jobs!.job('sync.tenant', jobId))?.state === 'completed');
    // Licences are assigned only through connections that allow it (guide 002).
    const managed = await call(
      server.app,
      admin,
      'PUT',
      `/api/connections/${connectionId}/licence-management`,
      {
        enabled: true,
      },
    );
    expect(managed.statusCode, managed.body).toBe(200);
    const requester = await createUserRepository(db).findByEntraId(
      estate.tenantId,
      estate.requester.objectId,
    );
    expect(requester, 'the requester was imported').toBeTruthy();
    await givenPortalAccount(db, requester!.id, estate.requester, ['Portal requester']);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await estate?.emulator.close();
  });

  it("lets an administrator set up the customer's request settings", async () => {
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
    await page.goto(`${server.baseUrl}/customers/${customerId}`);
    await page.getByRole('heading', { name: CUSTOMER, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Open request settings' }).click();
    const settings = page.getByRole('region', { name: 'Request settings' });
    const save = async () => {
      const saved = page.waitForResponse(
        (r) => r.url().endsWith('/onboarding') && r.request().method() === 'PUT',
        { timeout: DONE_MS },
      );
      await settings.getByRole('button', { name: 'Save request settings' }).click();
      expect((await saved).status()).toBe(200);
      await settings.getByText('Request settings saved.').waitFor();
    };
    await settings.getByText('Not set up yet').waitFor({ timeout: DONE_MS });

    const tenantPicker = settings.getByRole('button', { name: /Tenant/ });
    if ((await tenantPicker.textContent())?.includes('Choose')) {
      await tenantPicker.click();
      await page.getByRole('option').first().click();
    }
    for (const group of [FINANCE, VPN]) {
      await settings.getByLabel('Group name').fill(group);
      await settings.getByRole('button', { name: 'Add group' }).click();
      await settings
        .getByRole('table', { name: 'Groups offered' })
        .getByRole('rowheader', { name: group })
        .waitFor();
    }
    // The customer's only tenant is chosen before the first save, with its verified domains and
    // imported licences listed to tick.
    await settings
      .getByRole('group', { name: 'Allowed domains' })
      .getByRole('checkbox', { name: estate.domain, exact: true })
      .check({ force: true });
    // The customer's only imported licence.
    await settings
      .getByRole('group', { name: 'Licences offered' })
      .getByRole('checkbox')
      .first()
      .check({ force: true });
    await save();
    expect(await settings.getByText('Not set up yet').count()).toBe(0);
    // Both groups were found in the tenant: neither carries a warning.
    const groups = settings.getByRole('table', { name: 'Groups offered' });
    for (const group of [FINANCE, VPN]) {
      expect(
        await groups
          .getByRole('row', { name: new RegExp(group) })
          .getByText('—')
          .count(),
      ).toBe(1);
    }
    await browser.screenshot(page, 'customer-request-settings');
  });

  it('lets a portal user ask for a new starter with two groups and a licence, previewing the address', async () => {
    page = await browser.newPage();
    await page.goto(`${server.baseUrl}/portal/`);
    await page.getByRole('heading', { name: 'Sign in to the service portal' }).waitFor();
    await signInWithMicrosoft(page, server.baseUrl, estate.requester);
    await page.getByRole('heading', { name: 'No requests yet' }).waitFor();
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'New request' }).click();

    const form = page.getByRole('form', { name: 'New starter' });
    await form.getByLabel('First name').fill('Nora');
    await form.getByLabel('Last name').fill('Newstart');
    expect(await form.getByLabel('Display name').inputValue()).toBe('Nora Newstart');
    await page.getByTestId('address-preview').filter({ hasText: upn() }).waitFor({ timeout: DONE_MS });
    await form.getByLabel('Job title').fill('Travel Consultant');
    await form.getByLabel('Department').fill('Sales');
    await form.getByRole('combobox', { name: 'Manager' }).fill('Mona');
    await page.getByRole('option', { name: new RegExp(estate.manager.displayName) }).click();
    await form.getByLabel('Start date').fill(today());
    await form.getByLabel('Usage location').fill('GB');
    const groups = form.getByRole('group', { name: 'Groups' });
    await groups.getByRole('checkbox', { name: FINANCE, exact: true }).check({ force: true });
    await groups.getByRole('checkbox', { name: VPN, exact: true }).check({ force: true });
    expect(await groups.getByRole('checkbox').count()).toBe(2);
    const licences = form.getByRole('group', { name: 'Licences' });
    await licences.getByRole('checkbox', { name: /3 seats left/ }).check({ force: true });
    expect(await form.getByText('No seats left').count()).toBe(0);
    await browser.screenshot(page, 'portal-new-starter-form');
    await form.getByRole('button', { name: 'Submit request' }).click();

    await page.getByRole('heading', { name: /^REQ-\d+: New starter$/ }).waitFor({ timeout: DONE_MS });
    await page.getByText('Waiting for approval').first().waitFor();
    const asked = page.getByRole('region', { name: 'What was asked' });
    await asked.getByText(upn()).waitFor();
    await asked.getByText(FINANCE).waitFor();
    await asked.getByText(VPN).waitFor();
    requestPath = new URL(page.url()).pathname.replace(/^\/portal\/requests\//, '/tickets/');
    // Nothing is written to Microsoft before approval.
    expect(usersNamed(upn())).toHaveLength(0);
    await browser.screenshot(page, 'portal-request-waiting');
  });

  it('lets an agent approve it with the automation, and the request shows every step done', async () => {
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, APPROVER);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Requests' }).click();
    await page.getByText('Waiting for me', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('mine') === 'true');
    const table = page.getByRole('grid', { name: 'Requests' });
    const row = table.getByRole('row').filter({ hasText: 'Nora Newstart' });
    await row.waitFor();
    await row.getByRole('rowheader').click();
    expect(new URL(page.url()).pathname).toBe(requestPath);

    const decision = page.getByRole('region', { name: /Your decision/ });
    const trigger = decision.getByRole('checkbox', { name: 'Trigger Azure onboarding automation' });
    expect(await trigger.isChecked()).toBe(true);
    await decision.getByLabel('Comment').fill('Welcome aboard');
    await decision.getByRole('button', { name: 'Approve' }).click();

    const overview = page.getByRole('region', { name: 'Overview' });
    await overview.getByText('Done', { exact: true }).waitFor({ timeout: DONE_MS });
    await overview.getByText('Nobody yet', { exact: true }).waitFor();
    const steps = page.getByRole('list', { name: 'Automation steps' });
    for (const label of [
      'Create the user in Entra',
      'Add to groups',
      'Set the manager',
      'Set usage location and assign licences',
    ]) {
      await steps.getByRole('listitem', { name: label }).getByText('Done', { exact: true }).waitFor();
    }
    const approval = page.getByRole('table', { name: 'Approval steps' });
    await approval.getByText('Welcome aboard').waitFor();
    await browser.screenshot(page, 'console-request-done');

    // The temporary password is shown once, then only who saw it and when.
    const password = page.getByRole('region', { name: 'Temporary password' });
    await password.getByRole('button', { name: 'Reveal password (once)' }).click();
    await password.getByText('This password will not be shown again.', { exact: false }).waitFor();
    expect((await password.getByLabel('Temporary password').textContent())?.length).toBeGreaterThanOrEqual(8);
    await page.reload();
    await page
      .getByRole('region', { name: 'Temporary password' })
      .getByText(`Revealed by ${APPROVER.name}`)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Reveal password (once)' }).count()).toBe(0);
  });

  it('leaves the emulated tenant with the user, their two groups and the licence, each exactly once', () => {
    const created = usersNamed(upn());
    expect(created).toHaveLength(1);
    const user = created[0]!;
    const userId = String(user.props.id);
    expect(user.props.displayName).toBe('Nora Newstart');
    expect(user.managerId).toBe(estate.manager.objectId);
    const memberOf = [...tenant().groups.values()]
      .filter((g) => g.members.has(userId))
      .map((g) => String(g.props.displayName))
      .sort();
    expect(memberOf).toEqual([FINANCE, VPN].sort());
    const licences = (user.props.assignedLicenses as { skuId: string }[]).map((l) => l.skuId.toLowerCase());
    expect(licences).toEqual([EMS.skuId.toLowerCase()]);
    expect(user.props.usageLocation).toBe('GB');
  });

  it('shows the portal user their request as done', async () => {
    page = await browser.newPage();
    await page.goto(`${server.baseUrl}/portal/`);
    await signInWithMicrosoft(page, server.baseUrl, estate.requester);
    const table = page.getByRole('grid', { name: 'Requests' });
    const row = table.getByRole('row').filter({ hasText: 'Nora Newstart' });
    await row.getByText('Done', { exact: true }).waitFor();
  });

  it('lets a portal user ask for a leaver, and an agent reject it with a comment: nothing is written', async () => {
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'New request' }).click();
    await page.getByText('Leaver: remove someone’s access').click();
    const form = page.getByRole('form', { name: 'Leaver' });
    await form.getByRole('combobox', { name: 'Who is leaving' }).fill('Mona');
    await page.getByRole('option', { name: new RegExp(estate.manager.displayName) }).click();
    await form.getByLabel('Leave date').fill(today());
    await form.getByLabel('Hand-over notes').fill('Nora takes over her mailbox');
    await form.getByRole('button', { name: 'Submit request' }).click();
    await page.getByRole('heading', { name: /^REQ-\d+: Leaver$/ }).waitFor({ timeout: DONE_MS });
    const asked = page.getByRole('region', { name: 'What was asked' });
    await asked.getByText('Nora takes over her mailbox').waitFor();
    const leaverPath = new URL(page.url()).pathname.replace(/^\/portal\/requests\//, '/tickets/');

    const agent = await browser.newPage();
    await signInWithPassword(agent, server.baseUrl, APPROVER);
    await agent.goto(`${server.baseUrl}${leaverPath}`);
    const decision = agent.getByRole('region', { name: /Your decision/ });
    await decision.getByLabel('Comment').fill('Mona is staying after all');
    await decision.getByRole('button', { name: 'Reject' }).click();
    await agent.getByRole('region', { name: 'Overview' }).getByText('Rejected', { exact: true }).waitFor();
    await agent
      .getByRole('table', { name: 'Approval steps' })
      .getByText('Mona is staying after all')
      .waitFor();
    expect(await agent.getByRole('list', { name: 'Automation steps' }).count()).toBe(0);
    const mona = tenant().users.get(estate.manager.objectId)!;
    expect(mona.props.accountEnabled).toBe(true);
    expect(mona.deletedAt).toBeNull();
  });

  it('shows a licence Microsoft has no seat for as a failed step, and finishes after a seat is bought and Retry', async () => {
    // Nora holds the only seat left in the tenant now.
    await skuSeats(1);
    page = await browser.newPage();
    await page.goto(`${server.baseUrl}/portal/`);
    await signInWithMicrosoft(page, server.baseUrl, estate.requester);
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'New request' }).click();
    const form = page.getByRole('form', { name: 'New starter' });
    await form.getByLabel('First name').fill('Omar');
    await form.getByLabel('Last name').fill('Overflow');
    await form.getByLabel('Start date').fill(today());
    await form.getByLabel('Usage location').fill('GB');
    await form
      .getByRole('group', { name: 'Groups' })
      .getByRole('checkbox', { name: FINANCE, exact: true })
      .check({ force: true });
    await form.getByRole('group', { name: 'Licences' }).getByRole('checkbox').first().check({ force: true });
    await form.getByRole('button', { name: 'Submit request' }).click();
    await page.getByRole('heading', { name: /^REQ-\d+: New starter$/ }).waitFor({ timeout: DONE_MS });
    const path = new URL(page.url()).pathname.replace(/^\/portal\/requests\//, '/tickets/');

    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, APPROVER);
    await page.goto(`${server.baseUrl}${path}`);
    await page
      .getByRole('region', { name: /Your decision/ })
      .getByRole('button', { name: 'Approve' })
      .click();
    const overview = page.getByRole('region', { name: 'Overview' });
    await overview.getByText('Needs attention', { exact: true }).waitFor({ timeout: DONE_MS });
    const steps = page.getByRole('list', { name: 'Automation steps' });
    const licences = steps.getByRole('listitem', { name: 'Set usage location and assign licences' });
    await licences.getByText('Failed', { exact: true }).waitFor();
    await licences.getByRole('alert').waitFor();
    // What could be done was done: the account and its group.
    await steps.getByRole('listitem', { name: 'Add to groups' }).getByText('Done', { exact: true }).waitFor();
    await browser.screenshot(page, 'console-request-failed-step');

    await skuSeats(2);
    await page.getByRole('button', { name: 'Retry failed step' }).click();
    await overview.getByText('Done', { exact: true }).waitFor({ timeout: DONE_MS });
    await licences.getByText('Done', { exact: true }).waitFor();
    const omar = usersNamed(`omar.overflow@${estate.domain}`);
    expect(omar).toHaveLength(1);
    const held = (omar[0]!.props.assignedLicenses as { skuId: string }[]).map((l) => l.skuId.toLowerCase());
    expect(held).toEqual([EMS.skuId.toLowerCase()]);
  });

  it('lets an administrator assign a request to an agent, shown on the list', async () => {
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
    await page.goto(`${server.baseUrl}/tickets`);
    const table = page.getByRole('grid', { name: 'Requests' });
    await table.getByRole('row').filter({ hasText: 'Omar Overflow' }).getByRole('rowheader').click();
    const overview = page.getByRole('region', { name: 'Overview' });
    await overview.getByRole('combobox', { name: 'Assigned to' }).fill('Abe');
    await page.getByRole('option', { name: APPROVER.name }).click();
    await overview.getByRole('button', { name: 'Unassign' }).waitFor();
    await page.getByRole('link', { name: 'Requests' }).first().click();
    await table.getByRole('row').filter({ hasText: 'Omar Overflow' }).getByText(APPROVER.name).waitFor();
  });

  it('lets an agent raise a new starter for the customer from the console, then cancel it: nothing is written', async () => {
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
    await page.goto(`${server.baseUrl}/customers/${customerId}`);
    await page.getByRole('link', { name: 'Raise a request' }).click();
    await page.getByRole('heading', { name: `New request for ${CUSTOMER}` }).waitFor();
    const form = page.getByRole('form', { name: 'New starter' });
    await form.getByLabel('First name').fill('Cara');
    await form.getByLabel('Last name').fill('Console');
    await page
      .getByTestId('address-preview')
      .filter({ hasText: `cara.console@${estate.domain}` })
      .waitFor({ timeout: DONE_MS });
    await form.getByRole('combobox', { name: 'Manager' }).fill('Mona');
    await page.getByRole('option', { name: new RegExp(estate.manager.displayName) }).click();
    await form.getByLabel('Start date').fill(today());
    await form.getByLabel('Usage location').fill('GB');
    await form.getByRole('button', { name: 'Submit request' }).click();
    await page.getByRole('heading', { name: /^REQ-\d+: New starter$/ }).waitFor({ timeout: DONE_MS });
    expect(new URL(page.url()).pathname).toMatch(/^\/tickets\//);
    const overview = page.getByRole('region', { name: 'Overview' });
    await overview.getByText('Waiting for approval', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Cancel request' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Comment').fill('Raised by mistake');
    await dialog.getByRole('button', { name: 'Cancel the request' }).click();
    await overview.getByText('Cancelled', { exact: true }).waitFor();
    expect(usersNamed(`cara.console@${estate.domain}`)).toHaveLength(0);
  });
});
