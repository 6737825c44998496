import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConnectionImport } from '../../src/api/integrations/entra/run-import.js';
import type { Emulator } from '../../src/emulator/index.js';
import {
  createConnectionRepository,
  createCustomerRepository,
  createOutboundActionRepository,
} from '../../src/store/index.js';
import { call, givenAgent } from '../api/access/fixtures.js';
import { authorisePartnerUser } from '../microsoft/sign-in.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { emulatorEndpoints, startEmulator } from '../support/emulator.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { ensureWebBuilt } from './support/web-build.js';

const ADMIN = { email: 'lou@msp.example', name: 'Lou Logs', password: 'a long enough passphrase' };
const BAKERY = 'Bäckerei Fabrikam GmbH';
const DENTAL = 'Contoso Dental Group';
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.never-on-screen';

/**
 * Guide 002's logs of a CSP connection in the console: the licence import type on Details, Runs
 * and Inbound Requests of a real users import filtered by tenant, and an Outbound Request's
 * request and response (without its credentials). The tabs are `?tab=runs|inbound|outbound`.
 */
describe('the logs of a CSP connection', () => {
  let emu: Emulator;
  let app: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let connectionUrl: string;
  let someone: string;

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'demo', listen: true });
    const partnerTenantId = emu.estate.partnerTenantId!;
    const apps = emu.info().apps;
    const partnerApp = apps.find((a) => a.kind === 'partner')!;
    const gdap = apps.find((a) => a.kind === 'gdap')!;
    const { refreshToken } = await authorisePartnerUser(emu);
    const tenantIds = Object.fromEntries([...emu.estate.tenants.values()].map((t) => [t.displayName, t.id]));

    await ensureWebBuilt();
    const info = emu.info();
    app = await startTestApp({
      config: {
        microsoft: emulatorEndpoints(info),
      },
    });
    const baseUrl = await app.app.listen({ port: 0, host: '127.0.0.1' });
    const db = app.deps.db;
    await givenAgentWithPassword(db, { ...ADMIN, permissions: ['administrator'] });
    const connection = await createConnectionRepository(db, app.deps.secrets).create({
      kind: 'csp',
      name: 'Partner with logs',
      tenantId: partnerTenantId,
      clientId: partnerApp.clientId,
      settings: { gdapClientId: gdap.clientId },
      secrets: { clientSecret: partnerApp.clientSecret, refreshToken, gdapClientSecret: gdap.clientSecret },
    });
    connectionUrl = `${baseUrl}/integrations/csp/${connection.id}`;

    // What the Tenants and Users tabs would do: sync, map two tenants, generate mappings, import.
    const configurer = await givenAgent(db, { permissions: ['integrations.csp.configure'] });
    const base = `/api/csp/connections/${connection.id}`;
    expect((await call(app, configurer, 'POST', `${base}/tenants/sync`)).statusCode).toBe(200);
    for (const name of [BAKERY, DENTAL]) {
      const { customer } = await createCustomerRepository(db).create({ name: `${name} (desk)` });
      const res = await call(app, configurer, 'PUT', `${base}/tenants/${tenantIds[name]}/mapping`, {
        target: { kind: 'customer', customerId: customer.id },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const generated = await call(app, configurer, 'POST', `${base}/import-config/generate-mappings`, {
      expectedVersion: 0,
    });
    expect(generated.statusCode, generated.body).toBe(200);
    const stored = await createConnectionRepository(db, app.deps.secrets).findById(connection.id);
    await runConnectionImport(app.deps, stored!, { module: 'users', trigger: 'manual', dryRun: false });
    someone = [...emu.estate.tenant(tenantIds[BAKERY]!)!.users.values()].find(
      (u) => u.props.accountEnabled !== false && u.props.userType !== 'Guest',
    )!.props.displayName as string;

    // A licence change a workflow recorded and the worker sent (as later issues will).
    const outbox = createOutboundActionRepository(db);
    const { action } = await outbox.enqueue({
      idempotencyKey: 'e2e:licence-assign',
      connectionId: connection.id,
      tenantId: tenantIds[BAKERY]!,
      kind: 'licence.assign',
      payload: { userPrincipalName: 'ada@bakery.example', skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3' },
    });
    await outbox.recordAttempt(action.id, {
      status: 'succeeded',
      request: {
        method: 'POST',
        url: 'https://graph.microsoft.com/v1.0/users/ada@bakery.example/assignLicense',
        headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
        body: { addLicenses: [{ skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3' }], removeLicenses: [] },
      },
      response: { status: 200, headers: { 'request-id': 'r-1' }, body: { id: 'ada-object-id' } },
    });

    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, baseUrl, ADMIN);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await emu?.close();
  });

  it('sets the licence import type on the Details tab', async () => {
    await page.goto(`${connectionUrl}?tab=details`);
    const details = page.locator('dl').filter({ hasText: 'Licence import type' });
    await details.getByText('Subscribed SKUs (default)').waitFor();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('button', { name: /Licence import type$/ }).click();
    await page.getByRole('option', { name: /^Subscriptions/ }).click();
    await page.getByRole('button', { name: 'Save connection' }).click();
    await page
      .locator('dl')
      .filter({ hasText: 'Licence import type' })
      .getByText('Subscriptions', { exact: true })
      .waitFor();
  });

  it("lists each tenant's runs and filters them by tenant", async () => {
    await page.goto(`${connectionUrl}?tab=runs`);
    const runs = page.getByRole('grid', { name: 'Import runs' });
    await runs
      .getByRole('row')
      .filter({ hasText: new RegExp(DENTAL) })
      .first()
      .waitFor();
    await runs
      .getByRole('row')
      .filter({ hasText: new RegExp(BAKERY) })
      .first()
      .waitFor();
    await page.getByRole('combobox', { name: 'Tenant' }).fill('Bäck');
    await page.getByRole('option', { name: BAKERY }).click();
    await expect
      .poll(() =>
        runs
          .getByRole('row')
          .filter({ hasText: new RegExp(DENTAL) })
          .count(),
      )
      .toBe(0);
    expect(
      await runs
        .getByRole('row')
        .filter({ hasText: new RegExp(BAKERY) })
        .count(),
    ).toBeGreaterThan(0);
    await browser.screenshot(page, 'csp-runs');
  });

  it('finds an imported user in Inbound Requests, with the tenant it came from', async () => {
    await page.goto(`${connectionUrl}?tab=inbound`);
    await page.getByLabel('Search by name or Microsoft id').fill(someone);
    const row = page
      .getByRole('grid', { name: 'Inbound requests' })
      .getByRole('row')
      .filter({ hasText: new RegExp(someone) });
    await row.first().waitFor();
    await expect.poll(() => row.first().getByRole('gridcell', { name: BAKERY, exact: true }).count()).toBe(1);
    await browser.screenshot(page, 'csp-inbound');
  });

  it("shows an outbound request's request and Microsoft's response, never its token", async () => {
    await page.goto(`${connectionUrl}?tab=outbound`);
    const row = page
      .getByRole('grid', { name: 'Outbound requests' })
      .getByRole('row')
      .filter({ hasText: /licence\.assign/ });
    await row.getByText('Succeeded').waitFor();
    await row.getByText(BAKERY).waitFor();
    await row.getByRole('button', { name: /Request and response of licence\.assign/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('region', { name: 'Response from Microsoft' })
      .getByText(/HTTP 200/)
      .waitFor();
    expect(
      await dialog
        .getByRole('region', { name: 'Request sent' })
        .getByText(/assignLicense/)
        .count(),
    ).toBeGreaterThan(0);
    const text = await dialog.textContent();
    expect(text).not.toContain(TOKEN);
    expect(text?.toLowerCase()).not.toContain('authorization');
    await browser.screenshot(page, 'csp-outbound-detail');
  });
});
