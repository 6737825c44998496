import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PcSubscriptionWithPending } from '../../src/emulator/partner-center/records.js';
import { startSubscriptionWorld, type SubscriptionWorld } from '../api/subscriptions/subscription-world.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { ensureWebBuilt } from './support/web-build.js';

const ADMIN = { email: 'bea@msp.example', name: 'Bea Billing', password: 'a long enough passphrase' };

/** Today (UTC) and the calendar month around it: the invoice bills monthly on the 1st. */
function monthOf(now: Date) {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return {
    today: iso(now),
    first: iso(new Date(Date.UTC(y, m, 1))),
    last: iso(new Date(Date.UTC(y, m, days))),
    days,
    daysLeft: days - now.getUTCDate() + 1,
    /** The last day of this month next year: a term co-termed to a month end. */
    coTermEnd: new Date(Date.UTC(y + 1, m + 1, 0)).toISOString(),
  };
}

/**
 * Issue 7 billing in the console (guide 002 "Import Products and Create Invoice Lines"): the CSP
 * connection's setting, a customer's recurring invoice, a subscription bought in Partner Center
 * landing on it with a pro-rata line, a product's price, and an older subscription added by hand.
 */
describe('Products and recurring invoices in the console', () => {
  let w: SubscriptionWorld;
  let browser: TestBrowser;
  let page: Page;
  let baseUrl: string;
  let month: ReturnType<typeof monthOf>;
  let invoiceUrl: string;
  let bought: PcSubscriptionWithPending;

  beforeAll(async () => {
    await ensureWebBuilt();
    w = await startSubscriptionWorld({ listen: true });
    // What the desk had before billing was switched on: bought a month ago or more.
    for (const sub of w.pcSubscriptions()) w.purchasedDaysAgo(sub, 40);
    await w.importSubscriptions();
    month = monthOf(new Date(w.emu.clock.now()));
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

  it('switches the CSP connection to import products and create invoice lines', async () => {
    await page.goto(`${baseUrl}/integrations/csp/${w.connection.id}`);
    const card = page.getByRole('region', { name: 'Products and invoice lines', exact: true });
    await card.getByText('Do not import', { exact: true }).waitFor();
    expect(await card.getByRole('radio', { name: 'Do not import' }).isChecked()).toBe(true);
    await card.getByText('Import products and create invoice lines', { exact: true }).click();
    await card
      .getByText(`Subscriptions bought from ${month.today} are added to recurring invoices`)
      .waitFor();
    expect(
      await card.getByRole('radio', { name: 'Import products and create invoice lines' }).isChecked(),
    ).toBe(true);
    await browser.screenshot(page, 'billing-connection-setting');

    // The subscriptions already there become products (a background job), not billed by themselves.
    await page.goto(`${baseUrl}/products?customerId=${w.customerId}`);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page
            .getByText(/Showing|No results/)
            .first()
            .waitFor();
          return page
            .getByRole('grid', { name: 'Products' })
            .getByRole('row')
            .filter({ hasText: 'before invoice lines were switched on' })
            .count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(w.pcSubscriptions().length);
    await browser.screenshot(page, 'billing-products');
  });

  it('creates a monthly recurring invoice on the customer record, explaining bad input by field', async () => {
    await page.goto(`${baseUrl}/customers/${w.customerId}`);
    const section = page.getByRole('region', { name: 'Recurring invoices', exact: true });
    await section.getByText('No recurring invoices yet').waitFor();
    await section.getByRole('button', { name: 'New recurring invoice' }).click();
    const dialog = page.getByRole('dialog', { name: 'New recurring invoice' });
    await dialog.getByRole('textbox', { name: 'Reference' }).fill('Monthly');
    await dialog.getByRole('textbox', { name: 'First period starts' }).fill(month.first);
    await dialog.getByRole('textbox', { name: 'Currency' }).fill('pounds');
    await dialog.getByRole('button', { name: 'Create invoice' }).click();
    await dialog.getByText('currency must be a three-letter ISO 4217 code such as GBP').waitFor();
    await dialog.getByRole('textbox', { name: 'Currency' }).fill('GBP');
    await dialog.getByRole('button', { name: 'Create invoice' }).click();
    await page.getByRole('heading', { name: 'Monthly', level: 1 }).waitFor();
    invoiceUrl = page.url();
    const schedule = page.getByRole('region', { name: 'Schedule' });
    await schedule.getByText(`${month.first} – ${month.last}`).waitFor();
    await page.getByText('No lines yet').waitFor();
  });

  it('shows a subscription bought in Partner Center on the invoice with its pro-rata line', async () => {
    const before = new Set(w.pcSubscriptions().map((s) => s.props.id));
    const res = await w.emu.inject({
      method: 'POST',
      url: `/_emulator/tenants/${w.tenantId}/skus`,
      body: { sku: 'EMS', enabled: 4 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    bought = w.pcSubscriptions().find((s) => !before.has(s.props.id))!;
    // A year's term billed monthly, co-termed to a month end: billing periods start on the 1st.
    bought.props.commitmentEndDate = month.coTermEnd;
    bought.props.billingCycle = 'monthly';
    await w.importSubscriptions();

    await page.goto(invoiceUrl);
    const lines = page.getByRole('grid', { name: 'Invoice lines' });
    const rows = lines.getByRole('row');
    await rows.filter({ hasText: 'Recurring' }).first().waitFor();
    const recurring = rows.filter({ hasText: 'Recurring' }).filter({ hasText: 'Every period' });
    const proRata = rows.filter({ hasText: 'Pro-rata' });
    expect(await recurring.count()).toBe(1);
    expect(await proRata.count()).toBe(1);
    expect(await recurring.textContent()).toContain('Whole period');
    const proRataText = (await proRata.textContent()) ?? '';
    expect(proRataText).toContain('One-off');
    expect(proRataText).toContain(`${month.daysLeft}/${month.days} days`);
    expect(proRataText).toContain(`${month.today} – ${month.last}`);
    // No price was imported: both lines say so, and so does the invoice.
    expect(await recurring.getByText('No price').count()).toBeGreaterThan(0);
    await page.getByText('2 lines have no price').waitFor();
    await browser.screenshot(page, 'billing-invoice-lines');
  });

  it('sets a product’s price on the desk and the invoice lines take it', async () => {
    const name = String(bought.props.friendlyName).trim();
    await page.goto(`${baseUrl}/products`);
    await page.getByRole('searchbox', { name: 'Search products' }).fill(name);
    const row = page.getByRole('row').filter({ hasText: 'On an invoice without a price' });
    await row.first().waitFor();
    await row.first().getByRole('rowheader').click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Subscription' }).getByText('4', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Set price' }).click();
    const dialog = page.getByRole('dialog', { name: `Price of ${name}` });
    await dialog.getByText('A price typed here is kept over the pricing import’s').waitFor();
    await dialog.getByRole('textbox', { name: 'Price per month' }).fill('9.6');
    await dialog.getByRole('textbox', { name: 'Currency' }).fill('GBP');
    await dialog.getByRole('button', { name: 'Save price' }).click();
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByText('£9.60 a month').waitFor();
    await details.getByText('Set on the desk').waitFor();

    // The next sync prices the recurring line; the pro-rata line's price is set on the line.
    await w.importSubscriptions();
    await page.goto(invoiceUrl);
    const rows = page.getByRole('grid', { name: 'Invoice lines' }).getByRole('row');
    const recurring = rows.filter({ hasText: 'Every period' });
    await recurring.getByText('£38.40').waitFor();
    const proRata = rows.filter({ hasText: 'Pro-rata' });
    await proRata.getByRole('button', { name: /^Edit line/ }).click();
    const edit = page.getByRole('dialog', { name: /^Edit line/ });
    await edit.getByRole('textbox', { name: /^Unit price/ }).fill('9.6');
    await edit.getByRole('button', { name: 'Save line' }).click();
    const expected = Math.round(4 * 9.6 * (month.daysLeft / month.days) * 100) / 100;
    await proRata.getByText(`£${expected.toFixed(2)}`).waitFor();
    expect(await page.getByText(/lines? ha(s|ve) no price/).count()).toBe(0);
  });

  it('adds a subscription bought before invoice lines were switched on from the customer’s subscriptions', async () => {
    await page.goto(`${baseUrl}/customers/${w.customerId}`);
    const older = page
      .getByRole('grid', { name: 'Subscriptions' })
      .getByRole('row')
      .filter({ hasText: 'before invoice lines were switched on' });
    const add = older.first().getByRole('button', { name: /^Add .* to a recurring invoice$/ });
    await page
      .getByRole('region', { name: 'Recurring invoices', exact: true })
      .getByRole('rowheader', { name: 'Monthly' })
      .waitFor();
    await browser.screenshot(page, 'billing-customer-subscriptions');
    await add.waitFor();
    const label = (await add.getAttribute('aria-label'))!;
    const name = label.replace(/^Add /, '').replace(/ to a recurring invoice$/, '');
    await add.click();
    const dialog = page.getByRole('dialog', { name: `Add to recurring invoice: ${name}` });
    // By default the newest invoice billing on its schedule: this one bills annually, the invoice monthly.
    await dialog.getByRole('button', { name: 'Add to invoice' }).click();
    await dialog
      .getByText(/The customer has no active recurring invoice billing .*name one \(invoiceId\)/)
      .first()
      .waitFor();
    await dialog.getByRole('button', { name: /Recurring invoice$/ }).click();
    await page.getByRole('option', { name: /^Monthly \(Monthly, next / }).click();
    await dialog.getByRole('button', { name: 'Add to invoice' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: label }).waitFor({ state: 'detached' });

    await page.goto(invoiceUrl);
    const rows = page.getByRole('grid', { name: 'Invoice lines' }).getByRole('row');
    await rows.filter({ hasText: name }).filter({ hasText: 'Every period' }).waitFor();
  });
});
