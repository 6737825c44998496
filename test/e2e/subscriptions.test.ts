import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookService } from '../../src/emulator/partner-center/webhooks/service.js';
import { startSubscriptionWorld, type SubscriptionWorld } from '../api/subscriptions/subscription-world.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { ensureWebBuilt } from './support/web-build.js';

const ADMIN = { email: 'quinn@msp.example', name: 'Quinn Quantity', password: 'a long enough passphrase' };
const SENT_MS = 30_000;

/**
 * Issue 7 in the console: "Adjust quantity" on a customer's CSP subscription (the window in words,
 * pending, then Partner Center's answer), and the Webhooks panel of the CSP connection.
 */
describe('CSP subscription quantities and webhooks in the console', () => {
  let w: SubscriptionWorld;
  let browser: TestBrowser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    await ensureWebBuilt();
    w = await startSubscriptionWorld({ listen: true });
    await w.importSubscriptions();
    baseUrl = w.app.config.publicUrl!;
    await givenAgentWithPassword(w.app.deps.db, { ...ADMIN, permissions: ['administrator'] });
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, baseUrl, ADMIN);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it('adds seats from the customer record and shows Partner Center’s answer', async () => {
    const sub = w.pcSubscriptions().find((s) => s.props.status === 'active')!;
    const row = await w.deskRow(sub.props.id);
    const name = String(sub.props.friendlyName);
    await page.goto(`${baseUrl}/customers/${w.customerId}`);
    await page.getByRole('button', { name: `Adjust quantity of ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Adjust quantity: ${name}` });
    await dialog.getByText(/Decreases (allowed until|reopen on)/).waitFor();
    const field = dialog.getByRole('textbox', { name: 'New quantity' });
    await field.fill(String(row.quantity + 2));
    await dialog.getByRole('button', { name: 'Change quantity' }).click();
    await dialog
      .getByText(`Partner Center confirmed ${row.quantity + 2} seats`)
      .waitFor({ timeout: SENT_MS });
    expect(sub.props.quantity).toBe(row.quantity + 2);
  });

  it('registers webhooks from the connection page and shows the validation', async () => {
    await page.goto(`${baseUrl}/integrations/csp/${w.connection.id}`);
    const panel = page.getByRole('region', { name: 'Webhooks' });
    await panel.getByText('Not registered').waitFor();
    await panel.getByRole('button', { name: 'Register webhooks' }).click();
    await panel.getByText('Registered', { exact: true }).waitFor({ timeout: SENT_MS });
    expect(webhookService(w.emu.context).registration).not.toBeNull();
    await expect
      .poll(
        async () => {
          await panel.getByRole('button', { name: 'Refresh status' }).click();
          return panel.getByText('Test event delivered: OK').count();
        },
        { timeout: SENT_MS, interval: 500 },
      )
      .toBe(1);
  });
});
