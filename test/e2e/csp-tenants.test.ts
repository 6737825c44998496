import { createServer } from 'node:net';
import { like } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { DEMO_PASSWORD } from '../../src/emulator/identity/passwords.js';
import { createConnectionRepository, createCustomerRepository, schema } from '../../src/store/index.js';
import { connectAsUser, REDIRECT_URI } from '../microsoft/sign-in.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { emulatorEndpoints, startEmulator } from '../support/emulator.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { ensureWebBuilt } from './support/web-build.js';

const ADMIN = { email: 'cara@msp.example', name: 'Cara Csp', password: 'a long enough passphrase' };
const PC_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation offline_access';

/** A free loopback port: Rollcall's public URL (the consent redirect URI) must be known before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A user of `tenantId` who can sign in on the emulator's pages. */
function loginOf(emu: Emulator, tenantId: string): string {
  const tenant = emu.estate.tenant(tenantId)!;
  const user = [...tenant.users.values()].find((u) => u.props.accountEnabled !== false)!;
  return user.props.userPrincipalName as string;
}

describe('the Tenants tab of a CSP connection', () => {
  let emu: Emulator;
  let app: TestApp;
  let baseUrl: string;
  let browser: TestBrowser;
  let page: Page;
  let tabUrl: string;
  const tenantIds: Record<string, string> = {};

  const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
  const lumiereCustomers = async () =>
    (
      await app.deps.db
        .select({ name: schema.customers.name })
        .from(schema.customers)
        .where(like(schema.customers.name, 'Lumière%'))
    )
      .map((c) => c.name)
      .sort();

  beforeAll(async () => {
    emu = await startEmulator({ preset: 'demo', listen: true });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const partnerTenantId = emu.estate.partnerTenantId!;
    const apps = emu.info().apps;
    const partnerApp = apps.find((a) => a.kind === 'partner')!;
    const gdap = apps.find((a) => a.kind === 'gdap')!;
    for (const [clientId, uris] of [
      [partnerApp.clientId, [REDIRECT_URI]],
      [gdap.clientId, [`${baseUrl}/api/csp/tenants/consent-callback`]],
    ] as const) {
      const res = await emu.inject({
        method: 'POST',
        url: `/_emulator/apps/${clientId}/redirect-uris`,
        body: { uris },
      });
      expect(res.status).toBe(200);
    }
    // "Authorise" on the Details tab, done here: the Partner Center app's refresh token.
    const refreshToken = await connectAsUser(emu, {
      tenantId: partnerTenantId,
      clientId: partnerApp.clientId,
      clientSecret: partnerApp.clientSecret,
      login: loginOf(emu, partnerTenantId),
      scope: PC_SCOPE,
    });
    for (const t of emu.estate.tenants.values())
      if (t.id !== partnerTenantId) tenantIds[t.displayName] = t.id;

    await ensureWebBuilt();
    const info = emu.info();
    app = await startTestApp({
      config: {
        publicUrl: baseUrl,
        microsoft: emulatorEndpoints(info),
      },
    });
    await app.app.listen({ port, host: '127.0.0.1' });
    const db = app.deps.db;
    await givenAgentWithPassword(db, { ...ADMIN, permissions: ['administrator'] });
    const customers = createCustomerRepository(db);
    await customers.create({ name: 'Nordlys Shipping' });
    await customers.create({ name: 'Smile Clinics of Contoso' });
    const connection = await createConnectionRepository(db, app.deps.secrets).create({
      kind: 'csp',
      name: 'Our partner tenant',
      tenantId: partnerTenantId,
      clientId: partnerApp.clientId,
      settings: { gdapClientId: gdap.clientId },
      secrets: {
        clientSecret: partnerApp.clientSecret,
        refreshToken,
        gdapClientSecret: gdap.clientSecret,
      },
    });
    // Where the CSP connection page shows this tab (and where the consent callback lands).
    tabUrl = `${baseUrl}/integrations/csp/${connection.id}?tab=tenants`;

    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, baseUrl, ADMIN);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await emu?.close();
  });

  it('invites a first sync, then lists the tenants with the run counts and the GDAP expiry warning', async () => {
    await page.goto(tabUrl);
    await page.getByRole('heading', { name: 'No tenants synced yet' }).waitFor();
    await browser.screenshot(page, 'csp-tenants-empty');
    await page.getByRole('button', { name: 'Sync tenants now' }).click();
    await page.getByText('Tenants: 5 added').waitFor();

    const lumiere = row('Lumière Architectes SARL');
    await lumiere.waitFor();
    // Said in words (a badge's colour only repeats it), with the end date and the days left.
    await expect.poll(() => lumiere.getByText(/Expiring .*days? left/).count()).toBe(1);
    // Its default domain, read from Microsoft.
    await expect.poll(() => lumiere.getByText(/^lumiere[\w-]*\.[\w.]+$/).count()).toBe(1);
    await expect
      .poll(() =>
        row('Bäckerei Fabrikam GmbH')
          .getByText(/^Active$/)
          .count(),
      )
      .toBe(1);
    await expect.poll(() => page.getByRole('columnheader', { name: 'Roles granted' }).count()).toBe(1);
  });

  it('shows a suggested customer without applying it, and uses it when asked', async () => {
    const nordlys = row('Nordlys Shipping AS');
    await nordlys.getByText('Not mapped').waitFor();
    await expect.poll(() => nordlys.getByText('Suggested:').count()).toBe(1);
    await nordlys
      .getByRole('button', { name: 'Use suggestion Nordlys Shipping for Nordlys Shipping AS' })
      .click();
    await nordlys.getByText('Mapped to Nordlys Shipping.').waitFor();
    await nordlys.getByText('✓ Mapped', { exact: true }).waitFor();
    expect(await nordlys.getByText('Suggested:').count()).toBe(0);
  });

  it('marks one tenant Do not import and maps another to a customer picked by name', async () => {
    await page.getByRole('button', { name: 'Map Tailspin Logistics Ltd' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mapping of Tailspin Logistics Ltd' });
    await dialog.getByText('Do not import', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Save mapping' }).click();
    await row('Tailspin Logistics Ltd').getByText('Do not import').waitFor();

    await page.getByRole('button', { name: 'Map Contoso Dental Group' }).click();
    const mapDental = page.getByRole('dialog', { name: 'Mapping of Contoso Dental Group' });
    await mapDental.getByRole('combobox', { name: 'Customer' }).fill('Smile');
    await page.getByRole('option', { name: 'Smile Clinics of Contoso' }).click();
    await mapDental.getByText('Exclude this tenant from the Intune asset import').click();
    await mapDental.getByRole('button', { name: 'Save mapping' }).click();
    const dental = row('Contoso Dental Group');
    await dental.getByText('Smile Clinics of Contoso').waitFor();
    await expect.poll(() => dental.getByText('excluded from Intune assets').count()).toBe(1);
    await browser.screenshot(page, 'csp-tenants-mapped');
  });

  it('explains a failed access test, then grants admin consent as a native administrator and proves access', async () => {
    const dental = row('Contoso Dental Group');
    await dental.getByRole('button', { name: 'Test access to Contoso Dental Group' }).click();
    await dental.getByText(/Access failed/).waitFor();
    expect(await dental.getByText('AADSTS7000229').count()).toBeGreaterThan(0);
    expect(await dental.getByText(/^Fix: /).count()).toBeGreaterThan(0);

    await dental.getByRole('button', { name: 'Grant admin consent for Contoso Dental Group' }).click();
    // Microsoft's (the emulator's) sign-in and consent pages, in the same window.
    await page.getByLabel('Email or username').fill(loginOf(emu, tenantIds['Contoso Dental Group']!));
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL(
      (url) => url.href.startsWith(baseUrl) && url.searchParams.get('consent') === 'granted',
    );
    expect(new URL(page.url()).searchParams.get('tenant')).toBe(tenantIds['Contoso Dental Group']);
    await page.getByText('Admin consent granted for Contoso Dental Group').waitFor();
    await row('Contoso Dental Group').getByText('✓ Granted').waitFor();

    await row('Contoso Dental Group')
      .getByRole('button', { name: 'Test access to Contoso Dental Group' })
      .click();
    await page.getByText('Access works: read the directory of Contoso Dental Group.').waitFor();
    await browser.screenshot(page, 'csp-tenants-consented');
  });

  it('saves the tenant settings, warning about duplicates before creating customers from new tenants', async () => {
    await page.getByText('GDAP only', { exact: true }).click();
    await page.getByText('Create new customers from new tenants (integrator only)').click();
    await page.getByRole('status').filter({ hasText: 'this may create a duplicate' }).waitFor();
    await page.getByRole('button', { name: 'Save tenant settings' }).click();
    await page.getByText('Tenant settings saved.').waitFor();
    await page.reload();
    const created = page.getByRole('checkbox', {
      name: 'Create new customers from new tenants (integrator only)',
    });
    await created.waitFor({ state: 'attached' });
    expect(await created.isChecked()).toBe(true);
  });

  it('warns that a new customer may duplicate one, creates it when confirmed, and removes the mapping again', async () => {
    await createCustomerRepository(app.deps.db).create({ name: 'Lumière Architectes' });
    await page.goto(tabUrl);
    await page.getByRole('button', { name: 'Map Lumière Architectes SARL' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mapping of Lumière Architectes SARL' });
    await dialog.getByText('Create a new customer from this tenant', { exact: true }).click();
    expect(await dialog.getByLabel("New customer's name").inputValue()).toBe('Lumière Architectes SARL');
    await dialog.getByRole('button', { name: 'Save mapping' }).click();
    // The duplicate guard: nothing is created until a person confirms.
    const warning = dialog.getByText('This may duplicate a customer');
    await warning.waitFor();
    expect(await dialog.getByText(/Lumière Architectes/).count()).toBeGreaterThan(0);
    expect(await lumiereCustomers()).toEqual(['Lumière Architectes']);
    await browser.screenshot(page, 'csp-tenants-duplicate-warning');
    await dialog.getByRole('button', { name: 'Create the customer anyway' }).click();
    const lumiere = row('Lumière Architectes SARL');
    await lumiere.getByText('✓ Mapped', { exact: true }).waitFor();
    expect(await lumiereCustomers()).toEqual(['Lumière Architectes', 'Lumière Architectes SARL']);

    await page.getByRole('button', { name: 'Change mapping of Lumière Architectes SARL' }).click();
    await page
      .getByRole('dialog', { name: 'Mapping of Lumière Architectes SARL' })
      .getByRole('button', { name: 'Remove mapping' })
      .click();
    await row('Lumière Architectes SARL').getByText('Not mapped').waitFor();
  });
});
