import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppJobRuntime } from '../../src/api/app.js';
import { createSkuRecord } from '../../src/emulator/graph/licences/records.js';
import { createCustomerRepository, createUserRepository } from '../../src/store/index.js';
import { call, signIn as sessionFor, type Caller } from '../api/access/fixtures.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startEntraEstate, type EntraEstate } from './support/entra-estate.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { email: 'lena@msp.example', name: 'Lena Licences', password: 'a long enough passphrase' };
const EMS = 'efccb6f7-5641-4e0e-bd10-b4976e1bf68e';
const SENT_MS = 30_000;

/**
 * Licence management in the console (issue 7): allowed on the connection's page, then a licence
 * assigned and removed on a user's record, each change shown as it travels to Microsoft and back.
 */
describe('Assigning and removing a licence from the console', () => {
  let estate: EntraEstate;
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let admin: Caller;
  let connectionId: string;
  let userId: string;

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
    // An app that may also write users and licences, as licence management needs.
    const registered = await estate.emulator.inject({
      method: 'POST',
      url: '/_emulator/apps',
      body: {
        tenantId: estate.tenantId,
        displayName: 'Rollcall licences',
        graphRoles: ['User.Read.All', 'Group.Read.All', 'User.ReadWrite.All'],
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
    tenant.skus.set(EMS, createSkuRecord({ sku: 'EMS', enabled: 10 }));
    const sku = tenant.skus.get(EMS)!;
    await db.execute(sql`insert into customer_licences
        (connection_id, tenant_id, customer_id, sku_id, sku_part_number, friendly_name, capability_status,
         total_units, consumed_units, source)
        values (${connectionId}, ${estate.tenantId}, ${customer.id}, ${EMS}, ${sku.skuPartNumber},
                'Enterprise Mobility + Security E3', 'Enabled', ${sku.prepaidUnits.enabled}, ${sku.consumedUnits}, 'graph')`);
    const person = [...tenant.users.values()].find((u) => u.props.displayName === estate.people[0])!;
    estate.emulator.estate.updateUser(tenant, String(person.props.id), { usageLocation: 'GB' });
    userId = (await createUserRepository(db).findByEntraId(estate.tenantId, String(person.props.id)))!.id;
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await estate?.emulator.close();
  });

  it('says why licences cannot be changed until a connection manages them', async () => {
    await page.goto(`${server.baseUrl}/users/${userId}`);
    await page.getByRole('heading', { name: 'Microsoft licences' }).waitFor();
    await page.getByText('Licences cannot be changed from the desk').waitFor();
    expect(await page.getByRole('button', { name: 'Assign licence' }).count()).toBe(0);
  });

  it('allows licence management on the connection page', async () => {
    await page.goto(`${server.baseUrl}/integrations/entra/${connectionId}`);
    const box = page.getByRole('checkbox', { name: 'Allow licences to be managed from Rollcall' });
    await box.waitFor({ state: 'attached' });
    await page.getByText('Allow licences to be managed from Rollcall').click();
    await expect.poll(() => box.isChecked(), { timeout: SENT_MS }).toBe(true);
    const state = await call(server.app, admin, 'GET', `/api/connections/${connectionId}/licence-management`);
    expect(state.json()).toMatchObject({ enabled: true });
  });

  it('assigns a licence and shows it once Microsoft confirmed it', async () => {
    await page.goto(`${server.baseUrl}/users/${userId}`);
    await page.getByRole('button', { name: 'Assign licence' }).click();
    const dialog = page.getByRole('dialog', { name: 'Assign a licence' });
    await dialog
      .getByText(/Enterprise Mobility \+ Security E3 \(\d+ of \d+ free\)/)
      .first()
      .waitFor();
    await dialog.getByRole('button', { name: 'Assign' }).click();
    const changes = page.getByRole('table', { name: 'Licence changes' });
    await changes.getByText('Done').waitFor({ timeout: SENT_MS });
    const held = page.getByRole('table', { name: 'Licences held' });
    await held
      .getByRole('rowheader', { name: 'Enterprise Mobility + Security E3' })
      .waitFor({ timeout: SENT_MS });
    const person = [...estate.emulator.estate.tenant(estate.tenantId)!.users.values()].find(
      (u) => u.props.displayName === estate.people[0],
    )!;
    expect((person.props.assignedLicenses as { skuId: string }[]).map((l) => l.skuId)).toEqual([EMS]);
  });

  it('removes it again', async () => {
    await page.getByRole('button', { name: 'Remove Enterprise Mobility + Security E3' }).click();
    await page.getByText('No licences.').waitFor({ timeout: SENT_MS });
    const rows = page.getByRole('table', { name: 'Licence changes' }).getByText('Done');
    await expect.poll(() => rows.count(), { timeout: SENT_MS }).toBe(2);
  });
});
