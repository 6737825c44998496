import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectionConsumption } from '../../src/api/integrations/consumption/index.js';
import type { Emulator } from '../../src/emulator/index.js';
import {
  createConnectionRepository,
  createCustomerRepository,
  type ConnectionSummary,
} from '../../src/store/index.js';
import { call, givenAgent, type Caller } from '../api/access/fixtures.js';
import { authorisePartnerUser } from '../microsoft/sign-in.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { emulatorEndpoints, startEmulator } from '../support/emulator.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { ensureWebBuilt } from './support/web-build.js';

const ADMIN = { email: 'cody@msp.example', name: 'Cody Consumption', password: 'a long enough passphrase' };
const TAILSPIN = 'Tailspin Logistics Ltd';

describe('the Consumption tab of a CSP connection', () => {
  let emu: Emulator;
  let app: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let configurer: Caller;
  let connection: ConnectionSummary;
  let baseUrl: string;

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'demo', listen: true });
    emu.behaviour.partnerBilling.pollsBeforeReady = 0;
    const partnerTenantId = emu.estate.partnerTenantId!;
    const apps = emu.info().apps;
    const partnerApp = apps.find((a) => a.kind === 'partner')!;
    const gdap = apps.find((a) => a.kind === 'gdap')!;
    const { refreshToken } = await authorisePartnerUser(emu);
    const tailspin = [...emu.estate.tenants.values()].find((t) => t.displayName === TAILSPIN)!.id;
    // A known day of usage, so the charge can be read to the penny.
    const added = await emu.inject({
      method: 'POST',
      url: `/_emulator/partner-center/customers/${tailspin}/usage`,
      body: {
        meterCategory: 'Azure Firewall',
        meterName: 'Standard Deployment',
        unit: '1 Hour',
        quantity: 10,
        unitPrice: 1.5,
        usageDate: new Date(emu.clock.now()).toISOString().slice(0, 10),
      },
    });
    expect(added.status).toBe(201);

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
    connection = await createConnectionRepository(db, app.deps.secrets).create({
      kind: 'csp',
      name: 'Our partner tenant',
      tenantId: partnerTenantId,
      clientId: partnerApp.clientId,
      settings: { gdapClientId: gdap.clientId },
      secrets: { clientSecret: partnerApp.clientSecret, refreshToken, gdapClientSecret: gdap.clientSecret },
    });
    const synced = await call(app, configurer, 'POST', `/api/csp/connections/${connection.id}/tenants/sync`);
    expect(synced.statusCode, synced.body).toBe(200);
    const { customer } = await createCustomerRepository(db).create({ name: 'Tailspin' });
    const mapped = await call(
      app,
      configurer,
      'PUT',
      `/api/csp/connections/${connection.id}/tenants/${tailspin}/mapping`,
      { target: { kind: 'customer', customerId: customer.id } },
    );
    expect(mapped.statusCode, mapped.body).toBe(200);
    const result = await runConnectionConsumption(
      { db, secrets: app.deps.secrets, microsoft: app.deps.microsoft },
      connection,
      { trigger: 'manual' },
    );
    expect(result.status, JSON.stringify(result.error)).toBe('succeeded');

    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, baseUrl, ADMIN);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await emu?.close();
  });

  it('maps a meter category with a markup, and shows the customer’s usage charged by it', async () => {
    await page.goto(`${baseUrl}/integrations/csp/${connection.id}?tab=consumption`);
    await page.getByRole('heading', { name: 'Meter category mappings' }).waitFor();
    await page.getByText('No mappings yet: nothing is billed.').waitFor();
    await page.getByRole('button', { name: 'Add mapping' }).click();
    const row = page.getByRole('group', { name: 'Mapping 1' });
    await row.getByLabel('Meter category').fill('Azure Firewall');
    await row.getByLabel('Invoice line description').fill('Managed firewall');
    await row.getByLabel('Markup %').fill('20');
    await page.getByRole('button', { name: 'Save mappings' }).click();
    await page.getByText('Saved. The next consumption run bills with these mappings.').waitFor();

    await page.getByRole('button', { name: /Customer/ }).click();
    await page.getByRole('option', { name: 'Tailspin' }).click();
    const table = page.getByRole('grid', { name: 'Usage by meter category' });
    const firewall = table.getByRole('row', { name: /Azure Firewall/ });
    await firewall.waitFor();
    // 10 h × 1.50 = 15.00 cost, + 20% = 18.00 charged.
    await firewall.getByText('Managed firewall (own row)').waitFor();
    expect(await firewall.textContent()).toMatch(/15\.00.*18\.00/);
    await table
      .getByRole('row', { name: /Virtual Machines/ })
      .getByText('Not mapped: not billed')
      .waitFor();
    await browser.screenshot(page, 'csp-consumption');

    const saved = await call(
      app,
      configurer,
      'GET',
      `/api/csp/connections/${connection.id}/consumption-mappings`,
    );
    expect(saved.json()).toMatchObject({
      version: 1,
      config: {
        mappings: [{ meterCategory: 'Azure Firewall', markupPercent: 20, description: 'Managed firewall' }],
      },
    });
  });
});
