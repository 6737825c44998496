import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { createConnectionRepository, createCustomerRepository } from '../../src/store/index.js';
import { call, givenAgent, type Caller } from '../api/access/fixtures.js';
import { connectAsUser, REDIRECT_URI } from '../microsoft/sign-in.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { emulatorEndpoints, startEmulator } from '../support/emulator.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { ensureWebBuilt } from './support/web-build.js';

const ADMIN = { email: 'cora@msp.example', name: 'Cora Config', password: 'a long enough passphrase' };
const PC_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation offline_access';
const BAKERY = 'Bäckerei Fabrikam GmbH';
const LUMIERE = 'Lumière Architectes SARL';
/** Reading each tenant's groups with the GDAP app takes a few round trips to the emulator. */
const TENANTS_READ_MS = 30_000;

describe('the import configuration of a CSP connection', () => {
  let emu: Emulator;
  let app: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let configurer: Caller;
  let connectionId: string;
  let baseUrl: string;
  const tenantIds: Record<string, string> = {};

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'demo', listen: true });
    const partnerTenantId = emu.estate.partnerTenantId!;
    const apps = emu.info().apps;
    const partnerApp = apps.find((a) => a.kind === 'partner')!;
    const gdap = apps.find((a) => a.kind === 'gdap')!;
    const redirect = await emu.inject({
      method: 'POST',
      url: `/_emulator/apps/${partnerApp.clientId}/redirect-uris`,
      body: { uris: [REDIRECT_URI] },
    });
    expect(redirect.status).toBe(200);
    const partner = emu.estate.tenant(partnerTenantId)!;
    const login = [...partner.users.values()].find((u) => u.props.accountEnabled !== false)!.props
      .userPrincipalName as string;
    const refreshToken = await connectAsUser(emu, {
      tenantId: partnerTenantId,
      clientId: partnerApp.clientId,
      clientSecret: partnerApp.clientSecret,
      login,
      scope: PC_SCOPE,
    });
    for (const t of emu.estate.tenants.values())
      if (t.id !== partnerTenantId) tenantIds[t.displayName] = t.id;
    // The group the mapping uses exists in both mapped tenants.
    for (const name of [BAKERY, LUMIERE])
      emu.estate.addGroup(
        emu.estate.tenant(tenantIds[name]!)!,
        {
          id: randomUUID(),
          displayName: 'Office Staff',
          mailEnabled: false,
          securityEnabled: true,
          groupTypes: [],
        },
        { kind: 'security' },
      );

    await ensureWebBuilt();
    const info = emu.info();
    app = await startTestApp({
      config: {
        microsoft: emulatorEndpoints(info),
      },
    });
    baseUrl = await app.app.listen({ port: 0, host: '127.0.0.1' });
    const db = app.deps.db;
    await givenAgentWithPassword(db, { ...ADMIN, permissions: ['administrator'] });
    configurer = await givenAgent(db, { permissions: ['integrations.csp.configure'] });
    const connection = await createConnectionRepository(db, app.deps.secrets).create({
      kind: 'csp',
      name: 'Our partner tenant',
      tenantId: partnerTenantId,
      clientId: partnerApp.clientId,
      settings: { gdapClientId: gdap.clientId },
      secrets: { clientSecret: partnerApp.clientSecret, refreshToken, gdapClientSecret: gdap.clientSecret },
    });
    connectionId = connection.id;
    // The Tenants tab's work, done through its API: sync, then map two tenants to customers.
    const synced = await call(app, configurer, 'POST', `/api/csp/connections/${connectionId}/tenants/sync`);
    expect(synced.statusCode, synced.body).toBe(200);
    for (const [tenant, customerName] of [
      [BAKERY, 'Fabrikam Bakery'],
      [LUMIERE, 'Lumière Architects'],
    ] as const) {
      const { customer } = await createCustomerRepository(db).create({ name: customerName });
      const mapped = await call(
        app,
        configurer,
        'PUT',
        `/api/csp/connections/${connectionId}/tenants/${tenantIds[tenant]}/mapping`,
        { target: { kind: 'customer', customerId: customer.id } },
      );
      expect(mapped.statusCode, mapped.body).toBe(200);
    }

    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, baseUrl, ADMIN);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await emu?.close();
  });

  it('adds a site mapping for one mapped tenant, picked by name, and saves it', async () => {
    await page.goto(`${baseUrl}/integrations/csp/${connectionId}?tab=sites`);
    await page.getByRole('heading', { name: 'No site mappings yet' }).waitFor();
    await page.getByRole('button', { name: 'Generate mappings' }).waitFor();
    await page.getByRole('button', { name: 'Add site mapping' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Map to an existing site', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Next' }).click();

    await dialog.getByLabel('Description').fill('Bakery office');
    await dialog.getByRole('combobox', { name: 'Site' }).fill('Fabrikam');
    await page.getByRole('option', { name: 'Main — Fabrikam Bakery' }).click();
    await dialog.getByLabel('Entra group (exact name, optional)').fill('Office Staff');
    // The tenant filter offers the mapped tenants only, by name and default domain.
    const bakery = dialog.getByRole('checkbox', { name: new RegExp(`^${BAKERY} \\(.+\\)$`) });
    await bakery.waitFor({ state: 'attached' });
    expect(await dialog.getByRole('checkbox', { name: new RegExp(LUMIERE) }).count()).toBe(1);
    expect(await dialog.getByRole('checkbox', { name: /Nordlys|Contoso Dental/ }).count()).toBe(0);
    await dialog.getByText(new RegExp(`^${BAKERY} \\(`)).click();
    expect(await bakery.isChecked()).toBe(true);
    await browser.screenshot(page, 'csp-site-mapping-tenant-filter');
    await dialog.getByRole('button', { name: 'Add mapping' }).click();
    await dialog.waitFor({ state: 'detached' });

    const mappings = page.getByRole('table', { name: 'Site mappings' });
    await mappings.getByRole('rowheader', { name: /Bakery office/ }).waitFor();
    await mappings.getByText(`Only ${BAKERY}`).waitFor();
    await page.getByRole('button', { name: 'Save configuration' }).click();
    await page.getByText('The next import uses this configuration.').waitFor({ timeout: TENANTS_READ_MS });
    await page.getByText(/^Saved \(version 1/).waitFor();
    await browser.screenshot(page, 'csp-site-mappings');

    const saved = await call(app, configurer, 'GET', `/api/csp/connections/${connectionId}/import-config`);
    expect(saved.json()).toMatchObject({
      version: 1,
      config: {
        siteMappings: [
          { description: 'Bakery office', groupName: 'Office Staff', tenantIds: [tenantIds[BAKERY]] },
        ],
      },
    });

    // A partner's thousands of mappings are found by tenant name (or sequence, group, …).
    const find = page.getByLabel('Find a site mapping');
    await find.fill('lumière');
    await page.getByText('No site mapping matches “lumière”.').waitFor();
    expect(await mappings.getByRole('rowheader').count()).toBe(0);
    await find.fill('fabrikam');
    await mappings.getByRole('rowheader', { name: /Bakery office/ }).waitFor();
    await find.fill('');
  });

  it('sets the import safety settings and delta queries for every tenant on the Imports tab', async () => {
    await page.goto(`${baseUrl}/integrations/csp/${connectionId}?tab=imports`);
    for (const heading of ['Import settings', 'Licence check', 'Contract compliance', 'Delta queries'])
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    // Each tenant's delta status lives with its runs; the Entra panel is not offered here.
    expect(await page.getByRole('button', { name: /Reset deltas/ }).count()).toBe(0);
    await page.getByText('Deactivate users and agents not found in Entra (never deleted)').click();
    await page.getByText('Use delta queries for scheduled runs (users and groups only)').click();
    await page.getByRole('button', { name: 'Save configuration' }).click();
    await page.getByText(/^Saved \(version 2/).waitFor({ timeout: TENANTS_READ_MS });

    const saved = await call(app, configurer, 'GET', `/api/csp/connections/${connectionId}/import-config`);
    expect(saved.json()).toMatchObject({
      version: 2,
      config: { import: { deactivateNotFound: false }, delta: { enabled: true } },
    });
  });
});
