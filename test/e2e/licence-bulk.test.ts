import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../src/api/app.js';
import { createSkuRecord } from '../../src/emulator/graph/licences/records.js';
import { createCustomerRepository, createUserRepository, schema } from '../../src/store/index.js';
import { call, signIn as sessionFor, type Caller } from '../api/access/fixtures.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startEntraEstate, type EntraEstate } from './support/entra-estate.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { email: 'bulk@msp.example', name: 'Bea Bulk', password: 'a long enough passphrase' };
const EMS = 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e';
const EMS_NAME = 'Enterprise Mobility + Security E3';
const SENT_MS = 30_000;

/** Waits until `done` holds (what a worker does takes its time), or fails after SENT_MS. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + SENT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('still waiting after 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A licence for many users at once from the users list (issue 7): tick users, choose the licence
 * (imported by the Entra connection's licences module, not put in the desk by hand), and follow the
 * batch until Microsoft answered for every user.
 */
describe('Assigning a licence to many users from the users list', () => {
  let estate: EntraEstate;
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let admin: Caller;
  let connectionId: string;
  let customerId: string;
  /** Who got the last seat in the bulk change. */
  let licensed: string;
  const holders = () =>
    [...estate.emulator.estate.tenant(estate.tenantId)!.users.values()]
      .filter((u) => (u.props.assignedLicenses as { skuId: string }[]).some((l) => l.skuId === EMS))
      .map((u) => String(u.props.displayName))
      .sort();

  beforeAll(async () => {
    estate = await startEntraEstate();
    server = await startE2eServer({ config: estate.config, jobs: createAppJobRuntime });
    const db = server.app.deps.db;
    const account = await givenAgentWithPassword(db, { ...ADMIN, permissions: ['administrator'] });
    admin = {
      ...(await sessionFor(db, account.accountId)),
      accountId: account.accountId,
      email: ADMIN.email,
      displayName: ADMIN.name,
    };
    // An app that reads the tenant's licences and writes users' licences.
    const registered = await estate.emulator.inject({
      method: 'POST',
      url: '/_emulator/apps',
      body: {
        tenantId: estate.tenantId,
        displayName: 'Rollcall licences',
        graphRoles: ['User.Read.All', 'Group.Read.All', 'Organization.Read.All', 'User.ReadWrite.All'],
      },
    });
    const writer = registered.body as { clientId: string; clientSecret: string };
    const created = await call(server.app, admin, 'POST', '/api/entra/connections', {
      name: 'Contoso licences',
      tenantId: estate.tenantId,
      clientId: writer.clientId,
      authMethod: 'clientSecret',
      enabledFor: 'all',
      clientSecret: writer.clientSecret,
    });
    expect(created.statusCode, created.body).toBe(201);
    connectionId = created.json().id;
    const { customer, defaultSite } = await createCustomerRepository(db).create({ name: 'Contoso Travel' });
    customerId = customer.id;
    const base = `/api/entra/connections/${connectionId}`;
    const current = await call(server.app, admin, 'GET', `${base}/import-config`);
    const saved = await call(server.app, admin, 'PUT', `${base}/import-config`, {
      expectedVersion: current.json().version,
      acceptWarnings: true,
      config: {
        userFieldMappings: [
          { entraField: 'displayName', deskField: 'displayName', overwriteWithBlank: false },
          { entraField: 'userPrincipalName', deskField: 'userPrincipalName', overwriteWithBlank: false },
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
    const tenant = estate.emulator.estate.tenant(estate.tenantId)!;
    // Two seats: after the first person's, one is left for the two others.
    tenant.skus.set(EMS, createSkuRecord({ sku: 'EMS', enabled: 2 }));
    for (const user of tenant.users.values()) {
      estate.emulator.estate.updateUser(tenant, String(user.props.id), { usageLocation: 'GB' });
    }
    // The tenant's licences come from Microsoft: the connection's licences module ("Run now").
    const run = await call(server.app, admin, 'POST', `${base}/integrator/run`, { module: 'licences' });
    expect(run.statusCode, run.body).toBe(201);
    const jobId = (run.json() as { jobs: { jobId: string }[] }).jobs[0]!.jobId;
    await until(async () => (await server.app.deps.jobs!.job('sync.tenant', jobId))?.state === 'completed');
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
    // One person holds it already: the bulk change refuses them, in words.
    const first = [...tenant.users.values()].find((u) => u.props.displayName === estate.people[0])!;
    const firstId = (await createUserRepository(db).findByEntraId(estate.tenantId, String(first.props.id)))!
      .id;
    const single = await call(server.app, admin, 'POST', `/api/users/${firstId}/licence-changes`, {
      operation: 'assign',
      skuId: EMS,
    });
    expect(single.statusCode, single.body).toBe(202);
    await until(() => holders().length === 1);
    expect(holders()).toEqual([estate.people[0]]);
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await estate?.emulator.close();
  });

  it('counts the users ticked on the list', async () => {
    await page.goto(`${server.baseUrl}/users?customerId=${customerId}`);
    const table = page.getByRole('grid', { name: 'Users' });
    await table.getByRole('rowheader', { name: estate.people[2]! }).waitFor();
    await page.getByText('Tick users to assign or remove a licence for many at once.').waitFor();
    expect(await page.getByRole('button', { name: 'Assign/remove licence' }).isDisabled()).toBe(true);
    await table.getByRole('checkbox', { name: `Select ${estate.people[1]!}` }).check({ force: true });
    await page.getByText('1 user selected').waitFor();
    await table.getByRole('checkbox', { name: 'Select All' }).check({ force: true });
    await page.getByText('3 users selected').waitFor();
  });

  it('assigns the licence to the ticked users and follows the batch until Microsoft answered for each', async () => {
    await page.getByRole('button', { name: 'Assign/remove licence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign or remove a licence' });
    await dialog.getByText(`${EMS_NAME} (1 of 2 free)`).first().waitFor();
    await dialog.getByRole('button', { name: 'Assign to 3 users' }).click();
    await dialog.getByText('Finished: 1 change done, 1 failed.').waitFor({ timeout: SENT_MS });
    // The desk refused who already holds it; Microsoft refused the one it had no seat for.
    const refused = dialog.getByRole('table', { name: 'Refused users' });
    await refused.getByRole('rowheader', { name: estate.people[0]! }).waitFor();
    expect(await refused.getByRole('row').count()).toBe(2);
    const failed = dialog.getByRole('table', { name: 'Failed changes' });
    await failed.getByText(`No seats of ${EMS_NAME} are free: Microsoft refused to assign it.`).waitFor();
    expect(await failed.getByRole('row').count()).toBe(2);
    const now = holders();
    expect(now).toHaveLength(2);
    expect(now).toContain(estate.people[0]);
    licensed = now.find((name) => name !== estate.people[0])!;
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it("shows the licence on each user's record", async () => {
    const table = page.getByRole('grid', { name: 'Users' });
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await table.getByRole('rowheader', { name: licensed }).click();
    const held = page.getByRole('table', { name: 'Licences held' });
    await held.getByRole('rowheader', { name: EMS_NAME }).waitFor({ timeout: SENT_MS });
  });

  it('says a change is for one tenant when the selection spans tenants', async () => {
    // A second tenant's user in another customer, as a CSP partner's users list would hold.
    const db = server.app.deps.db;
    const { customer, defaultSite } = await createCustomerRepository(db).create({ name: 'Fabrikam' });
    await db.insert(schema.deskUsers).values({
      customerId: customer.id,
      siteId: defaultSite.id,
      displayName: 'Zoë Zimmer',
      tenantId: randomUUID(),
      entraObjectId: randomUUID(),
    });
    await page.goto(`${server.baseUrl}/users`);
    const table = page.getByRole('grid', { name: 'Users' });
    await table.getByRole('rowheader', { name: 'Zoë Zimmer' }).waitFor();
    await table.getByRole('checkbox', { name: 'Select All' }).check({ force: true });
    await page.getByText('4 users selected').waitFor();
    await page.getByRole('button', { name: 'Assign/remove licence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign or remove a licence' });
    await dialog.getByText('The selected users are in 2 Microsoft tenants').waitFor();
    await dialog
      .getByRole('list', { name: 'Tenants in the selection' })
      .getByText(/Fabrikam: 1 user/)
      .waitFor();
    expect(await dialog.getByRole('button', { name: /Assign to/ }).count()).toBe(0);
  });

  it('offers no ticking or licence action to an agent who may not manage licences', async () => {
    const reader = { email: 'reader@msp.example', name: 'Rita Reader', password: 'another long passphrase' };
    await givenAgentWithPassword(server.app.deps.db, { ...reader, permissions: ['customers.read'] });
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, reader);
    await page.goto(`${server.baseUrl}/users?customerId=${customerId}`);
    const table = page.getByRole('grid', { name: 'Users' });
    await table.getByRole('rowheader', { name: estate.people[0]! }).waitFor();
    expect(await table.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Assign/remove licence' }).count()).toBe(0);
  });
});
