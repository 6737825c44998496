import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { createConnectionRepository, createCustomerRepository } from '../../src/store/index.js';
import { call, givenAgent } from '../api/access/fixtures.js';
import { authorisePartnerUser } from '../microsoft/sign-in.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { emulatorEndpoints, startEmulator } from '../support/emulator.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { ensureWebBuilt } from './support/web-build.js';

const ADMIN = { email: 'ada@msp.example', name: 'Ada Assets', password: 'a long enough passphrase' };
const LUMIERE = 'Lumière Architectes SARL';

/**
 * Guide 002 "Assets" in the console: a CSP connection's Assets tab switched on and saved, "Import
 * managed devices now" with each tenant's outcome, and the devices on the customer record.
 */
describe('Intune devices as assets in the console', () => {
  let emu: Emulator;
  let app: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let baseUrl: string;
  let connectionUrl: string;
  let customerId: string;

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'demo', listen: true });
    const partnerTenantId = emu.estate.partnerTenantId!;
    const apps = emu.info().apps;
    const partnerApp = apps.find((a) => a.kind === 'partner')!;
    const gdap = apps.find((a) => a.kind === 'gdap')!;
    const { refreshToken } = await authorisePartnerUser(emu);
    const lumiere = [...emu.estate.tenants.values()].find((t) => t.displayName === LUMIERE)!;

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
    const connection = await createConnectionRepository(db, app.deps.secrets).create({
      kind: 'csp',
      name: 'Partner with devices',
      tenantId: partnerTenantId,
      clientId: partnerApp.clientId,
      settings: { gdapClientId: gdap.clientId },
      secrets: { clientSecret: partnerApp.clientSecret, refreshToken, gdapClientSecret: gdap.clientSecret },
    });
    connectionUrl = `${baseUrl}/integrations/csp/${connection.id}`;
    const configurer = await givenAgent(db, { permissions: ['integrations.csp.configure'] });
    const base = `/api/csp/connections/${connection.id}`;
    expect((await call(app, configurer, 'POST', `${base}/tenants/sync`)).statusCode).toBe(200);
    const { customer } = await createCustomerRepository(db).create({ name: 'Lumière (desk)' });
    customerId = customer.id;
    const mapped = await call(app, configurer, 'PUT', `${base}/tenants/${lumiere.id}/mapping`, {
      target: { kind: 'customer', customerId },
    });
    expect(mapped.statusCode, mapped.body).toBe(200);

    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, baseUrl, ADMIN);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await emu?.close();
  });

  it('says what the customer record will show before anything is imported', async () => {
    await page.goto(`${baseUrl}/customers/${customerId}`);
    await page.getByRole('region', { name: 'No assets yet' }).waitFor();
  });

  it('switches asset import on, saves, and imports the managed devices', async () => {
    await page.goto(`${connectionUrl}?tab=assets`);
    await page.getByRole('heading', { name: 'Assets (Intune devices)' }).waitFor();
    await page.getByRole('checkbox', { name: 'Import Intune devices as assets' }).check({ force: true });
    await page.getByRole('checkbox', { name: /Exclude assets managed by Sense/ }).check({ force: true });
    await page.getByRole('button', { name: 'Save assets configuration' }).click();
    await page.getByText('Saved. The next import uses these settings.').waitFor();
    await page.getByRole('button', { name: /Tenants to import/ }).click();
    await page.getByRole('option', { name: new RegExp(`^${LUMIERE}`) }).click();
    await page.getByRole('button', { name: 'Import managed devices now' }).click();
    const outcome = page.getByRole('table', { name: 'Outcome by tenant' });
    await outcome.getByRole('row').filter({ hasText: 'Imported' }).filter({ hasText: LUMIERE }).waitFor();
    await browser.screenshot(page, 'csp-assets-tab');
  });

  it('lists the devices on the customer record, searchable by serial number', async () => {
    const device = [...emu.estate.tenants.values()]
      .find((t) => t.displayName === LUMIERE)!
      .devices.values()
      .next().value!;
    await page.goto(`${baseUrl}/customers/${customerId}`);
    const assets = page.getByRole('region', { name: 'Assets' });
    await assets.getByLabel('Search assets').fill(String(device.serialNumber));
    // The header row and the one device with that serial number.
    await expect.poll(() => assets.getByRole('row').count(), { timeout: 10_000 }).toBe(2);
    await assets
      .getByRole('row')
      .filter({ hasText: String(device.deviceName) })
      .waitFor();
    await browser.screenshot(page, 'customer-assets');
  });

  it("opens an asset's detail with its mapped fields, and finds it among every customer's assets", async () => {
    const device = [...emu.estate.tenants.values()]
      .find((t) => t.displayName === LUMIERE)!
      .devices.values()
      .next().value!;
    await page.goto(`${baseUrl}/assets`);
    await page.getByLabel('Search assets').fill(String(device.serialNumber));
    await expect.poll(() => page.getByRole('grid', { name: 'Assets' }).getByRole('row').count()).toBe(2);
    await page
      .getByRole('row')
      .filter({ hasText: String(device.deviceName) })
      .getByText('Lumière (desk)')
      .waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: String(device.deviceName) })
      .click();
    await page.getByRole('heading', { name: String(device.deviceName) }).waitFor();
    const fields = page.getByRole('region', { name: 'Fields' });
    await fields.getByText(String(device.model)).waitFor();
    await browser.screenshot(page, 'asset-detail');
  });
});
