import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenLicenceEstate } from '../api/licence-insight/fixtures.js';
import { givenAgentWithPassword, signInWithPassword } from './support/accounts.js';
import { launchBrowser, type TestBrowser } from './support/browser.js';
import { startE2eServer, type E2eServer } from './support/server.js';

const ADMIN = { email: 'ria@msp.example', name: 'Ria Reports', password: 'a long enough passphrase' };

/** The weekly report's e-mail recipients in the console, sent through a real SMTP server. */
describe('licence insight report by e-mail (console)', () => {
  let server: E2eServer;
  let browser: TestBrowser;
  let page: Page;
  let smtp: SMTPServer;
  const received: string[][] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    server = await startE2eServer({
      config: {
        smtp: { host: '127.0.0.1', port, requireTls: false, from: 'Rollcall <rollcall@msp.example>' },
      },
    });
    const db = server.app.deps.db;
    await givenAgentWithPassword(db, { ...ADMIN, permissions: ['customers.read', 'settings.manage'] });
    await givenLicenceEstate(db, server.app.deps.secrets);
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInWithPassword(page, server.baseUrl, ADMIN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
  });

  it('saves recipients, refuses a bad one beside the field, and Send now e-mails them', async () => {
    await page.goto(`${server.baseUrl}/licence-insight`);
    const recipients = page.getByLabel('E-mail recipients');
    await recipients.fill('it-team@customer.example\nnot-an-address');
    await page.getByRole('button', { name: 'Save report settings' }).click();
    await page
      .getByText('emailRecipients entries must be e-mail addresses, e.g. it-team@example.com')
      .waitFor();

    await recipients.fill('it-team@customer.example\nboss@msp.example');
    await page.getByRole('button', { name: 'Save report settings' }).click();
    await page.getByText('Saved.').waitFor();

    await page.getByRole('button', { name: 'Send now' }).click();
    const accepted = page.getByText('E-mail accepted by the SMTP server.');
    await expect.poll(() => accepted.count()).toBe(2);
    expect(received).toEqual([['it-team@customer.example', 'boss@msp.example']]);
    await browser.screenshot(page, 'licence-insight-report-email');
  });
});
