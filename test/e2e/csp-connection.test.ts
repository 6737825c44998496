import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/emulator/identity/passwords.js';
import type { Emulator } from '../../src/emulator/index.js';
import { emulatorEndpoints, startEmulator } from '../support/emulator.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { email: 'ada@msp.example', name: 'Ada Admin', password: 'a long enough passphrase' };
const CONNECTION = 'Northwind partner';
const MICROSOFT_MS = 30_000;

interface Registered {
  clientId: string;
  clientSecret: string;
}

describe('Microsoft CSP in the console: connect a partner and authorise it', () => {
  let emulator: Emulator;
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let partnerTenantId: string;
  let partnerUpn: string;
  let pc: Registered;
  let gdap: Registered;

  async function register(body: Record<string, unknown>): Promise<Registered> {
    const res = await emulator.inject({
      method: 'POST',
      url: '/_emulator/apps',
      body: { tenantId: partnerTenantId, ...body },
    });
    if (res.status !== 201) throw new Error(`app registration failed: ${JSON.stringify(res.body)}`);
    return res.body as Registered;
  }

  beforeAll(async () => {
    emulator = await startEmulator({ preset: 'demo', listen: true });
    partnerTenantId = emulator.estate.partnerTenantId!;
    const partner = emulator.estate.tenant(partnerTenantId)!;
    partnerUpn = String(
      [...partner.users.values()].find((u) => u.props.accountEnabled !== false)!.props.userPrincipalName,
    );
    const info = emulator.info();
    server = await startE2eServer({
      config: {
        microsoft: emulatorEndpoints(info),
      },
    });
    pc = await register({
      displayName: 'Rollcall Partner Center',
      kind: 'partner',
      partnerCenterScopes: ['user_impersonation'],
      graphRoles: ['DelegatedAdminRelationship.Read.All'],
      redirectUris: [`${server.baseUrl}/api/csp/connections/callback`],
    });
    gdap = await register({
      displayName: 'Northwind Service Sync',
      kind: 'gdap',
      multiTenant: true,
      graphRoles: [
        'User.Read.All',
        'Group.Read.All',
        'Directory.Read.All',
        'Organization.Read.All',
        'DeviceManagementManagedDevices.Read.All',
      ],
    });
    await givenAgentWithPassword(server.app.deps.db, {
      ...ADMIN,
      permissions: ['integrations.csp.configure'],
    });
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await emulator?.close();
  });

  it('creates a connection with both apps, showing what each app needs', async () => {
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Microsoft CSP' })
      .click();
    await page.getByRole('heading', { name: 'Partner Center is not connected' }).waitFor();
    await page.getByRole('link', { name: 'Connect a partner tenant' }).click();
    await page.getByRole('heading', { name: 'New CSP connection' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill(CONNECTION);
    await page.getByLabel('Partner tenant ID').fill('not a tenant');
    await page.getByLabel('Partner Center app: Application (client) ID').fill(pc.clientId);
    await page.getByLabel('Partner Center app: client secret value').fill(pc.clientSecret);
    await page.getByLabel('GDAP app: Application (client) ID').fill(gdap.clientId);
    await page.getByLabel('GDAP app: client secret value').fill(gdap.clientSecret);
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByText("tenantId must be the partner tenant's Directory (tenant) ID").waitFor();
    await page.getByLabel('Partner tenant ID').fill(partnerTenantId);
    await page.getByRole('button', { name: 'Create connection' }).click();

    await page.getByRole('heading', { name: CONNECTION }).waitFor();
    await page.getByRole('tab', { name: 'Details' }).waitFor();
    const pcTable = page.getByRole('table', { name: 'Partner Center app permissions' });
    // Partner Center's user_impersonation, and the Partner API's (subscription pricing, optional).
    await pcTable.getByRole('rowheader', { name: 'user_impersonation' }).first().waitFor();
    await expect.poll(() => pcTable.getByRole('rowheader', { name: 'user_impersonation' }).count()).toBe(2);
    await pcTable.getByText('Microsoft Partner Center').first().waitFor();
    await expect.poll(() => pcTable.getByText('fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd').count()).toBe(1);
    const gdapTable = page.getByRole('table', { name: 'GDAP app permissions' });
    // Six the users and assets imports need, and PartnerBilling.Read.All for consumption billing.
    await expect.poll(() => gdapTable.getByRole('rowheader').count()).toBe(7);
    await gdapTable.getByRole('rowheader', { name: 'PartnerBilling.Read.All' }).waitFor();
    await expect.poll(() => page.getByText(`${server.baseUrl}/api/csp/connections/callback`).count()).toBe(1);
    await expect.poll(() => page.getByText('Not authorised yet.').count()).toBe(1);
    expect(await page.content()).not.toContain(pc.clientSecret);
    await browser.screenshot(page, 'csp-connection-details');
  });

  it('authorises as a partner user on Microsoft’s page and shows each check passed', async () => {
    await page.getByRole('button', { name: 'Authorise', exact: true }).click();
    await page.getByLabel('Email or username').fill(partnerUpn, { timeout: MICROSOFT_MS });
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const consent = page.getByRole('heading', { name: 'Permissions requested' });
    const back = page.waitForURL((url) => url.href.startsWith(server.baseUrl), { timeout: MICROSOFT_MS });
    await Promise.race([back, consent.waitFor({ timeout: MICROSOFT_MS })]);
    if (await consent.isVisible()) await page.getByRole('button', { name: 'Accept' }).click();
    await back;

    const result = page.getByRole('group', { name: 'Authorisation result' });
    await result.getByText('Authorised: Partner Center and both app registrations are ready.').waitFor({
      timeout: MICROSOFT_MS,
    });
    await expect.poll(() => result.getByText(`signed in as ${partnerUpn}`, { exact: false }).count()).toBe(1);
    await expect.poll(() => result.getByText('OK', { exact: true }).count()).toBe(4);
    await expect.poll(() => page.getByText('Authorised by').count()).toBe(1);
    await browser.screenshot(page, 'csp-connection-authorised');
  });
});
